"""Docs that are generated stay current."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"


def test_readme_excerpt_quotes_the_committed_report():
    import json
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("<!-- excerpt:start -->")[1].split("<!-- excerpt:end -->")[0]
    report = json.loads((ROOT / "reports/examples/irs-ice-talwani/report.json").read_text(encoding="utf-8"))
    messages = " ".join(" ".join(f["message"].split()) for f in report["findings"])
    for kind in ("framing_label", "loaded_language"):
        block = re.search(rf"\*\*warning · {kind}\*\*(?: · about \*\*[^*]+\*\*)?\s*(.+?)(?:\n>\s*\n|$)", excerpt, re.S)
        assert block, kind
        text = " ".join(block.group(1).replace(">", " ").split())
        assert text in messages, f"README excerpt is stale for {kind}: {text!r}"
