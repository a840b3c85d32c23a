"""Inline suppressions in a draft, written as prose linters write them (markdownlint's comment syntax).

In an HTML comment or a Markdown link-reference comment, anywhere in the file::

    <!-- comparator-disable-next-line misquote -->      the next line
    <!-- comparator-disable-line -->                    this line (every rule)
    <!-- comparator-disable loaded_language -->         from here ...
    <!-- comparator-enable loaded_language -->          ... to here (or to the end of the file)
    [//]: # (comparator-disable-next-line unsupported)  the same, as a Markdown comment

Rule codes are separated by spaces or commas; none means every rule. Unknown
codes raise :class:`~comparator.errors.ConfigError` with the line, so a typo
does not silently suppress nothing. Comments are blanked out of the draft's
text before it is analysed (same length, so offsets and columns do not move).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from comparator.check.rules import RULE_CODES
from comparator.errors import ConfigError

_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_MD_COMMENT = re.compile(r"^[ \t]*\[(?://|comment)\]:[ \t]*(?:#|<>)[ \t]*\((.*)\)[ \t]*$", re.M)
_DIRECTIVE = re.compile(r"^\s*comparator-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)

ALL = frozenset(RULE_CODES)


def blank_comments(text: str) -> str:
    """``text`` with HTML and Markdown comments replaced by spaces (line ends kept, length unchanged)."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _MD_COMMENT.sub(blank, _HTML_COMMENT.sub(blank, text))


@dataclass(frozen=True)
class Suppressions:
    """Which rules are off on which lines of one file (1-based line numbers)."""

    by_line: dict[int, frozenset[str]] = field(default_factory=dict)
    ranges: tuple[tuple[int, int, frozenset[str]], ...] = ()  # (first line, last line, rules) of blocks

    def allows(self, rule: str, line: int) -> bool:
        """Whether a finding of ``rule`` on ``line`` is shown."""
        if rule in self.by_line.get(line, frozenset()):
            return False
        return not any(lo <= line <= hi and rule in rules for lo, hi, rules in self.ranges)


def _codes(raw: str, path: str, line: int) -> frozenset[str]:
    names = [n for n in re.split(r"[\s,]+", raw.strip()) if n]
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise ConfigError(f"unknown rule {unknown[0]!r} in a comparator-disable comment.", path=path, line=line,
                          hint=f"Rules: {', '.join(RULE_CODES)}.")
    return frozenset(names) if names else ALL


def parse_suppressions(text: str, path: str) -> Suppressions:
    """The suppressions written in ``text`` (a whole file, LF line ends); ``path`` names it in errors."""
    found: list[tuple[int, str, frozenset[str]]] = []  # (line, directive, rules)
    for pattern in (_HTML_COMMENT, _MD_COMMENT):
        for m in pattern.finditer(text):
            d = _DIRECTIVE.match(m.group(1))
            if d:
                line = text.count("\n", 0, m.start()) + 1
                found.append((line, d.group(1), _codes(d.group(2), path, line)))
    found.sort(key=lambda x: x[0])
    by_line: dict[int, frozenset[str]] = {}
    ranges = []
    open_blocks: dict[str, int] = {}  # rule -> line its disable started
    last = text.count("\n") + 1
    for line, directive, rules in found:
        if directive == "disable-next-line":
            by_line[line + 1] = by_line.get(line + 1, frozenset()) | rules
        elif directive == "disable-line":
            by_line[line] = by_line.get(line, frozenset()) | rules
        elif directive == "disable":
            for r in rules:
                open_blocks.setdefault(r, line)
        else:
            for r in rules:
                if r in open_blocks:
                    ranges.append((open_blocks.pop(r), line, frozenset({r})))
    ranges += [(start, last, frozenset({r})) for r, start in open_blocks.items()]
    return Suppressions(by_line, tuple(sorted(ranges, key=lambda x: (x[0], x[1], sorted(x[2])))))
