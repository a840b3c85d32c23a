"""Quote pairing (pure text), voice and speaker attribution on hand-written texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator.claims.quotes import clip, find_quotes
from factories import claims_of, find


def quoted_texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


# -- pairing ----------------------------------------------------------------------------------
def test_curly_and_straight_quotes_pair_per_paragraph():
    text = '“One,” he said. "Two," she said.\n"Three" and “four.”'
    assert quoted_texts(text) == ["One,", "Two,", "Three", "four."]
    assert [q.paragraph for q in find_quotes(text)] == [0, 0, 1, 1]
    assert len({q.chain for q in find_quotes(text)}) == 4


def test_single_quotes_nest_and_apostrophes_are_ignored():
    text = "“The governor’s ‘reckless’ plan won’t pass,” he said. It’s the mayor’s ‘plan’."
    assert quoted_texts(text) == ["The governor’s ‘reckless’ plan won’t pass,"]


def test_open_quote_continues_into_next_paragraph():
    text = "“First paragraph of the quote.\n“Second paragraph,” he said.\nAfter."
    quotes = find_quotes(text)
    assert quoted_texts(text) == ["First paragraph of the quote.", "Second paragraph,"]
    assert quotes[0].close_mark is None and quotes[0].chain == quotes[1].chain


def test_unclosed_quote_without_continuation_ends_at_paragraph():
    text = '"Never closed here.\nA plain paragraph with a "new" quote.'
    quotes = find_quotes(text)
    assert quoted_texts(text) == ["Never closed here.", "new"]
    assert quotes[0].chain != quotes[1].chain


def test_inches_and_stray_marks_do_not_open_quotes():
    assert quoted_texts('He is 6\'2" tall.') == []
    assert quoted_texts("It ended.” Then nothing.") == []


def test_clip_limits_ranges_to_a_sentence():
    text = '"A. B." C.'
    (q,) = find_quotes(text)
    assert clip([q], 4, 10) == ((4, 6),)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab “”"‘’\n.,\'', max_size=60))
def test_quotes_are_ordered_disjoint_and_never_cross_lines(text):
    quotes = find_quotes(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text) and "\n" not in text[q.start:q.end]
    for a, b in zip(quotes, quotes[1:]):
        assert a.end <= b.start and a.chain <= b.chain


# -- voice and speaker ------------------------------------------------------------------------
def test_multi_paragraph_quote_takes_the_final_he_said():
    claims = claims_of(
        "Sen. Mark Brown spoke on Tuesday.\n"
        "“This bill is a disaster for farmers. It raises costs.\n"
        "“We will fight it in committee,” he said.\n"
        "The vote is set for Friday.")
    quoted = [c for c in claims if c.paragraph in (1, 2)]
    assert len(quoted) == 3
    assert all(c.voice == "quoted" and c.speaker == "Mark Brown" for c in quoted)
    assert find(claims, "The vote").voice == "authorial"


def test_quote_without_closing_mark_at_paragraph_end():
    claims = claims_of('"We are not done yet\n"Nobody is," said Mayor Ann Lee.')
    assert [(c.voice, c.speaker) for c in claims] == [("quoted", "Ann Lee"), ("quoted", "Ann Lee")]


def test_nested_single_quotes_keep_the_outer_speaker():
    claims = claims_of(
        "A White House spokeswoman said in a statement: "
        "“The president rejects the governor’s ‘reckless’ plan.”\n"
        "“We reviewed it carefully,” the spokeswoman added. “It does not add up.”")
    assert [(c.voice, c.speaker) for c in claims] == [("quoted", "White House spokeswoman")] * 3


def test_acronym_in_parentheses_names_the_organisation():
    claims = claims_of(
        '"The rule stands," a Federal Aviation Administration (FAA) spokesman told reporters.\n'
        '"It will not change," the spokesperson added.')
    assert [c.speaker for c in claims] == ["FAA spokesman", "FAA spokesman"]


def test_definite_description_resolves_to_the_most_recent_person_with_that_role():
    claims = claims_of(
        "U.S. District Judge Maria Lopez ruled on Monday. Gov. Tom Hale criticized the ruling.\n"
        "“The statute is clear,” the judge wrote.")
    assert find(claims, "statute").speaker == "Maria Lopez"


def test_pronoun_skips_people_of_the_other_gender():
    claims = claims_of("Ms. Ann Wu met Mr. Bob Stone on Friday.\n“It went well,” she said.")
    assert find(claims, "went well").speaker == "Ann Wu"


def test_possessive_document_speaks_for_its_author():
    claims = claims_of("Judge Ada Park issued an order.\n"
                       "\"The agency must stop,\" Park's ruling reads.")
    assert find(claims, "agency must stop").speaker == "Ada Park"


def test_partial_quotes_are_mixed_with_speaker():
    claims = claims_of(
        'Mayor John Smith called the ruling "a setback for commuters." '
        "The council cited “serious concerns” about the cost of the plan.")
    smith = find(claims, "setback")
    assert smith.voice == "mixed" and smith.speaker == "John Smith"
    council = find(claims, "serious concerns")
    assert council.voice == "mixed"


def test_scare_quotes_without_attribution_stay_authorial_and_are_marked():
    text = 'The so-called "reform" passed the Senate on Friday.'
    c = find(claims_of(text), "reform")
    assert c.voice == "authorial" and c.speaker is None and c.quotes == ()
    assert [text[s:e] for s, e in c.scare_quotes] == ["reform"]


@pytest.mark.parametrize("text", [
    "“Enough,” she said, “is enough.”",
    "The judge wrote: “The statute is clear.”",
    "\"It's heartbreaking,\" said neighbor Tom Reyes.",
    "“Why now?” asked Sen. Elizabeth Warren.",
])
def test_quote_plus_attribution_is_quoted(text):
    (claim,) = claims_of(text)
    assert claim.voice == "quoted"


def test_indirect_speech_is_authorial_without_speaker():
    (claim,) = claims_of("Officials said Tuesday that the program would end.")
    assert claim.voice == "authorial" and claim.speaker is None


def test_statement_from_an_organisation_speaks_for_it():
    (claim,) = claims_of('"We are reviewing the decision," according to a statement from the White House.')
    assert claim.voice == "quoted" and claim.speaker == "White House"


def test_known_surname_missed_by_the_ner_still_resolves():
    claims = claims_of("Judge Indira Talwani ruled on Thursday.\n"
                       "“The agreements are unlawful,” Talwani wrote. “They must stop.”")
    assert [c.speaker for c in claims[1:]] == ["Indira Talwani", "Indira Talwani"]


def test_quote_after_an_attributed_sentence_takes_the_preceding_speaker():
    claims = claims_of("Mayor Ann Lee said the plan was unfair. “It hurts commuters.” "
                       "Critics argued the toll was too low.")
    assert find(claims, "hurts commuters").speaker == "Ann Lee"


def test_colon_paragraph_attributes_the_next_quote_but_not_a_new_quoted_paragraph():
    claims = claims_of("Gov. Tom Hale said in a statement:\n"
                       "“We will appeal this ruling.”\n"
                       "“The people of this state deserve better.”\n"
                       "The court did not respond.")
    assert [c.speaker for c in claims] == [None, "Tom Hale", None, None]
    assert [c.speaker_reason for c in claims] == [None, None, "unattributed", None]


def test_anonymous_sources_keep_their_qualifier():
    claims = claims_of('"We have no comment," a police spokeswoman said.\n'
                       '"It is under review," a senior administration official told reporters.\n'
                       '"Nothing has changed," the official added.')
    assert [c.speaker for c in claims] == [
        "police spokeswoman", "administration official", "administration official"]


def test_british_single_quotes_when_a_paragraph_has_no_double_marks():
    text = ("‘We will appeal,’ the minister’s spokesman said. It’s the judges’ call.\n"
            "'It was a hard week,' Ms Hale told the BBC.\n"
            "Sales doubled in the '90s and again in the 2000s.")
    assert quoted_texts(text) == ["We will appeal,", "It was a hard week,"]
    claims = claims_of(text)
    assert [(c.voice, c.speaker) for c in claims] == [
        ("quoted", "minister's spokesman"), ("authorial", None), ("quoted", "Hale"), ("authorial", None)]


def test_quote_right_after_its_verb_is_quoted():
    (claim,) = claims_of('Trump wrote "We will win this case."')
    assert claim.voice == "quoted" and claim.speaker == "Trump"


@pytest.mark.parametrize("text, voice", [
    ("“Nazis have no right to that sign,” Mr. Gingrich said on the program “Fox and Friends.”", "quoted"),
    ("“Oppenheimer” won seven Oscars on Sunday, the academy said.", "mixed"),
    ("He said the deal was “a disaster for farmers.”", "mixed"),
    ("The mayor, who called the plan “reckless,” said the city would appeal.", "mixed"),
    ("“We won,” he said, “and we will win again.”", "quoted"),
])
def test_voice_of_sentences_with_several_quotes(text, voice):
    (claim,) = claims_of(text)
    assert claim.voice == voice


def test_surnames_keep_hyphens_and_drop_suffixes():
    claims = claims_of("Judge Colleen Kollar-Kotelly ruled in November.\n"
                       "“The agreement is unlawful,” Kollar-Kotelly wrote.\n"
                       "“We will appeal,” said Donald Trump Jr.\n"
                       "“No comment,” said Terry O’Neill.")
    assert [c.speaker for c in claims[1:]] == ["Colleen Kollar-Kotelly", "Donald Trump", "Terry O'Neill"]


def test_second_quote_of_a_paragraph_keeps_the_first_speaker():
    claims = claims_of('"We want the records," said Mayor Ann Lee on the "Morning Hour" show, '
                       'according to the Ledger. "Why is it secret?"')
    assert [c.speaker for c in claims] == ["Ann Lee", "Ann Lee"]


def test_pronoun_prefers_the_main_clause_subject():
    claims = claims_of("Mayor Tom Hale said he wants Governor Bob Stone to succeed.\n"
                       "“I love this city,” he said.")
    assert claims[1].speaker == "Tom Hale"


def test_documents_of_an_organisation_speak_for_it():
    (claim,) = claims_of('"The agency must stop sharing data," a White House memo reads.')
    assert claim.voice == "quoted" and claim.speaker == "White House"  # the memo speaks for it


# -- block quotes whose middle paragraphs lost their marks; quoted names -------------------------
def test_block_quote_with_unmarked_middle_paragraph_is_bridged():
    text = ("The mayor posted a reply online:\n"
            "“We reject the audit. It ignores the budget [...]\n"
            "Any honest reader sees the numbers. The council knows it.\n"
            "We will appeal the finding.”\n"
            "The council did not respond.")
    quotes = find_quotes(text)
    assert quoted_texts(text) == [
        "We reject the audit. It ignores the budget [...]",
        "Any honest reader sees the numbers. The council knows it.",
        "We will appeal the finding."]
    assert len({q.chain for q in quotes}) == 1
    claims = claims_of(text)
    for part in ("Any honest reader", "The council knows it.", "We will appeal"):
        assert find(claims, part).voice == "quoted"
    assert find(claims, "did not respond").voice == "authorial"


def test_bridge_crosses_balanced_inner_quotes_but_not_a_closed_quote():
    text = ("“Start of the essay, with a “nested” word.\n"
            "Then these “so-called” experts spoke. Nobody asked them.\n"
            "That is the end.”")
    assert quoted_texts(text)[1] == "Then these “so-called” experts spoke. Nobody asked them."
    closed = "“Done,” she said.\nAn authorial line.\nThe excerpt ends here.”"
    assert quoted_texts(closed) == ["Done,", "The excerpt ends here."]


def test_closing_mark_ending_a_paragraph_without_opener_quotes_the_paragraph():
    text = 'An excerpt follows:\nHe skipped the hearings twice, the records show."\nAfter that, silence.'
    claims = claims_of(text)
    assert find(claims, "skipped the hearings").voice == "quoted"
    assert find(claims, "After that").voice == "authorial"
    assert quoted_texts('The set has a 55"') == []
    assert quoted_texts("It ended.” Then nothing.") == []


@pytest.mark.parametrize("text", [
    "She appeared on the “Morning Show” on Monday to defend the plan.",
    'The "Late Night" host mocked the proposal.',
    "He read from his “Art of the Deal” book.",
    "The blog ran a post titled “Why the Mayor Lost the Vote in Ohio?” on Friday.",
])
def test_quoted_names_after_a_determiner_are_not_quotes(text):
    (claim,) = claims_of(text)
    assert claim.voice == "authorial" and claim.quotes == () and claim.speaker is None


@pytest.mark.parametrize("text", [
    "He called the plan “Total Chaos.”",
    "Critics say the “reform” package is a giveaway.",
    "Lee said the bill was “Dead On Arrival” in the Senate.",
    "Critics said the plan would “Hurt Every Family In America.”",
])
def test_capitalised_or_scare_quotes_that_are_words_stay_quotes(text):
    (claim,) = claims_of(text)
    assert claim.quotes and claim.voice == "mixed"


def test_bridged_block_quote_takes_the_colon_attribution_and_the_final_said():
    intro = ("Mayor Jane Doe wrote in a statement:\n“We reject the audit. It ignores the budget.\n"
             "Any honest reader sees the numbers.\nWe will appeal the finding.”\n"
             "The council did not respond.")
    claims = claims_of(intro)
    for part in ("It ignores", "Any honest reader", "We will appeal"):
        assert (find(claims, part).voice, find(claims, part).speaker) == ("quoted", "Jane Doe")
    tail = ("“We reject the audit. It ignores the budget.\nAny honest reader sees the numbers.\n"
            "We will appeal the finding,” Mayor Jane Doe said. “More to come.\n"
            "The council did not respond.")
    claims = claims_of(tail)
    for part in ("We reject", "Any honest reader", "We will appeal", "More to come"):
        assert (find(claims, part).voice, find(claims, part).speaker) == ("quoted", "Jane Doe")
    assert find(claims, "did not respond").voice == "authorial"


def test_double_quotes_nested_in_double_quotes_stay_one_quote():
    text = "“He called the deal “theft” twice, and meant it,” Doe said. “Next.” Done."
    assert quoted_texts(text) == ["He called the deal “theft” twice, and meant it,", "Next."]
    lost = "“A closer went missing here “and this one” is separate. The end."
    assert quoted_texts(lost) == ["A closer went missing here", "and this one"]
