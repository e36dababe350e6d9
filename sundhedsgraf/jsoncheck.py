"""A fast yes/no check of a value against a JSON Schema, for the keywords the model's schemas use.

``jsonschema`` explains every error but spends ~0.3 ms per facts entry (a large synthetic model has
100,000 of them). :func:`compile_check` turns a schema into nested closures once; a valid file is
then accepted in a few microseconds per entry, and only a file it rejects is handed to
``jsonschema`` for the messages. The semantics follow ``jsonschema``'s draft-07 validator (a bool is
not a number, 1.0 is an integer); a keyword it does not know is an error at compile time, so the two
cannot silently disagree (tests/test_model_schema.py compares them on random input).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = {"$schema", "$id", "title", "description", "default", "examples", "$comment", "definitions"}


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "string": lambda x: isinstance(x, str),
    "integer": lambda x: (
        (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())
    ),
    "number": _is_number,
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "array": lambda x: isinstance(x, list),
    "object": lambda x: isinstance(x, dict),
}


def _same(a, b) -> bool:
    """JSON equality: true is not 1, and containers compare item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def compile_check(schema: Mapping[str, Any]) -> Check:
    """A function telling whether a value is valid against ``schema`` (its ``#/definitions/…`` refs included)."""
    definitions = schema.get("definitions") or {}
    compiled: dict[str, Check] = {}

    def ref(name: str) -> Check:
        if name not in compiled:
            compiled[name] = lambda x: compiled[name + "!"](x)  # a placeholder while the definition compiles
            compiled[name + "!"] = build(definitions[name])
            compiled[name] = compiled[name + "!"]
        return compiled[name]

    def build(s: Mapping[str, Any]) -> Check:
        checks: list[Check] = []
        unknown = set(s) - _IGNORED - _KEYWORDS
        if unknown:
            raise ValueError(f"jsoncheck: keyword(s) {sorted(unknown)} not supported")
        if "$ref" in s:
            name = s["$ref"].removeprefix("#/definitions/")
            checks.append(lambda x, name=name: ref(name)(x))
        if "type" in s:
            ts = [s["type"]] if isinstance(s["type"], str) else list(s["type"])
            fs = [_TYPES[t] for t in ts]
            if not {"integer", "number", "boolean"} & set(ts):  # a plain isinstance (bool is not among them)
                pytypes = tuple(
                    {"string": str, "null": type(None), "array": list, "object": dict}[t] for t in ts
                )
                checks.append(lambda x, pytypes=pytypes: isinstance(x, pytypes))
            else:
                checks.append(fs[0] if len(fs) == 1 else (lambda x, fs=fs: any(f(x) for f in fs)))
        for key in ("enum", "const"):
            if key in s:
                values = list(s["enum"]) if key == "enum" else [s["const"]]
                texts = {v for v in values if isinstance(v, str)}
                others = [v for v in values if not isinstance(v, str)]
                checks.append(
                    lambda x, texts=frozenset(texts), others=others: (
                        (x in texts) if isinstance(x, str) else any(_same(x, v) for v in others)
                    )
                )
        if "pattern" in s:
            rx = re.compile(s["pattern"])
            checks.append(lambda x, rx=rx: not isinstance(x, str) or rx.search(x) is not None)
        if "minLength" in s:
            checks.append(lambda x, n=s["minLength"]: not isinstance(x, str) or len(x) >= n)
        if "minimum" in s:
            checks.append(lambda x, n=s["minimum"]: not _is_number(x) or x >= n)
        if "minItems" in s:
            checks.append(lambda x, n=s["minItems"]: not isinstance(x, list) or len(x) >= n)
        if "minProperties" in s:
            checks.append(lambda x, n=s["minProperties"]: not isinstance(x, dict) or len(x) >= n)
        if "items" in s:
            item = build(s["items"])

            def items(x, item=item) -> bool:
                if isinstance(x, list):
                    for v in x:
                        if not item(v):
                            return False
                return True

            checks.append(items)
        if "required" in s:
            keys = tuple(s["required"])
            checks.append(lambda x, keys=keys: not isinstance(x, dict) or all(k in x for k in keys))
        if "properties" in s or "additionalProperties" in s:
            props = {k: build(v) for k, v in (s.get("properties") or {}).items()}
            extra = s.get("additionalProperties", True)
            extra_check = None if isinstance(extra, bool) else build(extra)

            def obj(x, props=props, extra=extra, extra_check=extra_check) -> bool:
                if not isinstance(x, dict):
                    return True
                for k, v in x.items():
                    f = props.get(k) if isinstance(k, str) else None
                    if f is not None:
                        if not f(v):
                            return False
                    elif extra is False or (extra_check is not None and not extra_check(v)):
                        return False
                return True

            checks.append(obj)
        if "allOf" in s:
            checks.append(_all_of(s["allOf"], build))
        if "anyOf" in s:
            fs = [build(b) for b in s["anyOf"]]
            checks.append(lambda x, fs=fs: any(f(x) for f in fs))
        if "oneOf" in s:
            fs = [build(b) for b in s["oneOf"]]
            checks.append(lambda x, fs=fs: sum(1 for f in fs if f(x)) == 1)
        if "if" in s:
            cond = build(s["if"])
            then = build(s["then"]) if "then" in s else None
            other = build(s["else"]) if "else" in s else None
            checks.append(
                lambda x, cond=cond, then=then, other=other: (
                    (then(x) if then else True) if cond(x) else (other(x) if other else True)
                )
            )
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]

        def every(x, checks=tuple(checks)) -> bool:
            for f in checks:
                if not f(x):
                    return False
            return True

        return every

    return build(schema)


_KEYWORDS = {
    "$ref",
    "type",
    "enum",
    "const",
    "pattern",
    "minLength",
    "minimum",
    "minItems",
    "minProperties",
    "items",
    "required",
    "properties",
    "additionalProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "if",
    "then",
    "else",
}


def _all_of(branches: list, build) -> Check:
    """allOf; when every branch is ``if {P: const C} then …`` on one property P (a label or a type),
    only the branch of the value's C runs: the others' conditions are false, so they hold anyway."""
    key = _dispatch_key(branches)
    if key is None:
        fs = [build(b) for b in branches]
        return lambda x: all(f(x) for f in fs)
    by_value = {b["if"]["properties"][key]["const"]: build(b["then"]) for b in branches}

    def dispatch(x) -> bool:
        if not isinstance(x, dict):
            return True
        v = x.get(key)
        f = by_value.get(v) if isinstance(v, str) else None
        return f(x) if f is not None else True

    return dispatch


def _dispatch_key(branches: list) -> str | None:
    key = None
    for b in branches:
        cond = b.get("if") if isinstance(b, Mapping) else None
        if (
            not isinstance(cond, Mapping)
            or set(b) - {"if", "then"}
            or set(cond) - {"properties", "required"}
            or len(cond.get("properties") or {}) != 1
        ):
            return None
        ((k, c),) = cond["properties"].items()
        if set(c) != {"const"} or not isinstance(c["const"], str) or list(cond.get("required") or []) != [k]:
            return None
        if key not in (None, k):
            return None
        key = k
    if key is None or len({b["if"]["properties"][key]["const"] for b in branches}) != len(branches):
        return None
    return key
