"""Shared test fixtures. Unit tests need no database; database tests are marked `db`."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
MODEL = PROJECT / "model"


@pytest.fixture(scope="session")
def model():
    from sundhedsgraf.model import load_model

    return load_model(MODEL)


@pytest.fixture
def make_model(tmp_path):
    """Build a model folder in tmp: the real schema, sources and reference facts, plus the given
    fact files (name -> YAML text). Returns the folder."""

    def build(
        facts: dict[str, str], keep_real_facts: tuple[str, ...] = ("reference.yaml", "common.yaml")
    ) -> Path:
        root = tmp_path / "model"
        root.mkdir()
        for name in ("schema.yaml", "sources.yaml", "offices.yaml"):
            shutil.copy(MODEL / name, root / name)
        shutil.copytree(MODEL / "sources", root / "sources")
        (root / "facts").mkdir()
        for name in keep_real_facts:
            shutil.copy(MODEL / "facts" / name, root / "facts" / name)
        for name, text in facts.items():
            (root / "facts" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return build


# The database fixtures: one embedded server per session; see tests/db_fixtures.py.
from browser import browser  # noqa: E402, F401  (one Chromium per test module)
from db_fixtures import *  # noqa: E402, F403
