"""Quotation marks inside a quoted span, written as a nested quotation and kept balanced.

Evidence and ledes are shown inside our own curly double quotes, so their own double marks become
single curly ones (‘ ’), the house style of AP and Chicago (13.30) for a quotation within a quotation.
"""

from __future__ import annotations

__all__ = ["nested_quotation"]

#: characters after which a straight double quotation mark opens a quotation
_OPENS_AFTER = " \t\n([{\u2014\u2013-:"


def nested_quotation(text: str) -> str:
    """``text`` with its double quotation marks as single curly ones (‘ ’), as a quotation nested
    in ours is written, and balanced: an opening mark the clip left unclosed gets its closing mark
    (before a final "…"), a closing mark whose opening one lay before the sentence (it starts
    mid-quotation) gets an opening mark. A mark opens at the start, after a space, a bracket, a
    dash or a colon, or when it is “; otherwise it closes."""
    out, depth, orphans = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "\u201c" or (ch == '"' and (i == 0 or text[i - 1] in _OPENS_AFTER)):
            out.append("\u2018")
            depth += 1
        elif ch in '"\u201d':
            out.append("\u2019")
            if depth:
                depth -= 1
            else:
                orphans += 1
        else:
            out.append(ch)
    inner = "".join(out)
    tail = "\u2026" if inner.endswith("\u2026") else ""
    inner = inner[: len(inner) - len(tail)].rstrip()
    return "\u2018" * orphans + inner + "\u2019" * depth + tail
