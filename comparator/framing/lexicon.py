"""Loaded-language lexicons: the project's own YAML, user files and Vale rules.

A lexicon file is either comparator's format (``terms:`` entries with a
category, a neutral alternative and a rationale; optional ``categories:``,
``concepts:`` and ``polarity:`` sections; per entry optionally ``match``,
``concept``, ``pos``, ``tier: info`` for style-guide-neutral terms shown at
most as info, and ``guide`` naming the style guide that rules on the term,
which keeps it shown whatever categories the cross-validation selects) or a
Vale rule using
``extends: substitution`` (``swap:`` map) or ``extends: existence``
(``tokens:`` list). Any problem raises :class:`ConfigError` naming the file
and line.

Parts of speech: each category under ``categories:`` may be written
``name: {description: ..., pos: VERB}`` (spaCy coarse tags, comma-separated or a
list; ``any`` for no constraint); an entry's own ``pos`` overrides its
category's. A match counts only when the head of the matched words has one of
those tags, so a conflict-verb entry ("slam", neutral "criticise") never fires
on a noun ("setback"), and an entry whose word is both noun and verb gets one
entry per part of speech, each with an alternative that fits it. Multi-word
terms matched on lemmas treat "a", "an" and "the" as an optional determiner
slot (any determiner or possessive, plus one optional modifier), so "take a
swipe at" also matches "took another sharp swipe at" and "taking swipes at".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from comparator.errors import ConfigError

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "lexicons" / "default.yaml"
VALE_CATEGORY = "style_rule"
_KNOWN_MATCH = ("lemma", "exact")
_POS = {"ADJ", "ADV", "NOUN", "PROPN", "VERB", "AUX", "ADP", "DET", "NUM", "PRON", "INTJ"}


@dataclass(frozen=True)
class LexiconEntry:
    """One loaded term: matched as a phrase (``term``) or a regular expression (``regex``)."""

    term: str
    category: str
    neutral: str
    rationale: str
    regex: str | None = None
    match: str = "lemma"  # lemma | exact (lower-case text only)
    concept: str | None = None
    pos: tuple[str, ...] = ()  # spaCy coarse tags the match's head must have (e.g. VERB); () = any
    source: str = ""  # "path:line"
    tier: str = "warning"  # warning | info (style-guide-neutral terms are at most info)
    guide: str = ""  # the style guide that rules on the term (such entries are shown whatever the CV picks)


@dataclass(frozen=True)
class Lexicon:
    """Entries plus the category descriptions, concepts and polarity scores they came with."""

    entries: tuple[LexiconEntry, ...] = ()
    categories: Mapping[str, str] = field(default_factory=dict)
    concepts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> phrases
    polarity: Mapping[str, float] = field(default_factory=dict)  # lemma -> score in [-2, 2]
    sources: tuple[str, ...] = ()
    category_pos: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # category -> tags; () = any

    def merged(self, other: "Lexicon") -> "Lexicon":
        """This lexicon extended by ``other`` (later entries win on the same term)."""
        concepts = {k: tuple(v) for k, v in self.concepts.items()}
        for k, v in other.concepts.items():
            concepts[k] = tuple(dict.fromkeys(concepts.get(k, ()) + tuple(v)))
        return Lexicon(
            entries=self.entries + other.entries,
            categories={**self.categories, **other.categories},
            concepts=concepts,
            polarity={**self.polarity, **other.polarity},
            sources=self.sources + other.sources,
            category_pos={**self.category_pos, **other.category_pos},
        )

    def concept_of(self, phrase: str) -> str | None:
        """The concept whose phrase list holds ``phrase`` (lower-cased), if any."""
        index = self.__dict__.get("_concept_index")
        if index is None:
            index = {}
            for name in sorted(self.concepts):
                for p in self.concepts[name]:
                    index.setdefault(p.lower(), name)
            for e in self.entries:
                if e.concept and not e.regex:
                    index.setdefault(e.term.lower(), e.concept)
            object.__setattr__(self, "_concept_index", index)
        return index.get(phrase.lower())


# -- YAML with line numbers ---------------------------------------------------------

def _yaml_loader():
    import yaml

    from comparator.load.safe_yaml import NoAliasLoader

    class _LineLoader(NoAliasLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = NoAliasLoader.construct_mapping(loader, node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return _LineLoader


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key (for errors about a whole section)."""
    out = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m:
            out.setdefault(m.group(1), i)
    return out


