"""The HTML report in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

Install both with ``scripts/install-browser.sh``. Pages are opened from ``file://``;
every request other than the report file itself is recorded and refused.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from comparator.render.html import render_html
from factories import make_comparison
from test_render_html import crowded_row, five_outlets, hostile_everywhere

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CORPORA = Path(__file__).resolve().parent / "data" / "corpora"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (run scripts/install-browser.sh)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (run scripts/install-browser.sh)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture()
def open_report(browser, tmp_path):
    contexts = []

    def _open(html: str, name: str = "report", viewport=(1280, 700)) -> Opened:
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        url = path.as_uri()
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page=page, url=url)

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                opened.requests.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page.on("request", lambda req: req.url != url and opened.requests.append(req.url))
        page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
        page.on("pageerror", lambda e: opened.console_errors.append(str(e)))

        def dialog(d):
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url)
        page.wait_for_load_state("load")
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


def _clean(o: Opened) -> None:
    assert o.console_errors == []
    assert sorted(set(o.requests)) == []
    assert o.dialogs == []


def test_report_loads_without_errors_or_network(open_report):
    o = open_report(render_html(make_comparison()))
    _clean(o)
    assert o.page.is_visible("#filters")  # the script ran and revealed its controls
    assert o.page.text_content("#filter-status") == "Showing 3 of 3 findings."


def test_filters_hide_and_show_findings(open_report):
    o = open_report(render_html(make_comparison()))
    page = o.page
    summary = 'li[data-finding="{}"]'
    card = 'div.fcard[data-finding="{}"]'
    page.uncheck('#filters input[name="severity"][value="error"]')
    assert page.is_hidden(summary.format("divergent_fact-001"))
    assert page.is_hidden(card.format("divergent_fact-001"))
    assert page.is_visible(summary.format("omission-001"))
    assert page.text_content("#filter-status") == "Showing 2 of 3 findings."
    page.check('#filters input[name="severity"][value="error"]')
    assert page.is_visible(summary.format("divergent_fact-001"))

    page.uncheck('#filters input[name="kind"][value="omission"]')
    assert page.is_hidden(summary.format("omission-001"))
    page.check('#filters input[name="kind"][value="omission"]')

    for outlet in ("alpha", "beta"):  # divergent fact: alpha+beta; omission also concerns gamma
        page.uncheck(f'#filters input[name="outlet"][value="{outlet}"]')
    assert page.is_hidden(summary.format("divergent_fact-001"))
    assert page.is_hidden(summary.format("framing_label-001"))
    assert page.is_visible(summary.format("omission-001"))
    assert page.text_content("#filter-status") == "Showing 1 of 3 findings."
    _clean(o)


def _in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""")


@pytest.mark.parametrize("by_keyboard", [False, True])
def test_clicking_a_finding_scrolls_to_and_highlights_its_evidence(open_report, by_keyboard):
    o = open_report(render_html(make_comparison()), viewport=(1280, 500))
    page = o.page
    mark = 'mark.ev[data-findings~="divergent_fact-001"]'
    assert page.evaluate("window.scrollY") == 0
    assert not _in_viewport(page, mark)
    link = 'li[data-finding="divergent_fact-001"] a.finding-link'
    if by_keyboard:
        page.focus(link)
        page.keyboard.press("Enter")
    else:
        page.click(link)
    assert page.evaluate("window.scrollY") > 0
    assert _in_viewport(page, mark)
    classes = page.eval_on_selector_all(mark, "els => els.map(e => e.className)")
    assert len(classes) >= 2 and all("is-active" in c for c in classes)
    assert page.eval_on_selector("#row-6", "el => el.classList.contains('is-active')")
    # another finding moves the highlight
    page.click('li[data-finding="omission-001"] a.finding-link')
    assert page.eval_on_selector_all("mark.ev.is-active", "els => els.map(e => e.dataset.findings)") == ["omission-001"]
    _clean(o)


def test_finding_in_a_collapsed_card_list_opens_it(open_report):
    o = open_report(render_html(crowded_row(6)), viewport=(1280, 500))
    page = o.page
    card = 'div.fcard[data-finding="divergent_fact-006"]'
    assert page.is_hidden(card)
    page.click('li[data-finding="divergent_fact-006"] a.finding-link')
    assert page.is_visible(card)
    assert page.eval_on_selector(card, "el => el.classList.contains('is-active')")
    _clean(o)


def test_keyboard_skip_link_comes_first(open_report):
    o = open_report(render_html(make_comparison()))
    o.page.keyboard.press("Tab")
    assert o.page.evaluate("document.activeElement.className") == "skip"
    assert o.page.is_visible("a.skip")  # visible when focused


