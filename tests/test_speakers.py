"""Speakers an editor could publish: evidence or "unattributed" (issue 11).

Each group pins one kind of input from the field cases (invented text, see
``../shared/field-cases/e-*`` and ``09-attribution-verbs``), with further
invented variants of the same kind.
"""

from __future__ import annotations

import pytest

from comparator import nlp
from comparator.claims import extract_claims
from comparator.claims.canonical import SpeakerNames, canonical_speakers
from comparator.claims.quotes import find_quotes
from comparator.comparison import Comparison
from factories import claims_of, find
from comparator.types import Article, Claim, Entity


def who(claims, text: str):
    c = find(claims, text)
    return c.voice, c.speaker


# -- the rule: evidence or "unattributed" -------------------------------------------------------
@pytest.mark.parametrize("text", [
    # e-quoted-paragraph-inherits-speaker: a pull quote after the president's quote
    "President Corrigan fired back hours later via social media.\n"
    "\"Just heard the campaign was sued by the obstructionist party,\" he wrote.\n"
    "'During the campaign, Ruvia launched an all-out assault on our democracy.'\n"
    "The party filed its suit on Friday.",
    # the same kind: a second quoted paragraph closed and reopened, no attribution
    "Mayor Ann Lee spoke first.\n"
    "“We will rebuild the bridge,” she said.\n"
    "“The council has betrayed this city for a decade.”\n"
    "The council meets on Monday.",
])
def test_a_new_quoted_paragraph_without_evidence_is_unattributed(text):
    claims = claims_of(text)
    pull = next(c for c in claims if "assault" in c.text or "betrayed" in c.text)
    assert pull.voice == "quoted" and pull.speaker is None
    assert pull.speaker_reason == "unattributed"


def test_a_continued_quote_keeps_its_speaker_across_paragraphs():
    claims = claims_of("“We will rebuild the bridge. It will take a year.\n"
                       "“Nobody will pay more tolls,” Mayor Ann Lee said.")
    assert {c.speaker for c in claims} == {"Ann Lee"}
    assert all(c.speaker_reason is None for c in claims)


@pytest.mark.parametrize("text, speaker", [
    ('"It is over," the campaign\'s manager, Brad Parlow, said in a statement.', "Brad Parlow"),
    ('Another demonstrator, Roberto Sala from Lyon, said: "This goes back further."', "Roberto Sala"),
    ("Ostia's attorney general, John Sutter, a Republican, said the challenge was \"without merit.\"",
     "John Sutter"),
    ('"We are done," a local shop owner, Maria Ortiz, told reporters.', "Maria Ortiz"),
    ('"No comment," the company\'s chief lawyer, Dan Okafor, wrote in an email.', "Dan Okafor"),
])
def test_appositive_names_the_speaker_not_the_role(text, speaker):
    (claim,) = claims_of(text)
    assert claim.speaker == speaker


@pytest.mark.parametrize("text", [
    '"This goes back further than this government," another demonstrator said.',
    '"The plan is a disaster," a manager said.',
    '"It was chaos," one witness told the paper.',
    '"It is a lie," critics said.',
])
def test_a_bare_role_noun_is_no_speaker(text):
    (claim,) = claims_of(text)
    assert claim.voice == "quoted" and claim.speaker is None
    assert claim.speaker_reason == "unattributed"


@pytest.mark.parametrize("text", [
    '"The records show a pattern," a month-long investigation found.',
    '"Fares will rise," the schedule says.',
])
def test_a_thing_is_no_speaker(text):
    (claim,) = claims_of(text)
    assert claim.speaker is None


def test_a_role_tied_to_its_organisation_is_a_speaker():
    claims = claims_of('"We have no comment," a police spokeswoman said.\n'
                       '"The rule stands," a Department of Homeland Security (DHS) spokesperson said.\n'
                       '"Nothing changed," Blumenthal\'s campaign said in a statement.')
    assert [c.speaker for c in claims] == ["police spokeswoman", "DHS spokesperson", "Blumenthal campaign"]


def test_a_name_inside_the_quotation_is_not_its_speaker():
    claims = claims_of("Prime Minister Aiko Sato met President Dan Corrigan on Friday.\n"
                       "“Donald,” she said, “you have shown real resolve.”")
    assert find(claims, "Donald").speaker == "Aiko Sato"


