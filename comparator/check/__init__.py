"""``comparator check``: a draft checked against its sources and the house lexicon, as a linter would.

>>> import comparator
>>> result = comparator.check(["draft.md"], ["wire/"])        # doctest: +SKIP
>>> result.exit_code, [f.rule for f in result.findings]   # doctest: +SKIP

Layout: :mod:`.rules` (codes, levels), :mod:`.config` (settings), :mod:`.runner`
(:func:`check`), :mod:`.quotes` (quote integrity), :mod:`.support`
(unsupported sentences), :mod:`.findings` (pipeline findings at draft lines),
:mod:`.locations` (file:line:col), :mod:`.suppress` (inline comments),
:mod:`.baseline`, :mod:`.formats` (one module per output format), :mod:`.cli`.
Importing it is cheap: the pipeline's heavy stages load on the first check.

``comparator.check`` is this package, and calling it calls :func:`check`: the
public API's ``comparator.check(...)`` and imports of the submodules
(``import comparator.check.rules``, ``mock.patch("comparator.check.runner...")``)
both work, which binding the function over the package's name would break.
"""

import sys
import types

from comparator.check.config import OUTPUT_FORMATS, CheckSettings, load_check_settings
from comparator.check.records import CheckFinding, CheckResult, DraftResult, Location, SourceSpan
from comparator.check.rules import LEVELS, RULES, Rule
from comparator.check.runner import check

__all__ = ["LEVELS", "OUTPUT_FORMATS", "RULES", "CheckFinding", "CheckResult", "CheckSettings", "DraftResult",
           "Location", "Rule", "SourceSpan", "check", "load_check_settings"]


class _CallablePackage(types.ModuleType):
    """The package's module type: ``comparator.check(drafts, sources, ...)`` is :func:`check`."""

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return check(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
