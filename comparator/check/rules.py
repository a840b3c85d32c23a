"""The rules of ``comparator check``: stable codes, default levels and what each one means.

A rule's code never changes once released (configuration files, suppressions
and baselines name it). Levels are the report's severities, ``error`` >
``warning`` > ``info`` (SARIF writes ``info`` as ``note``); ``off`` turns a
rule off.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Levels from most to least severe (the report's severities).
LEVELS: tuple[str, ...] = ("error", "warning", "info")
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
OFF = "off"


@dataclass(frozen=True)
class Rule:
    """One check: ``code`` (stable id), ``level`` (default), ``name`` (one line) and ``help`` (what to do)."""

    code: str
    level: str
    name: str
    help: str


RULES: tuple[Rule, ...] = (
    Rule("divergent_fact", "error", "The draft gives a number, date or name that a source gives differently.",
         "Check the figure against the source named in the message and correct whichever is wrong."),
    Rule("misquote", "error", "A quotation in the draft is in a source with different words.",
         "Quote the source's words exactly; mark cuts with an ellipsis and insertions with [brackets]."),
    Rule("misattribution", "error", "A quotation in the draft is said by someone else in the sources.",
         "Credit the quotation to the speaker the source names, or check the source again."),
    Rule("unverified_quote", "warning", "A quotation in the draft is in none of the sources.",
         "Add the interview notes or transcript as a source, or check the quotation with the speaker."),
    Rule("unsupported", "info", "A sentence of the draft says something no source says.",
         "Make sure the claim comes from the reporting, or add the material it is based on as a source."),
    Rule("loaded_language", "warning", "A loaded term in the draft's own voice (not in a quotation).",
         "Use the neutral alternative given, or attribute the word to whoever said it."),
    Rule("framing_label", "info", "The draft labels a person or group differently from the sources.",
         "Check that the label is the newsroom's choice and not an unexamined borrowing."),
)
RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES)
BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The rule with ``code``; ``KeyError`` for an unknown code."""
    return BY_CODE[code]


def at_or_above(level: str, threshold: str) -> bool:
    """Whether ``level`` is as severe as ``threshold`` or more (``off`` never is)."""
    if level not in LEVEL_RANK or threshold not in LEVEL_RANK:
        return False
    return LEVEL_RANK[level] <= LEVEL_RANK[threshold]
