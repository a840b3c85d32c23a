"""YAML for user files (front matter, lexicons): PyYAML's SafeLoader without aliases.

Anchors and aliases (``&a`` / ``*a``) let a few hundred bytes expand into
billions of nodes (the "billion laughs" attack) or into a self-referencing
structure; no front matter or lexicon needs them, so :class:`NoAliasLoader`
refuses them with :class:`yaml.YAMLError` (callers turn that into their own
error naming the file and line). Timestamps that are not calendar dates
(``2025-02-30``) stay text instead of raising ``ValueError``.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["AliasError", "NoAliasLoader", "load"]


class AliasError(yaml.constructor.ConstructorError):
    """An alias (``*name``) was found; raised while composing, before anything expands."""


class NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and reads impossible dates as text."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise AliasError(None, None,
                             f"aliases (*{event.anchor}) are not allowed; write the value out in full",
                             event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: Any) -> Any:  # noqa: D102 - PyYAML hook
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", NoAliasLoader.construct_yaml_timestamp)


def load(text: str, loader: type[NoAliasLoader] = NoAliasLoader) -> Any:
    """Parse ``text`` with ``loader`` (a :class:`NoAliasLoader` subclass); raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
