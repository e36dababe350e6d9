"""Every command has help text with an example and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from sundhedsgraf.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(cmd, click.Group):
            yield full, cmd
            yield from _commands(cmd, full + " ")
        else:
            yield full, cmd


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    runner = CliRunner()
    for name, cmd in _commands(main):
        r = runner.invoke(main, [*name.split(), "--help"])
        assert r.exit_code == 0, name
        assert cmd.help and len(cmd.help) > 20, name
        if not isinstance(cmd, click.Group) and name.split()[0] != "server":
            assert "Example" in cmd.help, name
        assert f"sundhedsgraf {name.split()[0]}" in README, name


def test_version():
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and "sundhedsgraf" in r.output


def test_the_readme_question_table_is_the_registrys():
    """The README lists every question of the registry as the registry defines it (run
    `python scripts/update_readme.py` after changing a question)."""
    from sundhedsgraf.questions.registry import REGISTRY, readme_table

    assert readme_table() in README, "README.md's question table is stale: python scripts/update_readme.py"
    for name in REGISTRY:
        assert f"| `{name}" in readme_table()


def test_the_readme_table_rewriter_replaces_only_its_block():
    from sundhedsgraf.questions.registry import README_END, README_START, readme_table, rewrite_readme

    text = f"before\n{README_START}\nold\n{README_END}\nafter\n"
    assert rewrite_readme(text) == f"before\n{readme_table()}\nafter\n"
    import pytest

    with pytest.raises(ValueError, match="no"):
        rewrite_readme("no block here")
