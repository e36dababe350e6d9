"""`sundhedsgraf demo` (what `make demo` runs) on a fresh home with no configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_fixtures import run_cli

pytestmark = pytest.mark.db
PROJECT = Path(__file__).resolve().parent.parent


def test_demo_on_a_fresh_home_answers_the_two_main_questions(tmp_path):
    home = tmp_path / "home"
    r = run_cli(
        ["demo", "--out", str(tmp_path / "out"), "--as-of", "2024-06-01"], home, tmp_path, timeout=300
    )
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout
    assert "The model is valid" in out and "Loaded into the embedded server" in out
    assert "Where is Viborg Kommune represented" in out and "Kommunaldirektør, Viborg" in out
    assert "Who links Region Midtjylland and KL" in out and "Region Midtjylland —" in out
    assert "The whole map:" in out
    html = (tmp_path / "out" / "sundhedsgraf-map.html").read_text(encoding="utf-8")
    assert "Samsø Kommune" in html and "https://cdn" not in html
    assert not (tmp_path / "log").exists(), "the server must not write into the working directory"
    assert not (tmp_path / "lib").exists(), "pyvis must not write a lib/ folder into the working directory"
