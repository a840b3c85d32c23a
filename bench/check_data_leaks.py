"""Find text copied from the licensed evaluation data into the repository.

    python bench/check_data_leaks.py --data ../shared/data [--words 7]

The evaluation sets (gold-dev, BASIL, MRPC, PTC, NewsWCL50, STS-B, AllSides) are licensed for local
evaluation only: no sentence of theirs may be committed. This prints every tracked file (except the
generated ``reports/``) that shares a run of ``--words`` consecutive words with any of them, and the
runs. The demo corpus's seed articles (``seeds/``) are allowed. Stock phrases ("did not respond to a
request for comment") will show up too: read the hits, don't just count them. Exit code 1 when
anything is found.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import REPO, add_data_argument, data_dir  # noqa: E402


def shingles(text: str, n: int) -> set[str]:
    words = re.findall(r"[A-Za-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def licensed_texts(root: Path):
    """Every text of the evaluation sets (the demo's seed event excluded)."""
    for p in glob.glob(str(root / "gold-dev" / "*" / "*.md")):
        if "seed-irs-ice" not in p:
            yield Path(p).read_text(encoding="utf-8")
    for line in (root / "basil-dev" / "basil_dev.jsonl").open(encoding="utf-8"):
        yield " ".join(s["text"] for s in json.loads(line).get("sentences", []))
    for line in (root / "mrpc-train" / "msr_paraphrase_train.txt").open(encoding="utf-8-sig"):
        yield " ".join(line.rstrip("\n").split("\t")[3:5])
    for p in glob.glob(str(root / "ptc-train" / "train-articles" / "*.txt")):
        yield Path(p).read_text(encoding="utf-8")
    for line in (root / "newswcl50-dev" / "articles_dev.jsonl").open(encoding="utf-8"):
        sents = json.loads(line)["sentences"]
        yield " ".join(sents) if isinstance(sents, list) else str(sents)
    for line in (root / "allsides-dev" / "articles_dev.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        yield f"{r.get('title', '')} {r.get('text', '')}"
    for line in (root / "sts-train" / "sts-train.csv").open(encoding="utf-8"):
        yield " ".join(line.rstrip("\n").split("\t")[5:7])


def main(argv: list[str] | None = None) -> int:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--words", type=int, default=7, help="length of a shared word run (default 7)")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    n = args.words
    licensed: set[str] = set()
    for text in licensed_texts(root):
        licensed |= shingles(text, n)
    allowed: set[str] = set()
    for p in glob.glob(str(root / "seeds" / "*.txt")):
        allowed |= shingles(Path(p).read_text(encoding="utf-8"), n)
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True)
    found = 0
    for name in tracked.stdout.splitlines():
        if name.startswith("reports/") or name.endswith((".png", ".parquet")):
            continue
        try:
            text = (REPO / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        hits = sorted((shingles(text, n) & licensed) - allowed)
        if hits:
            found += 1
            print(f"{name}: {len(hits)} shared runs: " + "; ".join(hits[:5]))
    print(f"{found} file(s) share {n}-word runs with the evaluation data.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
