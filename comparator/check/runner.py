"""``check()``: drafts against their sources, through the same pipeline as ``compare()``.

Each draft is compared with the sources by :func:`comparator.pipeline.compare`
(load, claims, facts, embeddings, alignment, entities, detectors: nothing is
forked), as an article of its own outlet, ``Draft``; then the findings that
concern the draft, the quotation look-ups (:mod:`.quotes`) and the support check
(:mod:`.support`) become :class:`CheckFinding` records at the draft's lines
(:mod:`.locations`), minus inline suppressions (:mod:`.suppress`) and the baseline
(:mod:`.baseline`). The sources are loaded once and the embedding model once.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any, Sequence

from comparator.check.config import CheckSettings, load_check_settings
from comparator.check.records import CheckResult, DraftResult
from comparator.config import Settings, load_settings
from comparator.errors import InputError
from comparator.types import Article

DRAFT_OUTLET = "Draft"
_log = logging.getLogger(__name__)


def _load_draft(path: str | Path, settings: Settings, taken: set[str]) -> Article:
    from comparator.check.suppress import blank_comments
    from comparator.load import load_articles

    found = load_articles([path], settings=settings)
    if len(found) != 1:
        raise InputError(f"holds {len(found)} articles; a draft must be one article.", path=str(path),
                         hint="Give each draft as its own text, Markdown or HTML file.")
    draft = found[0]
    draft_id = "draft"
    while draft_id in taken:
        draft_id += "-x"
    return dataclasses.replace(draft, id=draft_id, outlet=DRAFT_OUTLET, text=blank_comments(draft.text))


class _Memo:
    """An encoder that encodes each distinct text once per check (the sources' sentences recur in every
    draft's comparison and in the support rule), also when the on-disk cache is off. Other attributes
    (name, sha256, backend, timings) are the wrapped encoder's."""

    def __init__(self, encoder: Any) -> None:
        self._encoder = encoder
        self._vectors: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._encoder, name)

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        texts = [str(t) for t in texts]
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self._encoder.encode(missing)))
        if not texts:
            return self._encoder.encode([])
        return np.stack([self._vectors[t] for t in texts])


def _source_paths(check_settings: CheckSettings) -> list[str]:
    for d in check_settings.source_dirs:
        if not Path(d).is_dir():
            raise InputError("is not a folder.", path=d, hint="--source-dir takes a folder of source articles; "
                                                              "use --source for a file.")
    paths = list(dict.fromkeys(check_settings.sources + check_settings.source_dirs))
    if not paths:
        raise InputError("no sources to check the draft against.", path="comparator check",
                         hint="Give --source FILE or --source-dir DIR (or 'sources' in [tool.comparator.check]).")
    return paths


def _distinct_drafts(drafts: Sequence[str | Path]) -> list[str | Path]:
    """``drafts`` with repeats of the same file (same resolved path) dropped, with a warning; order kept."""
    from comparator.load.fetch import is_url

    seen: set[str] = set()
    out = []
    for d in drafts:
        key = str(d).strip() if is_url(str(d)) else str(Path(str(d)).resolve())
        if key in seen:
            _log.warning("%s is given more than once as a draft; it is checked once.", d)
            continue
        seen.add(key)
        out.append(d)
    return out


