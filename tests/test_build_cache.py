"""The hook's cache (.cache/citekit): a build that reads it makes the same site as one that does not."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def reference_text(out: Path, key: str) -> str:
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.find(id=f"ref-{key}").get_text().split())


def test_a_build_from_the_cache_is_the_same_as_one_without(small_site: Path, tmp_path: Path, build):
    site = small_site
    cache = site / ".cache" / "citekit"
    build(site, tmp_path / "cold")
    assert len(list(cache.glob("*.pickle"))) == 1, "the first build should leave its cache"
    build(site, tmp_path / "warm")
    assert pages(tmp_path / "cold") == pages(tmp_path / "warm")
    assert reference_text(tmp_path / "warm", "smith2000x").startswith("Smith J (2000). First paper.")


def test_a_letter_that_changes_is_not_served_from_the_cache(small_site: Path, tmp_path: Path, build):
    site = small_site
    build(site, tmp_path / "one")                      # fills the cache with "Smith J (2000)"
    (site / "docs" / "index.md").write_text("# Home\n\nShown twice [@smith2000x; @smith2000y].\n",
                                            encoding="utf-8")
    build(site, tmp_path / "two")
    assert reference_text(tmp_path / "two", "smith2000x").startswith("Smith J (2000a). First paper.")
    assert reference_text(tmp_path / "two", "smith2000y").startswith("Smith J (2000b). Second paper.")
    soup = BeautifulSoup((tmp_path / "two" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("span.citation").get_text() == "(Smith, 2000a, 2000b)"   # CSL collapse="year"
    assert soup.select_one("a.citation-ref")["title"].startswith("Smith J (2000a). First paper.")


def test_a_changed_bib_file_is_parsed_again(small_site: Path, tmp_path: Path, build):
    site = small_site
    build(site, tmp_path / "one")
    bib = site / "bib" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("First paper", "Renamed paper"), encoding="utf-8")
    build(site, tmp_path / "two")
    assert reference_text(tmp_path / "two", "smith2000x").startswith("Smith J (2000). Renamed paper.")
    assert len(list((site / ".cache" / "citekit").glob("*.pickle"))) == 1, "the old cache file should go"