def test_print_layout_hides_filters_and_opens_boilerplate(open_report):
    o = open_report(render_html(make_comparison()))
    page = o.page
    page.emulate_media(media="print")
    assert page.is_hidden("#filters")
    assert page.is_visible("#claim-alpha\\:0 .claim-text")  # inside a closed <details>
    page.emulate_media(media="screen")
    assert page.is_hidden("#claim-alpha\\:0 .claim-text")


@pytest.mark.parametrize("everywhere", [False, True])
def test_hostile_factory_report_runs_no_input_script(open_report, everywhere):
    comp = hostile_everywhere() if everywhere else make_comparison(hostile=True)
    o = open_report(render_html(comp), name="hostile")
    page = o.page
    for link in page.locator("a[data-target]").all():
        link.click()
    page.hover("th >> text=Alpha Daily")
    page.emulate_media(media="print")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("textarea").count() == 0
    _clean(o)


def test_five_outlets_show_the_column_picker(open_report):
    o = open_report(render_html(five_outlets(5)), name="five")
    page = o.page
    assert page.is_visible("#column-picker")
    assert page.locator('#column-picker input[name="column"]').count() == 5
    assert page.is_visible('th[data-col="4"]')
    page.uncheck('#column-picker input[value="1"]')  # Beta News
    assert page.is_hidden('th[data-col="1"]') and page.is_hidden('td[data-col="1"] >> nth=0')
    # a finding with evidence in the hidden column brings it back
    page.click('li[data-finding="framing_label-001"] a.finding-link')
    assert page.is_visible('th[data-col="1"]')
    assert page.is_checked('#column-picker input[value="1"]')
    _clean(o)


def test_seven_outlets_let_the_reader_pick_six(open_report):
    o = open_report(render_html(five_outlets(7)), name="seven")
    page = o.page
    assert page.is_hidden('th[data-col="6"]')
    page.check('#column-picker input[value="6"]')
    assert page.is_visible('th[data-col="6"]')
    shown = page.eval_on_selector_all('#sbs thead th[data-col]', "els => els.filter(e => !e.hidden).length")
    assert shown == 6
    _clean(o)


# -- the project's own corpora through the full pipeline ------------------------------------------
@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    import comparator

    cache = tmp_path_factory.mktemp("cache")

    def _render(name: str) -> str:
        return render_html(comparator.compare([CORPORA / name], cache_dir=str(cache)))

    return _render


@pytest.mark.slow
def test_hostile_corpus_report_is_inert(open_report, corpus_report):
    o = open_report(corpus_report("hostile"), name="hostile-corpus")
    page = o.page
    for link in page.locator("a[data-target]").all()[:10]:
        link.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img, iframe, svg[onload]").count() == 0
    assert "javascript:" in page.text_content("table.sources")
    assert page.locator('a[href^="javascript:"]').count() == 0
    _clean(o)


@pytest.mark.slow
def test_five_outlet_corpus_report_shows_the_column_picker(open_report, corpus_report):
    o = open_report(corpus_report("five-outlets"), name="five-corpus")
    assert o.page.is_visible("#column-picker")
    assert o.page.locator('#sbs thead th[data-col]').count() == 5
    _clean(o)


@pytest.mark.slow
def test_seed_report_every_finding_leads_to_its_evidence(open_report, seed_comparison):
    o = open_report(render_html(seed_comparison), name="seed", viewport=(1400, 900))
    page = o.page
    assert seed_comparison.findings, "the seed event should yield findings"
    for f in seed_comparison.findings:
        page.click(f'li[id="finding-{f.id}"] a.finding-link')
        active = page.eval_on_selector_all(
            "mark.ev.is-active", "els => els.map(e => e.getAttribute('data-findings'))")
        assert active and all(f.id in a.split() for a in active), f.id
        first = page.locator("mark.ev.is-active").first
        assert first.is_visible()
        box, height = first.bounding_box(), page.evaluate("window.innerHeight")
        assert box and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= height, f.id
    _clean(o)


def test_a_card_links_back_to_its_summary_entry(open_report):
    o = open_report(render_html(make_comparison()), viewport=(1280, 500))
    page = o.page
    page.click('li[data-finding="omission-001"] a.finding-link')
    page.click('div.fcard[data-finding="omission-001"] a.to-summary')
    assert _in_viewport(page, 'li[data-finding="omission-001"] a.finding-link')
    assert page.evaluate("location.hash") == "#finding-omission-001"
    _clean(o)
