"""Typed, frozen records that flow through the pipeline.

Every record has ``to_dict()`` returning plain JSON-ready data in a fixed key
order, so ``report.json`` is deterministic. Offsets (``start``/``end``) are
always character offsets into the owning :class:`Article`'s ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

Voice = Literal["authorial", "quoted", "mixed"]
Severity = Literal["error", "warning", "info"]

VOICES: tuple[str, ...] = ("authorial", "quoted", "mixed")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

#: Finding kinds known to the report contract. Grow this list, never rename.
FINDING_KINDS: tuple[str, ...] = (
    "omission",
    "divergent_fact",
    "detail_only",
    "framing_label",
    "loaded_language",
    "wording",
    "sourcing",
    "emphasis",
    "syndicated",
)


@dataclass(frozen=True)
class Article:
    """One outlet's telling of the event, as loaded from a file or record."""

    id: str
    outlet: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (or datetime) when known, never guessed
    source_path: str | None = None  # path as given by the user (plus ``#line`` for corpora)
    encoding: str | None = None  # encoding the file was decoded with
    meta: Mapping[str, Any] = field(default_factory=dict)
    truncated: bool = False  # a teaser or excerpt: it ends before the story does

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "source_path": self.source_path,
            "url": self.url,
            "published": self.published,
            "encoding": self.encoding,
            "truncated": self.truncated,
            "warnings": list(self.meta.get("warnings", ())),
        }


@dataclass(frozen=True)
class Fact:
    """A typed, checkable fact inside a claim (number, money, date, ordinal, name...)."""

    kind: str  # quantity | money | percent | duration | date | ordinal | name | ...
    text: str
    start: int
    end: int
    normal: str  # canonical form used for comparison, e.g. "USD 1e10", "2025-08-07"
    value: float | str | None = None
    unit: str | None = None
    qualifier: str | None = None  # over | about | at least | ...
    approximate: bool = False
    anchor: str | None = None  # what the fact is about: the counted noun, the dated event

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "normal": self.normal,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "approximate": self.approximate,
            "anchor": self.anchor,
        }


@dataclass(frozen=True)
class Mention:
    """A named-entity mention inside a claim (from spaCy's NER)."""

    text: str
    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, LAW, NORP, ...

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "label": self.label}


@dataclass(frozen=True)
class Claim:
    """One sentence-level claim of an article, with its voice and speaker."""

    id: str  # "<article id>:<index>", stable across runs
    article: str
    index: int
    paragraph: int
    text: str
    start: int
    end: int
    voice: Voice = "authorial"
    speaker: str | None = None
    boilerplate: bool = False
    boilerplate_reason: str | None = None
    quotes: tuple[tuple[int, int], ...] = ()  # quoted character ranges (article offsets)
    facts: tuple[Fact, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # "body" | "headline": a headline or deck, compared as its own claim. Headline claims are always
    # boilerplate (reason "headline" or "deck"), so body comparisons skip them; the title is appended
    # to Article.text after a blank line (Article.meta["headline_start"]; comparator.load.headline).
    kind: str = "body"
    #: Why a quoted or mixed claim has no speaker: "unattributed" (the text gives no
    #: attribution evidence, see comparator.claims.speakers); None when a speaker is given
    #: or the claim is authorial.
    speaker_reason: str | None = None
    #: Scare quotes: 1-3 word quoted fragments in the outlet's own sentence with no
    #: attribution (article offsets, marks excluded). The claim stays authorial; framing
    #: detectors may read them as the outlet's distancing.
    scare_quotes: tuple[tuple[int, int], ...] = ()
    #: Indirect speech: the unquoted words a reporting verb attributes to its subject
    #: ("Corrigan claimed [Republicans are often attacked]", "describing the proposal as
    #: [amnesty]"), article offsets. The claim's voice stays as it is; framing detectors
    #: should not read these words as the outlet's own.
    reported: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "index": self.index,
            "paragraph": self.paragraph,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "voice": self.voice,
            "speaker": self.speaker,
            "speaker_reason": self.speaker_reason,
            "boilerplate": self.boilerplate,
            "boilerplate_reason": self.boilerplate_reason,
            "quotes": [list(q) for q in self.quotes],
            "scare_quotes": [list(q) for q in self.scare_quotes],
            "reported": [list(q) for q in self.reported],
            "facts": [f.to_dict() for f in self.facts],
            "mentions": [m.to_dict() for m in self.mentions],
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Alignment:
    """Claims from different outlets that say the same thing."""

    claims: tuple[str, ...]  # claim ids, two or more, from different articles
    score: float  # combined probability that the claims match, 0-1
    semantic: float  # cosine similarity of the embeddings
    lexical: float  # rapidfuzz token_set_ratio / 100
    method: str = "logistic"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": list(self.claims),
            "score": round(self.score, 4),
            "semantic": round(self.semantic, 4),
            "lexical": round(self.lexical, 4),
            "method": self.method,
        }


@dataclass(frozen=True)
class EntityMention:
    """Where an entity is mentioned: the claim and the exact span."""

    article: str
    claim: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Entity:
    """One real-world referent, resolved across all articles."""

    id: str
    name: str
    label: str  # PERSON, ORG, GPE, LAW, NORP, ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[EntityMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Evidence:
    """An exact span of an article backing a finding: ``article.text[start:end] == text``."""

    article: str
    claim: str | None
    text: str
    start: int
    end: int
    voice: Voice | None = None
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "voice": self.voice,
            "speaker": self.speaker,
        }


@dataclass(frozen=True)
class Finding:
    """Something that differs between outlets, with the spans that show it."""

    id: str
    kind: str
    severity: Severity
    confidence: float
    message: str
    evidence: tuple[Evidence, ...]
    entity: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)  # kind-specific, JSON-ready

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "confidence": round(self.confidence, 4),
            "message": self.message,
            "entity": self.entity,
            "evidence": [e.to_dict() for e in self.evidence],
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class ToolInfo:
    """What produced a report: versions, models and the settings in force."""

    name: str
    version: str
    embedding_model: str
    embedding_model_sha256: str | None
    nlp_model: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    embedding_backend: str | None = None  # "onnx" or "torch"; None for a caller's own encoder
    embedding_onnx_sha256: str | None = None  # the exported ONNX file run by the onnx backend

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "embedding_model": self.embedding_model,
            "embedding_model_sha256": self.embedding_model_sha256,
            "embedding_backend": self.embedding_backend,
            "embedding_onnx_sha256": self.embedding_onnx_sha256,
            "nlp_model": self.nlp_model,
            "settings": dict(self.settings),
        }


@dataclass(frozen=True)
class Label:
    """How an outlet describes an entity: "the Obama judge", "this activist judge"."""

    entity: str  # Entity.id
    article: str
    claim: str
    text: str
    start: int
    end: int
    kind: str  # appositive | relative_clause | premodifier | role | predicate | anaphor
    voice: Voice = "authorial"
    speaker: str | None = None
    category: str | None = None  # e.g. partisan_identity, epithet (from the lexicon)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "article": self.article,
            "claim": self.claim,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "voice": self.voice,
            "speaker": self.speaker,
            "category": self.category,
        }
