"""Page furniture in text: the one table of wording rules, by kind.

Decided per paragraph (one line of the text) with transparent rules: the
pattern table :data:`RULES` (first match wins, so stronger reasons come
first) plus one shape cue: a short line without a verb and without terminal
punctuation above the first real sentence is a caption or credit. The kinds
(:data:`REASONS`, carried by ``Claim.boilerplate_reason``):

- ``caption``: a sentence describing a picture or a video;
- ``credit``: a photo or video credit;
- ``byline``: "By Jane Roe, Reuters";
- ``dateline``: a time-stamp line ("Published 4:05 PM EST, Nov. 21, 2025");
- ``subhead``: a section subhead or a run-in label ("UPDATE:", "Why it matters:");
- ``related``: links to and teasers of other stories ("Read more: ...", "Details here.");
- ``prompt``: newsletter, app, social and subscription promotion;
- ``paywall``: a paywall or metering notice ("You've reached your limit of free articles");
- ``footer``: syndication, copyright, contributor and contact lines;
- ``embed``: an embedded post or pull quote repeating words of the story;
- ``duplicate``: a later verbatim copy of a paragraph (reported once);
- ``headline``/``deck``: the headline and the deck (claims of kind ``headline``).

Rules that need the whole article (a "More stories" section, repeats, decks,
run-in labels, page structure from HTML) live in :mod:`.furniture`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REASONS: tuple[str, ...] = (
    "caption", "credit", "byline", "dateline", "subhead", "related", "prompt", "paywall", "footer",
    "embed", "duplicate", "headline", "deck",
)

#: A line with at most this many words, no verb and no end punctuation is a caption/credit at the top.
MAX_SHAPE_WORDS = 10
#: Caption paragraphs with more sentences than this are judged sentence by sentence.
MAX_WHOLE_PARAGRAPH_SENTENCES = 3


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern and the reason it gives."""

    reason: str
    pattern: re.Pattern[str]
    note: str  # what it catches, for humans reading the table


def _rule(reason: str, pattern: str, note: str, *, case: bool = False) -> Rule:
    return Rule(reason, re.compile(pattern, 0 if case else re.IGNORECASE), note)


_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|de|la|and|for))*"
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
          r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")

