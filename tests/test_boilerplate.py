"""Boilerplate rules: captions, credits, footers and prompts of several outlets' styles."""

from __future__ import annotations

import pytest

from comparator import nlp
from comparator.claims.boilerplate import REASONS, RULES, match_reason, paragraph_reason, shape_reason
from comparator.claims import extract_claims
from comparator.types import Article


def claims_of(text: str):
    article = Article(id="t", outlet="Test", text=text)
    return extract_claims(article, nlp.parse_articles([article])["t"])


@pytest.mark.parametrize("line, reason", [
    ("Screen Capture/PBS NewsHour", "credit"),
    ("Photo by Sam Lee/Getty Images", "credit"),
    ("Jim Watson/AFP via Getty Images", "credit"),
    ("Getty Images", "credit"),
    ("Screenshot via X", "credit"),
    ("REUTERS/Kevin Lamarque", "credit"),
    ("Credit: Maria Alvarez for The Daily Ledger", "credit"),
    ("Image courtesy of the city of Portland", "credit"),
    ("FILE - Traffic moves across the bridge on Jan. 5, 2024. (AP Photo/Jane Doe, File)", "caption"),
    ("Protesters gather outside the courthouse on Monday. (Photo by Ann Roe/Getty Images)", "caption"),
    ("Copyright 2025 The Associated Press. All rights reserved.", "footer"),
    ("© 2025 Example Media Group", "footer"),
    ("This article originally appeared on The Springfield News.", "footer"),
    ("The Associated Press contributed to this report.", "footer"),
    ("Reporting by Jo Bloggs in London; Editing by Sam Smith", "footer"),
    ("For any questions about our guidelines, please contact [email protected].", "footer"),
    ("Contact the reporter at jroe@example.com.", "footer"),
    ("All content created by the Example News Foundation is available without charge "
     "to any legitimate news publisher.", "footer"),
    ("CLICK HERE TO GET THE NEWS APP", "prompt"),
    ("Sign up for our Morning Briefing newsletter.", "prompt"),
    ("Read more: Why the budget fight matters", "related"),
    ("RELATED: Judge halts toll increase", "related"),
    ("Follow Jane Roe on Twitter.", "prompt"),
    ("Advertisement", "prompt"),
    ("Subscribe now for unlimited access.", "paywall"),
    ("By Jane Doe and John Roe, Reuters", "byline"),
    ("By JANE DOE", "byline"),
    ("Published November 21, 2025 4:05pm EST", "dateline"),
    ("Associated Press writer Mark Lee in Boston contributed.", "footer"),
    ("Image: Smoke rises over the harbor after the blast", "caption"),
    ("Subscribe to our YouTube channel!", "prompt"),
    ("This report was originally published by Example Wire", "footer"),
    ("Jane Roe is a politics reporter for Example News Digital.", "footer"),
    ("Story tips can be sent to the newsroom.", "footer"),
    ("Follow her on Twitter.", "prompt"),
])
def test_patterns_of_many_outlets(line, reason):
    assert match_reason(line) == reason


@pytest.mark.parametrize("sentence", [
    "A federal judge on Thursday blocked Immigration and Customs Enforcement from using taxpayer data.",
    "U.S. District Judge Indira Talwani ordered the IRS to stop sharing home addresses with ICE.",
    "The judge ruled for the plaintiffs and/or defendants in the case.",
    "More than 40 people were arrested, police said.",
    "The photo agency Getty sued the company in 2023.",
    "She said the reporters read the order carefully.",
    "The outlet added that the agreement violated taxpayer confidentiality.",
    "Trump is suing the IRS and Treasury Department for roughly $10 billion.",
    "By Friday, the court had ruled against the agency.",
    "By the end of the year, 47,000 addresses had been shared.",
    "Published reports said the agency had already shared 47,000 addresses.",
    "Donors contributed $5 million to the campaign.",
    "Evan Gershkovich is a reporter for the Wall Street Journal who was detained in Russia.",
    "Supporters follow her on the campaign trail.",
    "He said fans could follow him on Twitter for updates.",
    "Millions of people sign up for health insurance every year.",
    "A screenshot of the post, shared widely on Friday, showed the governor's message.",
    "Getty Images said on Monday it would cut 200 jobs.",
    "The congressman said he did not subscribe to the group's views.",
    "The agency denied the claims hours before the story was first published.",
])
def test_story_sentences_are_not_boilerplate(sentence):
    assert match_reason(sentence) is None


