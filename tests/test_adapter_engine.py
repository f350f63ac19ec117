"""The engine's host-neutral API (citekit.build_site): pages in; rendered Markdown, reference lists,
backlinks from the scan and the site-wide listing out; and the guard against raw citations."""

from __future__ import annotations

import ast
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from citekit import Backlink, PageSource, build_site, parse_string, raw_citations

ROOT = Path(__file__).resolve().parent.parent
BIB = parse_string(r"""
@article{smith2000x, author = {Smith, J}, title = {First}, journal = {J Physiol}, year = 2000, month = jan,
  doi = {10.1/x}}
@article{smith2000y, author = {Smith, J}, title = {Second}, journal = {J Physiol}, year = 2000, month = feb,
  doi = {10.1/y}}
@article{jones1999, author = {Jones, A}, title = {Third}, journal = {J Physiol}, year = 1999, doi = {10.1/z}}
""", "bib/refs.bib")


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc"])


def test_the_engine_imports_nothing_of_any_host():
    for path in (ROOT / "hooks" / "citekit").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in ("mkdocs", "material", "zensical", "properdocs")], path


def test_pages_in_rendered_markdown_and_reference_lists_out():
    build = build_site({"a.md": "# A\n\nFirst [@smith2000x].\n", "b.md": "# B\n\nBoth [@smith2000x; @smith2000y].\n"},
                       BIB)
    a = build.pages["a.md"]
    assert a.references == ["smith2000x"] and "[@" not in a.markdown
    html = BeautifulSoup(a.swap(convert(a.markdown)), "html.parser")
    assert html.select_one("span.citation").get_text() == "(Smith, 2000a)"   # letters fixed site-wide
    assert [li["id"] for li in html.select("ul.references[data-search-exclude] li")] == ["ref-smith2000x"]
    assert build.pages["b.md"].references == ["smith2000x", "smith2000y"]


def test_backlinks_come_from_the_scan_with_the_heading_each_citation_stands_under():
    page = ("# Home\n\nIntro [@jones1999].\n\n## Early work [@smith2000x]\n\nText.\n\n"
            "## Later *work*\n\nAgain [@smith2000y] and [@smith2000y].\n\n## Later *work*\n\n[@jones1999]\n\n"
            "Setext heading\n--------------\n\n[@smith2000x]\n\n### Given {#given-id}\n\n[@smith2000y]\n\n"
            "```\n# not a heading [@jones1999]\n```\n")
    build = build_site({"index.md": PageSource(page, "docs/index.md", 3)}, BIB)
    assert build.backlinks["smith2000x"] == [
        Backlink("index.md", "early-work-smith-2000a", "Early work (Smith, 2000a)"),
        Backlink("index.md", "setext-heading", "Setext heading")]
    assert build.backlinks["smith2000y"] == [Backlink("index.md", "later-work", "Later work"),
                                             Backlink("index.md", "given-id", "Given")]
    assert build.backlinks["jones1999"] == [Backlink("index.md", "home", "Home"),
                                            Backlink("index.md", "later-work_1", "Later work")]
    # The ids are the ones Python-Markdown's toc gives the same headings.
    html = BeautifulSoup(convert(build.pages["index.md"].markdown), "html.parser")
    ids = {h["id"] for h in html.find_all(["h1", "h2", "h3"])}
    assert {b.anchor for links in build.backlinks.values() for b in links} <= ids


def test_the_listing_links_every_citing_section_through_the_hosts_callbacks():
    build = build_site({"index.md": "# Home\n\n## Early\n\n[@smith2000x]\n", "refs.md": "# Refs\n\n\\full_bibliography\n",
                        "b.md": "# B\n\n[@smith2000x]\n"}, BIB)
    refs = build.pages["refs.md"]
    assert refs.full_bibliography
    listing = build.listing(href=lambda page: {"index.md": "../", "b.md": "../b/"}[page],
                            title=lambda page: {"index.md": "Home", "b.md": "Bee"}[page])
    html = BeautifulSoup(refs.swap(convert(refs.markdown), listing), "html.parser")
    links = [(a["href"], a.get_text()) for a in html.select("li#ref-smith2000x .cited-on a")]
    assert links == [("../#early", "Home › Early"), ("../b/#b", "Bee › B")]
    assert "data-search-exclude" not in str(html.ul)   # the site-wide list stays searchable


def test_an_unknown_key_on_several_pages_is_one_message_listing_the_places():
    build = build_site({f"p{n}.md": PageSource("Text [@nosuch1999].\n", f"docs/p{n}.md") for n in (1, 2, 3)}, BIB)
    assert [str(d) for d in build.report.errors] == [
        "docs/p1.md:1:8: unknown citation key 'nosuch1999' (also at docs/p2.md:1, docs/p3.md:1). "
        "Check the key, or add the entry to a .bib file in bib/"]


def test_citations_are_not_checked_against_a_bib_file_that_did_not_load():
    bib = parse_string("@article{smith2000x, author = {Smith, J}, title = {T}, year = 2000}", "bib/a.bib")
    bib.failed = [("bib/b.bib", 4)]   # set by the loader when a file could not be read or parsed
    build = build_site({"a.md": PageSource("[@smith2000z] and [@smith2000x] [@other1]\n", "docs/a.md"),
                        "b.md": PageSource("Also [@other1].\n", "docs/b.md")}, bib)
    assert [str(d) for d in build.report.errors] == [
        "docs/a.md:1:3: 3 citations could not be checked because bib/b.bib:4 did not load. "
        "Fix the BibTeX error listed first; then build again"]   # no did-you-mean for smith2000z


# ---- the guard ------------------------------------------------------------------------------------

KEYS = {"smith2000x"}


def test_guard_finds_a_raw_citation_of_a_known_key_in_text_and_attributes():
    html = '<html><head><title>T [@smith2000x]</title></head>\n<body><abbr title="see [@smith2000x]">X</abbr></body>'
    assert [(r.key, r.line, r.text) for r in raw_citations(html, KEYS)] == [
        ("smith2000x", 1, "[@smith2000x]"), ("smith2000x", 2, "[@smith2000x]")]
    assert [r.text for r in raw_citations("<p>As [see @smith2000x, p. 3].</p>", KEYS)] == ["[see @smith2000x, p. 3]"]


def test_guard_leaves_code_unknown_keys_and_the_engines_own_escapes_alone():
    for html in ("<pre><code>[@smith2000x]</code></pre>", "<p><code>[@smith2000x]</code></p>",
                 "<script>var a = '[@smith2000x]'</script>", "<!-- [@smith2000x] -->", "<p>[@other2000]</p>",
                 "<p>&#91;&#64;smith2000x&#93;</p>", "<p>mail me@smith2000x.org [x]</p>", "<p>no citation</p>"):
        assert raw_citations(html, KEYS) == [], html
