"""Time and memory of comparator on the large inputs the limits admit (generated, invented text).

    PYTHONPATH=$PWD python bench/large_inputs.py --case sentences --n 2400          # 2 x 2,400 sentences
    PYTHONPATH=$PWD python bench/large_inputs.py --case sentences --n 2400 --fake   # no embedding model
    PYTHONPATH=$PWD python bench/large_inputs.py --case long-sentence               # one 400,000-char sentence
    PYTHONPATH=$PWD python bench/large_inputs.py --case long-text --chars 1100000   # one 1.1 MB article

Prints the wall time of each pipeline stage, the report sizes and the peak
resident memory (``ru_maxrss``). ``--fake`` uses a hashing encoder so the
figures show comparator's own cost without the embedding model.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SUBJECTS = ["The judge", "A federal court", "The agency", "Officials", "The mayor", "Lawyers for the city",
            "The governor", "Senator Maria Lopez", "The department", "Critics of the plan", "Union leaders",
            "The company", "Residents", "The prosecutor", "Health officials"]
VERBS = ["said", "ruled", "announced", "argued", "warned", "confirmed", "reported", "denied", "claimed",
         "estimated", "noted", "insisted"]
OBJECTS = ["the program would cost {n} million dollars", "about {n} people were affected",
           "the deadline was moved to March {d}", "the policy had been in place for {d} years",
           "the vote would take place on Thursday", "the bridge would close for {d} weeks",
           "the budget grew by {d} percent", "{n} addresses had been shared", "the appeal was filed late",
           "the court would hear arguments in {d} days", "the fund lost {n} thousand dollars"]


def sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(n=rng.randint(2, 900), d=rng.randint(2, 28))
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {obj}."
    if rng.random() < 0.15:
        s = f"“{obj[0].upper()}{obj[1:]},” {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)}."
    return s


def article(n: int, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs, line = [], []
    for i in range(n):
        line.append(sentence(rng))
        if len(line) == 3 or i == n - 1:
            paragraphs.append(" ".join(line))
            line = []
    return "\n".join(paragraphs) + "\n"


class HashEncoder:
    """Bag-of-words hashing vectors: deterministic, no model (for --fake)."""

    name = "fake-hashing-encoder"
    sha256 = "0" * 64
    dim = 256

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in re.findall(r"\w+", text.lower()):
                out[i, int(hashlib.md5(tok.encode()).hexdigest(), 16) % self.dim] += 1.0
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=("sentences", "long-sentence", "long-text"), default="sentences")
    parser.add_argument("--n", type=int, default=2400, help="sentences per article (--case sentences)")
    parser.add_argument("--chars", type=int, default=1_100_000, help="characters (--case long-text)")
    parser.add_argument("--fake", action="store_true", help="hashing encoder instead of the model")
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args()

    import comparator
    from comparator.errors import ComparatorError
    from comparator.render import write_reports

    work = Path(tempfile.mkdtemp(prefix="comparator-large-"))
    event = work / "event"
    event.mkdir()
    if args.case == "sentences":
        texts = [article(args.n, 1), article(args.n, 2)]
    elif args.case == "long-sentence":
        rng = random.Random(3)
        words = " ".join(rng.choice(["court", "agency", "ruled", "the", "officials", "said", "and", "that",
                                     "program", "Thursday"]) for _ in range(60_000))
        texts = ["The judge said " + words[:400_000] + ".\n", article(40, 4)]
    else:
        body = article(max(args.chars // 60, 10), 5)
        texts = [(body * (args.chars // len(body) + 1))[:args.chars].rsplit("\n", 1)[0] + "\n", article(40, 6)]
    for i, text in enumerate(texts):
        (event / f"outlet-{i}.md").write_text(f"---\noutlet: Outlet {i}\n---\n{text}", encoding="utf-8")
    print(f"case {args.case}: {', '.join(f'{len(t):,} chars' for t in texts)}", flush=True)
    kwargs = {"encoder": HashEncoder()} if args.fake else {}
    if args.cache_dir:
        kwargs["cache_dir"] = args.cache_dir
    t0 = time.perf_counter()
    try:
        comp = comparator.compare([event], **kwargs)
    except ComparatorError as exc:
        print(f"refused after {time.perf_counter() - t0:.1f} s: {exc}")
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        sys.exit(0)
    t_compare = time.perf_counter() - t0
    t1 = time.perf_counter()
    written = write_reports(comp, work / "out")
    t_write = time.perf_counter() - t1
    print(f"claims {len(comp.claims):,}  alignments {len(comp.alignments):,}  findings {len(comp.findings):,}")
    print("stages: " + ", ".join(f"{k} {v:.1f}s" for k, v in comp.timings.items()))
    print(f"compare {t_compare:.1f} s, write reports {t_write:.1f} s, total {t_compare + t_write:.1f} s")
    print("reports: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in written))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"CPU time {usage.ru_utime + usage.ru_stime:.1f} s (the machine may be shared; wall time above)")
    print(f"peak RSS {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
