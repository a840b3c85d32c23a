"""Story grouping: articles without an ``event`` field clustered into events, precision first.

A false merge fakes corroboration (two stories look like outlets agreeing), so
the method only joins what is clearly the same story:

1. **Key** of each article: its headline and lead (first :data:`LEAD_CHARS`
   characters) encoded with the comparison's sentence encoder (MiniLM,
   L2-normalised), the named entities spaCy finds in them, and its date.
2. **Candidate pairs**: two dated articles of the window with the same headline word for word
   (normalised, at least :data:`MIN_HEADLINE_WORDS` words, one of them a proper noun: not a
   standing head such as "Letters to the editor") are one story whatever their leads say;
   otherwise: published within :data:`WINDOW_DAYS` of each other,
   sharing at least one entity word, with cosine similarity of the keys >=
   ``threshold``. A pair where a date is missing is a candidate only at
   >= ``undated_threshold`` (:data:`UNDATED_THRESHOLD`): without the window the
   default threshold merged far more (precision 0.79 instead of 0.97).
3. **Clusters**: average-linkage agglomerative clustering (scipy
   ``linkage(method="average")``, cut at distance ``1 - threshold``) inside each
   connected component of the candidate graph, with non-candidate pairs at
   distance 1: a cluster forms only when its members' *mean* similarity clears
   the threshold, so one strong link cannot chain two stories together
   (single-link chaining is the classic false-merge failure, Manning et al.,
   *Introduction to IR*, 2008, §17.2).

The threshold was fitted on one half of ``allsides-dev`` and judged on the other
(``bench/eval_grouping.py``; numbers in docs/EVALUATION.md).

Memory: one small key per article (384 floats and a few entity words), not the
texts: grouping is the one step that must see every article before events exist.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Sequence

__all__ = ["GroupingSettings", "StoryKey", "group_stories", "story_keys"]

#: Characters of the article body read after the headline for the key.
LEAD_CHARS = 400
#: Articles further apart than this (days) are never one story.
WINDOW_DAYS = 3.0
#: Cosine similarity of keys needed to join (fitted on allsides-dev, even-id half A; see the module doc).
THRESHOLD = 0.68
#: The same rule fitted with every date removed (``bench/eval_grouping.py --no-dates``, half A).
UNDATED_THRESHOLD = 0.84
#: Entity labels read for the shared-entity check.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
#: Identical headlines join two dated articles of the window from this many words (see :func:`_same_headline`).
MIN_HEADLINE_WORDS = 3
_STOP = frozenset({"the", "of", "and", "u.s.", "us", "new", "state", "states", "united", "'s", "a"})


@dataclass(frozen=True)
class GroupingSettings:
    """Knobs of story grouping (defaults are the fitted ones)."""

    threshold: float = THRESHOLD
    undated_threshold: float = UNDATED_THRESHOLD
    window_days: float = WINDOW_DAYS
    require_entity: bool = True

    def to_report(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "undated_threshold": self.undated_threshold,
                "window_days": self.window_days,
                "require_entity": self.require_entity, "lead_chars": LEAD_CHARS}


@dataclass(frozen=True)
class StoryKey:
    """What grouping reads of one article: its position, date, key vector and entity words."""

    index: int
    when: float | None  # days since the epoch (UTC), None when unknown
    vector: Any  # numpy float32 row, L2-normalised
    entities: frozenset[str]
    headline: str = ""  # the normalised headline (:func:`headline_key`) if it names something, else ""


def key_text(title: str | None, text: str) -> str:
    """Headline and lead: the part of an article that says which story it is."""
    lead = " ".join(text[:LEAD_CHARS].split())
    return f"{title.strip()}. {lead}" if title and title.strip() else lead


def headline_key(title: str | None) -> str:
    """A headline folded for comparison: NFKC, lower case, possessive 's, marks and punctuation dropped."""
    import unicodedata

    if not title:
        return ""
    folded = re.sub(r"'s\b", "", unicodedata.normalize("NFKC", title).lower().replace("’", "'"))  # possessives
    return " ".join(re.sub(r"[^\w\s]", " ", folded.replace("'", "")).split())


def _same_headline(a: StoryKey, b: StoryKey) -> bool:
    """The same headline word for word and long enough (:data:`MIN_HEADLINE_WORDS`); keys hold a
    headline only when it names someone or something (a proper noun, :func:`story_keys`): two outlets
    do not give one title to two stories on the same days, while a standing head ("Letters to the
    editor", "Police blotter", "Morning briefing") names nothing."""
    return bool(a.headline) and a.headline == b.headline and len(a.headline.split()) >= MIN_HEADLINE_WORDS


