"""'Cited on' links of the site-wide reference list: each goes to the section that cites."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

PAGE = """\
# Home

## Early work [@smith2000x]

Text without citations.

## Later work

As shown before [@smith2000y], and again [@smith2000y].
"""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_backlinks_name_the_citing_section_also_for_a_citation_in_a_heading(small_site: Path, tmp_path: Path,
                                                                             build):
    (small_site / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (small_site / "docs" / "references.md").write_text("# References\n\n\\full_bibliography\n", encoding="utf-8")
    out = tmp_path / "out"
    build(small_site, out)

    home = soup(out / "index.html")
    # A citation in a heading goes into the heading itself, so that the table of contents shows it.
    early = next(h for h in home.find_all("h2") if h.select_one("span.citation"))
    assert early.select_one("span.citation")["data-cites"] == "smith2000x"
    later = next(h for h in home.find_all("h2") if h.get_text().startswith("Later work"))

    refs = soup(out / "references" / "index.html")
    links = {li["id"]: [(a["href"], a.get_text()) for a in li.select(".cited-on a")]
             for li in refs.select("ul.references > li.reference")}
    assert links == {
        "ref-smith2000x": [(f"../#{early['id']}", "Home › Early work (Smith, 2000a)")],
        "ref-smith2000y": [(f"../#{later['id']}", "Home › Later work")],   # cited twice there, listed once
    }


def test_cited_on_links_follow_the_navigation_then_the_page():
    """Issue 15: 'Cited on' in reading order (the nav's, then where on the page), not by address."""
    from citations import _reading_order
    from citekit import build_site
    from citekit.bibliography import parse_string
    bib = parse_string("@article{k, author = {Smith, J.}, title = {T}, journal = {J}, year = {2000}}")
    pages = {"a.md": "# A\n\n## Zeta\n\n[@k]\n\n## Alpha\n\n[@k]\n", "z.md": "# Z\n\n[@k]\n",
             "refs.md": "# References\n\n\\full_bibliography\n"}
    build = build_site(pages, bib)
    nav = [{"Home": "z.md"}, {"Part": [{"A": "a.md"}]}, "refs.md"]
    listing = build.listing(href=lambda uri: uri, order=_reading_order(nav))
    links = [a.get_text() for a in BeautifulSoup(listing, "html.parser").select(".cited-on a")]
    assert links == ["Z", "A › Zeta", "A › Alpha"]
