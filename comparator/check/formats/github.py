"""GitHub Actions workflow commands: ``::error file=F,line=L,col=C,endLine=…,endColumn=…,title=T::message``.

Escaping as the Actions runner's ``command.ts`` does: in data ``%``, CR and LF
become ``%25``, ``%0D``, ``%0A``; in properties also ``:`` and ``,`` (``%3A``,
``%2C``). Levels: error -> ``error``, warning -> ``warning``, info -> ``notice``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Workflow-command data: ``%``, CR, LF escaped; other control and format characters (ANSI escapes,
    bidi overrides from a file name or an article) become U+FFFD."""
    import unicodedata

    text = "".join(ch if ch in "\r\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs") else "\ufffd"
                   for ch in text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: "CheckResult", *, color: bool = False) -> str:
    lines = []
    for f in result.findings:
        loc = f.location
        props = [("file", loc.path), ("line", str(loc.line)), ("col", str(loc.column))]
        if loc.exact:
            props += [("endLine", str(loc.end_line)), ("endColumn", str(loc.end_column))]
        props.append(("title", f"comparator {f.rule}"))
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        lines.append(f"::{COMMANDS[f.level]} {head}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)