RULES: tuple[Rule, ...] = (
    # paywall and metering notices (an article ending in one is truncated)
    _rule("paywall", r"\breached (your|the) (limit|maximum)\b|\b(free|complimentary) (articles?|stories|"
          r"reads?) (left|remaining|this month)\b|\b\d+ (free )?(articles?|stories) (left|remaining)\b",
          "metering notice"),
    # "unlimited access" is a pitch only when it addresses the reader (imperative, you/your, a subscribe
    # call) or stands alone: "Members get unlimited access to live sports under the new plan." is news
    _rule("paywall", r"^\W*(get|enjoy|unlock|gain|start|try|want|for|with) (instant )?unlimited (digital )?access\b|"
          r"^\W*unlimited (digital )?access\W*$|^\W*(subscribe|sign up|join)\b[^.!?]{0,40}\bunlimited (digital )?access\b|\b(you|your)\b[^.!?]{0,60}\bunlimited (digital )?access\b|"
          r"\bunlimited (digital )?access\b[^.!?]{0,60}\b(you|your|subscribe|sign up|join (today|now))\b|"
          r"\bsubscribe (now )?to (continue|keep) reading\b|"
          r"\b(to )?(continue|keep) reading,? (please )?(subscribe|log in|sign in|register)\b|"
          r"\b(log|sign) in to (continue|keep) reading\b|(^|[.!?]\s+)\W*already (a|an existing) (subscriber|member)\b|"
          r"\balready (a|an existing) (subscriber|member)\W*\?|"
          r"\bthis (article|story|content|page) is (only |exclusively )?(available|reserved|exclusive|accessible)"
          r"( only| exclusively)? (to|for) (our )?(paying |digital )?(subscribers|members)\b|"
          r"^\W*(for )?subscribers? only\W*$|\b(this|the) (article|story|content|page|piece) is (for )?subscribers? only\b",
          "subscription wall"),
    # the short lines around a wall: "Have an account?", "Sign in.", "Not a subscriber?"
    _rule("paywall", r"^\W*(already )?(have|got) an account\W*$|^\W*(already|not) (a |an |yet a )?(subscriber|member)"
          r"\W*$|^\W*(please )?(sign|log) ?in( here| now| below| to your account)?\W*$", "subscription wall"),
    # introductory offers: "Join today for just 99 cents for your first month.", "Offer ends Sunday."
    _rule("paywall", r"\bfor (just |only )?(\d+ ?(cents|¢)|[$€£]\s?\d[\d.,]*)( a| per|/)? ?(for )?(your|the) first "
          r"(\d+ |two |three |six )?(days?|weeks?|months?|years?)\b|\b(your|the) first (\d+ |two |three |six )?"
          r"(days?|weeks?|months?|years?) (for|at) (just |only )?(\d+ ?(cents|¢)|[$€£]\s?\d)|"
          r"\bjoin (us )?(today|now)\b.{0,40}\b(for|from) (just |only )?(\d+ ?(cents|¢)|[$€£]\s?\d)|"
          r"^\W*(then |only |just |and )?(\d+ ?(cents|¢)|[$€£]\s?\d[\d.,]*) (a|per|/) ?(week|month|year) (after that|"
          r"thereafter|afterwards?)\W*$|"
          r"^\W*(only|just) [$€£]\s?\d[\d.,]* (a|per|/) ?(week|month|year)\b|"
          r"^\W*(this |our |limited[- ]time |special |introductory )?offer (ends|expires|is valid|valid)\b|"
          r"^\W*(limited[- ]time|special|introductory) offer\b|"
          r"^\W*(plans?|subscriptions?|memberships?|digital access|access) (start|starts|begin|begins) (at|from) "
          r"(just |only )?(\d+ ?(cents|¢)|[$€£]\s?\d)|^\W*(get|try|enjoy) (\d+|one|two|three|six) (days?|weeks?|"
          r"months?) (free|for free|on us)\b|^\W*(save|get) \d+ ?% (off )?(on )?(your |a |an |the )?(first (month|year)|"
          r"subscription|digital (access|subscription)|membership|annual plan|unlimited)\b", "subscription offer"),
    _rule("paywall", r"\bthis (is an? )?(premium|subscriber[- ]only|subscriber[- ]exclusive|members?[- ]only) "
          r"(article|story|content|feature)\b", "premium article notice"),
    _rule("paywall", r"\bto (continue|keep) reading(,| this\b| the (full )?(article|story)\b|\W*$)|\b(subscribe|register|sign up|log in|sign in) "
          r"(now )?to (read|see|unlock|access) (the|this|more|full|our)\b|\bread the full (story|article) "
          r"with\b|\b(unlock|access) (this|the full) (article|story)\b|\bstart (your|a) free trial\b|"
          r"\balready have an account\W+(sign|log) in\b|\b(please )?(log|sign) in or (register|subscribe)\b|"
          r"\bonly (subscribers|members) can (read|see|access)\b|\bthe rest of this (article|story) is "
          r"(for|available to|reserved for) (subscribers|members)\b|\bget full access to\b|"
          r"\bsubscribe (for|from) (just |only )?[$€£]\s?\d", "subscription wall"),
    _rule("paywall", r"^\W*cancel (at )?any ?time\W*$|\bfor (just|only) [$€£]\s?\d[\d.,]* (a|per|/) "
          r"(week|month|year)\b", "subscription offer"),
    # footers: syndication, copyright, contact and contributor lines
    _rule("footer", r"\ball content (created|produced) by\b", "syndication notice"),
    _rule("footer", r"\bavailable without charge\b", "syndication notice"),
    _rule("footer", r"\brepublished (articles|stories|content) must\b", "republication terms"),
    _rule("footer", r"\b(may|must) not be (re)?(published|broadcast|rewritten|redistributed)\b",
          "copyright notice"),
    _rule("footer", r"\ball rights reserved\b", "copyright notice"),
    _rule("footer", r"©|\(c\)\s*\d{4}|\bcopyright\s+(\(c\)\s*)?\d{4}\b", "copyright notice"),
    _rule("footer", r"^\W*(this|the) (article|story|piece|post|report) (was |has been )?"
          r"(originally|first) (appeared|published|ran)\b", "reprint notice"),
    _rule("footer", r"\b(originally|first) (appeared|published) (on|in|at|by)\b", "reprint notice"),
    _rule("footer", r"\bcontributed (reporting )?to this (report|story|article)\b", "contributor line"),
    _rule("footer", r"\breporting by\b.*\bediting by\b", "wire contributor line"),
    _rule("footer", r"\b(writers?|correspondents?|reporters?)\b.{0,80}\bcontributed\b", "contributor line"),
    _rule("footer", r"\[email(\s|\xa0)*protected\]", "obfuscated contact address"),
    _rule("footer", r"\b[\w.+-]+@[\w-]+\.[\w.]+\b", "contact address"),
    _rule("footer", r"\b(send|email) (us )?(news )?tips\b|\b(story )?tips can be sent\b|\bhave a (news )?tip\b",
          "tips line"),
    _rule("footer", r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3} is an? ([\w-]+ ){0,3}(reporter|writer|correspondent|"
          r"editor|contributor|columnist|producer|journalist) (for|at|with) (the )?[A-Z][\w&'’.-]*"
          r"( [A-Z][\w&'’.-]*| of| and| &){0,6}\.?$",
          "author bio", case=True),
    _rule("footer", r"\bthe views expressed (here|in this)\b", "opinion disclaimer"),
    _rule("footer", r"\bfor (licensing|reprint) (opportunities|inquiries|requests)\b", "licensing line"),
    _rule("footer", r"\bthis (story|article) has been (updated|corrected)\b(?! to (note|say|show|reflect) that)",
          "update note"),
    # prompts: newsletters, apps, links
    _rule("prompt", r"\b(click|tap) here\b", "link prompt"),
    _rule("prompt", r"^\W*sign up\b|\bsign up (now|here|today)\b|\bsign up (for|to) (our|my) ",
          "newsletter prompt"),
    _rule("prompt", r"^\W*subscribe\b|\bsubscribe (now|today|here|for free)\b|\bsubscribe to (our|my|the) "
          r"[\w'’ -]{0,40}(newsletter|channel|podcast|feed|edition)", "subscription prompt"),
    _rule("prompt", r"\bnewsletters?\b.*\b(inbox|sign up|subscribe)\b", "newsletter prompt"),
    _rule("prompt", r"\b(download|get) (the|our) [\w ]{0,30}\bapp\b", "app prompt"),
    # donation and membership pitches: "Your support funds local reporting.", "Donate today."
    _rule("prompt", r"^\W*your (support|donation|gift|contribution|membership|subscription)s? (today )?(funds?|makes?|"
          r"helps?|keeps?|sustains?|powers?|pays? for|supports?|allows?|enables?|ensures?)\b|"
          r"^\W*(please )?(support|donate to|give to|fund) (our|local|independent|nonprofit|this) (journalism|"
          r"reporting|newsroom|work|news)\b|^\W*(please )?(donate|give|contribute|join) (today|now)\b|"
          r"^\W*(please )?donate\b|^\W*become an? (member|subscriber|supporter|donor|sustainer)\b|"
          r"\bsupport (our|independent) (journalism|newsroom|reporting)\b", "donation prompt"),
    _rule("prompt", r"^\W*(?i:follow) ((?i:us|him|her|them)|[A-Z]\w+( [A-Z]\w+)?) (?i:on) "
          r"(?i:twitter|x|facebook|instagram|threads|bluesky)\b",
          "social prompt", case=True),
    _rule("related", r"^\W*(related|more|further|additional|recommended|previous|earlier|our|latest|complete|full) "
          r"(coverage|stories|articles|story|article|reading|content|links|news|videos?)\s*:", "read-more link"),
    _rule("related", r"^\W*(read|see|watch|listen|also read|read more|more|related|recommended|trending|"
          r"don'?’?t miss|also on [\w ]{1,30}|more (from|on) [\w ]{1,30})"
          r"\s*(:|more\b|also\b|next\b)", "read-more link"),
    _rule("related", r"^\W*((more )?details|(read )?more|the full story|full story|full coverage|"
          r"(watch|see) (it|the video|more)|video|photos)\s+(here|below)\W*$", "link stub"),
    _rule("prompt", r"^\W*(advertisement|story continues below|continue reading)\W*$", "page furniture"),
    _rule("prompt", r"\blisten to this (article|story)\b", "audio prompt"),
    # captions (a sentence that describes a picture) and bare credits
    _rule("caption", r"\((AP|AFP|Reuters|EPA|UPI|Getty)[^)]{0,40}(photo|images?|via)\b[^)]*\)",
          "wire photo credit in a caption"),
    _rule("caption", r"^\W*FILE\s*[-–—]\s", "AP file-photo caption"),
    _rule("caption", r"\((photo|image|video|graphic|illustration)s?\b[^)]*\)\s*$", "caption ending in a credit"),
    _rule("credit", r"/\s*getty images|\([^)]*getty images[^)]*\)|^[^.!?]{0,80}\bgetty images\W*$",
          "stock agency credit"),
    _rule("credit", r"^\W*(photo|image|video|graphic|illustration|picture)s?\s*(credit\b|courtesy\b|by\b)",
          "photo credit"),
    _rule("caption", r"^\W*(photo|image|video|graphic|illustration|picture)s?\s*:", "labelled caption"),
    _rule("credit", r"^\W*(credit|source|courtesy)\s*:", "credit line"),
    _rule("credit", r"^[^.!?]{0,60}\bscreen\s?(capture|shot|grab)\b[^.!?]{0,60}$", "screen-capture credit"),
    _rule("byline", r"^By\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s*(,|and|\||—|-)[^.!?]{0,60})?$",
          "byline", case=True),
    _rule("dateline", r"^(Published|Updated|Posted|Last updated)(\s+(on|at))?:?(\s*([A-Z][a-z]{2,8}\.?,?|"
          r"\d{1,4}(:\d{2})?,?|[AaPp]\.?[Mm]\.?,?|[A-Z]{2,4},?|at|on|[-–|/]))+\s*$",
          "time stamp line", case=True),
    # datelines standing alone, and date/time lines
    _rule("dateline", r"^[A-Z][A-Z.'’-]+( [A-Z][A-Z.'’-]+){0,3}(,\s*[A-Z][\w.]*( [A-Z][\w.]*)?)?\s*"
          r"(\([^)]{1,30}\)\s*[—–-]{0,2}|[—–-]{1,2})\s*$", "dateline on its own line", case=True),
    _rule("dateline", rf"^((Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
          r"(\s*(,|at|/|\||-|–)?\s*\d{1,2}[:.]\d{2}\s*([AaPp]\.?[Mm]\.?)?\s*([A-Z]{2,4})?)?\W*$",
          "date and time line", case=True),
    # embedded posts: the signature line of a tweet, an Instagram credit, a bare post link
    _rule("embed", rf"[—–-]\s*[^()\n]{{1,60}}\(@\w{{1,15}}\)\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\W*$",
          "tweet signature", case=True),
    _rule("embed", r"\bpic\.twitter\.com/\w+|^\W*a post shared by\b|^\W*view this post on instagram\b",
          "embedded post"),
    # labelled captions of pasted copy: "Pictured: ...", "Clip: ..."
    _rule("caption", r"^\W*(pictured|clip|above|below|inset|main (picture|image|photo)|top|left|right)"
          r"(\s*\((left|right|above|below|top|centre|center)\))?\s*:\s*\S", "labelled caption"),
    # video captions of TV sites: "...; chief correspondent Jane Roe reports from Paris."
    _rule("caption", r"[;—–-]\s*([\w'’-]+\s+){0,5}(correspondent|reporter|anchor|host|contributor|"
          r"analyst)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){1,3}\s+(reports|has (more|the (story|details|"
          r"latest))|explains|weighs in)\b[^.!?]*\.?$", "video caption", case=True),
    _rule("credit", rf"^\(?{_NAME}\s?/\s?{_NAME}\)?$", "Name/Agency credit line", case=True),
)


