"""``comparator check``: a draft checked against its sources and the house lexicon, as a linter would.

>>> from comparator.check import check
>>> result = check(["draft.md"], ["wire/"])        # doctest: +SKIP
>>> result.exit_code, [f.rule for f in result.findings]   # doctest: +SKIP

Layout: :mod:`.rules` (codes, levels), :mod:`.config` (settings), :mod:`.runner`
(:func:`check`), :mod:`.quotes` (quote integrity), :mod:`.support`
(unsupported sentences), :mod:`.findings` (pipeline findings at draft lines),
:mod:`.locations` (file:line:col), :mod:`.suppress` (inline comments),
:mod:`.baseline`, :mod:`.formats` (one module per output format), :mod:`.cli`.
Importing it is cheap: the pipeline's heavy stages load on the first check.
"""

from comparator.check.config import OUTPUT_FORMATS, CheckSettings, load_check_settings
from comparator.check.records import CheckFinding, CheckResult, DraftResult, Location, SourceSpan
from comparator.check.rules import LEVELS, RULES, Rule
from comparator.check.runner import check

__all__ = ["LEVELS", "OUTPUT_FORMATS", "RULES", "CheckFinding", "CheckResult", "CheckSettings", "DraftResult",
           "Location", "Rule", "SourceSpan", "check", "load_check_settings"]
