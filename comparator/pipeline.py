"""``compare()``: load -> parse -> claims -> facts -> embed -> align -> entities -> detect.

Each stage is a plain function in its own module; this one only wires them
together, times them and assembles the :class:`Comparison`.
"""

from __future__ import annotations

import dataclasses
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from comparator.comparison import Comparison
from comparator.config import Settings, load_settings
from comparator.detect import Context, Detector, finalize_findings
from comparator.errors import TooLargeError
from comparator.types import Article, Claim, ToolInfo

Source = str | Path | Article
Enricher = Callable[[Comparison, Context], Comparison]


def _enrichers() -> list[Enricher]:
    """Stages that add records (entities, labels...) before the detectors run."""
    from comparator.claims.canonical import canonical_speakers
    from comparator.entities import add_entities
    from comparator.framing import add_labels

    steps: list[Enricher] = [add_entities, canonical_speakers, add_labels]
    return steps


def _detectors() -> list[Detector]:
    """Every detector, in report order. Add a new kind here."""
    from comparator.detect.divergence import find_divergences
    from comparator.detect.emphasis import find_emphasis
    from comparator.detect.framing import find_framing_labels
    from comparator.detect.headlines import find_headline_divergences
    from comparator.detect.loaded import find_loaded_language
    from comparator.detect.omissions import find_omissions
    from comparator.detect.sourcing import find_sourcing
    from comparator.detect.wording import find_wording

    found: list[Detector] = [find_omissions, find_divergences]
    found += [find_headline_divergences]  # headlines and decks, as their own claims
    found += [find_framing_labels, find_loaded_language, find_wording, find_sourcing, find_emphasis]
    return found


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def _check_size(claims: Sequence[Claim], articles: Sequence[Article], settings: Settings) -> None:
    """Refuse comparisons whose all-pairs alignment would not fit in time or memory."""
    if len(claims) <= settings.max_claims:
        return
    counts = {}
    for c in claims:
        counts[c.article] = counts.get(c.article, 0) + 1
    biggest = max(articles, key=lambda a: counts.get(a.id, 0))
    raise TooLargeError(
        f"{len(claims):,} sentences in {len(articles)} articles, over the limit of {settings.max_claims:,} "
        f"per comparison (the largest, {counts[biggest.id]:,} sentences, is this file).",
        path=biggest.source_path,
        hint="Compare fewer or shorter articles, or raise max_claims in [tool.comparator].",
    )


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def estimate_sentences(text: str) -> int:
    """A cheap lower-bound-minded count of sentences: non-empty lines plus sentence ends inside them.

    spaCy (with comparator's boundary component) starts a sentence on every
    line and splits at nearly every ``. `` before a capital, so the real count
    is rarely below this; it is only used to refuse texts far over the limit
    before parsing them (:func:`_check_size_early`).
    """
    lines = sum(1 for line in text.split("\n") if line.strip())
    return lines + len(_SENTENCE_END.findall(text))


#: Texts whose estimated sentences exceed this multiple of ``max_claims`` are
#: refused before parsing (parsing 10 MB would take many minutes only to be refused).
EARLY_MARGIN = 2


def _check_size_early(articles: Sequence[Article], settings: Settings) -> None:
    counts = {a.id: estimate_sentences(a.text) for a in articles}
    total = sum(counts.values())
    if total <= EARLY_MARGIN * settings.max_claims:
        return
    biggest = max(articles, key=lambda a: counts[a.id])
    raise TooLargeError(
        f"about {total:,} sentences in {len(articles)} articles, far over the limit of "
        f"{settings.max_claims:,} per comparison (the largest, about {counts[biggest.id]:,} sentences, "
        "is this file).",
        path=biggest.source_path or biggest.id,
        hint="Compare fewer or shorter articles, or raise max_claims in [tool.comparator].",
    )