# -- verbs: reporting, manner, evaluative --------------------------------------------------------
@pytest.mark.parametrize("text", [
    '"The buses are late," grumbled Wes Parnell.',
    '"The buses are late," Wes Parnell grumbled.',
    '"The buses are late," said Wes Parnell, a nurse.',
    '"The buses are late," complained Wes Parnell, a nurse.',
    '"The buses are late!" exclaimed Wes Parnell.',
    '"The buses are late," wrote Wes Parnell in a letter.',
    '"We will fix the buses," promised Wes Parnell.',
    '"The buses are late," muttered Wes Parnell.',
    '"The buses are late," Wes Parnell thundered on social media.',
])
def test_reporting_and_manner_verbs_in_either_order(text):
    (claim,) = claims_of(text)
    assert (claim.voice, claim.speaker) == ("quoted", "Wes Parnell")


@pytest.mark.parametrize("text, speaker", [
    ('Senator Paul Ridge, the minority leader, denounced the offer as "not a compromise."', "Paul Ridge"),
    ('Roger Stahl, a former adviser, dismissed the suit in an email as "a conspiracy theory."',
     "Roger Stahl"),
    ('President Dan Corrigan thundered on social media that there was "NO COLLUSION," '
     'and again branded the inquiry a "witch hunt."', "Dan Corrigan"),
    ('Mayor Ann Lee called the offer "one-sided and ineffective."', "Ann Lee"),
    ('Gov. Tom Hale accused the council of "playing games with the budget."', "Tom Hale"),
    ('Rep. Dee Marsh described the bill as "a giveaway to developers."', "Dee Marsh"),
])
def test_evaluative_verbs_attribute_partial_quotes(text, speaker):
    (claim,) = claims_of(text)
    assert (claim.voice, claim.speaker) == ("mixed", speaker)


def test_depot_daily_speakers():
    """09-attribution-verbs: nobody speaks for Tanaka when Brandt does, nor for "complaints"."""
    claims = claims_of(
        '"The buses never come on time," grumbled Wes Parnell, a night-shift nurse who waits at the '
        "Depot Street stop.\n"
        'Transit director Ida Brandt sighed as she read out the complaints. "We are short forty '
        'drivers," she said.\n'
        "Later, as council member Joy Tanaka pressed her on the schedule, Brandt said quietly, "
        '"Nothing changes until the budget passes."\n'
        '"This is unfair to every rider in the city!" exclaimed Tanaka.')
    assert who(claims, "never come") == ("quoted", "Wes Parnell")
    assert who(claims, "forty drivers") == ("quoted", "Ida Brandt")
    assert who(claims, "Nothing changes") == ("quoted", "Ida Brandt")
    assert who(claims, "unfair to every rider") == ("quoted", "Joy Tanaka")


# -- multi-sentence quotes, colon lead-ins, quote marks in real copy --------------------------------
@pytest.mark.parametrize("text, speaker", [
    ('"Given the poison pills we can say the offer is not serious. So obvious. So predictable. '
     'So pathetic," Frank Sharp, the executive director of the advocacy group Open Door, tweeted on '
     "Tuesday.", "Frank Sharp"),
    ('President Dan Corrigan has tweeted about the march.\n"Tovar has the power not to let these large '
     '“Marches” of people enter. They must stop them at their border," he tweeted.', "Dan Corrigan"),
    ("“The plan fails. It fails twice. It fails for good,” Rep. Dee Marsh said.", "Dee Marsh"),
])
def test_every_sentence_of_a_multi_sentence_quote_gets_the_tail_speaker(text, speaker):
    quoted = [c for c in claims_of(text) if "tweeted about" not in c.text]
    assert len(quoted) >= 2
    assert all((c.voice, c.speaker) == ("quoted", speaker) for c in quoted), quoted


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2007", " "])
def test_a_quote_after_any_unicode_space_is_a_quote(space):
    text = f'Secretary Ana Maya added:{space}"We will not tolerate employers who exploit workers."'
    assert [text[q.start:q.end] for q in find_quotes(text)] == [
        "We will not tolerate employers who exploit workers."]
    (claim,) = claims_of(text)
    assert (claim.voice, claim.speaker) == ("quoted", "Ana Maya")


