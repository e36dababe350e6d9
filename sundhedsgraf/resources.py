"""Where the package's data is: the model and the named Cypher.

A built wheel carries both inside the package (``sundhedsgraf/data/model``, ``sundhedsgraf/data/cypher``,
copied there by ``setup.py`` at build time); a checkout (and an editable install) keeps them at the
top of the repository, where contributors edit them. One function decides, so that no module guesses
paths of its own.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` ("model" or "cypher"): the packaged copy if there is one, else the checkout's."""
    packaged = PACKAGE_DIR / "data" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name
