"""YAML read with line numbers, and the list of problems that validation collects.

Every mapping read from a model file remembers the line it starts on, so a problem is reported as
``file:line: what is wrong and the fix``, one line each, however malformed the input: a file that
cannot be read (permission, a symlink loop, a folder, not UTF-8), a YAML syntax error, a key given
twice, or aliases that would expand beyond :data:`MAX_ALIAS_EXPANSION` entries (a "billion laughs"
file of 1 KB would otherwise cost minutes and gigabytes in every step that walks the data).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

#: how many entries aliases may add to a file beyond those written out in it. The real model's
#: aliases (a shared list of quotes, a repeated paraphrase) add a few dozen; a file of 1 KB can ask
#: for billions.
MAX_ALIAS_EXPANSION = 10_000


class LineDict(dict):
    """A mapping read from YAML; ``line`` is the 1-based line it starts on (0 when unknown)."""

    line: int = 0


class LineDictOf(LineDict):
    """A mapping made by the compiler that reports problems at the line of the entry it came from."""

    def __init__(self, line: int, data: dict):
        super().__init__(data)
        self.line = line


if TYPE_CHECKING:  # the C loader's stub is a SafeLoader too; a base picked at run time is not checkable
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 5-10x faster, same marks


class LineLoader(_SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    own = node.value  # the pairs written in this mapping (a merge key replaces node.value)
    mapping = LineDict(loader.construct_mapping(node, deep=deep))
    mapping.line = node.start_mark.line + 1
    if len(mapping) < len(own) or node.value is not own:  # cheap: the scan runs only then
        _note_duplicate_keys(loader, own)
    return mapping


def _note_duplicate_keys(loader, pairs) -> None:
    """Record each key a mapping gives twice: YAML keeps the last value silently."""
    first: dict[Any, int] = {}
    for key_node, _ in pairs:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            seen = first.setdefault(key, line)
        except TypeError:  # an unhashable key is reported when the mapping is built
            continue
        if seen != line:
            loader.__dict__.setdefault("duplicate_keys", []).append((line, key_node.value, seen))


def _construct_timestamp(loader, node):
    """Dates stay text until validation, so an impossible date (2026-02-30) is a problem, not a crash."""
    return loader.construct_scalar(node)


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def line_of(obj: Any) -> int:
    return getattr(obj, "line", 0)


@dataclass
class Problems:
    """Problems and where they are: each one line, ``file:line: message``."""

    root: Path
    problems: list[str] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except (
            ValueError,
            OSError,
            RuntimeError,
        ):  # outside the cwd, or a symlink loop (RuntimeError < 3.13)
            return str(path)

    def add(self, path: Path, line: int, msg: str) -> None:
        where = f"{self.rel(path)}:{line}" if line else self.rel(path)
        self.problems.append(f"{where}: {' '.join(str(msg).split())}")


def unreadable(path: Path, e: OSError, what: str = "the file") -> str:
    """Why ``path`` cannot be read, and the fix, in one line."""
    code = e.errno
    if code == errno.ELOOP:
        return f"{what} is a symbolic link that loops back on itself; point it at a real file or remove it."
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot read {what} (permission denied); make it readable by you (chmod u+r '{path.name}')."
    if code == errno.EISDIR:
        return f"{what} is a folder, not a file; rename it or move it out of the model."
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"{what} does not exist (a broken symbolic link?); restore it or remove the link."
    return f"cannot read {what} ({e.strerror or type(e).__name__}); check that it exists and is readable."


def read_text(path: Path, problems: Problems, what: str = "the file") -> str | None:
    """The UTF-8 text of ``path``, or None after recording why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        problems.add(path, 0, unreadable(path, e, what))
    except UnicodeDecodeError as e:
        problems.add(path, 0, f"{what} is not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8.")
    return None


def read_yaml(path: Path, problems: Problems, empty: str | None = None) -> Any:
    """The YAML data of ``path`` with line numbers, or None after recording why it cannot be read.

    ``empty``: the problem to record when the file holds no data at all (only comments or blank);
    None: an empty file is returned as None without a problem."""
    text = read_text(path, problems)
    if text is None:
        return None
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            if empty:
                problems.add(path, 0, empty)
            return None
        aliased = "&" in text  # an alias needs an anchor: without one, the walk is skipped
        if aliased and (too_many := _alias_problem(node)):
            problems.add(path, *too_many)
            return None
        data = loader.construct_document(node)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        what = getattr(e, "problem", None) or str(e).splitlines()[0]
        problems.add(path, line, f"YAML syntax error: {what}; fix the indentation or quoting there.")
        return None
    except (ValueError, TypeError, RecursionError) as e:  # e.g. an unhashable key ({[a]: b}) or deep nesting
        problems.add(
            path,
            0,
            f"cannot read the YAML ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
            f"keys must be plain text.",
        )
        return None
    finally:
        loader.dispose()
    for line, key, first in loader.__dict__.get("duplicate_keys", ()):
        problems.add(
            path,
            line,
            f"key '{key}' is given twice in one entry (first on line {first}); YAML would keep only the "
            "last: merge the two or remove one.",
        )
    return data


def _alias_problem(root: yaml.Node) -> tuple[int, str] | None:
    """(line, message) when the document refers to itself through an alias or when its aliases
    expand to more than MAX_ALIAS_EXPANSION entries beyond those written out; else None.

    Walks the composed nodes, where an alias is the anchored node itself, so each node is visited
    once however often it is referred to: linear in the file, not in its expansion."""
    size: dict[int, int] = {}  # id(node) -> entries it expands to, itself included
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            continue
        if key in size:
            continue
        if key in on_path:
            return node.start_mark.line + 1, (
                "an alias (*name) refers to the entry that contains it, so it never ends; write the "
                "entry out instead."
            )
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return child.start_mark.line + 1, (
                    "an alias (*name) refers to the entry that contains it, so it never ends; write "
                    "the entry out instead."
                )
            if id(child) not in size:
                stack.append((child, False))
    added = size[id(root)] - len(size)
    if added > MAX_ALIAS_EXPANSION:
        return 0, (
            f"its aliases (*name) would expand to {added:,} more entries than the file writes out "
            f"(at most {MAX_ALIAS_EXPANSION:,}); write the entries out or use fewer aliases."
        )
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def list_folder(folder: Path, problems: Problems, what: str) -> list[Path] | None:
    """The entries of ``folder`` sorted by name, or None after recording why it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            return sorted(folder / e.name for e in it)
    except OSError as e:
        if e.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.islink(folder):
            problems.add(folder, 0, f"{what} is missing; create it.")
        elif e.errno in (errno.EACCES, errno.EPERM):
            problems.add(
                folder, 0, f"cannot list {what} (permission denied); make it readable by you (chmod u+rx)."
            )
        else:
            problems.add(folder, 0, unreadable(folder, e, what))
        return None
