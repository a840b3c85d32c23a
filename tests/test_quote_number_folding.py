"""One changed figure inside the same quotation is one finding, not two (review 2, quotewording): the
number divergence stays and takes the quotation's wording in (``details.quote_wording``), the
``quote_wording`` finding is dropped. Invented sentences; the reviewer's first, then variants."""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("a, b, speaker", [
    ('"Coach Delaney gave this program eleven years, and we thank him for every one of them," Fosse said.',
     '"Coach Delaney gave this program twelve years, and we thank him for every one of them," Fosse said.',
     "Fosse"),
    ('"We lost 40 homes in one night and we will rebuild every one of them," Mayor Idris Kanu said.',
     '"We lost 45 homes in one night and we will rebuild every one of them," Mayor Idris Kanu said.',
     "Idris Kanu"),
    ('"The clinic has waited six months for the money it was promised by the county," said Lena Varga.',
     '"The clinic has waited nine months for the money it was promised by the county," said Lena Varga.',
     "Lena Varga"),
    ('"Our crews spent $2 million clearing the roads after the storm this winter," Commissioner Ode said.',
     '"Our crews spent $3 million clearing the roads after the storm this winter," Commissioner Ode said.',
     "Ode"),
])
def test_a_figure_changed_inside_a_quotation_is_one_finding(nlp, a, b, speaker):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), nlp=nlp, speakers=(speaker, speaker))
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    assert [f.details["type"] for f in found] == ["number"], [f.message for f in found]
    assert found[0].message.startswith("In the same quotation, ")
    assert found[0].details["quote_wording"] and len(found[0].details["quote_wording"]) == 2


def test_other_words_changed_in_a_quotation_stay_a_quote_wording(nlp):
    a = '"The council has failed this town for eleven years and nobody is sorry," Fosse said.'
    b = '"The council has betrayed this town for eleven years and nobody is sorry," Fosse said.'
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), nlp=nlp, speakers=("Fosse", "Fosse"))
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    assert [f.details["type"] for f in found] == ["quote_wording"]
