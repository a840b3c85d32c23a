"""Page furniture from an HTML page's structure, mapped onto the extracted text.

trafilatura drops most navigation, but captions, related-story cards,
paywall prompts, bylines and embedded posts inside the article element often
reach its text. Their markup says what they are: :func:`furniture_texts`
reads the page with lxml and collects the text of elements that are
furniture by tag (``figcaption``, ``aside``, ``footer``, ``h2``-``h6`` as
subheads) or by a class/id token (:data:`CLASS_KINDS`: decks, paywall
prompts, related cards, embedded posts...), plus paragraphs that are only a
link (a teaser headline). A first line equal to the page's description
(``og:description``) is the deck. :func:`furniture_spans` finds those
texts among the lines of the extracted ``Article.text`` and returns
``[start, end, kind]`` spans, kept in ``Article.meta["furniture"]`` for the
claims stage (:mod:`comparator.claims.furniture`).
"""

from __future__ import annotations

import re

__all__ = ["CLASS_KINDS", "furniture_spans", "furniture_texts"]

#: A class or id token (split on ``-``/``_``/space) -> furniture kind; first matching row wins.
CLASS_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(rx, re.IGNORECASE)) for kind, rx in (
    ("paywall", r"^(paywall|regwall|(article|content|story)?gate|gated|meter(ed)?|piano|subscriber(only)?|premiumwall|tp-modal|"
                r"subscription(prompt|wall)?)$"),
    ("related", r"^(related|more(stories|news|links)?|recommended|recirc(ulation)?|read(more|next)|"
                r"story(card|list)|teasers?|outbrain|taboola|trending|popular|mostread)$"),
    ("prompt", r"^(newsletter|signup|promo|subscribe|cta|social(share)?|share(tools|bar)?|ad(vert(isement)?)?|"
               r"sponsor(ed)?)$"),
    ("deck", r"^(dek|deck|standfirst|subtitle|subheadline|strapline|articlesummary|summary)$"),
    ("subhead", r"^(subhead|crosshead|intertitle)$"),
    ("caption", r"^(caption|figcaption|imagecaption|photocaption|wp-caption-text)$"),
    ("credit", r"^(credit|photocredit|imagecredit|copyright)$"),
    ("byline", r"^(byline|author(s|name)?|contributors?)$"),
    ("dateline", r"^(dateline|timestamp|published|pubdate|updated)$"),
    ("embed", r"^(embed(ded)?|twitter(tweet)?|tweet|instagram(media)?|tiktok(embed)?|fb(post)?|pullquote)$"),
    ("footer", r"^(footer|colophon|disclaimer|tagline)$"),
))
_TAG_KINDS = {"figcaption": "caption", "aside": "related", "footer": "footer",
              "h2": "subhead", "h3": "subhead", "h4": "subhead", "h5": "subhead", "h6": "subhead"}
_SPLIT = re.compile(r"[\s_-]+")
#: Link-only paragraphs shorter than this many words are menus, not teasers.
MIN_TEASER_WORDS = 3


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _kind_of(el) -> str | None:  # noqa: ANN001 - lxml element
    tokens = [t for attr in ("class", "id") for t in _SPLIT.split(el.get(attr) or "") if t]
    joined = [t.replace("-", "") for t in tokens] + ["".join(tokens)]
    for kind, rx in CLASS_KINDS:  # the class says more than the tag ("h2 class=standfirst" is a deck)
        if any(rx.match(t) for t in tokens + joined):
            return kind
    return _TAG_KINDS.get(el.tag if isinstance(el.tag, str) else "")


def furniture_texts(html: str) -> list[tuple[str, str]]:
    """``(normalised text, kind)`` of the page's furniture blocks and their paragraphs."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return []
    found: list[tuple[str, str]] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        if el.tag in ("p", "h2", "h3", "h4", "li"):  # a paragraph that is only a link: a teaser
            links = el.findall(".//a")
            text = _norm(el.text_content())
            if links and text and _norm(" ".join(a.text_content() for a in links)) == text \
                    and len(text.split()) >= MIN_TEASER_WORDS:
                found.append((text, "related"))
                continue
        kind = _kind_of(el)
        if kind is None:
            continue
        blocks = [c for c in el.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "span", "div")
                  if c is not el and not len(c.findall("p"))] or [el]
        for block in blocks + [el]:
            text = _norm(block.text_content())
            if text:
                found.append((text, kind))
    return found


def furniture_spans(text: str, html: str) -> list[list[object]]:
    """``[start, end, kind]`` for every line of ``text`` that is a furniture block of ``html``."""
    blocks = furniture_texts(html)
    if not blocks:
        return []
    exact = {}
    for t, kind in blocks:
        exact.setdefault(t, kind)
    spans: list[list[object]] = []
    pos = 0
    for line in text.split("\n"):
        key = _norm(line)
        kind = exact.get(key)
        if kind is None and len(key) >= 20:
            kind = next((k for t, k in blocks if key in t and len(key) >= 0.5 * len(t)), None)
        if kind is not None and key:
            spans.append([pos, pos + len(line), kind])
        pos += len(line) + 1
    return spans
