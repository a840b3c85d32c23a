"""Vale style rules as lexicons: ``extends: substitution`` (``swap:`` map) and ``extends: existence``
(``tokens:`` list); every term becomes a regex entry in the ``style_rule`` category (any part of speech).
Problems raise :class:`ConfigError` naming the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from comparator.errors import ConfigError
from comparator.framing.lexicon import VALE_CATEGORY, Lexicon, LexiconEntry, _compile, _key_lines


def parse_vale(data: Mapping[str, Any], text: str, path: Path) -> Lexicon:
    """The entries of one parsed Vale rule file (``data`` its YAML, ``text`` its source for line numbers)."""
    lines = _key_lines(text)
    kind = str(data.get("extends"))
    message = str(data.get("message") or f"Vale rule {path.stem}").strip()
    # Vale matches case-sensitively unless the rule says ``ignorecase: true``
    scoped = "{}" if data.get("ignorecase", False) is True else "(?-i:{})"
    entries = []
    if kind == "substitution":
        swap = data.get("swap")
        if not isinstance(swap, Mapping) or len(set(swap) - {"__line__"}) == 0:
            raise ConfigError("Vale substitution rule needs a non-empty 'swap:' map.", path=str(path),
                              line=lines.get("swap") or lines.get("extends"))
        base = lines.get("swap", 1)
        body = text.splitlines()
        for key, value in swap.items():
            if key == "__line__":
                continue
            line = next((i + 1 for i in range(base, len(body)) if body[i].lstrip().startswith(str(key))), base)
            neutral = str(value).split("|")[0].strip()
            entries.append(LexiconEntry(
                term=str(key), category=VALE_CATEGORY, neutral=neutral,
                rationale=message.replace("%s", neutral, 1).replace("%s", str(key)),
                regex=_compile(scoped.format(key), path, line), source=f"{path.name}:{line}"))
    elif kind == "existence":
        tokens = data.get("tokens")
        if not isinstance(tokens, list) or not tokens:
            raise ConfigError("Vale existence rule needs a non-empty 'tokens:' list.", path=str(path),
                              line=lines.get("tokens") or lines.get("extends"))
        base = lines.get("tokens", 1)
        for i, tok in enumerate(tokens):
            line = base + 1 + i
            entries.append(LexiconEntry(
                term=str(tok), category=VALE_CATEGORY, neutral="(rephrase)",
                rationale=message.replace("%s", str(tok)),
                regex=_compile(scoped.format(tok), path, line), source=f"{path.name}:{line}"))
    else:
        raise ConfigError(f"unsupported Vale rule type {kind!r}.", path=str(path), line=lines.get("extends"),
                          hint="Only 'extends: substitution' and 'extends: existence' rules can be used as lexicons.")
    return Lexicon(entries=tuple(entries), categories={VALE_CATEGORY: "a term flagged by a Vale style rule"},
                   sources=(str(path),))