def check(drafts: Sequence[str | Path] | str | Path, sources: Sequence[str | Path] = (), *,
          settings: Settings | None = None, check_settings: CheckSettings | None = None,
          encoder: Any | None = None, baseline: str | Path | None = None, event: str | None = None,
          progress: bool = False,
          **overrides: Any) -> CheckResult:
    """Check each draft (a file path) against ``sources`` (files, folders, URLs: whatever ``compare`` reads).

    ``settings`` are the analysis settings (default: ``[tool.comparator]`` of the
    cwd); ``check_settings`` the rules, levels and fail level (default:
    ``[tool.comparator.check]`` or ``.comparator.toml``); ``sources`` and
    ``overrides`` are added to them: :class:`CheckSettings` fields (``fail_on="warning"``)
    and :class:`~comparator.config.Settings` fields (``cache_dir=...``). ``baseline`` (a file written by :func:`comparator.check.baseline.write_baseline`)
    drops accepted findings (``""`` uses none, even a configured one). ``event`` picks one event from
    source corpora holding several. Raises :class:`~comparator.errors.ComparatorError`
    subclasses on bad input. Returns a :class:`CheckResult` (``exit_code`` 0 or 1).
    """
    from comparator import __version__
    from comparator.check.baseline import read_baseline
    from comparator.check.findings import (Builder, add_pipeline_findings, add_quote_findings, add_unsupported,
                                           drop_facts_in_misquotes)
    from comparator.check.locations import line_map
    from comparator.check.names import add_name_divergences
    from comparator.check.quotes import check_quotes
    from comparator.check.support import unsupported_claims
    from comparator.check.suppress import parse_suppressions
    from comparator.load import load_articles
    from comparator.pipeline import compare

    if isinstance(drafts, (str, Path)):
        drafts = [drafts]
    if not drafts:
        raise InputError("no draft to check.", path="comparator check", hint="Give one or more draft files.")
    from dataclasses import fields

    mine = {f.name for f in fields(CheckSettings)}
    checking = {k: v for k, v in overrides.items() if k in mine}
    analysis = {k: v for k, v in overrides.items() if k not in mine}  # Settings fields; unknown names raise
    if check_settings is None:
        check_settings = load_check_settings(**checking)
    elif checking:
        check_settings = check_settings.replace(**checking)
    if sources:
        check_settings = check_settings.replace(
            sources=tuple(dict.fromkeys(check_settings.sources + tuple(str(s) for s in sources))))
    if settings is None:
        settings = load_settings(overrides_source="check()", **analysis)
    elif analysis:
        settings = settings.replace(**analysis)
    if check_settings.lexicons:
        settings = settings.replace(lexicons=tuple(dict.fromkeys(settings.lexicons + check_settings.lexicons)))
    baseline = baseline if baseline is not None else check_settings.baseline
    accepted = read_baseline(baseline) if baseline else frozenset()

    drafts = _distinct_drafts(drafts)
    draft_keys = {Path(str(d)).resolve() for d in drafts}
    loaded = load_articles(_source_paths(check_settings), settings=settings, event=event)
    kept = [not a.source_path or Path(a.source_path.split("#")[0]).resolve() not in draft_keys for a in loaded]
    source_articles = tuple(a for a, keep in zip(loaded, kept) if keep)
    for a, keep in zip(loaded, kept):
        if not keep:
            _log.warning("%s is a draft and also among the sources; it is not used as a source.", a.source_path)
    if not source_articles:
        raise InputError("the sources hold no article other than the drafts.", path="comparator check",
                         hint="Give the material the drafts are based on as --source or --source-dir.")
    if encoder is None:
        from comparator.embed import load_encoder

        encoder = load_encoder(settings, progress=progress)
    encoder = _Memo(encoder)
    results = []
    source_maps: dict[str, Any] = {}
    for path in drafts:
        draft = _load_draft(path, settings, {a.id for a in source_articles})
        comp = compare([draft, *source_articles], settings=settings, encoder=encoder)
        ids = {a.id for a in comp.articles}
        source_ids = [a.id for a in source_articles if a.id in ids]
        if draft.id not in ids:  # a copy of a source (dropped as syndicated): nothing of its own to check
            results.append(DraftResult(str(path), ()))
            continue
        maps = {draft.id: line_map(comp.article(draft.id))}
        for sid in source_ids:
            if sid not in source_maps:
                source_maps[sid] = line_map(comp.article(sid))
            maps[sid] = source_maps[sid]
        b = Builder(comp, draft.id, maps, check_settings)
        add_pipeline_findings(b, source_ids)
        add_name_divergences(b, source_ids)
        quotes = check_quotes(comp, draft.id, source_ids)
        add_quote_findings(b, quotes, len(source_ids))
        drop_facts_in_misquotes(b, quotes)
        if check_settings.level_of("unsupported") != "off":
            add_unsupported(b, unsupported_claims(comp, draft.id, source_ids, encoder), len(source_ids))
        tally: dict[str, int] = {}
        for q in quotes:
            tally[q.kind] = tally.get(q.kind, 0) + 1
        result = _filter(str(path), b.out, parse_suppressions(_raw_text(path), str(path)), accepted)
        results.append(dataclasses.replace(result, quotes=tally))
    return CheckResult(tuple(results), tuple(a.source_path or a.id for a in source_articles),
                       check_settings.fail_on, __version__, check_settings.config)


def _raw_text(path: str | Path) -> str:
    """The draft file's decoded text with LF line ends (for suppression comments); "" for URLs."""
    from comparator.load.decode import decode_bytes
    from comparator.load.fields import newlines

    p = Path(path)
    if not p.is_file():
        return ""
    return newlines(decode_bytes(p.read_bytes(), str(path)).text)


def _filter(path: str, found: list, suppressions: Any, accepted: frozenset[str]) -> DraftResult:
    kept, suppressed, baselined = [], 0, 0
    seen = set()
    for f in sorted(found, key=lambda f: (f.location.line, f.location.column, f.rule, f.message)):
        key = (f.rule, f.location.start, f.location.end, f.message)
        if key in seen:
            continue
        seen.add(key)
        if not suppressions.allows(f.rule, f.location.line):
            suppressed += 1
        elif f.fingerprint in accepted:
            baselined += 1
        else:
            kept.append(f)
    return DraftResult(path, tuple(kept), suppressed, baselined)
