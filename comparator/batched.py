"""Several events through ``compare``'s pipeline at once (corpus mode): one parse stream, one encoder call.

:func:`compare_events` gives the same :class:`~comparator.comparison.Comparison`
per event as :func:`comparator.pipeline.compare` with the same articles,
settings and encoder, but it parses every event's articles in one ``nlp.pipe``
stream (:func:`comparator.nlp.parse_many`) and encodes every event's sentences
and headlines in one encoder call (:class:`comparator.embed.memo.VectorMemo`)
before each event's alignment and detectors run. Neither batching changes a
result: spaCy parses each text on its own and a sentence's vector does not
depend on its batch (``tests/test_corpus_speed.py`` checks both); what goes is
the per-call overhead and padding of ~15-sentence calls (issue 16).

Each event's ``timings`` get a share of the shared parse (by characters) and
encode (by texts) time. An event whose stage fails gets its exception in place
of a Comparison; the others go on. Memory: the docs and vectors of one batch.
"""

from __future__ import annotations

import time
from typing import Any, Sequence

from comparator.config import Settings
from comparator.types import Article

__all__ = ["compare_events", "primed_texts"]


def primed_texts(claims: Sequence[Any]) -> list[str]:
    """The texts an event's pipeline will encode for sure: its non-boilerplate sentences (alignment) and,
    when two or more articles have one, its headlines (:func:`comparator.detect.headlines.headline_scores`)."""
    texts = [c.text for c in claims if not c.boilerplate]
    heads = [c for c in claims if c.kind == "headline"]
    if len({c.article for c in heads}) > 1:
        texts += [c.text for c in heads]
    return texts


def compare_events(events: Sequence[Sequence[Article]], *, settings: Settings, encoder: Any) -> list[Any]:
    """One :class:`Comparison` (or the exception that stopped it) per event of ``events``, in order.

    ``events`` are lists of :class:`Article` (as ``compare`` takes them);
    ``encoder`` is required (loaded once by the caller).
    """
    from comparator.embed.memo import VectorMemo
    from comparator.nlp import parse_articles, parse_many
    from comparator.pipeline import _Clock, _extract, _finish, _load

    results: list[Any] = [None] * len(events)
    clocks = [_Clock() for _ in events]
    loaded: dict[int, tuple[Any, Any]] = {}
    for i, sources in enumerate(events):
        try:
            with clocks[i].stage("load"):
                loaded[i] = _load(list(sources), settings, None)
        except Exception as exc:  # noqa: BLE001 - the caller reports it as this event's failure
            results[i] = exc
    order = sorted(loaded)
    docs: dict[int, dict[str, Any]] = {}
    t0 = time.perf_counter()
    try:
        docs = dict(zip(order, parse_many([loaded[i][0] for i in order])))
        chars = {i: sum(len(a.text) for a in loaded[i][0]) for i in order}
        _share(clocks, "parse", time.perf_counter() - t0, chars)
    except Exception:  # noqa: BLE001 - one event's text broke the stream: parse each event alone
        for i in order:
            try:
                with clocks[i].stage("parse"):
                    docs[i] = parse_articles(loaded[i][0])
            except Exception as exc:  # noqa: BLE001
                results[i] = exc
    claims: dict[int, Any] = {}
    for i in order:
        if i in docs:
            try:
                claims[i] = _extract(loaded[i][0], docs[i], settings, clocks[i])
            except Exception as exc:  # noqa: BLE001
                results[i] = exc
    memo = VectorMemo(encoder)
    texts = {i: primed_texts(claims[i]) for i in claims}
    t0 = time.perf_counter()
    try:
        memo.prime([t for i in claims for t in texts[i]])
    except Exception:  # noqa: BLE001 - each event then encodes (and fails) on its own
        pass
    _share(clocks, "embed", time.perf_counter() - t0, {i: len(texts[i]) for i in claims})
    for i in claims:
        articles, syndicated = loaded[i]
        try:
            comp = _finish(articles, syndicated, docs[i], claims[i], settings, clocks[i], memo, False)
        except Exception as exc:  # noqa: BLE001
            results[i] = exc
        else:
            results[i] = comp
    memo.clear()
    return results


def _share(clocks: list[Any], stage: str, seconds: float, weights: dict[int, int]) -> None:
    total = sum(weights.values())
    for i, w in weights.items():
        part = seconds * w / total if total else seconds / max(1, len(weights))
        clocks[i].timings[stage] = clocks[i].timings.get(stage, 0.0) + part