def _named_headline(doc: Any, title: str | None) -> str:
    """:func:`headline_key` of ``title`` when its words (the start of ``doc``) hold a proper noun, else ""."""
    if not title or not title.strip():
        return ""
    end = len(title.strip())
    if any(t.idx < end and t.pos_ == "PROPN" for t in doc) or any(e.start_char < end for e in doc.ents
                                                                   if e.label_ in ENTITY_LABELS):
        return headline_key(title)
    return ""


def _days(published: str | None) -> float | None:
    if not published:
        return None
    try:
        moment = _dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.timestamp() / 86400.0


def _entity_words(doc: Any) -> frozenset[str]:
    words = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            words.update(t.lower_ for t in ent if t.is_alpha and t.lower_ not in _STOP and len(t) > 1)
    return frozenset(words)


def story_keys(texts: Sequence[str], dates: Sequence[str | None], encoder: Any, *, offset: int = 0,
               batch: int = 256, titles: Sequence[str | None] | None = None) -> list[StoryKey]:
    """Keys of articles given as :func:`key_text` strings and ISO dates (spaCy NER + the encoder);
    ``titles`` (the headlines, optional) let identical headlines join (:func:`_same_headline`)."""
    import numpy as np

    from comparator.nlp import load_nlp

    nlp = load_nlp()
    keys: list[StoryKey] = []
    for start in range(0, len(texts), batch):
        chunk = list(texts[start:start + batch])
        vectors = np.asarray(encoder.encode(chunk), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1, norms)
        keep = ("tok2vec", "ner") + (("tagger", "attribute_ruler") if titles is not None else ())
        docs = nlp.pipe(chunk, disable=[p for p in nlp.pipe_names if p not in keep])
        for i, (vec, doc) in enumerate(zip(vectors, docs)):
            n = start + i
            keys.append(StoryKey(offset + n, _days(dates[n]), vec, _entity_words(doc),
                                 _named_headline(doc, titles[n]) if titles is not None else ""))
    return keys


def _candidate_edges(keys: Sequence[StoryKey], settings: GroupingSettings) -> dict[tuple[int, int], float]:
    """(i, j) -> similarity for every candidate pair (positions in ``keys``, i < j)."""
    import numpy as np

    dated = sorted((k.when, n) for n, k in enumerate(keys) if k.when is not None)
    undated = [n for n, k in enumerate(keys) if k.when is None]
    times = [t for t, _ in dated]
    matrix = np.stack([k.vector for k in keys]) if keys else np.zeros((0, 1), dtype=np.float32)
    edges: dict[tuple[int, int], float] = {}

    def consider(a: int, others: list[int], undated: bool = False) -> None:
        if not others:
            return
        sims = matrix[others] @ matrix[a]
        for b, sim in zip(others, sims.tolist()):
            if not undated and keys[b].when is not None and _same_headline(keys[a], keys[b]):
                edges[(min(a, b), max(a, b))] = 1.0  # the same headline in the window: one story
                continue
            if sim < settings.threshold:
                continue
            if (undated or keys[b].when is None) and sim < max(settings.threshold, settings.undated_threshold):
                continue
            if settings.require_entity and not (keys[a].entities & keys[b].entities):
                continue
            edges[(min(a, b), max(a, b))] = sim

    for pos, (t, a) in enumerate(dated):
        end = bisect.bisect_right(times, t + settings.window_days)
        consider(a, [n for _, n in dated[pos + 1:end]])
    for i, a in enumerate(undated):
        consider(a, undated[i + 1:] + [n for _, n in dated], undated=True)
    return edges


def group_stories(keys: Sequence[StoryKey], settings: GroupingSettings | None = None) -> list[int]:
    """A story number for each key (same order); singletons get their own number.

    Numbers are deterministic: stories are numbered by their first member's position.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    settings = settings or GroupingSettings()
    edges = _candidate_edges(keys, settings)
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    components: dict[int, list[int]] = {}
    for n in range(len(keys)):
        components.setdefault(find(n), []).append(n)
    label = list(range(len(keys)))
    for members in components.values():
        if len(members) < 2:
            continue
        size = len(members)
        dist = np.ones((size, size))
        for x in range(size):
            for y in range(x + 1, size):
                sim = edges.get((min(members[x], members[y]), max(members[x], members[y])))
                if sim is not None:
                    dist[x, y] = dist[y, x] = max(0.0, 1.0 - sim)
        condensed = dist[np.triu_indices(size, 1)]
        clusters = fcluster(linkage(condensed, method="average"), t=1.0 - settings.threshold + 1e-9,
                            criterion="distance")
        first: dict[int, int] = {}
        for member, c in zip(members, clusters):
            first.setdefault(int(c), member)
        for member, c in zip(members, clusters):
            label[member] = first[int(c)]
    renumber: dict[int, int] = {}
    return [renumber.setdefault(lab, len(renumber)) for lab in label]

