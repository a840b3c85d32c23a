"""Size of the HTML report an editor opens: page height at 1440x900 in Chromium, HTML bytes, Markdown characters.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/page_metrics.py --corpus corpora/port-alder-shelter
    HF_HUB_OFFLINE=1 .venv/bin/python bench/page_metrics.py --newswcl-event 0 --data /work/shared/data

Compares one event (a folder of articles, or a NewsWCL50 event read from ``--data``; its texts stay in
memory, nothing is written but the optional screenshot) and prints one line of numbers: outlets, story
sentences, findings, report.html bytes, the page's scroll height in headless Chromium at 1440x900 and
report.md characters. ``--screenshot PNG`` saves the first screen. To measure another checkout (e.g. main
before a change), put it first on PYTHONPATH: this script appends its own repository root, so the
comparator found first is the one measured. Needs Debian's chromium and Playwright
(scripts/install-browser.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # appended: PYTHONPATH's comparator wins

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _newswcl(data: str, event: int) -> list:
    from bench._data import data_file
    from comparator.types import Article

    path = data_file(data, "newswcl50-dev", "articles_dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(id=f"{r['event_id']}_{r['publisher_id']}", outlet=r["publisher_id"], text=" ".join(r["sentences"]))
            for r in rows if r["event_id"] == event]


def measure(html: str, screenshot: str | None = None, width: int = 1440, height: int = 900) -> dict:
    """Scroll height (px), console errors and refused requests of ``html`` opened from file://."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url == path.as_uri()
                   else (requests.append(r.request.url), r.abort()))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        if screenshot:
            page.screenshot(path=screenshot)
        out = {"height_px": page.evaluate("document.documentElement.scrollHeight"),
               "console_errors": len(errors), "requests": len(requests)}
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="event folder")
    parser.add_argument("--newswcl-event", type=int, help="NewsWCL50 event id (needs --data)")
    parser.add_argument("--data", default=os.environ.get("COMPARATOR_DATA"), help="evaluation data folder")
    parser.add_argument("--screenshot", help="save the first screen (1440x900) as this PNG")
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import comparator
    from comparator.render.html import render_html
    from comparator.render.markdown import render_markdown

    if args.newswcl_event is not None:
        sources, name = _newswcl(args.data, args.newswcl_event), f"newswcl50-{args.newswcl_event}"
    elif args.corpus:
        sources, name = [args.corpus], Path(args.corpus).name
    else:
        parser.error("give --corpus or --newswcl-event")
    overrides = {"cache_dir": args.cache_dir} if args.cache_dir else {}
    comp = comparator.compare(sources, **overrides)
    html = render_html(comp)
    row = {"event": name, "comparator": str(Path(comparator.__file__).resolve().parent.parent),
           "outlets": len(comp.articles), "story_sentences": sum(1 for c in comp.claims if not c.boilerplate),
           "findings": len(comp.findings), "html_bytes": len(html.encode("utf-8")),
           "md_chars": len(render_markdown(comp)), **measure(html, args.screenshot)}
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
