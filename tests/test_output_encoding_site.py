"""The bad-input case rnd_hostile_citations, built with scripts/build.py: BibTeX that hides
markup behind braces, quotes, a backslash, control characters and a javascript: link, cited in a
page's H1, its text and a <script>. Every built file is parsed: no element, attribute, event
handler or URL scheme comes from the data, no control character is written, and the page title
reads as text wherever it is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CASE = "rnd_hostile_citations"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TITLE_TEXT = "Findings of (</title><script>alert(1)</script> et al. 2001) & co"


@pytest.fixture(scope="module")
def site(corpus_site) -> Path:
    return corpus_site(CASE)


def pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_no_markup_from_bibtex_in_any_page_body(site: Path):
    # The <head> is the title test's (below): Material writes <title> itself.
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").body
        where = page.relative_to(site)
        assert not [s for s in soup.find_all("script") if "alert(" in s.get_text()
                    and "var shown" not in s.get_text()], f"{where}: a script from BibTeX"
        assert not soup.find_all(["img", "title"], src=True), f"{where}: an image from BibTeX"
        handlers = soup.find_all(lambda t: any(a.lower().startswith("on") for a in t.attrs))
        assert not handlers, f"{where}: on* attributes: {handlers}"
        for tag in soup.find_all(href=True):
            assert not re.match(r"\s*(javascript|data|vbscript):", tag["href"], re.I), f"{where}: {tag}"
        assert not soup.find_all("title"), where


def test_no_control_character_is_written(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".json", ".xml"):
            content = path.read_text(encoding="utf-8")
            assert not CONTROL.search(content), f"{path.relative_to(site)}: {CONTROL.search(content)!r}"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert not CONTROL.search(doc["text"] + doc["title"]), doc["location"]


def test_a_script_string_holding_a_citation_cannot_be_ended_by_the_data(site: Path):
    html = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    # Whatever the page's script holds, the entry's quotes and backslash are never raw.
    assert "O'Brien" not in html and 'A"' not in html.replace('A" ', "")
    assert "O\u2019Brien" in html   # LaTeX decoding makes the apostrophe typographic first


def test_page_title_is_shown_once_escaped_in_the_cite_block(site: Path):
    soup = BeautifulSoup((site / "hostile" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text().replace("¶", "") == TITLE_TEXT
    assert f"{TITLE_TEXT}. In: Bad-input fixture." in soup.select_one(".cite-plain").get_text()


def test_the_title_element_holds_only_text(site: Path):
    html = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    # HTML5: <title> is RCDATA, ended only by '</title'; its text must hold no '<' at all.
    raw = re.search(r"<title>(.*?)</title", html, re.S | re.I).group(1)
    assert "<" not in raw, raw
    assert BeautifulSoup(html, "html.parser").title.get_text() == TITLE_TEXT + " - Bad-input fixture"


def test_repairing_the_title_element_of_the_built_page_makes_it_text(site: Path):
    from citekit.render import repair_title_element
    html = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").h1
    heading.find("a", class_="headerlink").decompose()
    as_mkdocs_holds_it = re.sub(r"<[^>]+>", "", heading.decode_contents())
    repaired = repair_title_element(html, as_mkdocs_holds_it)
    assert "<" not in re.search(r"<title>(.*?)</title", repaired, re.S | re.I).group(1)
    assert BeautifulSoup(repaired, "html.parser").title.get_text() == TITLE_TEXT + " - Bad-input fixture"


def test_a_year_with_a_letter_keeps_labels_unique(site: Path):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    span = soup.find("span", attrs={"data-cites": "tester2001 tester2001b"})
    assert span.get_text() == "(Tester, 2001a, 2001b)"
