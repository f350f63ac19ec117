"""The hook's cache (.cache/citekit): a build that reads it makes the same site as one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

CONFIG = f"""\
site_name: Cache fixture
site_url: http://127.0.0.1:8000/
strict: true
theme: {{name: material, font: false}}
hooks: ["{(ROOT / 'hooks' / 'citations.py').as_posix()}"]
extra: {{citations: {{bibliography: ["bib/*.bib"]}}}}
plugins: [search]
markdown_extensions: [attr_list, toc]
"""

BIB = r"""
@article{smith2000x, author = {Smith, J{\"o}rg}, title = {First paper}, journal = {J Physiol},
  year = 2000, month = jan, volume = 1, pages = {1--2}, doi = {10.1000/x}}
@article{smith2000y, author = {Smith, J{\"o}rg}, title = {Second paper}, journal = {J Physiol},
  year = 2000, month = feb, volume = 1, pages = {3--4}, pmid = {123}}
"""


@pytest.fixture
def build(site_builder):
    def run(src: Path, out: Path) -> None:
        proc = site_builder(src / "mkdocs.yml", out)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return run


def pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def reference_text(out: Path, key: str) -> str:
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.find(id=f"ref-{key}").get_text().split())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "bib").mkdir()
    (src / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (src / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "docs" / "index.md").write_text("# Home\n\nAs shown [@smith2000x].\n", encoding="utf-8")
    return src


def test_a_build_from_the_cache_is_the_same_as_one_without(site: Path, tmp_path: Path, build):
    cache = site / ".cache" / "citekit"
    build(site, tmp_path / "cold")
    assert len(list(cache.glob("*.pickle"))) == 1, "the first build should leave its cache"
    build(site, tmp_path / "warm")
    assert pages(tmp_path / "cold") == pages(tmp_path / "warm")
    assert reference_text(tmp_path / "warm", "smith2000x").startswith("Smith J (2000). First paper.")


def test_a_letter_that_changes_is_not_served_from_the_cache(site: Path, tmp_path: Path, build):
    build(site, tmp_path / "one")                      # fills the cache with "Smith J (2000)"
    (site / "docs" / "index.md").write_text("# Home\n\nShown twice [@smith2000x; @smith2000y].\n",
                                            encoding="utf-8")
    build(site, tmp_path / "two")
    assert reference_text(tmp_path / "two", "smith2000x").startswith("Smith J (2000a). First paper.")
    assert reference_text(tmp_path / "two", "smith2000y").startswith("Smith J (2000b). Second paper.")
    soup = BeautifulSoup((tmp_path / "two" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("span.citation").get_text() == "(Smith, 2000a, b)"
    assert soup.select_one("a.citation-ref")["title"].startswith("Smith J (2000a). First paper.")


def test_a_changed_bib_file_is_parsed_again(site: Path, tmp_path: Path, build):
    build(site, tmp_path / "one")
    (site / "bib" / "refs.bib").write_text(BIB.replace("First paper", "Renamed paper"), encoding="utf-8")
    build(site, tmp_path / "two")
    assert reference_text(tmp_path / "two", "smith2000x").startswith("Smith J (2000). Renamed paper.")
    assert len(list((site / ".cache" / "citekit").glob("*.pickle"))) == 1, "the old cache file should go"
