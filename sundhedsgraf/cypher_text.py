"""Just enough Cypher lexing for two jobs: which ``$parameters`` a statement uses, and whether it
contains a write clause (the first line of defence of read-only commands; the server-side
checks in :meth:`sundhedsgraf.db.connection.Graph.run_read` are the authority).

Strings, backtick identifiers and comments are blanked out first, so a keyword inside them never
counts.
"""

from __future__ import annotations

import functools
import re

_TOKEN = re.compile(
    r"""
      '(?:[^'\\]|\\.)*'?      # single-quoted string (unterminated: to the end)
    | "(?:[^"\\]|\\.)*"?      # double-quoted string
    | `(?:[^`]|``)*`?         # backtick identifier
    | //[^\n]*                # line comment
    | /\*.*?(?:\*/|\Z)        # block comment
    """,
    re.VERBOSE | re.DOTALL,
)

# A clause keyword: not part of a property access (n.set), a label or map key (:Set, {set: 1}),
# a parameter ($set) or a longer name.
_WRITE = re.compile(
    r"""(?<![\w.$:])
        (CREATE|MERGE|DETACH\s+DELETE|NODETACH\s+DELETE|DELETE|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|RENAME
         |GRANT|DENY|REVOKE|START\s+DATABASE|STOP\s+DATABASE|ENABLE\s+SERVER|DEALLOCATE|REALLOCATE)
        (?![\w:])""",
    re.VERBOSE | re.IGNORECASE,
)
_PARAM = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`((?:[^`]|``)*)`)")


def blank_literals(text: str) -> str:
    """The statement with strings, quoted identifiers and comments replaced by spaces (same length,
    so offsets still match). Parameters in backticks ($`a b`) are kept."""

    def blank(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("`") and m.start() > 0 and text[m.start() - 1] == "$":
            return s
        return re.sub(r"[^\n]", " ", s)

    return _TOKEN.sub(blank, text)


def parameters(text: str) -> set[str]:
    """The names of the ``$parameters`` a statement uses."""
    out = set()
    for m in _PARAM.finditer(blank_literals(text)):
        out.add(m.group(1) if m.group(1) is not None else m.group(2).replace("``", "`"))
    return out


def write_clauses(text: str) -> list[str]:
    """The write clauses a statement contains, upper-cased, in order (empty for a read)."""
    return list(_write_clauses(text))


@functools.lru_cache(maxsize=512)
def _write_clauses(text: str) -> tuple[str, ...]:
    # cached: a named query is checked on every run, and scanning represented's text costs ~1 ms
    return tuple(re.sub(r"\s+", " ", m.group(1)).upper() for m in _WRITE.finditer(blank_literals(text)))
