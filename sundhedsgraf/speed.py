"""Small helpers for speed that several modules share."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that allocates millions of objects and
    frees none of them in cycles (compiling a model, turning it into rows). Each full collection
    walks every live object, so with a large model in memory they cost a third of the time (measured:
    load_model 12.0 -> 8.5 s CPU at synth scale 4, rows 2.7 -> 1.2 s). Reference counting still frees
    everything as usual; the collector resumes afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
