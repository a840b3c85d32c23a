"""``report.json``: deterministic JSON text of ``Comparison.to_dict()``, and schema validation."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from comparator.errors import OutputError

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["load_schema", "to_json", "to_native", "validate"]


def _where(path: tuple[str | int, ...]) -> str:
    out = "report"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def to_native(value: Any, _path: tuple[str | int, ...] = ()) -> Any:
    """A copy of ``value`` made only of JSON-native types (dict, list, str, int, float, bool, None).

    NumPy scalars and arrays become Python numbers and lists, tuples become lists,
    paths become POSIX strings. NaN, infinity, non-string keys and any other type
    raise :class:`OutputError` naming where in the report the value sits.
    """
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise OutputError(f"{_where(_path)} is {value!r}; JSON has no NaN or infinity.",
                              hint="Fix the stage that produced it (use null for unknown values).")
        return float(value)
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise OutputError(f"{_where(_path)} has a non-string key {key!r}.",
                                  hint="Report sections must use string keys.")
            out[key] = to_native(item, (*_path, key))
        return out
    if isinstance(value, (list, tuple)):
        return [to_native(item, (*_path, i)) for i, item in enumerate(value)]
    if isinstance(value, PurePath):
        return value.as_posix()
    if type(value).__module__ == "numpy":
        if hasattr(value, "tolist"):  # numpy scalar or array: .tolist() gives Python values
            return to_native(value.tolist(), _path)
    raise OutputError(f"{_where(_path)} is a {type(value).__name__}, which JSON cannot hold.",
                      hint="Convert it to a list, string or number in the record's to_dict().")


def to_json(comp: "Comparison") -> str:
    """``report.json`` text: ``to_dict()`` as indented UTF-8 JSON plus a newline; byte-stable."""
    data = to_native(comp.to_dict())
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The report schema (the dict that ``docs/report.schema.json`` holds)."""
    from comparator.render.schema import SCHEMA

    return SCHEMA


def validate(data: Any) -> None:
    """Check a decoded report against the schema; :class:`OutputError` lists what is wrong.

    Needs ``jsonschema`` (a dev dependency: ``pip install -e .[dev]``).
    """
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - dev dependency missing
        from comparator.errors import ConfigError

        raise ConfigError("validating a report needs the jsonschema package.",
                          hint="Install it: pip install 'jsonschema>=4.20' (or the project's dev extra).") from None
    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    lines = [f"{_where(tuple(e.absolute_path))}: {e.message}" for e in errors[:10]]
    more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
    raise OutputError(f"the report does not match docs/report.schema.json: {'; '.join(lines)}{more}.",
                      hint="Fix the stage that wrote these values, or update the schema and bump schema_version.")
