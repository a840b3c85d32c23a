"""JSON: :meth:`CheckResult.to_dict` with sorted-free, fixed key order (the same input gives the same bytes)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult


def render(result: "CheckResult", *, color: bool = False) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
