"""YAML read with line numbers, and the list of problems that validation collects.

Every mapping read from a model file remembers the line it starts on, so a problem is reported as
``file:line: what is wrong and the fix``, one line each, however malformed the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml


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
    mapping = LineDict(loader.construct_mapping(node, deep=deep))
    mapping.line = node.start_mark.line + 1
    return mapping


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
        except ValueError:
            return str(path)

    def add(self, path: Path, line: int, msg: str) -> None:
        where = f"{self.rel(path)}:{line}" if line else self.rel(path)
        self.problems.append(f"{where}: {' '.join(str(msg).split())}")


def read_text(path: Path, problems: Problems, what: str = "the file") -> str | None:
    """The UTF-8 text of ``path``, or None after recording why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        problems.add(path, 0, f"cannot read {what} ({e.strerror}); check that it exists and is readable.")
    except UnicodeDecodeError as e:
        problems.add(path, 0, f"{what} is not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8.")
    return None


def read_yaml(path: Path, problems: Problems) -> Any:
    """The YAML data of ``path`` with line numbers, or None after recording why it cannot be read."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=LineLoader)
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