def test_a_colon_lead_in_without_a_speaker_is_unattributed():
    *labels, claim = claims_of('What they\'re saying:\u00a0"We will not tolerate employers who exploit workers."')
    assert all(label.boilerplate for label in labels)  # a run-in label is its own (furniture) claim
    assert claim.voice == "quoted" and claim.speaker_reason == "unattributed"


def test_colon_lead_in_in_the_same_sentence_names_the_clause_subject():
    claims = claims_of('Mayor Ann Lee also took credit for the deal: "Without us there would be nothing."')
    assert claims[0].speaker == "Ann Lee"


@pytest.mark.parametrize("text", [
    '"We won," Lee said. “We will win again.”',
    '“We won,” Lee said. "We will win again."',
    '"We won,” Lee said. “We will win again."',
])
def test_straight_and_curly_marks_mixed(text):
    claims = claims_of("Mayor Ann Lee spoke.\n" + text)
    assert [c.speaker for c in claims[1:]] == ["Ann Lee", "Ann Lee"]


def test_doubled_opening_mark_of_an_excerpt_keeps_the_inner_quote():
    text = ("Here's an excerpt from the Ledger report:\n"
            '""We have learned a lot," Mayor Ann Lee said to the group. "And you show it."\n'
            'There was one problem: she never served. She said so in 2010, according to records."\n'
            "The mayor did not respond.")
    claims = claims_of(text)
    assert who(claims, "learned a lot") == ("quoted", "Ann Lee")
    assert who(claims, "you show it") == ("quoted", "Ann Lee")
    one = find(claims, "one problem")
    assert one.voice == "quoted" and "Ledger" in one.speaker
    assert find(claims, "did not respond").voice == "authorial"


def test_an_embedded_post_repeated_as_its_own_paragraph_is_the_same_quote():
    post = "The meeting with the governor went very smoothly and a good deal was formed today!"
    claims = claims_of("Mayor Ann Lee posted about it on Wednesday.\n"
                       f'"{post}" she wrote.\n{post}\nThe governor did not comment.')
    repost = [c for c in claims if c.text == post]
    assert len(repost) == 1 and (repost[0].voice, repost[0].speaker) == ("quoted", "Ann Lee")
    assert find(claims, "did not comment").voice == "authorial"


def test_a_bulleted_statement_after_an_attributing_colon_is_quoted():
    claims = claims_of("A set of talking points was circulated by Democrats close to the mayor's campaign:\n"
                       "-The mayor never took a bribe. He paid every tax.\n"
                       "-The audit is a smear.\n"
                       "The mayor's office declined to comment.")
    for part in ("never took a bribe", "paid every tax", "audit is a smear"):
        c = find(claims, part)
        assert c.voice == "quoted" and c.speaker.startswith("Democrats close to"), c
    assert find(claims, "declined").voice == "authorial"


def test_bullets_after_a_lead_in_that_attributes_nothing_stay_authorial():
    claims = claims_of("The bill would do three things:\n- raise the toll\n- close the bridge at night\n")
    assert all(c.voice == "authorial" for c in claims)


# -- pronouns -----------------------------------------------------------------------------------
def test_pronoun_does_not_jump_past_a_name_the_ner_missed():
    """e-pronoun-gender-speaker: "Rubilio Sandoz" tagged ORG; "he said" must not become Nyberg."""
    claims = claims_of("Homeland Secretary Kirstin Nyberg has urged the marchers to stay in Tovar.\n"
                       "Rubilio Sandoz said he fled Tovar after gangs threaten to kill him.\n"
                       '"I can\'t go back to Tovar," he said.')
    assert find(claims, "go back").speaker in ("Rubilio Sandoz", None)


def test_pronoun_uses_earlier_pronouns_as_gender_evidence():
    claims = claims_of("Transit director Ida Brandt met Sam Okoro on Monday, and she read out the complaints.\n"
                       '"We are short forty drivers," she said.')
    assert find(claims, "forty drivers").speaker == "Ida Brandt"


def test_pronoun_with_two_equally_salient_candidates_is_unattributed():
    claims = claims_of("Ann Lee said the plan would pass, and Bea Cruz said it would fail.\n"
                       '"It is over," she said.')
    c = find(claims, "It is over")
    assert c.speaker is None and c.speaker_reason == "unattributed"


