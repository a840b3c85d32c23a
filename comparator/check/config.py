"""Check settings: defaults <- ``[tool.comparator.check]`` (pyproject.toml) or ``.comparator.toml`` <- flags.

``.comparator.toml`` holds the same table as ``[check]`` (or ``[tool.comparator.check]``)
and, when present, is read instead of pyproject.toml; the nearest file at or above the
current folder is used (:func:`config_file`), and ``-v`` / the JSON output name it. Keys may be written with
dashes or underscores::

    [tool.comparator.check]
    fail-on = "warning"              # error | warning | info
    sources = ["wire/", "notes.md"]   # files or folders; relative to the file's folder
    source-dirs = ["archive/"]
    lexicons = ["styles/House/Loaded.yml"]
    baseline = ".comparator-baseline.json"
    output-format = "text"
    [tool.comparator.check.rules]
    unsupported = "off"
    loaded_language = "error"

One schema (:func:`check_value`) checks values from files, flags and
``CheckSettings(...)`` alike; a bad value raises :class:`ConfigError` naming
the file (or ``command line``) and the key. Analysis settings (model,
threshold...) stay in ``[tool.comparator]`` (:mod:`comparator.config`).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from comparator.check.rules import BY_CODE, LEVELS, OFF, RULE_CODES
from comparator.errors import ConfigError

#: Output formats of ``comparator check`` (one module each in comparator.check.formats).
OUTPUT_FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif", "junit", "rdjson", "gitlab", "markdown")
CONFIG_FILE = ".comparator.toml"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckSettings:
    """What to check and when to fail. ``rules``: (code, level or ``off``) pairs overriding the defaults."""

    rules: tuple[tuple[str, str], ...] = ()
    fail_on: str = "error"
    lexicons: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_dirs: tuple[str, ...] = ()
    baseline: str | None = None
    output_format: str = "text"
    #: The file these settings were read from (:func:`config_file`), None for defaults and flags only.
    config: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name == "config":
                continue
            object.__setattr__(self, f.name, check_value(f.name, getattr(self, f.name), "CheckSettings"))

    def level_of(self, code: str) -> str:
        """The level rule ``code`` reports at (``off`` when turned off)."""
        return dict(self.rules).get(code, BY_CODE[code].level)

    def replace(self, **changes: Any) -> "CheckSettings":
        return dataclasses.replace(self, **changes)


_NAMES = {f.name for f in fields(CheckSettings)} - {"config"}
_FLAGS = {"fail_on": "--fail-on", "sources": "--source", "source_dirs": "--source-dir", "lexicons": "--lexicon",
          "baseline": "--baseline", "output_format": "--output-format"}


def check_value(name: str, value: Any, source: str) -> Any:
    """``value`` for check setting ``name``, checked and converted; :class:`ConfigError` names ``source``."""
    label = _FLAGS.get(name, name) if source == "command line" else name.replace("_", "-")
    if name not in _NAMES:
        raise ConfigError(f"unknown check setting {label!r}.", path=source,
                          hint=f"Known: {', '.join(sorted(n.replace('_', '-') for n in _NAMES))}.")

    def bad(why: str, hint: str) -> ConfigError:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        return ConfigError(f"setting {label!r} has an invalid value {shown}: {why}.", path=source, hint=hint)

    if name == "rules":
        items = value.items() if isinstance(value, Mapping) else value
        try:
            pairs = [(str(k), v) for k, v in items]
        except (TypeError, ValueError):
            raise bad("expected a table of rule = level", 'Write e.g. [tool.comparator.check.rules] '
                      'unsupported = "off".') from None
        out = []
        for code, level in pairs:
            if code not in BY_CODE:
                raise ConfigError(f"unknown rule {code!r} in {label!r}.", path=source,
                                  hint=f"Rules: {', '.join(RULE_CODES)}.")
            if level is False:
                level = OFF
            if level not in LEVELS + (OFF,):
                raise ConfigError(f"rule {code!r} has an invalid level {level!r}.", path=source,
                                  hint=f"Use one of {', '.join(LEVELS + (OFF,))}.")
            out.append((code, level))
        return tuple(sorted(dict(out).items()))
    if name == "fail_on":
        if value not in LEVELS:
            raise bad(f"expected one of {', '.join(LEVELS)}", "fail-on = \"error\" fails only on errors.")
        return value
    if name == "output_format":
        if value not in OUTPUT_FORMATS:
            raise bad(f"expected one of {', '.join(OUTPUT_FORMATS)}", "Pick one output format.")
        return value
    if name == "baseline":
        if value is None:
            return None
        if not isinstance(value, (str, os.PathLike)) or not os.fspath(value).strip():
            raise bad("expected a file path", 'Write e.g. baseline = ".comparator-baseline.json".')
        return os.fspath(value)
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, os.PathLike)) for v in value) \
            or any(not os.fspath(v).strip() or "\x00" in os.fspath(v) for v in value):
        raise bad("expected a list of paths", f'Write e.g. {label} = ["wire/", "notes.md"].')
    return tuple(os.fspath(v) for v in value)


def _read_table(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"cannot read check settings ({exc}).", path=str(path)) from None
    table: Any = data.get("check") if path.name == CONFIG_FILE and "check" in data else data
    if table is data:
        for key in ("tool", "comparator", "check"):
            table = table.get(key, {}) if isinstance(table, dict) else None
            if not isinstance(table, dict):
                raise ConfigError(f"'{key}' is not a table, so [tool.comparator.check] cannot be read.",
                                  path=str(path), hint="Write check settings under [tool.comparator.check].")
    if not isinstance(table, dict):
        raise ConfigError("'check' is not a table.", path=str(path), hint="Write check settings under [check].")
    return dict(table)


def _has_comparator_table(path: Path) -> bool:
    """Whether pyproject.toml ``path`` has a ``[tool.comparator...]`` table (True when it cannot be parsed,
    so that the error is reported rather than the file silently passed over)."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "comparator" in tool


