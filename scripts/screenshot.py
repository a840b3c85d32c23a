"""Render the seed report and screenshot it in headless Chromium (docs/img/seed-report.png).

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/screenshot.py [--corpus DIR] [--out PNG] [--full-page]

Needs Debian's chromium and Playwright (scripts/install-browser.sh). The page is
opened from file:// with every other request refused.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpora/irs-ice-talwani",
                        help="event folder (relative paths are taken from the repository root)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img" / "seed-report.png"))
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=2200)
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not the first screen")
    args = parser.parse_args(argv)

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("chromium is not installed: run scripts/install-browser.sh", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: run scripts/install-browser.sh", file=sys.stderr)
        return 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = Path(args.out).resolve()
    os.chdir(ROOT)  # source paths in the report stay relative, as in `make demo`
    sys.path.insert(0, str(ROOT))
    import comparator
    from comparator.render.html import render_html

    html = render_html(comparator.compare([args.corpus]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        page_path.write_text(html, encoding="utf-8")
        url, refused = page_path.as_uri(), []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            ctx = browser.new_context(viewport={"width": args.width, "height": args.height})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url == url
                      else (refused.append(r.request.url), r.abort()))
            page = ctx.new_page()
            page.goto(url)
            page.screenshot(path=str(out), full_page=args.full_page)
            browser.close()
    if refused:
        print(f"the report asked for {len(refused)} network resources: {refused[:3]}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
