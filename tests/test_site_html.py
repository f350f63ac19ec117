"""The real site, built strictly once, read with an HTML parser."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in site.rglob("*.html") if p.name != "404.html"}


@pytest.fixture(scope="module")
def html(built_site):
    return pages(built_site)


def _text(tag) -> str:
    return " ".join(tag.get_text().split())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_every_citation_resolves_on_its_own_page(html):
    checked = 0
    for name, soup in html.items():
        for a in soup.select("a.citation-ref"):
            target = a["href"]
            assert target.startswith("#ref-"), (name, target)
            assert soup.find(id=unquote(target[1:])) is not None, f"{name}: {target} has no entry"
            assert a.get("title"), f"{name}: {target} has no preview"
            checked += 1
    assert checked > 100


def test_no_citation_syntax_left(html):
    for name, soup in html.items():
        article = soup.select_one("article") or soup
        assert "[@" not in article.get_text(), name


def test_same_label_for_a_paper_on_every_page(html):
    labels = defaultdict(set)
    for soup in html.values():
        for a in soup.select("span.citation:not(.citation--narrative) a.citation-ref"):
            if " " in a.get_text():          # not a collapsed ", b" or year-only piece
                labels[a["href"]].add(a.get_text())
    assert labels and all(len(v) == 1 for v in labels.values()), {k: v for k, v in labels.items() if len(v) > 1}


def test_the_review_and_its_namesake_are_2001a_and_2001b(html):
    texts = {a.get_text() for soup in html.values() for a in soup.select("a.citation-ref")}
    assert "Pedersen et al. 2001b" in texts and "Pedersen et al. 2001a" in texts
    assert "Pedersen et al. 2001" not in texts


def test_each_citing_page_lists_exactly_what_it_cites(html):
    for name, soup in html.items():
        if name == "references/index.html":
            continue
        cited = {k for s in soup.select("span.citation") for k in s["data-cites"].split()}
        listed = {li["id"][4:] for li in soup.select("ul.references > li.reference")}
        assert cited == listed, name
        if cited:
            assert soup.find(id="references") is not None, name


def test_site_references_have_backlinks_to_existing_anchors(html, built_site):
    refs = html["references/index.html"]
    entries = refs.select("ul.references > li.reference")
    cited_anywhere = {k for n, s in html.items() for c in s.select("span.citation") for k in c["data-cites"].split()}
    assert {li["id"][4:] for li in entries} == cited_anywhere
    base = "https://site.invalid/references/"
    for li in entries:
        links = li.select(".cited-on a")
        assert links, f"{li['id']} has no 'Cited on' link"
        for a in links:
            url = urlparse(urljoin(base, a["href"]))
            page = url.path.lstrip("/") + ("index.html" if url.path.endswith("/") else "")
            assert page in html, a["href"]
            if url.fragment:
                assert html[page].find(id=url.fragment) is not None, a["href"]
            key = li["id"][4:]
            assert any(key in s["data-cites"].split() for s in html[page].select("span.citation")), a["href"]


def test_identifier_links(html):
    refs = html["references/index.html"]
    review = refs.find(id="ref-pedersen2001jphysiol")
    hrefs = [a["href"] for a in review.select("a.reference-link")]
    assert hrefs == ["https://doi.org/10.1111/j.1469-7793.2001.0329c.xd", "https://pubmed.ncbi.nlm.nih.gov/11600669/"]
    pmc = refs.find(id="ref-ostrowski1998b").select("a.reference-link")[-1]["href"]
    assert pmc == "https://pmc.ncbi.nlm.nih.gov/articles/PMC2231318/"


def test_incomplete_author_lists_end_with_et_al(html):
    li = html["references/index.html"].find(id="ref-ostrowski2000")
    assert li.get_text().startswith("Ostrowski K et al. (2000).")


def test_overview_table_has_one_row_per_effect_page(html):
    effect_pages = sorted((ROOT / "docs" / "effects").glob("*.md"))
    table = html["index.html"].find("table")
    rows = table.select("tbody tr")
    assert len(rows) == len(effect_pages)
    titles = {front_matter(p)["title"] for p in effect_pages}
    assert {_text(r.find("td")) for r in rows} == titles
    for page in effect_pages:
        fm = front_matter(page)
        row = next(r for r in rows if _text(r.find("td")) == fm["title"])
        cells = row.find_all("td")
        assert cells[1].get_text() == fm["target"]
        headers = [_text(th) for th in table.select("thead th")]
        for heading, relation in (("Supporting", "supports"), ("Compatible", "compatible"),
                                  ("Contradicting", "contradicts"), ("Context", "context"), ("Reviews", "review")):
            column = headers.index(heading)
            keys = [c for s in cells[column].select("span.citation") for c in s["data-cites"].split()]
            assert keys == [e["key"] for e in fm["evidence"] if e["relation"] == relation]


def test_figure_links_lead_to_pages(html):
    svg = html["index.html"].find("svg", attrs={"role": "group"})
    assert svg is not None
    links = [a.get("href") or a.get("xlink:href") for a in svg.find_all("a")]
    assert links
    for href in links:
        assert not href.endswith(".md"), href
        url = urlparse(urljoin("https://site.invalid/", href))
        assert url.path.lstrip("/") + "index.html" in html, href


def test_glossary_lists_every_abbreviation(html):
    source = (ROOT / "docs" / "_snippets" / "abbreviations.md").read_text(encoding="utf-8")
    terms = re.findall(r"^\*\[([^\]]+)\]:", source, re.M)
    dts = [dt.get_text(strip=True) for dt in html["glossary/index.html"].select("dl dt")]
    assert sorted(dts) == sorted(terms)
    abbr = html["effects/adipose-tissue-lipolysis/index.html"].find("abbr", string="FFA")
    assert abbr is not None and abbr["title"]


def test_cite_this_page_on_every_page(html):
    for name, soup in html.items():
        block = soup.select_one("section.cite-this-page")
        assert block is not None, name
        assert "@misc{" in block.select_one("pre").get_text()
        assert block.has_attr("data-search-exclude")


def test_search_indexes_citations_as_their_text(built_site):
    import json
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs)
    assert "zqcitekit" not in text and "citekit:" not in text
    assert "(Steensberg et al. 2000" in text          # the citation as a reader sees it
    assert "Cite this page" not in text and 'class="reference' not in text


def test_no_engine_marker_left_in_any_page(built_site):
    for path in built_site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "zqcitekit" not in source and "<!--citekit:" not in source, path