def test_pronoun_looks_only_at_this_and_the_previous_paragraph():
    claims = claims_of("Judge Maria Lopez ruled on Monday.\n"
                       "The ruling covers three counties.\n"
                       "Appeals are expected within weeks.\n"
                       '"This is wrong," she said.')
    assert find(claims, "This is wrong").speaker is None


def test_relative_who_and_its_pronoun_resolve_to_the_named_person():
    claims = claims_of("The argument confounded Justice Amos Kent and drew the ire of Justice Lena Ruiz "
                       "who said she was whipsawed by the claims.\n"
                       '"If somebody tells you how to use discretion, you have none," she said.')
    assert find(claims, "discretion").speaker == "Lena Ruiz"


def test_definite_role_description_is_a_person_mention_for_pronouns():
    claims = claims_of("Chief Justice John Roberts questioned Mr. Tallis about wages.\n"
                       "The chief justice then pressed Mr. Tallis on branch hiring. After all, he said, "
                       "“you will have some bad apples.”")
    assert find(claims, "bad apples").speaker == "John Roberts"


# -- ranks and titles before a name (06-abbreviations, sentence not split) ------------------------
@pytest.mark.parametrize("title", ["Sgt.", "Capt.", "Lt.", "Det.", "Gen.", "Supt.", "Gov.", "Sen.",
                                   "Rep.", "Mayor", "Dr.", "Cmdr.", "Adm."])
@pytest.mark.parametrize("form", ['"The fire started in a kitchen," {t} Lena Duarte said.',
                                  '"The fire started in a kitchen," said {t} Lena Duarte.'])
def test_rank_title_before_a_name_gives_the_name(title, form):
    """The sentence splitter's part is issue 9's; here the sentence is given whole."""
    from comparator.claims.quotes import Segment
    from comparator.claims.speakers import assign_speakers

    text = form.format(t=title)
    doc = nlp.load_nlp()(text)
    quotes = find_quotes(text)
    speakers = assign_speakers(text, doc, quotes, (Segment(0, len(text), 0),))
    assert speakers.of(quotes[0].chain) == "Lena Duarte"


# -- scare quotes -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, words", [
    ('The so-called "reform" passed the Senate on Friday.', ["reform"]),
    ('That could make it a genuinely "Demilitarized Zone."', ["Demilitarized Zone."]),
    ("The agency's “temporary” fix has lasted nine years.", ["temporary"]),
    ('Lawmakers debated the "border crisis" and the "amnesty" plan for hours.', ["border crisis", "amnesty"]),
])
def test_scare_quotes_stay_authorial_and_are_marked(text, words):
    (claim,) = claims_of(text)
    assert claim.voice == "authorial" and claim.speaker is None and claim.quotes == ()
    assert claim.speaker_reason is None
    assert [text[s:e] for s, e in claim.scare_quotes] == words


@pytest.mark.parametrize("text", [
    'Mayor Ann Lee called the plan "reckless."',  # attributed: the mayor's word
    'The report cited a "chilling effect on filings across the whole state."',  # more than 3 words
])
def test_attributed_or_long_fragments_are_not_scare_quotes(text):
    (claim,) = claims_of(text)
    assert claim.voice == "mixed" and claim.scare_quotes == ()


# -- canonical speakers across outlets ---------------------------------------------------------
def _entity(eid: str, name: str, *aliases: str, label: str = "PERSON") -> Entity:
    return Entity(id=eid, name=name, label=label, aliases=aliases, mentions=())


def test_speaker_names_map_surnames_variants_and_family_names_to_entities():
    names = SpeakerNames((_entity("E1", "Indira Talwani", "Talwani"), _entity("E2", "Kim Jong Un"),
                          _entity("E3", "Kim", label="PERSON"), _entity("E4", "Richard Blumenthal"),
                          _entity("E5", "Department of Homeland Security", "DHS", label="ORG"),
                          _entity("E6", "Tom Hale"), _entity("E7", "Ann Hale")))
    assert names("Talwani") == "Indira Talwani"
    assert names("Indira Talwanni") == "Indira Talwani"  # a spelling variant
    assert names("Dick Blumenthal") == "Richard Blumenthal"
    assert names("Kim") == "Kim Jong Un"
    assert names("Hale") == "Hale"  # two Hales: left as it is
    assert names("Tom Hale") == "Tom Hale"
    assert names("DHS spokesperson") == "DHS spokesperson"
    assert names("police spokeswoman") == "police spokeswoman"


