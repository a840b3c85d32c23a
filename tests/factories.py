"""Hand-built Comparison records for renderer and detector unit tests (no models).

Texts are written for the project. ``make_comparison(hostile=True)`` puts
markup and script into article text and metadata, as an untrusted input would.
"""

from __future__ import annotations

from comparator.comparison import Comparison
from comparator.types import (
    Alignment,
    Article,
    Claim,
    Entity,
    EntityMention,
    Evidence,
    Finding,
    ToolInfo,
)

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"></div></textarea>'

# article id -> paragraphs -> sentences (each sentence becomes one claim)
_PARAS: dict[str, list[list[str]]] = {
    "alpha": [
        ["Photo: Staff/Archive"],
        ["A city judge on Monday halted the bridge toll increase.",
         'The judge said the plan "ignores commuters entirely."',
         "The toll would have risen to 12 dollars in March."],
        ["Reprinted with permission. All rights reserved."],
    ],
    "beta": [
        ["Judge Rivera stopped the toll hike on Monday.",
         '"This radical judge has overstepped," a mayor\'s spokesperson said.',
         "The toll was set to rise to 14 dollars."],
    ],
    "gamma": [
        ["The bridge toll increase was blocked by a judge.", "Commuter groups had sued in January."],
    ],
}
_BOILER = {"alpha:0": "caption", "alpha:4": "footer"}


def _build(article_id: str, paras: list[list[str]]) -> tuple[str, list[Claim]]:
    """Join sentences into an article text and make one claim per sentence, exact offsets."""
    text, claims = "", []
    for p_i, sentences in enumerate(paras):
        if text:
            text += "\n"
        for s_i, sentence in enumerate(sentences):
            if s_i:
                text += " "
            start = len(text)
            text += sentence
            cid = f"{article_id}:{len(claims)}"
            quoted = '"' in sentence
            claims.append(Claim(
                id=cid, article=article_id, index=len(claims), paragraph=p_i, text=sentence,
                start=start, end=len(text),
                voice=("quoted" if sentence.startswith('"') else "mixed") if quoted else "authorial",
                speaker=("mayor's spokesperson" if "spokesperson" in sentence else "Rivera") if quoted else None,
                boilerplate=cid in _BOILER, boilerplate_reason=_BOILER.get(cid),
            ))
    return text, claims


def _ev(comp_claims: dict[str, Claim], articles: dict[str, Article], claim_id: str, phrase: str | None = None) -> Evidence:
    c = comp_claims[claim_id]
    text = articles[c.article].text
    if phrase is None:
        start, end = c.start, c.end
    else:
        start = text.index(phrase, c.start)
        end = start + len(phrase)
    return Evidence(article=c.article, claim=c.id, text=text[start:end], start=start, end=end,
                    voice=c.voice, speaker=c.speaker)


def make_comparison(hostile: bool = False) -> Comparison:
    """A three-outlet comparison with alignments, entities and one finding of several kinds."""
    paras = {k: [list(p) for p in v] for k, v in _PARAS.items()}
    if hostile:
        paras["alpha"][1][0] = paras["alpha"][1][0].replace("halted the", f"halted {HOSTILE} the")
    texts, claims = {}, []
    for aid, ps in paras.items():
        texts[aid], made = _build(aid, ps)
        claims += made
    articles = {
        "alpha": Article(id="alpha", outlet="Alpha Daily" + (HOSTILE if hostile else ""), text=texts["alpha"],
                         title="Judge halts toll" + (HOSTILE if hostile else ""),
                         url="javascript:alert(1)" if hostile else "https://alpha.example/toll",
                         published="2025-03-03", source_path="alpha.md"),
        "beta": Article(id="beta", outlet="Beta News", text=texts["beta"], title="Toll hike stopped",
                        url=None, published=None, source_path="beta.md"),
        "gamma": Article(id="gamma", outlet="Gamma Wire", text=texts["gamma"], title=None,
                         source_path="gamma.txt"),
    }
    by_id = {c.id: c for c in claims}

    alignments = (
        Alignment(claims=("alpha:1", "beta:0"), score=0.91, semantic=0.83, lexical=0.62),
        Alignment(claims=("alpha:1", "gamma:0"), score=0.88, semantic=0.80, lexical=0.55),
        Alignment(claims=("alpha:3", "beta:2"), score=0.86, semantic=0.78, lexical=0.71),
    )
    rivera_mentions = (
        EntityMention(article="beta", claim="beta:0", text="Judge Rivera",
                      start=texts["beta"].index("Judge Rivera"), end=texts["beta"].index("Judge Rivera") + 12),
    )
    entities = (Entity(id="E1", name="Rivera", label="PERSON", aliases=("Judge Rivera",), mentions=rivera_mentions),)
    findings = (
        Finding(id="divergent_fact-001", kind="divergent_fact", severity="error", confidence=0.9,
                message="Alpha Daily says the toll would rise to 12 dollars; Beta News says 14 dollars.",
                evidence=(_ev(by_id, articles, "alpha:3", "12 dollars"), _ev(by_id, articles, "beta:2", "14 dollars"))),
        Finding(id="framing_label-001", kind="framing_label", severity="warning", confidence=0.8, entity="E1",
                message="Beta News quotes a mayor's spokesperson calling the judge \"This radical judge\"; "
                        "the other outlets use no label.",
                evidence=(_ev(by_id, articles, "beta:1", "This radical judge"),)),
        Finding(id="omission-001", kind="omission", severity="info", confidence=0.7,
                message="Only Gamma Wire reports that commuter groups had sued in January.",
                evidence=(_ev(by_id, articles, "gamma:1"),),
                details={"carried_by": ["gamma"], "missing_from": ["alpha", "beta"]}),
    )
    tool = ToolInfo(name="comparator", version="0.0.0-test", embedding_model="fake",
                    embedding_model_sha256="0" * 64, nlp_model="none", settings={"min_score": None})
    return Comparison(articles=tuple(articles.values()), claims=tuple(claims), alignments=alignments,
                      entities=entities, findings=findings, tool=tool)


def claims_of(text: str) -> tuple[Claim, ...]:
    """The claims of one article with ``text``, parsed by the real spaCy pipeline."""
    from comparator import nlp
    from comparator.claims import extract_claims

    article = Article(id="t", outlet="Test", text=text)
    return extract_claims(article, nlp.parse_articles([article])["t"])


def find(claims, text: str) -> Claim:
    """The one claim containing ``text`` (fails the test if none or several do)."""
    hits = [c for c in claims if text in c.text]
    assert len(hits) == 1, f"{len(hits)} claims contain {text!r}: {[c.text for c in claims]}"
    return hits[0]