def _read_yaml(path: Path) -> tuple[Any, str]:
    import yaml

    from comparator.load.safe_yaml import load

    try:
        _regular_file(path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("lexicon file not found.", path=str(path),
                          hint="Check the path given to --lexicon.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read lexicon ({exc}).", path=str(path),
                          hint="Lexicons are UTF-8 YAML files.") from None
    try:
        data = load(text, _yaml_loader())
    except (RecursionError, ValueError) as exc:  # nesting too deep, integers over 4,300 digits
        raise ConfigError(f"lexicon cannot be read ({'nested too deeply' if isinstance(exc, RecursionError) else exc}).",
                          path=str(path), hint="Fix the YAML: plain mappings and lists of text.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"lexicon is not valid YAML: {problem}.", path=str(path),
                          line=mark.line + 1 if mark else None,
                          hint="Fix the YAML syntax (indentation, quotes, colons).") from None
    return data, text


def _regular_file(path: Path) -> None:
    """Refuse FIFOs, devices and folders before opening (reading a FIFO would block forever)."""
    import stat

    mode = path.stat().st_mode  # FileNotFoundError / PermissionError are handled by the caller
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a special file (FIFO, socket or device)"
        raise ConfigError(f"lexicon is {kind}, not a regular file.", path=str(path),
                          hint="Pass a YAML file to --lexicon.")


#: Strings on which a pattern with catastrophic backtracking blows up (nested or
#: overlapping quantifiers over letters, words or anything); a sane pattern
#: answers each in microseconds.
_PROBES = ("a" * 48 + "!", "word " * 40 + "!", "x" * 48, "ab" * 30 + "\n", "1" * 48 + "x",
           "a" * 400 + "!", "Word " * 300 + "!")
#: Seconds a pattern may take on one probe before it is refused (the ``regex``
#: package's ``timeout``; it overshoots by a few times on a busy machine).
PROBE_TIMEOUT = 0.05


def _probe(compiled: Any, probe: str) -> None:
    """Run ``compiled`` over ``probe``; TimeoutError only if it is slow twice (the second time with 10x
    the time), so a busy machine pausing the process does not refuse a sane pattern."""
    for timeout in (PROBE_TIMEOUT, PROBE_TIMEOUT * 10):
        try:
            for _ in compiled.finditer(probe, timeout=timeout):
                pass
            return
        except TimeoutError:
            continue
    raise TimeoutError(probe[:20])


def _compile(pattern: str, path: Path, line: int | None) -> str:
    """Check ``pattern`` compiles with the ``regex`` package and does not backtrack catastrophically.

    Matching uses :mod:`regex` (not :mod:`re`): inline flags such as ``(?i)``
    are accepted anywhere, and every search runs with a timeout
    (:data:`comparator.framing.match.MATCH_TIMEOUT`). Here each pattern is also
    run on a few probe strings with :data:`PROBE_TIMEOUT`, so a pattern like
    ``(a+)+$`` is refused when the lexicon loads, before any model does.
    """
    import regex

    from comparator.framing.match import wrap_pattern

    try:
        regex.compile(pattern, regex.IGNORECASE)  # alone first: "a[b" must not pair with the wrapper
        compiled = regex.compile(wrap_pattern(pattern), regex.IGNORECASE)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        raise ConfigError(f"bad regular expression {pattern!r}: {exc}.", path=str(path), line=line,
                          hint="Escape special characters or fix the pattern.") from None
    for probe in _PROBES:
        try:
            _probe(compiled, probe)
        except TimeoutError:
            raise ConfigError(
                f"regular expression {pattern!r} takes too long even on short text "
                "(nested quantifiers such as (a+)+ backtrack exponentially).",
                path=str(path), line=line,
                hint="Remove the nested repetition, e.g. write a+ instead of (a+)+.",
            ) from None
    return pattern


def _str_field(item: Mapping[str, Any], key: str, path: Path, line: int, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ConfigError(f"lexicon entry is missing {key!r}.", path=str(path), line=line,
                              hint="Each term needs term (or regex), category, neutral and rationale.")
        return None
    if not isinstance(value, (str, int, float)):
        raise ConfigError(f"lexicon entry field {key!r} must be text, not {type(value).__name__}.",
                          path=str(path), line=line)
    return str(value).strip()


def _pos_field(value: Any, path: Path, line: int | None) -> tuple[str, ...]:
    """Parts of speech from ``"VERB"``, ``"NOUN, PROPN"``, ``[ADJ, VERB]`` or ``any`` (-> ())."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise ConfigError(f"'pos' must be text or a list of tags, not {type(value).__name__}.",
                          path=str(path), line=line, hint="Write e.g. 'pos: VERB' or 'pos: [NOUN, PROPN]'.")
    tags = tuple(dict.fromkeys(p.strip().upper() for p in items if p.strip()))
    if tags == ("ANY",):
        return ()
    bad = [p for p in tags if p not in _POS]
    if bad or not tags:
        raise ConfigError(f"unknown part of speech {bad[0] if bad else value!r}.", path=str(path), line=line,
                          hint=f"Use spaCy coarse tags ({', '.join(sorted(_POS))}) or 'any'.")
    return tags


# -- comparator's own format ---------------------------------------------------------

def _parse_native(data: Mapping[str, Any], text: str, path: Path,
                  known_categories: Mapping[str, str],
                  known_pos: Mapping[str, tuple[str, ...]] | None = None) -> Lexicon:
    lines = _key_lines(text)
    categories = dict(known_categories)
    category_pos = dict(known_pos or {})
    own = data.get("categories") or {}
    if not isinstance(own, Mapping):
        raise ConfigError("'categories' must be a mapping of name: description.", path=str(path),
                          line=lines.get("categories"))
    for name, desc in own.items():
        if name == "__line__":
            continue
        if isinstance(desc, Mapping):
            line = int(desc.get("__line__", 0)) or lines.get("categories")
            unknown = sorted(set(desc) - {"__line__", "description", "pos"})
            if unknown or not str(desc.get("description") or "").strip():
                raise ConfigError(f"category {name!r} needs a 'description' (and optionally 'pos'); "
                                  f"unknown: {', '.join(map(repr, unknown)) or 'none'}.", path=str(path), line=line,
                                  hint="Write 'name: {description: ..., pos: VERB}' or 'name: description'.")
            categories[str(name)] = str(desc["description"]).strip()
            category_pos[str(name)] = _pos_field(desc.get("pos"), path, line)
        else:
            categories[str(name)] = str(desc)
            category_pos.setdefault(str(name), ())
    terms = data.get("terms")
    if not isinstance(terms, list):
        raise ConfigError("lexicon has no 'terms' list.", path=str(path), line=lines.get("terms"),
                          hint="Write 'terms:' followed by entries like '- {term: ..., category: ..., "
                               "neutral: ..., rationale: ...}'.")
    entries = []
    for i, item in enumerate(terms):
        if not isinstance(item, Mapping):
            raise ConfigError(f"terms entry {i + 1} is not a mapping.", path=str(path),
                              line=lines.get("terms"), hint="Each entry is '- {term: ..., category: ...}'.")
        line = int(item.get("__line__", 0)) or None
        unknown = sorted(set(item) - {"__line__", "term", "regex", "category", "neutral", "rationale",
                                      "match", "concept", "pos", "tier", "guide"})
        if unknown:
            raise ConfigError(f"unknown field(s) {', '.join(map(repr, unknown))} in lexicon entry.",
                              path=str(path), line=line,
                              hint="Allowed: term, regex, category, neutral, rationale, match, concept, pos, "
                                   "tier, guide.")
        regex = _str_field(item, "regex", path, line, required=False)
        term = _str_field(item, "term", path, line, required=regex is None) or regex
        category = _str_field(item, "category", path, line)
        if category not in categories:
            raise ConfigError(f"unknown category {category!r}.", path=str(path), line=line,
                              hint=f"Known categories: {', '.join(sorted(categories))}; "
                                   "or declare it under 'categories:'.")
        match = _str_field(item, "match", path, line, required=False) or "lemma"
        if match not in _KNOWN_MATCH:
            raise ConfigError(f"unknown match mode {match!r}.", path=str(path), line=line,
                              hint="Use 'lemma' (default) or 'exact'.")
        pos = _pos_field(item["pos"], path, line) if "pos" in item else category_pos.get(category, ())
        tier = _str_field(item, "tier", path, line, required=False) or "warning"
        if tier not in ("warning", "info"):
            raise ConfigError(f"unknown tier {tier!r}.", path=str(path), line=line,
                              hint="Use 'warning' (default) or 'info' (style-guide-neutral terms).")
        entries.append(LexiconEntry(
            term=term, category=category, pos=pos, tier=tier,
            guide=_str_field(item, "guide", path, line, required=False) or "",
            neutral=_str_field(item, "neutral", path, line),
            rationale=_str_field(item, "rationale", path, line),
            regex=_compile(regex, path, line) if regex else None,
            match=match, concept=_str_field(item, "concept", path, line, required=False),
            source=f"{path.name}:{line}",
        ))
    concepts = data.get("concepts") or {}
    if not isinstance(concepts, Mapping) or any(
            k != "__line__" and not isinstance(v, list) for k, v in concepts.items()):
        raise ConfigError("'concepts' must map a concept name to a list of phrases.", path=str(path),
                          line=lines.get("concepts"))
    polarity = data.get("polarity") or {}
    if not isinstance(polarity, Mapping):
        raise ConfigError("'polarity' must map words to scores.", path=str(path), line=lines.get("polarity"))
    scores = {}
    for word, score in polarity.items():
        if word == "__line__":
            continue
        if not isinstance(score, (int, float)) or isinstance(score, bool) or not -2 <= score <= 2:
            raise ConfigError(f"polarity of {word!r} must be a number from -2 to 2, not {score!r}.",
                              path=str(path), line=lines.get("polarity"))
        scores[str(word).lower()] = float(score)
    return Lexicon(
        entries=tuple(entries),
        categories={k: categories[k] for k in sorted(categories)},
        concepts={str(k): tuple(str(p) for p in v) for k, v in sorted(concepts.items()) if k != "__line__"},
        polarity=scores,
        sources=(str(path),),
        category_pos={k: category_pos.get(k, ()) for k in sorted(categories)},
    )


# -- public --------------------------------------------------------------------------

def load_lexicon(path: str | Path, *, known_categories: Mapping[str, str] | None = None) -> Lexicon:
    """Read one lexicon file (comparator YAML or a Vale rule); :class:`ConfigError` when broken."""
    path = Path(path)
    data, text = _read_yaml(path)
    if not isinstance(data, Mapping):
        raise ConfigError("lexicon must be a YAML mapping with a 'terms:' list (or a Vale rule).",
                          path=str(path), line=1)
    if "extends" in data:
        from comparator.framing.vale import parse_vale

        return parse_vale(data, text, path)
    known_pos: Mapping[str, tuple[str, ...]] = {}
    if known_categories is None:
        known_categories = {} if path == DEFAULT_LEXICON else dict(default_lexicon().categories)
        known_pos = {} if path == DEFAULT_LEXICON else dict(default_lexicon().category_pos)
    return _parse_native(data, text, path, known_categories, known_pos)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The project's own lexicon (``comparator/lexicons/default.yaml``)."""
    return load_lexicon(DEFAULT_LEXICON, known_categories={})


@lru_cache(maxsize=16)
def _combined(paths: tuple[str, ...], use_default: bool) -> Lexicon:
    lex = default_lexicon() if use_default else Lexicon()
    for p in paths:
        lex = lex.merged(load_lexicon(p))
    return lex


def lexicon_for(settings: Any) -> Lexicon:
    """The default lexicon (unless turned off) merged with ``settings.lexicons``."""
    return _combined(tuple(getattr(settings, "lexicons", ()) or ()),
                     bool(getattr(settings, "use_default_lexicon", True)))
