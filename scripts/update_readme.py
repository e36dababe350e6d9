"""Rewrite README.md's question table from the question registry (tests/test_cli_docs.py fails
while the two differ): python scripts/update_readme.py"""

from pathlib import Path

from sundhedsgraf.questions.registry import rewrite_readme

README = Path(__file__).resolve().parent.parent / "README.md"
README.write_text(rewrite_readme(README.read_text(encoding="utf-8")), encoding="utf-8")
print(f"wrote {README}")
