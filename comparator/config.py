"""Settings: defaults <- ``[tool.comparator]`` in pyproject.toml / setup.cfg <- CLI flags."""

from __future__ import annotations

import configparser
import dataclasses
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from comparator.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Settings:
    """Every knob of a comparison. Frozen: derive variants with :meth:`replace`.

    Every value is checked by one schema (:func:`check_setting`) whether it comes
    from a project file, a CLI flag or ``Settings(...)`` in Python: a bad value
    raises :class:`ConfigError` naming the file (or ``command line``) and the
    setting, before anything is loaded.
    """

    model: str = DEFAULT_MODEL  # packaged default, a local folder, or a hub name
    backend: str = "onnx"  # embedding backend: "onnx" (default, no torch) or "torch"
    min_score: float | None = None  # alignment threshold in [0, 1]; None = the fitted one
    cache: bool = True  # on-disk embedding cache
    cache_dir: str | None = None  # None = the platform's user cache folder
    model_dir: str | None = None  # ONNX exports; None = $COMPARATOR_MODEL_DIR or <user cache>/models
    batch_size: int = 64  # sentences per encoder batch, 1..4096
    lexicons: tuple[str, ...] = ()  # extra user lexicons (YAML or Vale rules)
    use_default_lexicon: bool = True
    max_file_bytes: int = 20_000_000  # larger inputs are refused with a clear message
    max_claims: int = 5_000  # per comparison, to keep memory bounded

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, check_setting(f.name, getattr(self, f.name), "Settings"))

    def replace(self, **changes: Any) -> "Settings":
        for name in changes:
            _known(name, "Settings.replace")
        return dataclasses.replace(self, **changes)

    def to_report(self) -> dict[str, Any]:
        """Settings that affect results (machine-specific paths left out)."""
        return {
            "model": self.model,
            "min_score": self.min_score,
            "lexicons": [Path(p).name for p in self.lexicons],
            "use_default_lexicon": self.use_default_lexicon,
        }


_FIELDS = {f.name: f for f in fields(Settings)}
#: A Hugging Face hub id: ``name`` or ``org/name`` (letters, digits, ``-``, ``_``, ``.``).
_MODEL_NAME = re.compile(r"[A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}

#: The schema: setting -> (kind, lowest, highest). ``kind`` is one of
#: str, optional str, backend (one of :data:`BACKENDS`), score (optional unit float), bool, int, paths.
SCHEMA: dict[str, tuple[str, float | None, float | None]] = {
    "model": ("str", None, None),
    "backend": ("backend", None, None),
    "model_dir": ("optional str", None, None),
    "min_score": ("score", 0.0, 1.0),
    "cache": ("bool", None, None),
    "cache_dir": ("optional str", None, None),
    "batch_size": ("int", 1, 4096),
    "lexicons": ("paths", None, None),
    "use_default_lexicon": ("bool", None, None),
    "max_file_bytes": ("int", 1, 2_000_000_000),
    "max_claims": ("int", 2, 1_000_000),
}

#: How a setting is spelled on the command line, for messages about flags.
FLAGS = {"min_score": "--min-score", "model": "--model", "lexicons": "--lexicon", "cache": "--no-cache",
         "cache_dir": "--cache-dir", "backend": "--backend"}
#: Tables under [tool.comparator] that belong to a mode's own settings (comparator.check.config for
#: [tool.comparator.check]), not to :class:`Settings`.
MODE_TABLES = frozenset({"check", "corpus"})
#: Embedding backends (comparator.embed): ONNX Runtime (default) or PyTorch.
BACKENDS = ("onnx", "torch")


def _known(name: str, source: str) -> None:
    if name not in _FIELDS:
        raise ConfigError(
            f"unknown setting {name!r}.",
            path=source,
            hint=f"Known settings: {', '.join(sorted(_FIELDS))}.",
        )


def check_setting(name: str, value: Any, source: str) -> Any:
    """``value`` for setting ``name`` checked against :data:`SCHEMA` and converted to its type.

    ``source`` names where it came from (a file path, ``command line`` or
    ``Settings``) for the :class:`ConfigError` raised on an unknown setting, a
    wrong type, a value out of range, NaN or infinity.
    """
    import math

    _known(name, source)
    kind, low, high = SCHEMA[name]
    label = FLAGS.get(name, name) if source == "command line" else name

    def bad(why: str) -> ConfigError:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        hint = _MODEL_HINT if name == "model" else _HINTS.get(kind, "")
        return ConfigError(f"setting {label!r} has an invalid value {shown}: {why}.", path=source,
                           hint=hint.format(low=_num(low), high=_num(high)))

    if kind == "backend":
        if value not in BACKENDS:
            raise bad(f"expected one of {', '.join(BACKENDS)}")
        return value
    if kind in ("str", "optional str"):
        if value is None and kind == "optional str":
            return None
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            raise bad("expected non-empty text")
        if name == "model" and not _MODEL_NAME.fullmatch(value) and not _path_like(value):
            # paths (with a separator) are checked by the model loader, which names the folder
            raise bad("neither a folder path nor a model name like 'org/model-name'")
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise bad("expected true or false")
    if kind == "paths":
        if isinstance(value, (str, os.PathLike)):
            value = [v.strip() for v in os.fspath(value).replace("\n", ",").split(",") if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, os.PathLike)) for v in value):
            raise bad("expected a list of file paths")
        return tuple(os.fspath(v) for v in value)
    if kind == "score" and value in (None, ""):
        return None
    if isinstance(value, bool):
        raise bad("expected a number, not true/false")
    try:
        number = float(value) if kind == "score" else _integer(value)
    except (TypeError, ValueError, OverflowError):
        raise bad(f"expected {'a number' if kind == 'score' else 'a whole number'}") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise bad("expected a finite number")
    if (low is not None and number < low) or (high is not None and number > high):
        raise bad(f"must be from {_num(low)} to {_num(high)}")
    return number


