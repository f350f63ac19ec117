"""The site's bibliography as both hooks load it: one set of settings, one parse per build.

Settings (mkdocs.yml):  extra: citations: bibliography: ["bib/**/*.bib"]
"""

from __future__ import annotations

from pathlib import Path

from citekit import Bibliography, find_sources, load_cached
from mkdocs.config.defaults import MkDocsConfig

DEFAULT_SOURCES = ["bib/**/*.bib"]


def patterns(config: MkDocsConfig) -> list[str]:
    settings = (config.extra or {}).get("citations") or {}
    found = settings.get("bibliography", DEFAULT_SOURCES)
    return [found] if isinstance(found, str) else list(found)


def load(config: MkDocsConfig) -> Bibliography:
    """Every .bib file the settings name; the same object for every caller while none changes."""
    root = Path(config.config_file_path).parent
    return load_cached(find_sources(root, patterns(config)), root)
