"""Regenerate docs/cli.md from the commands' --help (tests/test_docs.py keeps it current).

    python scripts/gen_cli_docs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"


def render() -> str:
    from comparator.cli import cli

    runner = CliRunner()
    parts = [
        "# CLI reference\n",
        "Generated from `--help` by `python scripts/gen_cli_docs.py`; do not edit by hand.\n",
    ]
    import click

    commands = [[]]
    for name in sorted(cli.commands):
        commands.append([name])
        group = cli.commands[name]
        if isinstance(group, click.Group):  # subcommands too, e.g. `comparator model prepare`
            commands += [[name, sub] for sub in sorted(group.commands)]
    for args in commands:
        result = runner.invoke(cli, args + ["--help"], prog_name="comparator", terminal_width=100)
        title = " ".join(["comparator", *args])
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