def test_rule_table_uses_known_reasons_only():
    assert {r.reason for r in RULES} <= set(REASONS)
    assert all(r.note for r in RULES)


def test_shape_cue_only_above_the_story():
    assert shape_reason("Harbor Bridge at dusk", has_verb=False, at_top=True) == "caption"
    assert shape_reason("Staff/Archive", has_verb=False, at_top=True) == "credit"
    assert shape_reason("Harbor Bridge at dusk", has_verb=False, at_top=False) is None
    assert shape_reason("The bridge closed", has_verb=True, at_top=True) is None
    assert shape_reason("Harbor Bridge at dusk.", has_verb=False, at_top=True) is None
    assert paragraph_reason("What the ruling means", has_verb=False, at_top=False) is None


def test_every_sentence_of_a_footer_paragraph_is_boilerplate():
    claims = claims_of(
        "The council approved the budget on Monday.\n"
        "This story was produced by the Example Trust. It may be shared freely. "
        "Copyright 2025 Example Trust. Questions go to the editors.")
    assert not claims[0].boilerplate
    footer = claims[1:]
    assert len(footer) == 4 and all(c.boilerplate_reason == "footer" for c in footer)


def test_prompt_inside_a_long_paragraph_marks_only_its_sentence():
    claims = claims_of(
        "The council met on Monday. It approved the budget. The mayor signed it. "
        "Click here to read the full budget. Taxes will rise in March.")
    assert [c.boilerplate_reason for c in claims] == [None, None, None, "prompt", None]


def test_caption_at_the_top_and_ap_caption_in_the_body():
    claims = claims_of(
        "Harbor Bridge at dusk\n"
        "A city judge on Monday halted the bridge toll increase.\n"
        "FILE - Traffic moves across the bridge on Jan. 5, 2024. (AP Photo/Jane Doe, File)\n"
        "The toll would have risen in March.")
    assert [c.boilerplate_reason for c in claims] == ["caption", None, "caption", "caption", None]


def test_a_prompt_in_a_short_story_paragraph_does_not_swallow_the_story():
    claims = claims_of("Residents were urged to register for alerts. Click here to sign up for our alerts.\n"
                       "Sign up for our newsletter.")
    assert [c.boilerplate_reason for c in claims] == [None, "prompt", "prompt"]


@pytest.mark.parametrize("line", [
    "You've reached your limit of free articles this month.",
    "Get unlimited digital access for just $2.95 a week.",
    "Already a subscriber? Log in to keep reading.",
    "Subscribe to read the full article.",
    "Create a free account to continue reading.",
    "Register to read more.",
    "To continue reading this article, you must be a subscriber.",
    "Start your free trial today.",
    "Unlock this article by subscribing.",
    "The rest of this article is for members.",
    "Only subscribers can read this story.",
    "You have 3 free articles remaining.",
])
def test_paywall_wordings(line):
    assert match_reason(line) == "paywall"


@pytest.mark.parametrize("sentence", [
    "The mayor said residents should register to vote.",
    "He continued reading the statement to reporters.",
    "Students need tutors to continue reading at grade level.",
    "Police said they had full access to the building.",
    "The trial will start next week, a court spokesperson said.",
])
def test_story_sentences_are_not_paywall(sentence):
    assert match_reason(sentence) is None


@pytest.mark.parametrize("line, kind", [
    ("WASHINGTON (AP) —", "dateline"),
    ("PALM BEACH, Fla. —", "dateline"),
    ("Nov. 21, 2025 4:05 PM EST", "dateline"),
    ("Tuesday, April 17, 2018", "dateline"),
    ("— Donald J. Trump (@realDonaldTrump) April 18, 2018", "embed"),
    ("Denuclearization will be a great thing! pic.twitter.com/abc123", "embed"),
    ("A post shared by Jane Roe (@janeroe) on Apr 3, 2021", "embed"),
    ("Pictured: Migrants wait at the fence near Port Vell.", "caption"),
    ("Clip: The governor speaks to reporters.", "caption"),
    ("Don't miss: Council delays vote on water rates", "related"),
    ("Also on Harbor Herald: Three injured in pile-up", "related"),
    ("Details here.", "related"),
])
def test_more_kinds_of_furniture(line, kind):
    assert match_reason(line) == kind


@pytest.mark.parametrize("sentence", [
    "NASA said the launch was delayed.",
    "Top officials said on April 17, 2018 that the plan would go ahead.",
    "He was born on April 17, 1950.",
    "Smith (pictured) said the vote was unfair.",
    "More details emerged on Tuesday, police said.",
])
def test_story_sentences_of_the_same_shapes_stay_story(sentence):
    assert match_reason(sentence) is None


