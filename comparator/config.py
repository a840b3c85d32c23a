"""Settings: defaults <- ``[tool.comparator]`` in pyproject.toml / setup.cfg <- CLI flags."""

from __future__ import annotations

import configparser
import dataclasses
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from comparator.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Settings:
    """Every knob of a comparison. Frozen: derive variants with :meth:`replace`."""

    model: str = DEFAULT_MODEL  # packaged default, a local folder, or a hub name
    backend: str = "onnx"  # embedding backend: "onnx" (default, no torch) or "torch"
    min_score: float | None = None  # alignment threshold; None = the fitted one
    cache: bool = True  # on-disk embedding cache
    cache_dir: str | None = None  # None = the platform's user cache folder
    model_dir: str | None = None  # ONNX exports; None = $COMPARATOR_MODEL_DIR or <user cache>/models
    batch_size: int = 64
    lexicons: tuple[str, ...] = ()  # extra user lexicons (YAML or Vale rules)
    use_default_lexicon: bool = True
    max_file_bytes: int = 20_000_000  # larger inputs are refused with a clear message
    max_claims: int = 5_000  # per comparison, to keep memory bounded

    def replace(self, **changes: Any) -> "Settings":
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


def _coerce(name: str, value: Any, source: str) -> Any:
    if name not in _FIELDS:
        raise ConfigError(
            f"unknown setting {name!r}.",
            path=source,
            hint=f"Known settings: {', '.join(sorted(_FIELDS))}.",
        )
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if name == "min_score":
            return None if value in (None, "") else float(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
            return tuple(str(v) for v in value)
        return None if value is None else str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} has an invalid value {value!r} ({exc}).",
                          path=source) from None


def _from_pyproject(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings ({exc}).", path=str(path)) from None
    return dict(data.get("tool", {}).get("comparator", {}))


def _from_setup_cfg(path: Path) -> dict[str, Any]:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings ({exc}).", path=str(path)) from None
    if parser.has_section("tool:comparator"):
        return dict(parser.items("tool:comparator"))
    return {}


def load_settings(directory: str | Path | None = None, **overrides: Any) -> Settings:
    """Settings from the project file in ``directory`` (default: cwd), then ``overrides``.

    ``overrides`` whose value is ``None`` are ignored, so CLI flags left unset do
    not mask the file.
    """
    base = Path(directory) if directory is not None else Path.cwd()
    values: dict[str, Any] = {}
    pyproject, setup_cfg = base / "pyproject.toml", base / "setup.cfg"
    if pyproject.is_file():
        source, found = str(pyproject), _from_pyproject(pyproject)
    elif setup_cfg.is_file():
        source, found = str(setup_cfg), _from_setup_cfg(setup_cfg)
    else:
        source, found = "", {}
    for key, value in found.items():
        key = key.replace("-", "_")
        values[key] = _coerce(key, value, source)
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value, "command line")
    return Settings(**values)
