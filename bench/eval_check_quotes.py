"""Quote integrity and fact checks of ``comparator check`` on real multi-outlet news: each article as the draft.

    python bench/eval_check_quotes.py --data ../shared/data [--events gold-dev] [--show]

For every event folder under ``<data>/<events>/`` and every article in it, the
article is checked as a draft against the event's other articles (its sources).
Real copy has no planted faults, so this measures what a newsroom would see on
copy that is mostly right: how many quotations are found, misquoted, misattributed
or unverified, and how many divergent facts are charged. ``--show`` prints each
misquote, misattribution and divergent fact with its source passage, for judging
by hand (the judgements are recorded in docs/EVALUATION.md, not here: the
evaluation texts stay out of the repository).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--events", default="gold-dev")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    from comparator.check import check
    from comparator.check.config import CheckSettings
    from comparator.check.quotes import check_quotes  # noqa: F401  (documents what is measured)
    from comparator.config import Settings
    from comparator.embed import load_encoder

    root = Path(args.data) / args.events
    events = sorted(p for p in root.iterdir() if p.is_dir())
    settings = Settings()
    encoder = load_encoder(settings)
    rules = CheckSettings(rules=(("unsupported", "off"), ("loaded_language", "off"), ("framing_label", "off")))
    totals: Counter = Counter()
    for event in events:
        files = sorted(p for p in event.iterdir() if p.suffix in (".md", ".txt", ".html"))
        for draft in files:
            others = [p for p in files if p != draft]
            res = check([draft], others, settings=settings, check_settings=rules, encoder=encoder)
            found = Counter(f.rule for f in res.findings)
            totals.update({f"quotes {k}": v for k, v in res.drafts[0].quotes.items()})
            totals.update(found)
            totals["drafts"] += 1
            print(f"{event.name}/{draft.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(found.items())))
            if args.show:
                for f in res.findings:
                    if f.rule in ("misquote", "misattribution", "divergent_fact"):
                        src = "; ".join(f"{s.outlet}: {s.location.text!r}" for s in f.sources)
                        print(f"  {f.location.line}:{f.location.column} {f.rule}: {f.message}\n    draft: "
                              f"{f.location.text!r}\n    source: {src}")
    print("\ntotal: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
