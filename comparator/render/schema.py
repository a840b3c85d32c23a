"""The JSON Schema (draft 2020-12) of ``report.json``, as produced by ``Comparison.to_dict()``.

This module is the source; ``docs/report.schema.json`` is its dump, kept in
sync by a test. Regenerate with ``python -m comparator.render.schema > docs/report.schema.json``.
Minor versions (``1.x``) only add fields, so objects allow extra properties.
"""

from __future__ import annotations

import json
from typing import Any

from comparator.types import FINDING_KINDS, SEVERITIES, VOICES

__all__ = ["SCHEMA", "schema_text"]


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **extra}


_STR = {"type": "string"}
_ID = {"type": "string", "minLength": 1}
_OFFSET = {"type": "integer", "minimum": 0}
_UNIT = {"type": "number", "minimum": 0, "maximum": 1}
_VOICE = {"enum": list(VOICES), "description": "Whose words: the outlet's own, a quote, or both."}


def _obj(props: dict[str, Any], required: list[str] | None = None, description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out["required"] = list(props) if required is None else required
    out["properties"] = props
    return out


_SPAN = {"text": _STR, "start": _OFFSET, "end": _OFFSET}

_DEFS: dict[str, Any] = {
    "tool": _obj({
        "name": _ID,
        "version": _ID,
        "embedding_model": _STR,
        "embedding_model_sha256": _nullable("string", pattern="^[0-9a-f]{64}$"),
        "embedding_backend": _nullable("string", description="onnx or torch; null for a caller's own encoder."),
        "embedding_onnx_sha256": _nullable("string", pattern="^[0-9a-f]{64}$",
                                           description="The exported ONNX file the onnx backend ran."),
        "nlp_model": _STR,
        "settings": {"type": "object", "description": "Settings that affect results."},
    }, required=["name", "version", "embedding_model", "embedding_model_sha256", "nlp_model", "settings"],
        description="What produced the report: versions, models and settings."),
    "article": _obj({
        "id": _ID,
        "outlet": _STR,
        "title": _nullable("string"),
        "source_path": _nullable("string"),
        "url": _nullable("string", description="As given by the input; not checked, never fetched."),
        "published": _nullable("string", description="ISO 8601 date or datetime, when known."),
        "encoding": _nullable("string", description="Charset the input was decoded with."),
        "truncated": {"type": "boolean", "description": "The text ends before the story does (an excerpt "
                                                        "ending in an ellipsis, or a paywall notice)."},
        "warnings": {"type": "array", "items": _STR, "description": "Loading fallbacks taken, e.g. a "
                                                                      "mis-declared charset."},
    }, required=["id", "outlet", "title", "source_path", "url", "published"]),
    "fact": _obj({
        "kind": _ID,
        **_SPAN,
        "normal": _STR,
        "value": {"type": ["number", "string", "null"]},
        "unit": _nullable("string"),
        "qualifier": _nullable("string"),
        "approximate": {"type": "boolean"},
        "anchor": _nullable("string", description="What the fact is about: the counted noun, the dated event."),
    }, required=["kind", "text", "start", "end", "normal"],
        description="A typed, checkable fact; offsets into the article text."),
    "mention": _obj({**_SPAN, "label": _ID}, description="A named-entity mention (spaCy label)."),
    "claim": _obj({
        "id": {"type": "string", "pattern": "^.+:[0-9]+$", "description": "<article id>:<index>"},
        "article": _ID,
        "index": _OFFSET,
        "paragraph": _OFFSET,
        **_SPAN,
        "voice": _VOICE,
        "speaker": _nullable("string"),
        "speaker_reason": {"type": ["string", "null"], "enum": ["unattributed", None],
                           "description": "Why a quoted or mixed claim has no speaker: "
                                          "\"unattributed\" when the text gives no attribution "
                                          "evidence; null otherwise."},
        "boilerplate": {"type": "boolean", "description": "Page furniture or headline: kept, never compared "
                                                          "as story text."},
        "boilerplate_reason": _nullable("string", description=(
            "Furniture kind: caption, credit, byline, dateline, subhead, related, prompt, paywall, footer, "
            "embed, duplicate, headline or deck (open set).")),
        "kind": {"enum": ["body", "headline"], "description": (
            "headline: the title (appended to the article text after a blank line, so offsets still index "
            "it) or a deck; always boilerplate, so body comparisons never see it.")},
        "quotes": {"type": "array", "items": {"type": "array", "prefixItems": [_OFFSET, _OFFSET],
                                              "minItems": 2, "maxItems": 2}},
        "scare_quotes": {"type": "array", "items": {"type": "array", "prefixItems": [_OFFSET, _OFFSET],
                                                    "minItems": 2, "maxItems": 2},
                         "description": "Scare quotes: [start, end) of 1-3 word quoted fragments "
                                        "in the outlet's own, unattributed sentence (marks excluded); "
                                        "the claim's voice stays authorial."},
        "reported": {"type": "array", "items": {"type": "array", "prefixItems": [_OFFSET, _OFFSET],
                                                "minItems": 2, "maxItems": 2},
                     "description": "Indirect speech: [start, end) of unquoted words a reporting "
                                    "verb attributes to its subject (a clausal complement, or the "
                                    "'as ...' of 'describing X as Y'); not the outlet's own words."},
        "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}},
        "mentions": {"type": "array", "items": {"$ref": "#/$defs/mention"}},
    }, required=["id", "article", "index", "paragraph", "text", "start", "end", "voice", "speaker",
                 "boilerplate", "boilerplate_reason", "quotes", "facts", "mentions"],
        description="One sentence-level claim; article.text[start:end] == text."),
    "alignment": _obj({
        "claims": {"type": "array", "items": _ID, "minItems": 2, "uniqueItems": True},
        "score": {**_UNIT, "description": "Combined probability that the claims match."},
        "semantic": {"type": "number", "minimum": -1, "maximum": 1,
                     "description": "Cosine similarity of the embeddings."},
        "lexical": {**_UNIT, "description": "rapidfuzz token_set_ratio / 100."},
        "method": _STR,
    }, required=["claims", "score", "semantic", "lexical"]),
    "entity_mention": _obj({"article": _ID, "claim": _ID, **_SPAN},
                           required=["claim", "text", "start", "end"]),
    "entity": _obj({
        "id": _ID,
        "name": _STR,
        "label": _STR,
        "aliases": {"type": "array", "items": _STR},
        "mentions": {"type": "array", "items": {"$ref": "#/$defs/entity_mention"}},
    }, required=["id", "name", "aliases", "mentions"]),
    "evidence": _obj({
        "article": _ID,
        "claim": _nullable("string"),
        **_SPAN,
        "voice": {"enum": [*VOICES, None]},
        "speaker": _nullable("string"),
    }, description="An exact span: article.text[start:end] == text."),
    "finding": _obj({
        "id": _ID,
        "kind": {"type": "string", "minLength": 1, "examples": list(FINDING_KINDS),
                 "description": "Open set; known kinds: " + ", ".join(FINDING_KINDS)
                                + ". New kinds are added, never renamed."},
        "severity": {"enum": list(SEVERITIES)},
        "confidence": _UNIT,
        "message": {"type": "string", "minLength": 1},
        "entity": _nullable("string", description="Entity id, when the finding is about one."),
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
        "details": {"type": "object", "description": (
            "Kind-specific, JSON-ready data. divergent_fact: details.type is one of number, date, name, "
            "quote_wording (the same quotation in other words; details.diff: the changed words of each side, "
            "null for a side with none), attribution (the same quotation credited to another speaker), status "
            "(charged / not charged, done / expected, dead / alive, opposite outcomes such as approved / rejected "
            "or signed / vetoed, or a negated verb, or a post held formerly / currently: details.fact \"title\"), "
            "certainty (a hedged verb); details.aligned is false when the two facts sit in sentences that do not "
            "align; details.quote_wording holds the differing words of the same quotation when a number or date "
            "changed inside it (one finding, not a second quote_wording one).")},
    }, required=["id", "kind", "severity", "confidence", "message", "entity", "evidence"]),
    "label": _obj({
        "entity": _ID,
        "article": _ID,
        "claim": _ID,
        **_SPAN,
        "kind": {"type": "string", "description": "appositive, relative_clause, premodifier, role, "
                                                  "predicate or anaphor."},
        "voice": _VOICE,
        "speaker": _nullable("string"),
        "category": _nullable("string", description="Lexicon category, e.g. partisan_identity."),
    }, required=["entity", "article", "claim", "text", "start", "end", "kind", "voice"],
        description="How an outlet describes an entity; offsets into the article text."),
    "source_row": _obj({
        "source": _STR,
        "speaker": _STR,
        "entity": _nullable("string"),
        "article": _ID,
        "outlet": _STR,
        "quotes": _OFFSET,
        "quoted_chars": _OFFSET,
        "wordings": {"type": "array", "items": _STR},
    }, required=["source", "speaker", "article", "quotes"],
        description="How often one outlet quotes one source (speaker x outlet)."),
    "overview": _obj({
        "counts": _obj({k: _OFFSET for k in ("articles", "sentences", "facts", "shared_facts", "findings",
                                             "ranked")},
                       description="The one set of counts every report format shows. sentences: story "
                                   "sentences (not boilerplate); facts: fact groups of those; shared_facts: "
                                   "facts carried by two or more outlets."),
        "ranked": {"type": "array", "items": {"$ref": "#/$defs/ranked"}},
        "key_facts": {"type": "array", "items": {"$ref": "#/$defs/key_fact"}},
        "only_in": {"type": "object", "additionalProperties": _OFFSET,
                    "description": "Article id -> facts only it reports (omission findings it alone carries)."},
        "outlets": {"type": "array", "items": {"$ref": "#/$defs/outlet_profile"}},
        "headlines": {"type": "array", "items": {"$ref": "#/$defs/headline"}},
    }, description="The editor's first screen (comparator.render.overview): derived from the sections above."),
    "ranked": _obj({
        "rank": {"type": "integer", "minimum": 1},
        "finding": _ID,
        "also": {"type": "array", "items": _ID, "description": "Findings collapsed into this one (the same "
                                                                 "difference, or evidence inside its evidence)."},
        "kind": _ID,
        "score": {"type": "number", "minimum": 0, "description": "comparator.render.ranking: (kind weight + "
                                                                  "lead/headline/attribution/carrier bonuses) "
                                                                  "x (0.5 + 0.5 x confidence)."},
        "reason": {"type": "string", "minLength": 1, "description": "One line: why it ranks."},
        "message": _STR,
        "articles": {"type": "array", "items": _ID},
        "claim": _nullable("string", description="Claim holding the first evidence span."),
    }),
    "key_fact": _obj({
        "id": _ID,
        "gist": _STR,
        "claims": {"type": "array", "items": _ID},
        "carried_by": {"type": "array", "items": _ID},
        "lead_of": {"type": "array", "items": _ID, "description": "Articles whose lede is this fact."},
        "cells": {"type": "array", "items": _obj({
            "article": _ID,
            "state": {"enum": ["reports", "differs", "does_not", "not_matched"],
                      "description": "does_not only when an omission finding charges the outlet; "
                                     "not_matched when no sentence matched and nothing charges it."},
            "claim": _nullable("string"),
            "text": _STR,
            "finding": _nullable("string"),
        })},
    }, description="A fact group that an outlet leads with or two or more outlets carry."),
    "outlet_profile": _obj({
        "article": _ID,
        "outlet": _STR,
        "headline": _nullable("string"),
        "lead": _nullable("string"),
        "lead_claim": _nullable("string"),
        "lead_shared_by": {"type": "array", "items": _ID},
        "only_here": {"type": "array", "items": _ID, "description": "Omission finding ids it alone carries."},
        "leaves_out": {"type": "array", "items": _ID,
                       "description": "Omission finding ids it is missing from that more than half of the other "
                                      "outlets carry."},
        "sources": {"type": "object", "additionalProperties": _OFFSET,
                    "description": "Source type (officials, politicians, law_enforcement, experts, advocates, "
                                   "companies, affected_people, other, unattributed) -> quoted sentences."},
        "labels": {"type": "array", "items": {"type": "array", "items": _STR, "minItems": 2, "maxItems": 2},
                   "description": "[what is named, this outlet's dominant label]."},
        "paragraph": _STR,
    }),
    "headline": _obj({
        "article": _ID,
        "outlet": _STR,
        "text": _nullable("string"),
        "claim": _nullable("string"),
        "labels": {"type": "array", "items": _STR},
        "numbers": {"type": "array", "items": _STR},
        "differs": {"type": "boolean", "description": "A number of the same kind differs from another headline's."},
    }),
    "coverage": _obj({
        "name": _STR,
        "mentioned_by": {"type": "array", "items": _obj(
            {"article": _ID, "outlet": _STR, "mentions": {"type": "integer", "minimum": 1}})},
        "never_mentioned_by": {"type": "array", "items": _obj({"article": _ID, "outlet": _STR},
                                                              required=["article"])},
    }, description="Which outlets mention an entity, and which never do."),
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:comparator:report:1",
    "title": "comparator report",
    "description": "report.json written by comparator. Later stages may add top-level sections "
                   "(e.g. labels, sourcing, entity_coverage); objects may gain fields in 1.x.",
    "type": "object",
    "required": ["schema_version", "tool", "articles", "claims", "alignments", "entities", "findings"],
    "properties": {
        "schema_version": {"type": "string", "pattern": r"^1\.\d+$"},
        "tool": {"anyOf": [{"$ref": "#/$defs/tool"}, {"type": "null"}]},
        "articles": {"type": "array", "items": {"$ref": "#/$defs/article"}},
        "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
        "alignments": {"type": "array", "items": {"$ref": "#/$defs/alignment"}},
        "entities": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
        "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        "labels": {"type": "array", "items": {"$ref": "#/$defs/label"}},
        "sourcing": {"type": "array", "items": {"$ref": "#/$defs/source_row"}},
        "overview": {"$ref": "#/$defs/overview"},
        "entity_coverage": {"type": "object", "additionalProperties": {"$ref": "#/$defs/coverage"},
                            "description": "Entity id -> who mentions it."},
    },
    "additionalProperties": True,
    "$defs": _DEFS,
}


def schema_text() -> str:
    """``docs/report.schema.json`` exactly: indented JSON plus a final newline."""
    return json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
