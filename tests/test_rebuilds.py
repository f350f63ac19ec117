"""`mkdocs serve` rebuilds in one process: each build starts from nothing the last one left."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError


def _build(site: Path, out: Path) -> None:
    build(load_config(str(site / "mkdocs.yml"), site_dir=str(out)))


def test_a_rebuild_in_the_same_process_sees_only_its_own_sources(small_site: Path, tmp_path: Path):
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
    index = small_site / "docs" / "index.md"
    index.write_text("# Home\n\nBroken [@nobody1999].\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        _build(small_site, tmp_path / "one")
    # Fixed between the two builds: the old problem is not reported again.
    index.write_text("# Home\n\nBoth [@smith2000x; @smith2000y].\n", encoding="utf-8")
    _build(small_site, tmp_path / "two")
    # And a key no longer cited is no longer listed, nor lettered.
    index.write_text("# Home\n\nOne [@smith2000y].\n", encoding="utf-8")
    _build(small_site, tmp_path / "three")
    soup = BeautifulSoup((tmp_path / "three" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [li["id"] for li in soup.select("ul.references li")] == ["ref-smith2000y"]
    assert soup.select_one("span.citation").get_text() == "(Smith, 2000)"