def test_canonical_speakers_rewrites_claims_of_every_outlet():
    a = Article(id="a", outlet="A", text='"We will appeal," Talwani wrote.')
    b = Article(id="b", outlet="B", text='"We will appeal," Judge Indira Talwani wrote.')
    docs = nlp.parse_articles([a, b])
    claims = extract_claims(a, docs["a"]) + extract_claims(b, docs["b"])
    comp = Comparison(articles=(a, b), claims=claims,
                      entities=(_entity("E1", "Indira Talwani", "Talwani"),))
    assert [c.speaker for c in canonical_speakers(comp).claims] == ["Indira Talwani", "Indira Talwani"]


def test_render_says_unattributed():
    from comparator.render.markdown import _quote
    from comparator.types import Evidence

    comp = Comparison(articles=(Article(id="a", outlet="A", text="x"),), claims=())
    ev = Evidence(article="a", claim="a:0", text="x", start=0, end=1, voice="quoted", speaker=None)
    assert "(quoted, unattributed)" in _quote(comp, ev)


def test_attribution_opening_the_sentence_after_a_question_quote():
    claims = claims_of('"What have you been doing, John?" Mayor Ann Lee continued, calling out the '
                       'council chair. "You debated a coin for a month."')
    assert find(claims, "What have you").speaker == "Ann Lee"
    assert find(claims, "debated a coin").speaker == "Ann Lee"


def test_a_following_sentence_with_its_own_reported_clause_is_no_tail():
    claims = claims_of("“It hurts commuters.” Critics argued the toll was too low.")
    assert find(claims, "hurts").speaker is None


def test_an_unknown_definite_role_blocks_a_later_pronoun():
    """The congressman is not named as such, and the nearest name (Clemens) is someone else."""
    claims = claims_of("Mr. Daniel Ferrante spoke on Monday.\n"
                       "The congressman also voiced worry about his wife, Lena Ortiz, who advises "
                       "Governor Maria Clemens. “I'm protecting my wife,” he told reporters.")
    assert find(claims, "protecting my wife").speaker in (None, "Daniel Ferrante")


# -- reported speech: someone else's words without quote marks (e-reported-speech-as-own-voice) ----
@pytest.mark.parametrize("text, words", [
    ("Some on the right also pushed back, describing the proposal as amnesty.", ["amnesty"]),
    ("Minutes later, Corrigan claimed Republicans are often attacked for supporting him.",
     ["Republicans are often attacked for supporting him"]),
    ("Mayor Ann Lee called the plan a disaster for commuters.", ["a disaster for commuters"]),
    ("Critics dismissed the bill as a giveaway.", ["a giveaway"]),
])
def test_indirect_speech_is_marked_as_reported_and_stays_authorial(text, words):
    (claim,) = claims_of(text)
    assert claim.voice == "authorial" and claim.speaker is None
    assert [text[s:e] for s, e in claim.reported] == words


def test_quoted_words_are_not_also_reported():
    (claim,) = claims_of('Senator Paul Ridge denounced the offer as "not a compromise."')
    assert claim.voice == "mixed" and claim.reported == ()


def test_plain_narration_reports_nothing():
    (claim,) = claims_of("The council voted on Monday to raise the toll.")
    assert claim.reported == () and claim.scare_quotes == ()


def test_html_report_says_unattributed():
    from comparator.render.html import render_html

    text = '"We will not pay," the sign read.'
    a = Article(id="a", outlet="A", text=text)
    b = Article(id="b", outlet="B", text="Nobody paid.")
    claims = (Claim(id="a:0", article="a", index=0, paragraph=0, text=text, start=0, end=len(text),
                    voice="quoted", speaker=None, speaker_reason="unattributed", quotes=((1, 18),)),
              Claim(id="b:0", article="b", index=0, paragraph=0, text=b.text, start=0, end=len(b.text)))
    html = render_html(Comparison(articles=(a, b), claims=claims))
    assert "unattributed" in html and "speaker unknown" not in html