def config_file(directory: str | Path | None = None) -> Path | None:
    """The file check settings are read from: the nearest one at or above ``directory`` (default: cwd).

    As ruff and black do, folders are searched upward: in each, ``.comparator.toml`` wins, then a
    ``pyproject.toml`` that has a ``[tool.comparator...]`` table (one without is passed over). The
    search stops after the repository root (a folder holding ``.git`` or ``.hg``) or at the filesystem
    root. Returns None when no folder has one.
    """
    base = (Path(directory) if directory is not None else Path.cwd()).absolute()
    for folder in (base, *base.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        project = folder / "pyproject.toml"
        if project.is_file() and _has_comparator_table(project):
            return project
        if (folder / ".git").exists() or (folder / ".hg").exists():
            break
    return None


def load_check_settings(directory: str | Path | None = None, **overrides: Any) -> CheckSettings:
    """Check settings from the config file in ``directory`` (cwd by default), then ``overrides`` (flags).

    Overrides that are ``None`` (or empty for lists) are ignored; for ``rules`` they
    are merged into the file's table. Paths in the file are taken relative to its folder.
    """
    found = config_file(directory)
    values: dict[str, Any] = {}
    if found is not None:
        _log.info("check settings read from %s", found)
        values["config"] = str(found)
        for key, value in _read_table(found).items():
            name = str(key).replace("-", "_")
            value = check_value(name, value, str(found))
            if name in ("sources", "source_dirs", "lexicons", "baseline") and value:
                rel = found.parent
                value = tuple(_relative(rel, v) for v in value) if isinstance(value, tuple) else _relative(rel, value)
            values[name] = value
    for name, value in overrides.items():
        if value is None or value == () or value == []:
            continue
        value = check_value(name, value, "command line")
        if name == "rules":
            value = tuple(sorted({**dict(values.get("rules", ())), **dict(value)}.items()))
        values[name] = value
    return CheckSettings(**values)


def _relative(base: Path, value: str) -> str:
    path = Path(value).expanduser()
    if path.is_absolute() or base.resolve() == Path.cwd().resolve():
        return str(path)
    return str(base / path)