def _path_like(value: str) -> bool:
    return os.sep in value or "/" in value or value.startswith((".", "~")) or Path(value).is_dir()


def _integer(value: Any) -> int:
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        if len(value) > 12:
            raise ValueError(value)
    return int(value)


def _num(x: float | None) -> str:
    return "" if x is None else f"{int(x):,}" if float(x).is_integer() and abs(x) >= 2 else f"{x:g}"


_MODEL_HINT = "Use the packaged default (all-MiniLM-L6-v2), a local model folder, or a hub name."
_HINTS = {
    "score": "Use a number from {low} to {high} (e.g. 0.6), or leave it out for the fitted threshold.",
    "int": "Use a whole number from {low} to {high}.",
    "bool": "Use true or false.",
    "paths": "Use a list of file paths, e.g. lexicons = [\"style.yml\"].",
    "str": "Use a non-empty text value.",
    "optional str": "Use a non-empty text value.",
}


def _coerce(name: str, value: Any, source: str) -> Any:
    return check_setting(name, value, source)


def _from_pyproject(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"cannot read settings ({exc}).", path=str(path)) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("'tool' is not a table, so [tool.comparator] cannot be read.", path=str(path),
                          hint="In pyproject.toml, 'tool' must be a table: write settings under [tool.comparator].")
    found = tool.get("comparator", {})
    if not isinstance(found, dict):
        raise ConfigError("'tool.comparator' is not a table.", path=str(path),
                          hint="Write settings as 'name = value' lines under [tool.comparator].")
    return dict(found)


def _from_setup_cfg(path: Path) -> dict[str, Any]:
    # no interpolation: a value such as "100%" is text, not a reference
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
        if parser.has_section("tool:comparator"):
            return dict(parser.items("tool:comparator"))
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings ({' '.join(str(exc).split())}).", path=str(path)) from None
    return {}


def load_settings(directory: str | Path | None = None, *, overrides_source: str = "command line",
                  **overrides: Any) -> Settings:
    """Settings from the project file in ``directory`` (default: cwd), then ``overrides``.

    ``overrides`` whose value is ``None`` are ignored, so CLI flags left unset do
    not mask the file. ``overrides_source`` names them in error messages.
    Raises :class:`ConfigError` (file and setting named) on any invalid value.
    """
    base = Path(directory) if directory is not None else Path.cwd()
    values: dict[str, Any] = {}
    pyproject, setup_cfg = base / "pyproject.toml", base / "setup.cfg"
    if directory is not None and not base.is_dir():
        raise ConfigError("is not a folder.", path=str(base), hint="Pass the folder holding pyproject.toml.")
    if pyproject.is_file():
        source, found = str(pyproject), _from_pyproject(pyproject)
    elif setup_cfg.is_file():
        source, found = str(setup_cfg), _from_setup_cfg(setup_cfg)
    else:
        source, found = "", {}
    for key, value in found.items():
        key = key.replace("-", "_")
        if key in MODE_TABLES and isinstance(value, dict):
            continue  # [tool.comparator.check] etc.: read by that mode's own settings
        values[key] = _coerce(key, value, source)
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value, overrides_source)
    return Settings(**values)
