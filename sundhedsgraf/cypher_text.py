"""Just enough Cypher lexing for two jobs: which ``$parameters`` a statement uses, and whether a
read-only command must refuse it (the first line of defence; the server is the authority: the
embedded server runs reads as a user that may only read, see docs/reliability.md).

Strings, backtick identifiers and comments are blanked out first, so a keyword inside them never
counts. The refusal check reads the statement several ways and refuses if any reading finds
something: every Unicode line break (``\\r``, ``\\u2028``, ``\\u0085``…) ends a ``//`` comment
(ArcadeDB ends one at ``\\r``), the text as sent and its NFKC form without invisible format
characters (fullwidth ``ＣＲＥＡＴＥ``, a zero-width space inside a keyword), and strings with and
without backslash escapes and doubled quotes. Refusing too much is safe; missing a write is not.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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

# Everything Unicode (and Python's str.splitlines) treats as a line break, ArcadeDB's \r included.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

#: procedures a read-only command may call (a name, or a prefix ending in ".")
READ_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.", "dbms.components")


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


# --------------------------------------------------------------------------------------------
# what a read-only command refuses

# lexer variants: (backslash escapes in strings, a doubled quote inside a string)
_VARIANTS = ((True, False), (False, False), (True, True), (False, True))

# Keywords refused wherever they stand as a keyword (not n.x, :Label, {key: …}, $param):
# write clauses, schema and administration commands, files, and committing on one's own.
_REFUSED = {
    "CREATE": "writes",
    "MERGE": "writes",
    "DELETE": "writes",
    "SET": "writes",
    "REMOVE": "writes",
    "FOREACH": "writes",
    "INSERT": "writes",
    "DROP": "changes the schema",
    "ALTER": "changes the schema",
    "RENAME": "changes the schema",
    "GRANT": "administers the server",
    "DENY": "administers the server",
    "REVOKE": "administers the server",
    "START": "administers the server",
    "STOP": "administers the server",
    "ENABLE": "administers the server",
    "DEALLOCATE": "administers the server",
    "REALLOCATE": "administers the server",
    "TERMINATE": "administers the server",
    "LOAD": "reads files",
    "TRANSACTIONS": "commits on its own",
}
_WORD = re.compile(r"[^\W\d]\w*|\S", re.UNICODE)


def _lexer(backslash: bool, doubled: bool) -> re.Pattern:
    def string(q: str) -> str:
        body = [f"[^{q}\\\\]" if backslash else f"[^{q}]"]
        if backslash:
            body.append(r"\\.")
        if doubled:
            body.append(q + q)
        return f"{q}(?:{'|'.join(body)})*{q}?"

    return re.compile(
        rf"{string(chr(39))}|{string(chr(34))}|`(?:[^`]|``)*`?|//[^\n]*|/\*.*?(?:\*/|\Z)",
        re.DOTALL,
    )


_LEXERS = {v: _lexer(*v) for v in _VARIANTS}


def readings(text: str) -> list[str]:
    """The forms of ``text`` a read-only check looks at: line breaks made ``\\n``, as sent and in
    NFKC without format characters (zero-width spaces, joiners, soft hyphens)."""
    plain = _LINE_BREAKS.sub("\n", text)
    folded = "".join(c for c in unicodedata.normalize("NFKC", plain) if unicodedata.category(c) != "Cf")
    folded = _LINE_BREAKS.sub("\n", folded)
    return [plain] if folded == plain else [plain, folded]


def _words(text: str, lexer: re.Pattern) -> list[str]:
    """The statement's words and symbols, strings and comments left out (a string stands as ``''``);
    a backtick identifier is its name in backticks."""
    out: list[str] = []
    pos = 0
    for m in lexer.finditer(text):
        out += _WORD.findall(text[pos : m.start()])
        token = m.group(0)
        if token.startswith("`"):
            out.append(token)
        elif not token.startswith("/"):
            out.append("''")
        pos = m.end()
    out += _WORD.findall(text[pos:])
    return out


def _name(word: str) -> str:
    return (
        word[1:-1].replace("``", "`")
        if word.startswith("`") and word.endswith("`") and len(word) > 1
        else word
    )


def _procedure_allowed(name: str) -> bool:
    folded = name.casefold()
    for allowed in READ_PROCEDURES:
        a = allowed.casefold()
        if folded == a or (a.endswith(".") and folded.startswith(a) and len(folded) > len(a)):
            return True
    return False


def _refusals_in(words: list[str]) -> list[str]:
    found: list[str] = []
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w.startswith("`") or prev in (".", ":", "$") or nxt == ":":
            continue  # a name: property, label, map key or parameter
        up = w.upper()
        if up in _REFUSED:
            if up in ("START", "STOP") and nxt.upper() != "DATABASE":
                continue  # STARTS WITH is a string operator; START/STOP only act on a DATABASE
            if up == "ENABLE" and nxt.upper() != "SERVER":
                continue
            shown = {"LOAD": "LOAD CSV", "TRANSACTIONS": "IN TRANSACTIONS"}.get(up, up)
            if up == "TRANSACTIONS" and prev.upper() in ("SHOW", "TERMINATE"):
                found.append(f"administers the server: {prev.upper()} TRANSACTIONS")
                continue
            if up == "DELETE" and prev.upper() in ("DETACH", "NODETACH"):
                shown = f"{prev.upper()} DELETE"
            found.append(f"{_REFUSED[up]}: {shown}")
        elif up == "CALL" and nxt and nxt != "{" and (nxt.startswith("`") or nxt[0].isalpha()):
            parts, j = [_name(nxt)], i + 2
            while j + 1 < len(words) and words[j] == ".":
                parts.append(_name(words[j + 1]))
                j += 2
            name = ".".join(parts)
            if not _procedure_allowed(name):
                found.append(f"calls a procedure that is not a read: {name}")
    return found


@functools.lru_cache(maxsize=512)
def _refusals(text: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for form in readings(text):
        for variant in _VARIANTS:
            for r in _refusals_in(_words(form, _LEXERS[variant])):
                found.setdefault(r, None)
    return tuple(found)


def refusals(text: str) -> list[str]:
    """Why a read-only command refuses ``text`` ("writes: CREATE", "calls a procedure that is not a
    read: apoc.merge.node", …), empty for a statement it runs. Procedures are allowed only from
    :data:`READ_PROCEDURES`."""
    return list(_refusals(text))


def refusal_message(text: str) -> str | None:
    """The one-line refusal for ``text``, or None."""
    found = refusals(text)
    if not found:
        return None
    what: dict[str, list[str]] = {}
    for r in found:
        kind, _, item = r.partition(": ")
        what.setdefault(kind, []).append(item)
    reasons = "; ".join(f"{kind} ({', '.join(dict.fromkeys(items))})" for kind, items in what.items())
    hint = ""
    if any(k.startswith("calls a procedure") for k in what):
        hint = f" Procedures a read may call: {', '.join(p + ('*' if p.endswith('.') else '') for p in READ_PROCEDURES)}."
    return (
        f"refused: the statement {reasons}, and this is a read-only command; nothing was sent to the "
        f"database, nothing was changed.{hint}"
    )
