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


def _is_number(x: Any) -> bool:
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
#: the JSON types that are one Python type each (not integer/number, which must exclude bool)
_PYTYPES: dict[str, type] = {"string": str, "null": type(None), "array": list, "object": dict}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, and containers compare item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
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

    def deferred(name: str) -> Check:
        # looked up at call time: a recursive definition is still compiling when its $ref is built
        def check(x: Any) -> bool:
            return ref(name)(x)

        return check

    def build(s: Mapping[str, Any]) -> Check:
        checks: list[Check] = []
        unknown = set(s) - _IGNORED - _KEYWORDS
        if unknown:
            raise ValueError(f"jsoncheck: keyword(s) {sorted(unknown)} not supported")
        if "$ref" in s:
            checks.append(deferred(s["$ref"].removeprefix("#/definitions/")))
        if "type" in s:
            ts = [s["type"]] if isinstance(s["type"], str) else list(s["type"])
            if not {"integer", "number", "boolean"} & set(ts):  # a plain isinstance (bool is not among them)
                checks.append(_instance_of(tuple(_PYTYPES[t] for t in ts)))
            else:
                fs = [_TYPES[t] for t in ts]
                checks.append(fs[0] if len(fs) == 1 else _any_of(fs))
        if "enum" in s:
            checks.append(_one_of_values(list(s["enum"])))
        if "const" in s:
            checks.append(_one_of_values([s["const"]]))
        if "pattern" in s:
            checks.append(_pattern(re.compile(s["pattern"])))
        if "minLength" in s:
            checks.append(_min_length(s["minLength"]))
        if "minimum" in s:
            checks.append(_minimum(s["minimum"]))
        if "maximum" in s:
            checks.append(_maximum(s["maximum"]))
        if "minItems" in s:
            checks.append(_min_items(s["minItems"]))
        if "minProperties" in s:
            checks.append(_min_properties(s["minProperties"]))
        if "items" in s:
            checks.append(_items(build(s["items"])))
        if "required" in s:
            checks.append(_required(tuple(s["required"])))
        if "properties" in s or "additionalProperties" in s:
            props = {k: build(v) for k, v in (s.get("properties") or {}).items()}
            extra = s.get("additionalProperties", True)
            checks.append(
                _object(props, extra is not False, None if isinstance(extra, bool) else build(extra))
            )
        if "allOf" in s:
            checks.append(_all_of(s["allOf"], build))
        if "anyOf" in s:
            checks.append(_any_of([build(b) for b in s["anyOf"]]))
        if "oneOf" in s:
            checks.append(_exactly_one([build(b) for b in s["oneOf"]]))
        if "if" in s:
            checks.append(
                _if_then_else(
                    build(s["if"]),
                    build(s["then"]) if "then" in s else None,
                    build(s["else"]) if "else" in s else None,
                )
            )
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return _every(tuple(checks))

    return build(schema)


# One factory per keyword: each returns a closure over its compiled arguments, so a check built in a
# loop keeps its own values and the hot path reads them as cell variables, not dictionary look-ups.


def _always(x: Any) -> bool:
    return True


def _instance_of(pytypes: tuple[type, ...]) -> Check:
    def check(x: Any) -> bool:
        return isinstance(x, pytypes)

    return check


def _any_of(fs: list[Check]) -> Check:
    def check(x: Any) -> bool:
        return any(f(x) for f in fs)

    return check


def _exactly_one(fs: list[Check]) -> Check:
    def check(x: Any) -> bool:
        return sum(1 for f in fs if f(x)) == 1

    return check


def _one_of_values(values: list[Any]) -> Check:
    """enum / const: a text by set membership, any other value by JSON equality."""
    texts = frozenset(v for v in values if isinstance(v, str))
    others = [v for v in values if not isinstance(v, str)]

    def check(x: Any) -> bool:
        return (x in texts) if isinstance(x, str) else any(_same(x, v) for v in others)

    return check


def _pattern(rx: re.Pattern[str]) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, str) or rx.search(x) is not None

    return check


def _min_length(n: int) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, str) or len(x) >= n

    return check


def _minimum(n: float) -> Check:
    # "not below", as jsonschema tests it: NaN passes both bounds there, so it must here too
    def check(x: Any) -> bool:
        return not _is_number(x) or not x < n

    return check


def _maximum(n: float) -> Check:
    def check(x: Any) -> bool:
        return not _is_number(x) or not x > n

    return check


def _min_items(n: int) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, list) or len(x) >= n

    return check


def _min_properties(n: int) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, dict) or len(x) >= n

    return check


def _items(item: Check) -> Check:
    def check(x: Any) -> bool:
        if isinstance(x, list):
            for v in x:
                if not item(v):
                    return False
        return True

    return check


def _required(keys: tuple[str, ...]) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, dict) or all(k in x for k in keys)

    return check


def _object(props: dict[str, Check], extra_allowed: bool, extra_check: Check | None) -> Check:
    """properties / additionalProperties (``extra_allowed`` False: no other key; ``extra_check``: a schema for them)."""

    def check(x: Any) -> bool:
        if not isinstance(x, dict):
            return True
        for k, v in x.items():
            f = props.get(k) if isinstance(k, str) else None
            if f is not None:
                if not f(v):
                    return False
            elif not extra_allowed or (extra_check is not None and not extra_check(v)):
                return False
        return True

    return check


def _if_then_else(cond: Check, then: Check | None, other: Check | None) -> Check:
    def check(x: Any) -> bool:
        return (then(x) if then else True) if cond(x) else (other(x) if other else True)

    return check


def _every(checks: tuple[Check, ...]) -> Check:
    def check(x: Any) -> bool:
        # an explicit loop, not all(...): no generator object per value on the hottest path
        for f in checks:  # noqa: SIM110
            if not f(x):
                return False
        return True

    return check


_KEYWORDS = {
    "$ref",
    "type",
    "enum",
    "const",
    "pattern",
    "minLength",
    "minimum",
    "maximum",
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


def _all_of(branches: list[Any], build: Callable[[Mapping[str, Any]], Check]) -> Check:
    """allOf; when every branch is ``if {P: const C} then …`` on one property P (a label or a type),
    only the branch of the value's C runs: the others' conditions are false, so they hold anyway."""
    key = _dispatch_key(branches)
    if key is None:
        fs = [build(b) for b in branches]
        return _every(tuple(fs))
    by_value = {b["if"]["properties"][key]["const"]: build(b["then"]) for b in branches}

    def dispatch(x: Any) -> bool:
        if not isinstance(x, dict):
            return True
        v = x.get(key)
        f = by_value.get(v) if isinstance(v, str) else None
        return f(x) if f is not None else True

    return dispatch


def _dispatch_key(branches: list[Any]) -> str | None:
    key: str | None = None
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
