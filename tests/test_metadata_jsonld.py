"""Scholarly metadata on every built page: the page describes itself and points to the review.

No page of this site is the 2001 article, so no page may carry the review's Highwire / Google
Scholar `citation_*` tags (Zotero and indexers read them as "this page is that article"). Each
page instead has one schema.org JSON-LD `WebPage` that names the page, the site and the text
licence; the home page and every page on a section of the review name the review as what the
page is `about` and cites. Built once, strictly, by the session fixture `built_site`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REVIEW = yaml.safe_load((ROOT / "seeds" / "review.yaml").read_text(encoding="utf-8"))["record"]
SOURCES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                 if not p.relative_to(DOCS).parts[0].startswith("_"))
# What would make a page pass for the review in a reference manager.
REVIEW_VALUES = {REVIEW["title"], REVIEW["doi"], REVIEW["pmid"]}


def built(site: Path, src: str) -> BeautifulSoup:
    stem = src[: -len(".md")]
    page = site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def about_the_review(src: str) -> bool:
    text = (DOCS / src).read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    meta = yaml.safe_load(match.group(1)) if match else {}
    return src == "index.md" or bool(meta.get("review_section"))


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD blocks"
    return json.loads(scripts[0].string)


def test_every_page_is_checked():
    assert len(SOURCES) >= 15
    assert sum(about_the_review(src) for src in SOURCES) == 12


@pytest.mark.parametrize("src", SOURCES)
def test_no_page_claims_to_be_the_review(built_site: Path, src: str):
    soup = built(built_site, src)
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        assert not name.startswith(("citation_", "dc.", "prism.")), f"{src}: <meta {name}>"
        if name.startswith("og:") and name != "og:site_name":
            assert meta.get("content") not in REVIEW_VALUES, f"{src}: <meta {name}> names the review"


@pytest.mark.parametrize("src", SOURCES)
def test_json_ld_describes_the_page(built_site: Path, src: str):
    soup = built(built_site, src)
    data = json_ld(soup)
    canonical = soup.find("link", rel="canonical")["href"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebPage"
    assert data["@id"] == data["url"] == canonical
    assert data["name"] and data["name"] not in REVIEW_VALUES
    assert data["isPartOf"] == {"@type": "WebSite", "name": "Muscle-derived IL-6", "url": "http://127.0.0.1:8000/"}
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["sdDatePublished"])
    assert "doi" not in json.dumps({k: v for k, v in data.items() if k not in ("about", "citation")}).lower()
    title = soup.find("title").get_text()
    assert title.startswith(data["name"]) or data["name"] in title


@pytest.mark.parametrize("src", SOURCES)
def test_json_ld_points_to_the_review(built_site: Path, src: str):
    data = json_ld(built(built_site, src))
    if not about_the_review(src):
        assert "about" not in data and "citation" not in data
        return
    for field in ("about", "citation"):
        article = data[field]
        assert article["@type"] == "ScholarlyArticle"
        assert article["@id"] == f"https://doi.org/{REVIEW['doi']}"
        assert article["name"] == REVIEW["title"]
        assert article["datePublished"] == REVIEW["issue_date"] == "2001-10-15"
        assert [a["familyName"] for a in article["author"]] == ["Pedersen", "Steensberg", "Schjerling"]
        assert {i["propertyID"]: i["value"] for i in article["identifier"]} == {"DOI": REVIEW["doi"],
                                                                               "PMID": REVIEW["pmid"]}


def test_json_ld_is_encoded_for_a_script_element(built_site: Path):
    """tojson escapes <, > and &: a title holding '</script>' could not end the block early."""
    raw = (built_site / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1)
    assert "&" not in block.replace("\\u0026", "")   # the home page title holds '&', escaped
    assert "\\u0026" in block
    assert json.loads(block)["name"].endswith("Pedersen, Steensberg & Schjerling (2001)")
