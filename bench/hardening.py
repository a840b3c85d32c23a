"""Run every hardening case (``../shared/hardening-cases``) against this checkout and print a table.

    PYTHONPATH=$PWD python bench/hardening.py --cases /work/shared/hardening-cases

Each case is copied to a scratch folder first (the cases write ``out/`` and
``event/`` next to themselves), and ``$ROOT/.venv/bin/comparator`` is a small
wrapper that runs *this* checkout's code with the current interpreter. A case
passes when it exits 0 or 2, prints no traceback, does not hit its timeout and
leaves every input file it was given unchanged. Cases whose script leaves out a
setup step (an unreadable file, a FIFO, a symlink loop) get it here.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _wrapper(root: Path) -> None:
    bindir = root / ".venv" / "bin"
    bindir.mkdir(parents=True)
    script = bindir / "comparator"
    script.write_text(f"#!/bin/sh\nPYTHONPATH={REPO} exec {sys.executable} -m comparator \"$@\"\n")
    script.chmod(0o755)
    (root / "corpora").symlink_to(REPO / "corpora")


def _setup(case: Path) -> None:
    """The setup steps the scripts' comments describe but do not perform."""
    name = case.name
    seed = REPO / "corpora" / "irs-ice-talwani"
    if name.startswith("109"):
        (case / "loop.md").unlink()
        (case / "loop.md").symlink_to("loop.md")
    elif name.startswith(("116", "118")):
        event = case / "event"
        event.mkdir()
        for f in sorted(seed.glob("*.md")):
            shutil.copy(f, event / f.name)
        if name.startswith("116"):
            (event / "fox-news.md").chmod(0)
        else:
            event.chmod(0o600)
    elif name.startswith("147"):
        os.mkfifo(case / "lex.yaml")
    elif name.startswith("132"):
        event = case / "event"
        event.mkdir(exist_ok=True)
        for f in sorted(seed.glob("*.md")):
            shutil.copy(f, event / f.name)


def _snapshot(case: Path) -> dict[str, str]:
    """sha256 of every regular input file (reports the case writes are left out)."""
    out = {}
    for p in sorted(case.rglob("*")):
        rel = p.relative_to(case)
        if (rel.parts[0] in ("out", "out2") or p.name.startswith("report") or p.suffix == ".bin"
                or p.name in ("md_results.json", "result.txt", "harness-output.txt")):
            continue
        try:
            if stat.S_ISREG(p.lstat().st_mode):
                out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            out[str(rel)] = "unreadable"
    return out


def _command(case: Path, root: Path) -> list[str] | None:
    for name in ("repro.sh", "run.sh"):
        if (case / name).exists():
            return ["bash" if name == "run.sh" else "sh", str(case / name)]
    for py in sorted(case.glob("*.py")):
        text = py.read_text()
        text = text.replace("$ROOT", str(root)).replace("${TMPDIR:-/tmp}", os.environ.get("TMPDIR", "/tmp"))
        py.write_text(text)
        return [sys.executable, str(py)]
    return None


def _order(name: str) -> int:
    m = re.match(r"\d+", name)
    return int(m.group()) if m else 0


def run(cases: Path, timeout: float, only: str | None) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="comparator-hardening-"))
    root = scratch / "root"
    _wrapper(root)
    env = dict(os.environ, ROOT=str(root), HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
    rows = []
    failed = 0
    for src in sorted((p for p in cases.iterdir() if p.is_dir()), key=lambda p: _order(p.name)):
        if only and only not in src.name:
            continue
        case = scratch / src.name
        shutil.copytree(src, case, symlinks=True)
        for p in [case, *case.rglob("*")]:
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IWUSR | stat.S_IRUSR | (stat.S_IXUSR if p.is_dir() else 0))
        _setup(case)
        cmd = _command(case, root)
        before = _snapshot(case)
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=case, env=env, capture_output=True, text=True,
                                  timeout=timeout, errors="replace")
            output, code = proc.stdout + proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as exc:
            output, code = str(exc.stdout or "") + str(exc.stderr or ""), "timeout"
        seconds = time.perf_counter() - t0
        (case / "harness-output.txt").write_text(output)
        for p in case.rglob("*"):  # let the scratch folder be removed
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
        after = _snapshot(case)
        exits = re.findall(r"exit=(\d+)", output) or ([str(code)] if code != "timeout" else ["timeout"])
        changed = sorted(k for k in before if after.get(k) != before[k])
        traceback = "Traceback (most recent call last)" in output
        crash = [line for line in output.splitlines() if line.startswith("CRASH")]
        message = next((line for line in output.splitlines() if "comparator: error:" in line), "")
        ok = (code != "timeout" and not traceback and not changed and not crash
              and all(e in ("0", "2") for e in exits))
        failed += not ok
        rows.append((src.name, "pass" if ok else "FAIL", ",".join(exits), f"{seconds:.1f}",
                     "tb" if traceback else "", ",".join(changed) or "", message[19:120] or
                     (crash[0][:100] if crash else "")))
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"{'case':<{width}}  result exit     secs  tb  changed  message")
    for r in rows:
        print(f"{r[0]:<{width}}  {r[1]:<6} {r[2]:<8} {r[3]:>5}  {r[4]:<3} {r[5]:<8} {r[6]}")
    print(f"\n{len(rows) - failed}/{len(rows)} cases pass (scratch copy: {scratch})")
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO.parent / "shared" / "hardening-cases")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", default=None, help="run only cases whose folder name contains this")
    args = parser.parse_args()
    sys.exit(run(args.cases, args.timeout, args.only))


if __name__ == "__main__":
    main()