# Subscription and donation pitches (field kind 03-paywall-notice; invented variants of review2-paywall*).
@pytest.mark.parametrize("line, kind", [
    ("This story is available exclusively to subscribers.", "paywall"),
    ("This content is reserved for paying subscribers.", "paywall"),
    ("Join today for just 99 cents for your first month.", "paywall"),
    ("Get your first year for $1.", "paywall"),
    ("Start today for only $1 for the first 6 months.", "paywall"),
    ("Only $4.99 a month after that.", "paywall"),
    ("Then $9.99 per month thereafter.", "paywall"),
    ("Offer ends Sunday.", "paywall"),
    ("Limited-time offer: 50% off.", "paywall"),
    ("Have an account?", "paywall"),
    ("Not a subscriber?", "paywall"),
    ("Sign in.", "paywall"),
    ("Log in here.", "paywall"),
    ("Plans start at just $1.", "paywall"),
    ("Get 3 months free.", "paywall"),
    ("Save 40% on a digital subscription.", "paywall"),
    ("This is a premium article.", "paywall"),
    ("Your support funds local reporting.", "prompt"),
    ("Your donation keeps our reporters in the courthouse.", "prompt"),
    ("Donate now to keep our newsroom running.", "prompt"),
    ("Please support independent journalism.", "prompt"),
    ("Become a member today.", "prompt"),
])
def test_subscription_and_donation_pitches(line, kind):
    assert match_reason(line) == kind


@pytest.mark.parametrize("sentence", [
    "The paper lost 4,000 subscribers last year.",
    "Subscribers pay $12 a month for the print edition.",
    "The offer of $5 million was rejected by the board.",
    "The offer ends a two-year dispute, the union said.",
    "Members can sign in at the front desk, the library said.",
    "Residents who want to donate can visit the fire station, officials said.",
    "The union said its members would join the strike today.",
    "Rent rose to $1,200 a month after that, tenants said.",
    "The company offered customers their first three months for $1, regulators said.",
    "The foundation pledged $2 million to support local journalism.",
    "He said the sign in the window was in English.",
    "Save 20% off groceries with the new card, the chain said.",
    "The plan starts at $5 a month, officials said.",
    "Access starts at the north gate.",
    "Members-only clubs drew criticism.",
])
def test_news_about_subscriptions_stays_story(sentence):
    assert match_reason(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Members get unlimited access to live sports under the new plan.",
    "Subscribers will have unlimited access to the catalog, the company said.",
    "Premium members enjoy unlimited digital access to the archive.",
    "Councilwoman Reyes, already a member of the board, voted no.",
    "The feature is for subscribers only, Vidora said.",
])
def test_third_person_news_about_members_and_access_stays_story(sentence):
    # review3-furnfp1: a pitch addresses the reader; news about a product's members and plan is news
    assert match_reason(sentence) is None


@pytest.mark.parametrize("line", [
    "Enjoy unlimited access to all our stories.",
    "You get unlimited access to every article for $1.",
    "Unlimited Digital Access",
    "Subscribers only",
    "This article is for subscribers only.",
    "To keep reading, subscribe. Already a subscriber? Log in.",
])
def test_reader_addressed_access_pitches_stay_paywall(line):
    assert match_reason(line) == "paywall"


def test_members_news_sentence_is_a_story_claim():
    claims = claims_of("Streaming service Vidora raised its monthly price to $17.99 on Monday.\n\n"
                       "Members get unlimited access to live sports under the new plan.")
    assert [c.boilerplate_reason for c in claims] == [None, None]


def test_a_markdown_paywall_block_gives_no_story_claims():
    claims = claims_of(
        "The Tarrow water board will raise rates by 8% on March 1, its first increase since 2020.\n\n"
        "This article is available exclusively to members.\n\n"
        "Join now for only 50 cents for your first week. Cancel anytime.\n\n"
        "Just $3.99 a month after that. Your membership sustains local reporting.\n\n"
        "Already a subscriber? Log in.")
    assert claims[0].boilerplate_reason is None
    assert all(c.boilerplate for c in claims[1:]), [(c.text, c.boilerplate_reason) for c in claims]


def test_an_html_gate_block_is_paywall():
    from comparator.load.structure import CLASS_KINDS

    kinds = [kind for kind, rx in CLASS_KINDS if rx.match("gate")]
    assert kinds[:1] == ["paywall"]