def compare(
    sources: Sequence[Source] | Source,
    *,
    settings: Settings | None = None,
    encoder: Any | None = None,
    event: str | None = None,
    progress: bool = False,
    **overrides: Any,
) -> Comparison:
    """Compare two or more articles about one event.

    ``sources`` are paths (files or folders; a folder is one event) or
    :class:`Article` records. ``overrides`` are :class:`Settings` fields, e.g.
    ``compare(paths, min_score=0.6)``. ``event`` picks one event from corpora
    (JSON/JSONL/CSV) holding several. ``encoder`` replaces the embedding model
    (anything with ``name``, ``sha256`` and ``encode(texts) -> ndarray``).
    """
    from comparator.nlp import parse_articles

    if settings is None:
        settings = load_settings(overrides_source="compare()", **overrides)
    elif not isinstance(settings, Settings):
        from comparator.errors import ConfigError

        raise ConfigError(f"settings must be a Settings, not {type(settings).__name__}.", path="compare()",
                          hint="Build one with comparator.load_settings() or Settings(...).")
    elif overrides:
        settings = settings.replace(**overrides)
    if isinstance(sources, (str, Path, Article)):
        sources = [sources]

    clock = _Clock()
    with clock.stage("load"):
        articles, syndicated = _load(sources, settings, event)
    with clock.stage("parse"):
        docs = parse_articles(articles)
    claims = _extract(articles, docs, settings, clock)
    return _finish(articles, syndicated, docs, claims, settings, clock, encoder, progress)


def _load(sources: Sequence[Source], settings: Settings, event: str | None) -> tuple[tuple[Article, ...], Any]:
    """The load stage: articles (syndicated copies set apart, headlines indexed) and the copies."""
    from comparator.framing.lexicon import lexicon_for
    from comparator.load import check_articles, load_articles
    from comparator.load.headline import with_headline
    from comparator.load.syndicated import drop_syndicated

    articles = load_articles(sources, settings=settings, event=event)
    articles, syndicated = drop_syndicated(articles)  # copies are a finding, not an error
    check_articles(articles)
    _check_size_early(articles, settings)
    articles = tuple(with_headline(a) for a in articles)  # headline claims index the text too
    lexicon_for(settings)  # a broken --lexicon fails now, not after the model loads
    return articles, syndicated


def _extract(articles: Sequence[Article], docs: dict[str, Any], settings: Settings, clock: _Clock
             ) -> tuple[Claim, ...]:
    """The claims and facts stages."""
    from comparator.claims import extract_claims
    from comparator.facts import attach_facts

    with clock.stage("claims"):
        claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
        _check_size(claims, articles, settings)
    with clock.stage("facts"):
        claims = attach_facts(claims, docs, articles)
    return claims


def _finish(articles: tuple[Article, ...], syndicated: Any, docs: dict[str, Any], claims: tuple[Claim, ...],
            settings: Settings, clock: _Clock, encoder: Any | None, progress: bool) -> Comparison:
    """embed -> align -> enrich -> detect, and the :class:`Comparison`."""
    from comparator import __version__
    from comparator.align import align_claims
    from comparator.load.syndicated import syndicated_findings
    from comparator.nlp import nlp_model_name

    with clock.stage("embed"):
        if encoder is None:
            from comparator.embed import load_encoder

            encoder = load_encoder(settings, progress=progress)
        comparable = [c for c in claims if not c.boilerplate]
        vectors = encoder.encode([c.text for c in comparable])
    clock.timings.update(getattr(encoder, "timings", {}))
    with clock.stage("align"):
        alignments = align_claims(comparable, vectors, min_score=settings.min_score)

    tool = ToolInfo(
        name="comparator",
        version=__version__,
        embedding_model=encoder.name,
        embedding_model_sha256=encoder.sha256,
        embedding_backend=getattr(encoder, "backend", None),
        embedding_onnx_sha256=getattr(encoder, "onnx_sha256", None),
        nlp_model=nlp_model_name(),
        settings=settings.to_report(),
    )
    comp = Comparison(articles=articles, claims=claims, alignments=alignments, tool=tool)
    ctx = Context(
        settings=settings,
        docs=docs,
        shared={"vectors": {c.id: v for c, v in zip(comparable, vectors)}, "encoder": encoder},
    )
    with clock.stage("detect"):
        for enrich in _enrichers():
            comp = enrich(comp, ctx)
        findings = [f for detect in _detectors() for f in detect(comp, ctx)]
        findings += syndicated_findings(syndicated, comp.claims)
        order = {a.id: i for i, a in enumerate(articles)}
        comp = dataclasses.replace(comp, findings=finalize_findings(findings, order))
    return dataclasses.replace(comp, timings=dict(clock.timings))
