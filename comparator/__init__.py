"""comparator: show how different news outlets tell the same story.

>>> import comparator
>>> comp = comparator.compare(["corpora/irs-ice-talwani"])   # doctest: +SKIP
>>> comp.to_frame("findings")                                # doctest: +SKIP
>>> corpus = comparator.compare_corpus(["articles.jsonl"], "reports/corpus")  # doctest: +SKIP

Importing this package is cheap: torch, spaCy and pandas load only when a
stage needs them.
"""

from comparator import check  # the package, callable: comparator.check(drafts, sources) runs a check
from comparator.check import CheckResult, CheckSettings
from comparator.comparison import SCHEMA_VERSION, Comparison
from comparator.config import Settings, load_settings
from comparator.corpus import Corpus, compare_corpus
from comparator.errors import ComparatorError
from comparator.load import load_articles
from comparator.pipeline import compare
from comparator.render import write_reports
from comparator.types import (
    Alignment,
    Article,
    Claim,
    Entity,
    EntityMention,
    Evidence,
    Fact,
    Finding,
    Label,
    Mention,
    ToolInfo,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Alignment",
    "Article",
    "CheckResult",
    "CheckSettings",
    "Claim",
    "Comparison",
    "Corpus",
    "ComparatorError",
    "Entity",
    "EntityMention",
    "Evidence",
    "Fact",
    "Finding",
    "Label",
    "Mention",
    "Settings",
    "ToolInfo",
    "__version__",
    "check",
    "compare",
    "compare_corpus",
    "load_articles",
    "load_settings",
    "write_reports",
]
