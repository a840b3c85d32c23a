"""Page furniture by kind in text, Markdown and HTML; headline claims; truncated articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator import nlp
from comparator.claims import extract_claims
from comparator.load import load_article_file
from comparator.load.headline import body_text, is_truncated, with_headline
from comparator.types import Article

FIELD = Path(__file__).parent / "data" / "field"

STORY = [
    "The county board voted 5-2 on Tuesday to close the Millbrook landfill by 2028.",
    "The vote ends a decade of disputes over odors and truck traffic on Route 9, board chair Ines Vargas said.",
    "Residents will get curbside compost pickup from next spring, the board said.",
    "Opponents said the transfer station would move the trucks to another neighborhood.",
]


def claims_of(article: Article):
    return extract_claims(article, nlp.parse_articles([article])[article.id])


def reasons(text: str, **meta) -> list[tuple[str, str | None]]:
    art = Article(id="t", outlet="T", text=text, meta=meta)
    return [(c.text, c.boilerplate_reason) for c in claims_of(art)]


def kinds_of(text: str) -> dict[str, str | None]:
    return dict(reasons(text))


# -- one test per kind (plain text / Markdown) ------------------------------------------------

def test_related_section_runs_to_the_end():
    text = "\n\n".join(STORY[:2] + ["More from the Valley Post", "Council delays vote on water rates",
                                   "The council postponed a decision until after the holidays."])
    got = kinds_of(text)
    assert got[STORY[0]] is None and got[STORY[1]] is None
    assert got["More from the Valley Post"] == "related"
    assert got["The council postponed a decision until after the holidays."] == "related"


def test_related_link_stub_and_read_more():
    got = kinds_of("\n".join(STORY[:2] + ["Details here.", "Read more: Landfill fight heads to court"]))
    assert got["Details here."] == "related" and got["Read more: Landfill fight heads to court"] == "related"


def test_paywall_notice():
    text = "\n".join(STORY[:2] + ["You've reached your limit of free articles this month.",
                                 "Get unlimited digital access for just $2.95 a week. Cancel anytime.",
                                 "Already a subscriber? Log in to keep reading."])
    got = reasons(text)
    assert [r for _, r in got[:2]] == [None, None]
    assert all(r == "paywall" for _, r in got[2:]) and len(got) == 7


def test_section_subhead_and_markdown_heading():
    text = "\n\n".join(STORY[:2] + ["Hurdles to asylum", STORY[2], "## What comes next", STORY[3]])
    got = kinds_of(text)
    assert got["Hurdles to asylum"] == "subhead" and got["## What comes next"] == "subhead"
    assert got[STORY[2]] is None and got[STORY[3]] is None


@pytest.mark.parametrize("label", ["UPDATE:", "Why it matters:", "Driving the news:", "EDITOR'S NOTE:"])
def test_run_in_label_is_its_own_subhead_claim(label):
    got = reasons("\n".join(STORY[:2] + [f"{label} {STORY[2]}"]))
    assert got[-2:] == [(label, "subhead"), (STORY[2], None)]


def test_speaker_colon_is_not_a_label():
    got = reasons("\n".join(STORY[:2] + ['Rennie wrote: "The board acted too late."']))
    assert len(got) == 3 and got[-1][1] is None


def test_embedded_post_repeating_a_quote():
    tweet = "Talks went well today and we agreed on a timetable with the board"
    quoted = f'"{tweet}," Vargas wrote on X.'
    text = "\n\n".join(STORY[:2] + [quoted, tweet + ".", STORY[2]])
    got = kinds_of(text)
    assert got[tweet + "."] == "embed" and got[STORY[2]] is None and got[quoted] is None


def test_verbatim_duplicate_paragraph_is_reported_once():
    text = "\n\n".join(STORY[:3] + [STORY[1], STORY[3]])
    got = reasons(text)
    assert [r for _, r in got] == [None, None, None, "duplicate", None]


def test_caption_on_top_ending_in_a_full_date_and_its_copy():
    cap = "Marchers gathered at the fence near Harbor Park on April 29, 2023."
    got = reasons("\n\n".join([cap] + STORY[:2] + [cap, STORY[2]]))
    assert [r for _, r in got] == ["caption", None, None, "caption", None]


def test_caption_of_a_person_in_the_present_tense():
    cap = "President Dana Ruiz addresses the media as she met with the board at City Hall."
    got = kinds_of("\n\n".join(STORY[:2] + [cap] + STORY[2:]))
    assert got[cap] == "caption"


def test_video_caption_with_a_correspondent():
    cap = "The board voted to close the landfill; chief correspondent Jane Roe reports from Millbrook."
    assert kinds_of("\n\n".join(STORY[:2] + [cap]))[cap] == "caption"


def test_byline_dateline_credit_footer_prompt():
    text = "\n".join(["By Jane Roe and John Doe, Reuters", "Published 4:05 PM EST, Nov. 21, 2025",
                      "Screen Capture/PBS NewsHour"] + STORY[:2]
                     + ["Sign up for our Morning Briefing newsletter.",
                        "The Associated Press contributed to this report."])
    got = [r for _, r in reasons(text)]
    assert got == ["byline", "dateline", "credit", None, None, "prompt", "footer"]


def test_deck_above_a_dateline_paragraph_is_a_headline_claim():
    deck = "Board members say the dump has outlived its use."
    art = Article(id="t", outlet="T", text="\n\n".join([deck, "MILLBROOK, Ore. — " + STORY[0], STORY[1]]))
    claims = claims_of(art)
    assert (claims[0].text, claims[0].boilerplate_reason, claims[0].kind) == (deck, "deck", "headline")
    assert claims[1].kind == "body" and not claims[1].boilerplate


def test_story_sentences_stay_story():
    assert all(r is None for _, r in reasons("\n\n".join(STORY)))


# -- HTML page structure ------------------------------------------------------------------------

def html_page(body: str) -> str:
    return ("<html><head><title>Board closes landfill | Valley Post</title></head><body><article>"
            "<h1>Board closes landfill</h1>" + "".join(f"<p>{s}</p>" for s in STORY[:3]) + body
            + "</article></body></html>")


@pytest.mark.parametrize("markup, kind, kept", [
    ('<figure><img src="a.jpg"><figcaption>Trucks line up at the Millbrook landfill gate early in the '
     'morning.</figcaption></figure>', "caption", False),
    ('<div class="paywall-prompt"><p>Support local reporting by becoming a member of the Post '
     'today.</p></div>', "paywall", True),
    ('<div class="related-stories"><p>Council weighs higher water rates after the summer drought '
     'ends.</p></div>', "related", False),
    ('<p><a href="/x">Council weighs higher water rates after the summer drought</a></p>', "related", False),
    ('<blockquote class="twitter-tweet"><p>The landfill closes in 2028, and we will hold the board to '
     'it.</p></blockquote>', "embed", True),
    ('<p class="article-byline">Staff report for the Valley Post newsroom desk</p>', "byline", False),
])
def test_html_structure_marks_furniture(tmp_path, markup, kind, kept):
    """Furniture trafilatura keeps is marked by its markup; what it drops never reaches the claims."""
    path = tmp_path / "p.html"
    path.write_text(html_page(markup), encoding="utf-8")
    art = with_headline(load_article_file(path)[0])
    got = {c.text: (c.boilerplate_reason, c.kind) for c in claims_of(art)}
    assert [got[s] for s in STORY[:3]] == [(None, "body")] * 3
    others = {t: r for t, r in got.items() if t not in STORY}
    assert others.pop("Board closes landfill") == ("headline", "headline")
    assert bool(others) is kept and all(r == (kind, "body") for r in others.values()), others


# -- field cases ----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["input", "variant-separate-section"])
def test_field_case_related_links(case):
    folder = FIELD / "01-related-links" / (case if case != "input" else "")
    art = with_headline(load_article_file(folder / "input" / "harbor-herald.html")[0])
    story = [c for c in claims_of(art) if not c.boilerplate]
    assert len(story) == 5 and story[-1].text.startswith("The city has opened a water distribution point")
    assert not any("council" in c.text.lower() or "Millbrook" in c.text for c in story)


def test_field_case_paywall_notice():
    art = load_article_file(FIELD / "03-paywall-notice" / "input" / "metro-ledger.html")[0]
    assert art.truncated
    claims = claims_of(art)
    assert [c.boilerplate_reason for c in claims if "$2.95" in c.text or "subscriber" in c.text] == \
        ["paywall", "paywall"]
    assert len([c for c in claims if not c.boilerplate]) == 2


def test_field_case_subhead_and_caption_hubs():
    art = load_article_file(FIELD / "e-subhead-and-caption-hubs" / "courier.md")[0]
    got = [(c.text[:20], c.boilerplate_reason) for c in claims_of(art)]
    assert [r for _, r in got] == ["caption", None, "caption", "subhead", None]


# -- headlines and truncation --------------------------------------------------------------------

def test_headline_claim_offsets_index_the_text():
    art = Article(id="a", outlet="A", text="First sentence of the story.\nSecond one.\n", title="Big  News Today")
    full = with_headline(art)
    assert full.text == "First sentence of the story.\nSecond one.\n\nBig News Today"
    assert full.meta["headline_start"] == len("First sentence of the story.\nSecond one.\n\n")
    assert body_text(full) == "First sentence of the story.\nSecond one."
    claims = claims_of(full)
    assert [c.kind for c in claims] == ["body", "body", "headline"]
    head = claims[-1]
    assert full.text[head.start:head.end] == head.text == "Big News Today"
    assert head.boilerplate and head.boilerplate_reason == "headline" and head.to_dict()["kind"] == "headline"
    assert with_headline(full) is full  # idempotent


def test_title_repeating_the_first_line_is_not_appended():
    art = Article(id="a", outlet="A", text="# Big News Today\nThe story.", title="Big News Today")
    assert with_headline(art) is art


@pytest.mark.parametrize("text, truncated", [
    ("The board voted on Tuesday. Residents said they would…", True),
    ("The board voted on Tuesday. Residents said they would...", True),
    ("The board voted on Tuesday.\nSubscribe to continue reading.", True),
    ("The board voted on Tuesday.\nYou have 2 free articles left this month.", True),
    ("The board voted on Tuesday.\nResidents cheered.", False),
    ('He said: "We will wait and see..." Then he left the room.', False),
])
def test_truncation(text, truncated):
    assert is_truncated(text) is truncated


def test_headline_and_furniture_stay_out_of_the_comparison(fake_encoder):
    import comparator

    comp = comparator.compare([FIELD / "01-related-links" / "input"], encoder=fake_encoder)
    aligned = {cid for al in comp.alignments for cid in al.claims}
    for c in comp.claims:
        art = comp.article(c.article)
        assert art.text[c.start:c.end] == c.text
        if c.boilerplate:
            assert c.id not in aligned
    assert {c.kind for c in comp.claims if c.boilerplate_reason == "headline"} == {"headline"}
    for f in comp.findings:
        for e in f.evidence:
            claim = next((c for c in comp.claims if c.id == e.claim), None)
            if claim is None or not claim.boilerplate or f.kind == "syndicated":
                continue
            # headlines are read in the outlet's own voice (framing), never charged as omissions
            assert claim.kind == "headline" and f.kind in {"loaded_language", "framing_label"}, f.kind


def test_inline_related_box_does_not_swallow_the_rest_of_the_story():
    rest = ('"We will hold the board to its word," said Vargas, who has fought the dump since 2015. '
            "She said the county must also fund a cleanup.")
    text = "\n\n".join(STORY[:2] + ["Related stories", "Council delays vote on water rates", rest, STORY[2]])
    got = kinds_of(text)
    assert got["Related stories"] == "related" and got["Council delays vote on water rates"] == "related"
    assert all(r is None for t, r in reasons(text) if t in rest or t == STORY[2])


def test_markdown_link_only_paragraphs_are_related():
    text = "\n\n".join(STORY[:2] + ["[Council delays vote on water rates](https://example.com/vote)",
                                   "- [Three hurt in pile-up](/local/pileup)", STORY[2]])
    got = reasons(text)
    assert [r for _, r in got] == [None, None, "related", "related", None]


def test_markdown_title_heading_on_top_is_the_headline():
    art = Article(id="a", outlet="A", text="# Board closes landfill\n\n" + "\n\n".join(STORY), title="Board closes landfill")
    claims = claims_of(with_headline(art))
    assert (claims[0].boilerplate_reason, claims[0].kind) == ("headline", "headline")
    assert all(c.kind == "body" and not c.boilerplate for c in claims[1:])


@pytest.mark.parametrize("markup", [
    '<p class="article-dek">Board members say the dump has outlived its use after forty years.</p>',
    '<h2 class="standfirst">Board members say the dump has outlived its use after forty years.</h2>',
])
def test_html_deck_is_a_headline_claim(tmp_path, markup):
    html = ("<html><head><title>Board closes landfill</title></head><body><article><h1>Board closes "
            "landfill</h1>" + markup + "".join(f"<p>{s}</p>" for s in STORY) + "</article></body></html>")
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    claims = claims_of(with_headline(load_article_file(path)[0]))
    deck = [c for c in claims if c.text.startswith("Board members say")]
    assert all((c.boilerplate_reason, c.kind) == ("deck", "headline") for c in deck)
    assert [c.text for c in claims if not c.boilerplate] == STORY


def test_html_description_repeated_as_first_paragraph_is_the_deck(tmp_path):
    deck = "Board members say the dump has outlived its use after forty years."
    html = (f'<html><head><title>Board closes landfill</title><meta name="description" content="{deck}">'
            "</head><body><article><h1>Board closes landfill</h1>"
            + "".join(f"<p>{s}</p>" for s in [deck] + STORY) + "</article></body></html>")
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    claims = claims_of(load_article_file(path)[0])
    assert (claims[0].text, claims[0].kind) == (deck, "headline")
    assert [c.text for c in claims if not c.boilerplate] == STORY


def test_all_caps_section_names_are_subheads_not_datelines():
    text = "\n\n".join(STORY[:2] + ["Here are the plans, in alphabetical order:", "AUSTRALIA",
                                   "Australia plans to allow travel from mid-2022, officials said.", "BELGIUM",
                                   "Belgium plans to ease measures from June 9, the government said."])
    got = kinds_of(text)
    assert got["AUSTRALIA"] == "subhead" and got["BELGIUM"] == "subhead"
    assert got["Australia plans to allow travel from mid-2022, officials said."] is None


# -- captions and subheads anywhere in the body (field kind e-subhead-and-caption-hubs; review2-subhead*) ---------

def _dated(text: str, published: str = "2025-03-05") -> dict[str, str | None]:
    art = Article(id="t", outlet="T", text=text, published=published)
    return {c.text: c.boilerplate_reason for c in claims_of(art)}


@pytest.mark.parametrize("cap, published", [
    ("Firefighters battle flames along Route 9 near Orrin on Aug. 13, 2024.", "2024-08-14"),
    ("Volunteers stack sandbags outside the Millbrook fire station on March 4, 2025.", "2025-03-05"),
    ("A rescuer carries a child across the flooded Kessel Road in Dunmore, Sunday.", "2025-03-05"),
    ("Crews clear debris near the Alder Street bridge on Monday, March 3, 2025.", "2025-03-05"),
])
def test_present_tense_caption_with_place_and_date_in_the_body(cap, published):
    got = _dated("\n\n".join(STORY[:2] + [cap] + STORY[2:3] + [cap, STORY[3]]), published)
    assert got[cap] == "caption"
    assert all(got[s] is None for s in STORY)


@pytest.mark.parametrize("sentence, published", [
    ("The new toll takes effect on the Harbor Bridge on Jan. 1, 2026.", "2025-03-05"),
    ("Voters head to the polls in Millbrook on Nov. 4, 2025.", "2025-10-30"),
    ("Crews cleared debris near the Alder Street bridge on March 3, 2025.", "2025-03-05"),
    ("Officials expect the road near Dunmore to reopen on March 3, 2025.", "2025-03-05"),
    ("Volunteers stack sandbags outside the Millbrook fire station on March 4, 2025.", None),
])
def test_news_sentences_with_a_place_and_a_date_are_not_captions(sentence, published):
    got = _dated("\n\n".join(STORY[:2] + [sentence] + STORY[2:]), published)
    assert got[sentence] is None


@pytest.mark.parametrize("head", ["Where evacuees can go", "How residents can help", "Why the vote matters",
                                  "What happens to the trucks"])
def test_question_word_subhead_between_story_paragraphs(head):
    got = kinds_of("\n\n".join(STORY[:2] + [head] + STORY[2:]))
    assert got[head] == "subhead" and all(got[s] is None for s in STORY)


def test_markdown_image_line_is_a_caption_not_a_related_link():
    image = "![Patrons outside the Eastgate branch](eastgate.jpg)"
    got = kinds_of("\n\n".join(STORY[:2] + [image] + STORY[2:] + ["[Council delays vote](/local/vote)"]))
    assert got[image] == "caption" and got["[Council delays vote](/local/vote)"] == "related"


# -- review3: captions above credit lines, bold subheads, "Related coverage:" ---------------------

@pytest.mark.parametrize("caption, credit", [
    ("Swimmers at Birch Point, where the bloom is thickest.", "Credit: Lake Sentinel"),
    ("Volunteers stack sandbags outside the library on Elm Street.", "Photo: Ana Ruiz / Lake Sentinel"),
    ("The flooded underpass on Route 9 near Millbrook.", "Photo by Sam Lee"),
])
@pytest.mark.parametrize("same_paragraph", [False, True])
def test_unprefixed_caption_directly_above_its_credit_line(caption, credit, same_paragraph):
    text = "\n\n".join(STORY[:2] + [caption + (" " if same_paragraph else "\n\n") + credit] + STORY[2:])
    kinds = kinds_of(text)
    assert kinds[caption] == "caption", kinds
    assert all(kinds[s] is None for s in STORY), kinds


@pytest.mark.parametrize("sentence", [
    "A dog died after swimming near Birch Point last week, its owner said.",
    "Tests will be repeated every 48 hours.",
    'Residents call the bloom "a disaster," the mayor said.',
])
def test_news_sentence_above_a_credit_line_stays_story(sentence):
    kinds = kinds_of("\n\n".join(STORY[:2] + [sentence, "Credit: Lake Sentinel"] + STORY[2:]))
    assert kinds[sentence] is None, kinds


@pytest.mark.parametrize("head", ["**Why it matters**", "__What happens next__", "**The big picture:**"])
def test_bold_standalone_short_line_is_a_subhead(head):
    kinds = kinds_of("\n\n".join(STORY[:2] + [head] + STORY[2:]))
    assert kinds[head] == "subhead", kinds
    assert all(kinds[s] is None for s in STORY), kinds


def test_bold_story_sentence_is_not_a_subhead():
    bold = "**The board voted to close the landfill by 2028.**"
    kinds = kinds_of("\n\n".join(STORY[:2] + [bold] + STORY[2:]))
    assert kinds[bold] is None, kinds


@pytest.mark.parametrize("line", ["Related coverage: How other states pay for free meals",
                                  "More coverage: Storm cleanup continues in Millbrook",
                                  "Further reading: The long fight over the landfill"])
def test_labelled_coverage_links_are_related(line):
    kinds = kinds_of("\n\n".join(STORY[:2] + [line] + STORY[2:]))
    assert kinds[line] == "related", kinds
    assert all(kinds[s] is None for s in STORY), kinds
