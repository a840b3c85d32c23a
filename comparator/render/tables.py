"""Flat tables of a Comparison as pandas DataFrames, and CSV/Parquet files of them.

Frames (columns are stable; lists are joined with ``"; "``):

- ``claims``: id, article, outlet, index, paragraph, text, start, end, voice,
  speaker, boilerplate, boilerplate_reason, n_facts, n_mentions
- ``alignments``: one row per pair of aligned claims: alignment (its position in
  the report), claim_a, claim_b, article_a, article_b, outlet_a, outlet_b,
  text_a, text_b, score, semantic, lexical, method
- ``findings``: id, kind, severity, confidence, message, entity, outlets (cited
  in the evidence, article order), n_evidence
- ``evidence``: one row per evidence span: finding, kind, severity, position,
  article, outlet, claim, text, start, end, voice, speaker
- ``entities``: id, name, label, aliases, n_mentions, outlets (mentioning it),
  missing_from (outlets that never mention it)
- ``ranked``: the ranked differences (:mod:`comparator.render.ranking`): rank, finding,
  kind, score, reason, message, outlets, also (collapsed finding ids)
- ``key_facts``: one row per key fact and outlet (long form): fact, position (row of
  the matrix, from 1), gist, lead (the outlet leads with it), article, outlet, state
  (reports / differs / does_not / not_matched), claim, text, finding
- ``outlets``: one row per outlet profile: article, outlet, headline, lead,
  only_here (number of facts), leaves_out (number), one column per source type
  (quoted sentences), labels, paragraph

pandas is imported inside the functions only.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from comparator.errors import ConfigError
from comparator.render.source_types import SOURCE_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from comparator.comparison import Comparison

__all__ = ["COLUMNS", "TABLES", "to_frame", "write_tables"]

SEP = "; "

# name -> {column: pandas dtype}; nullable dtypes so empty frames keep their types
COLUMNS: dict[str, dict[str, str]] = {
    "claims": {
        "id": "string", "article": "string", "outlet": "string", "index": "Int64", "paragraph": "Int64",
        "text": "string", "start": "Int64", "end": "Int64", "voice": "string", "speaker": "string",
        "boilerplate": "boolean", "boilerplate_reason": "string", "n_facts": "Int64", "n_mentions": "Int64",
    },
    "alignments": {
        "alignment": "Int64", "claim_a": "string", "claim_b": "string", "article_a": "string",
        "article_b": "string", "outlet_a": "string", "outlet_b": "string", "text_a": "string",
        "text_b": "string", "score": "Float64", "semantic": "Float64", "lexical": "Float64", "method": "string",
    },
    "findings": {
        "id": "string", "kind": "string", "severity": "string", "confidence": "Float64", "message": "string",
        "entity": "string", "outlets": "string", "n_evidence": "Int64",
    },
    "evidence": {
        "finding": "string", "kind": "string", "severity": "string", "position": "Int64", "article": "string",
        "outlet": "string", "claim": "string", "text": "string", "start": "Int64", "end": "Int64",
        "voice": "string", "speaker": "string",
    },
    "entities": {
        "id": "string", "name": "string", "label": "string", "aliases": "string", "n_mentions": "Int64",
        "outlets": "string", "missing_from": "string",
    },
}
COLUMNS["ranked"] = {
    "rank": "Int64", "finding": "string", "kind": "string", "score": "Float64", "reason": "string",
    "message": "string", "outlets": "string", "also": "string",
}
COLUMNS["key_facts"] = {
    "fact": "string", "position": "Int64", "gist": "string", "lead": "boolean", "article": "string",
    "outlet": "string", "state": "string", "claim": "string", "text": "string", "finding": "string",
}
COLUMNS["outlets"] = {
    "article": "string", "outlet": "string", "headline": "string", "lead": "string", "only_here": "Int64",
    "leaves_out": "Int64", **{f"quotes_{k}": "Int64" for k in SOURCE_TYPES}, "labels": "string",
    "paragraph": "string",
}
#: Frames written by :func:`write_tables`, in order.
TABLES: tuple[str, ...] = ("claims", "alignments", "findings", "evidence", "entities", "ranked", "key_facts",
                           "outlets")

Row = dict[str, Any]


def _outlets(comp: "Comparison") -> dict[str, str]:
    return {a.id: a.outlet for a in comp.articles}


def _claims(comp: "Comparison") -> list[Row]:
    outlets = _outlets(comp)
    return [{
        "id": c.id, "article": c.article, "outlet": outlets.get(c.article), "index": c.index,
        "paragraph": c.paragraph, "text": c.text, "start": c.start, "end": c.end, "voice": c.voice,
        "speaker": c.speaker, "boilerplate": c.boilerplate, "boilerplate_reason": c.boilerplate_reason,
        "n_facts": len(c.facts), "n_mentions": len(c.mentions),
    } for c in comp.claims]


def _alignments(comp: "Comparison") -> list[Row]:
    outlets = _outlets(comp)
    texts = {c.id: c.text for c in comp.claims}
    rows = []
    for i, al in enumerate(comp.alignments):
        for a, b in combinations(al.claims, 2):
            art_a, art_b = a.split(":", 1)[0], b.split(":", 1)[0]
            rows.append({
                "alignment": i, "claim_a": a, "claim_b": b, "article_a": art_a, "article_b": art_b,
                "outlet_a": outlets.get(art_a), "outlet_b": outlets.get(art_b),
                "text_a": texts.get(a), "text_b": texts.get(b),
                "score": al.score, "semantic": al.semantic, "lexical": al.lexical, "method": al.method,
            })
    return rows


def _findings(comp: "Comparison") -> list[Row]:
    outlets = _outlets(comp)
    order = [a.id for a in comp.articles]
    rows = []
    for f in comp.findings:
        cited = {e.article for e in f.evidence}
        ids = [a for a in order if a in cited] + sorted(cited - set(order))
        rows.append({
            "id": f.id, "kind": f.kind, "severity": f.severity, "confidence": f.confidence,
            "message": f.message, "entity": f.entity, "outlets": SEP.join(outlets.get(a, a) for a in ids),
            "n_evidence": len(f.evidence),
        })
    return rows


def _evidence(comp: "Comparison") -> list[Row]:
    outlets = _outlets(comp)
    return [{
        "finding": f.id, "kind": f.kind, "severity": f.severity, "position": i, "article": e.article,
        "outlet": outlets.get(e.article), "claim": e.claim, "text": e.text, "start": e.start, "end": e.end,
        "voice": e.voice, "speaker": e.speaker,
    } for f in comp.findings for i, e in enumerate(f.evidence)]


def _entities(comp: "Comparison") -> list[Row]:
    rows = []
    for ent in comp.entities:
        mentioned = {m.article for m in ent.mentions}
        rows.append({
            "id": ent.id, "name": ent.name, "label": ent.label, "aliases": SEP.join(ent.aliases),
            "n_mentions": len(ent.mentions),
            "outlets": SEP.join(a.outlet for a in comp.articles if a.id in mentioned),
            "missing_from": SEP.join(a.outlet for a in comp.articles if a.id not in mentioned),
        })
    return rows


def _ranked(comp: "Comparison") -> list[Row]:
    from comparator.render.overview import overview

    outlets = _outlets(comp)
    return [{"rank": r.rank, "finding": r.finding, "kind": r.kind, "score": r.score, "reason": r.reason,
             "message": r.message, "outlets": SEP.join(outlets.get(a, a) for a in r.articles),
             "also": SEP.join(r.also)} for r in overview(comp).ranked]


def _key_facts(comp: "Comparison") -> list[Row]:
    from comparator.render.overview import overview

    outlets = _outlets(comp)
    return [{"fact": k.id, "position": i, "gist": k.gist, "lead": c.article in k.lead_of, "article": c.article,
             "outlet": outlets.get(c.article), "state": c.state, "claim": c.claim, "text": c.text,
             "finding": c.finding}
            for i, k in enumerate(overview(comp).key_facts, start=1) for c in k.cells]


def _profiles(comp: "Comparison") -> list[Row]:
    from comparator.render.overview import overview

    rows = []
    for p in overview(comp).outlets:
        sources = dict(p.sources)
        rows.append({"article": p.article, "outlet": p.outlet, "headline": p.headline, "lead": p.lead,
                     "only_here": len(p.only_here), "leaves_out": len(p.leaves_out),
                     **{f"quotes_{k}": sources.get(k, 0) for k in SOURCE_TYPES},
                     "labels": SEP.join(f"{what}: {label}" for what, label in p.labels), "paragraph": p.paragraph})
    return rows


_BUILDERS: dict[str, Callable[["Comparison"], list[Row]]] = {
    "claims": _claims, "alignments": _alignments, "findings": _findings,
    "evidence": _evidence, "entities": _entities, "ranked": _ranked, "key_facts": _key_facts,
    "outlets": _profiles,
}


def to_frame(comp: "Comparison", name: str) -> "pd.DataFrame":
    """The ``name`` table (see the module docstring for columns) as a DataFrame."""
    if name not in _BUILDERS:
        raise ConfigError(f"unknown table {name!r}.", hint=f"Choose one of: {', '.join(TABLES)}.")
    import pandas as pd

    columns = COLUMNS[name]
    frame = pd.DataFrame(_BUILDERS[name](comp), columns=list(columns))
    return frame.astype(columns)


_FORMULA = r"^[=+\-@\t\r]"


def _csv_safe(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Prefix text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) with ``'``."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "string":
            risky = out[col].str.contains(_FORMULA, regex=True, na=False)
            out.loc[risky, col] = "'" + out.loc[risky, col]
    return out


def write_tables(comp: "Comparison", directory: str | Path, *, staged: Any = None) -> list[Path]:
    """Write every table as ``<name>.csv`` and ``<name>.parquet`` in ``directory``, atomically.

    CSV is for spreadsheets: text cells starting with ``=``, ``+``, ``-`` or ``@``
    get a leading ``'`` so they cannot run as formulas. Parquet keeps the exact text.
    With ``staged`` (a :class:`comparator.render.atomic.AtomicSet`) the files are
    only staged there, to be committed with the reports as one set.
    """
    from comparator.render.atomic import AtomicSet, ensure_dir

    directory = ensure_dir(directory)
    own = staged is None
    files = AtomicSet() if own else staged
    written: list[Path] = []
    try:
        for name in TABLES:
            frame = to_frame(comp, name)
            csv_text = _csv_safe(frame).to_csv(index=False, lineterminator="\n")
            files.add_bytes(directory / f"{name}.csv", csv_text.encode("utf-8"))
            target = directory / f"{name}.parquet"
            with files.path(target) as tmp:
                frame.to_parquet(tmp, index=False, engine="pyarrow")
            written += [directory / f"{name}.csv", target]
        if own:
            files.commit()
    finally:
        if own:
            files.discard()
    return written
