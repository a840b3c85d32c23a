"""The same quotation in two aligned claims: other words (``quote_wording``) or another speaker (``attribution``).

Two quoted passages are the same quotation when they share a long run of
words (:data:`MIN_SHARED` or more, in order). Words one outlet quotes beyond
the other's excerpt are not a difference (an excerpt is shorter); words that
differ *between* shared runs are: "the Wendy Marlow servers" / "the Debbie
Marlow servers", "something very important" / "something important". An
ellipsis or a bracketed editorial insertion marks a declared change and is not
reported. Word alignment uses rapidfuzz's Levenshtein opcodes over word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from comparator.detect.roles import Side

#: shared words (in order) that make two quoted passages one quotation
MIN_SHARED = 6
#: at most this many changed words between shared runs (more is another quotation, not a variant)
MAX_CHANGED = 4
_WORD = re.compile(r"[\w’'\-]+|\.\.\.|…|\[|\]")
#: words whose insertion or deletion changes what a quotation says (negation, degree, quantity);
#: other inserted or dropped words (articles, "and", auxiliaries, "then again") are an excerpt's or a
#: transcript's variation, not reported
MEANING_WORDS = frozenset({"not", "no", "never", "n't", "very", "both", "all", "every", "only", "just", "most",
                           "many", "few", "some", "none", "absolutely", "always", "entirely", "completely",
                           "totally", "extremely", "really", "nearly", "almost", "more", "less", "least",
                           "too", "also", "even", "still", "already", "ever", "any"})
#: words whose swap for one another is a transcript's variation ("a" / "the", "which" / "that", "will" / "would")
FUNCTION_WORDS = frozenset({"a", "an", "the", "this", "that", "these", "those", "which", "who", "whom", "when",
                            "in", "into", "on", "onto", "at", "to", "toward", "towards", "for", "of", "from",
                            "with", "by", "through", "as", "and", "or", "but", "will", "would", "shall", "should",
                            "can", "could", "be", "have", "do", "get", "its", "it", "our", "their", "his", "her",
                            "my", "your", "we", "they", "he", "she", "i", "you", "there", "here", "then"})


@dataclass(frozen=True)
class WordDiff:
    """One changed stretch inside a shared quotation: the words on each side (``""`` when absent)."""

    a: str
    b: str
    a_start: int
    a_end: int  # article offsets of the stretch on side a, widened to a neighbour word when a is empty
    b_start: int
    b_end: int


def _words(text: str, start: int, end: int, span: Any = None) -> list[tuple[str, int, int]]:
    """Words of ``text[start:end]`` as (comparison key, start, end); keys are spaCy lemmas when a parse
    is given ("teams"/"team", "chose"/"chosen", "It's"/"It is" compare equal), punctuation and
    possessive endings dropped."""
    if span is not None:
        toks = [t for t in span if start <= t.idx < end and not t.is_punct and t.tag_ != "POS"
                and not t.is_space]
        if toks:
            return [(_key(t), t.idx, t.idx + len(t.text)) for t in toks]
    return [(m.group().lower().replace("’", "'").removesuffix("'s").rstrip("'"), start + m.start(),
             start + m.end()) for m in _WORD.finditer(text[start:end]) if m.group() not in ("-",)]


def _key(tok: Any) -> str:
    low = tok.lower_.replace("’", "'")
    if low in ("...", "…", "[", "]"):
        return low
    if tok.lemma_.lower() in ("not", "n't"):
        return "not"
    return tok.lemma_.lower().replace("’", "'")


def _meaningful(words: list[str], other: list[str], text_a: str = "", text_b: str = "") -> bool:
    """Whether a changed stretch changes the quotation's sense.

    Insertions and deletions count when they add or drop a MEANING_WORDS word or a
    number. Substitutions count unless they are the same word written another way:
    equal letters ("F.T.C." / "FTC", "'s" / "’s"), a spelling variant (rapidfuzz
    ratio >= 80: "labour" / "labor", "Qa'ida" / "Qaida"), one inside the other (a
    compound split by the tokenizer, "cyber" / "cyberassets", "Sept." / "September"),
    the same number ("2" / "two"), or function words only ("a" / "the", "in" / "into").
    """
    if not (words and other):
        return any(w in MEANING_WORDS or w[:1].isdigit() for w in words + other)
    from rapidfuzz import fuzz

    from comparator.facts.numbers import parse_number

    flat_a = re.sub(r"[^a-z0-9]", "", (text_a or " ".join(words)).lower())
    flat_b = re.sub(r"[^a-z0-9]", "", (text_b or " ".join(other)).lower())
    if flat_a == flat_b or not flat_a or not flat_b:
        return False
    short, long_ = sorted((flat_a, flat_b), key=len)
    if any(long_ == p + short for p in NEGATING_PREFIXES):
        return True  # "legal" / "illegal", "able" / "unable": the opposite word
    if fuzz.ratio(flat_a, flat_b) >= 80 or flat_a in flat_b or flat_b in flat_a:
        return False
    if _one_family(flat_a, flat_b):
        return False
    na, nb = parse_number(text_a or " ".join(words)), parse_number(text_b or " ".join(other))
    if na is not None and nb is not None and na.value == nb.value:
        return False
    if all(w in FUNCTION_WORDS for w in words + other):
        return False
    return True


#: prefixes that make a word its opposite: "illegal" holds "legal" but says the reverse
NEGATING_PREFIXES = ("un", "in", "il", "im", "ir", "non", "dis")
#: letters a word and its derivation share at the start ("vaccin-e" / "vaccin-ation"), at least
FAMILY_PREFIX = 5


def _one_family(a: str, b: str) -> bool:
    """One word and its derivation ("vaccine" / "vaccination", "approve" / "approval"): a shared start of at
    least :data:`FAMILY_PREFIX` letters covering 80 % of the shorter word. Negating prefixes ("legal" /
    "illegal") change the start, so they never share one."""
    if not (a.isalpha() and b.isalpha()):
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= FAMILY_PREFIX and common >= 0.8 * min(len(a), len(b))


def quotation_diff(text_a: str, qa: tuple[int, int], text_b: str, qb: tuple[int, int],
                   span_a: Any = None, span_b: Any = None) -> tuple[int, list[WordDiff] | None] | None:
    """(shared words, changed stretches) when two quoted ranges are one quotation, else None.

    The stretches are None when the two differ in too many words to be compared word by word.

    ``span_a``/``span_b`` (spaCy spans of the claims, optional) let words compare by lemma.
    """
    from rapidfuzz.distance import Levenshtein

    wa, wb = _words(text_a, *qa, span_a), _words(text_b, *qb, span_b)
    if len(wa) < MIN_SHARED or len(wb) < MIN_SHARED:
        return None
    ops = [op for op in Levenshtein.opcodes([w for w, _, _ in wa], [w for w, _, _ in wb])]
    shared = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    longest = max((op.src_end - op.src_start for op in ops if op.tag == "equal"), default=0)
    if shared < MIN_SHARED or longest < 3:
        return None
    while ops and ops[0].tag != "equal":
        ops = ops[1:]  # one outlet's excerpt starts later
    while ops and ops[-1].tag != "equal":
        ops = ops[:-1]  # ... or stops earlier
    inner = [op for op in ops if op.tag != "equal"]
    changed = sum(max(op.src_end - op.src_start, op.dest_end - op.dest_start) for op in inner)
    if not inner:
        return shared, []
    if changed > MAX_CHANGED or changed * 3 > shared:
        return shared, None  # too many changes to tell words apart: not judged
    diffs = []
    for op in inner:
        left = [w for w, _, _ in wa[op.src_start:op.src_end]]
        right = [w for w, _, _ in wb[op.dest_start:op.dest_end]]
        if any(w in ("...", "…", "[", "]") for w in left + right):
            continue  # an ellipsis or bracket declares the change
        if any(_parenthetical(text, w[lo][1], w[hi - 1][2]) for text, w, lo, hi in (
                (text_a, wa, op.src_start, op.src_end), (text_b, wb, op.dest_start, op.dest_end)) if hi > lo):
            continue  # "(rebel commander Yusuf) al-Harrani": the outlet's own insertion, not the speaker's
        surface_a = " ".join(text_a[s0:e0] for _, s0, e0 in wa[op.src_start:op.src_end])
        surface_b = " ".join(text_b[s0:e0] for _, s0, e0 in wb[op.dest_start:op.dest_end])
        if not _meaningful(left, right, surface_a, surface_b):
            continue
        a0, a1 = _stretch(wa, op.src_start, op.src_end)
        b0, b1 = _stretch(wb, op.dest_start, op.dest_end)
        diffs.append(WordDiff(" ".join(text_a[s:e] for _, s, e in wa[op.src_start:op.src_end]),
                              " ".join(text_b[s:e] for _, s, e in wb[op.dest_start:op.dest_end]),
                              a0, a1, b0, b1))
    return shared, diffs


def _parenthetical(text: str, start: int, end: int) -> bool:
    """Whether a changed stretch touches a parenthesis or bracket: words an outlet put into a quotation."""
    return any(ch in "()[]" for ch in text[max(0, start - 1):end + 1])


def _stretch(words: list[tuple[str, int, int]], lo: int, hi: int) -> tuple[int, int]:
    """Offsets of words[lo:hi] with one shared word either side (so an empty stretch still has text)."""
    first = max(lo - 1, 0)
    last = min(hi, len(words) - 1)
    return words[first][1], words[last][2]


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """Whether two speaker names can denote the same person (None when either is unknown or a
    role without a name, "the board chair": :func:`comparator.claims.canonical.is_role`)."""
    from comparator.claims.canonical import is_role

    if not a or not b or is_role(a) or is_role(b):
        return None
    from comparator.facts.names import same_referent

    return same_referent(a, b)


def quotation_pairs(a: "Side", b: "Side") -> list[tuple[tuple[int, int], tuple[int, int], int, list[WordDiff] | None]]:
    """Every pair of quoted ranges of the two claims that is one quotation, with its word diff (None: not
    compared word by word, too many changes)."""
    out = []
    for qa in a.claim.quotes:
        for qb in b.claim.quotes:
            found = quotation_diff(a.text, qa, b.text, qb, a.span, b.span)
            if found is not None:
                out.append((qa, qb, found[0], found[1]))
    return out
