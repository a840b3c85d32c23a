"""The editor's first screen in real Chromium at 1440x900, on the invented five-outlet event
(corpora/port-alder-shelter: 200 story sentences) compared with the real model and spaCy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comparator.render.html import render_html
from test_browser import _clean, browser, open_report  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

EVENT = Path(__file__).resolve().parent.parent / "corpora" / "port-alder-shelter"
SCREEN = (1440, 900)


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    import comparator

    return comparator.compare([EVENT], cache_dir=str(tmp_path_factory.mktemp("cache")))


def _box(page, selector: str):
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect(); "
                                           "return {top: r.top, bottom: r.bottom, height: r.height}; }")


def _on_screen(page, selector: str) -> bool:
    b = _box(page, selector)
    return b["height"] > 0 and b["top"] >= 0 and b["top"] < page.evaluate("window.innerHeight")


@pytest.mark.slow
def test_the_event_is_five_outlets_and_about_200_claims(five):
    assert len(five.articles) == 5
    assert 180 <= sum(1 for c in five.claims if not c.boilerplate) <= 220


@pytest.mark.slow
def test_first_screen_shows_the_ranked_list_and_the_start_of_the_matrix(open_report, five):
    o = open_report(render_html(five), name="first-screen", viewport=SCREEN)
    page = o.page
    assert page.locator("#ranked li.ranked").count() >= 5
    assert _on_screen(page, "#ranked li.ranked")  # the first ranked item
    assert _on_screen(page, "#ranked li.ranked:nth-child(5)")
    assert _on_screen(page, "#matrix tbody tr")  # the header and the first key fact
    assert _on_screen(page, "#matrix tbody tr:nth-child(3)")
    _clean(o)


@pytest.mark.slow
def test_every_ranked_item_scrolls_to_its_evidence(open_report, five):
    o = open_report(render_html(five), name="ranked", viewport=SCREEN)
    page = o.page
    links = page.locator("#ranked a.ranked-link")
    assert links.count() == len([r for r in five.to_dict()["overview"]["ranked"]])
    for i in range(links.count()):
        page.evaluate("window.scrollTo(0, 0)")
        link = links.nth(i)
        target = link.get_attribute("data-target")
        link.click()
        if target:
            marks = page.locator("mark.ev.is-active")
            assert marks.count() > 0, target
            assert all(target in (m.get_attribute("data-findings") or "").split() for m in marks.all())
            box, height = marks.first.bounding_box(), page.evaluate("window.innerHeight")
            assert box and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= height, target
        else:
            fid = link.get_attribute("href").removeprefix("#finding-")
            assert _on_screen(page, f'li[id="finding-{fid}"]'), fid
    _clean(o)


@pytest.mark.slow
def test_keyboard_reaches_the_ranked_list_and_matrix_cells_show_their_sentence(open_report, five):
    o = open_report(render_html(five), name="keyboard", viewport=SCREEN)
    page = o.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "ranked-link"
    target = page.evaluate("document.activeElement.getAttribute('data-target')")
    page.keyboard.press("Enter")
    if target:
        assert page.locator("mark.ev.is-active").count() > 0
    page.evaluate("window.scrollTo(0, 0)")
    # a matrix cell: focusable, labelled with outlet, state and sentence; its sentence shows on focus
    cell = page.locator("#matrix td.cell .cell-link").first
    label = cell.get_attribute("aria-label")
    outlets = [a.outlet for a in five.articles]
    assert any(label.startswith(f"{name} ") for name in outlets)
    assert re.match(r".+ (reports|differs|does not|no match): .+", label)
    tip = page.locator("#matrix td.cell .tip").first
    assert not tip.is_visible()
    cell.focus()
    assert tip.is_visible()
    page.keyboard.press("Tab")
    assert not tip.is_visible()
    page.locator("#matrix td.cell").nth(1).hover()
    assert page.locator("#matrix td.cell .tip").nth(1).is_visible()
    # links by accessible name, as a screen reader lists them
    assert page.get_by_role("link", name=re.compile(r"^(Alder|Coastline|Harbor|Tri-County).* reports: ")).count() > 5
    _clean(o)


@pytest.mark.slow
def test_a_folded_fact_row_reaches_its_sentence(open_report, five):
    o = open_report(render_html(five), name="folded", viewport=SCREEN)
    page = o.page
    facts = five.to_dict()["overview"]["key_facts"]
    assert len(facts) > 12, "the five-outlet event should fold facts beyond the first rows"
    last = facts[-1]
    page.click("details.more-facts > summary")
    page.click(f'tr[data-fact="{last["id"]}"] a.fact-link')
    claim = page.locator(f'[id="claim-{last["claims"][0]}"]')
    assert claim.is_visible()
    assert _on_screen(page, f'[id="claim-{last["claims"][0]}"]')
    _clean(o)


@pytest.mark.parametrize("n", [5, 7])
def test_the_matrix_fits_a_laptop_screen_with_five_to_seven_outlets(open_report, n):
    from test_render_html import five_outlets

    o = open_report(render_html(five_outlets(n)), name=f"matrix-{n}", viewport=SCREEN)
    page = o.page
    assert page.locator("#matrix thead th").count() == n + 1
    box = _box(page, "#matrix table")
    assert box["height"] > 0 and page.eval_on_selector("#matrix table", "t => t.getBoundingClientRect().right") <= 1440
    overflowing = page.eval_on_selector_all(
        "#matrix td.cell", "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert overflowing == 0
    _clean(o)