def match_reason(text: str) -> str | None:
    """The reason of the first rule matching ``text`` (a paragraph or sentence), else None."""
    line = text.strip()
    for rule in RULES:
        if rule.pattern.search(line):
            return rule.reason
    return None


def shape_reason(text: str, *, has_verb: bool, at_top: bool) -> str | None:
    """``credit`` or ``caption`` for a short verbless unpunctuated line above the story."""
    line = text.strip()
    words = line.split()
    if not at_top or has_verb or not words or len(words) > MAX_SHAPE_WORDS:
        return None
    if line[-1] in ".!?…:;\"”’)":
        return None
    return "credit" if "/" in line or "|" in line else "caption"


def paragraph_reason(text: str, *, has_verb: bool, at_top: bool) -> str | None:
    """Why a whole paragraph is boilerplate (None if it is not)."""
    return match_reason(text) or shape_reason(text, has_verb=has_verb, at_top=at_top)


def covers_paragraph(reason: str, sentences: int) -> bool:
    """Whether a paragraph-level ``reason`` applies to every sentence of the paragraph:
    always for footers and paywall notices, for short caption/credit paragraphs, for
    prompts and related links only when the paragraph is one sentence (only the
    sentence that asks the reader to do something is furniture)."""
    if reason in ("prompt", "related"):
        return sentences == 1
    return reason in ("footer", "paywall") or sentences <= MAX_WHOLE_PARAGRAPH_SENTENCES
