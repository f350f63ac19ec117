"""What the search indexer is given (PageCitations.swap(for_search=True), on_env of
hooks/citations.py): less to parse, the very same index as the full page."""

from __future__ import annotations

import markdown
from citekit import build_site, parse_string
from material.plugins.search.plugin import Parser

BIB = r"""
@article{smith2000, author = {Sm{\"i}th, Anna and Jones, Bo and Lee, C.}, title = {Muscle & {IL-6}}, year = {2000},
  journal = {J Physiol}, volume = {5}, pages = {1--9}, doi = {10.5555/one}}
@article{smith2000b, author = {Sm{\"i}th, Anna and Jones, Bo and Lee, C.}, title = {Two}, year = {2000}}
@book{lone1999, author = {Lone, C.}, title = {A <book>}, year = {1999}, publisher = {Press}}
"""
PAGE = """# Page

As shown [@smith2000; @smith2000b], and @lone1999 [p. 3] says so [see *also* @lone1999, `code` p. 4].

## Later

- a list item citing [-@smith2000] and [@lone1999, pp. 3-5; @smith2000b]

<div markdown>Inside a block [@smith2000].</div>
"""


def _index(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    # As the plugin makes an entry of a section (create_entry_for_section): its pieces joined.
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


def test_the_search_version_indexes_like_the_full_page():
    build = build_site({"page.md": PAGE}, parse_string(BIB))
    page = build.pages["page.md"]
    converted = markdown.markdown(page.markdown, extensions=["md_in_html", "attr_list", "toc"])
    full, searched = page.swap(converted), page.swap(converted, for_search=True)
    assert 'class="references"' in full and "citation-ref" in full and "<em>also</em>" in full
    assert "<li" not in searched.split('class="references"')[1] and len(searched) < len(full)
    assert _index(searched) == _index(full)
    assert any("(see also Lone, 1999, <code>code</code> p. 4)" in text for _, _, text in _index(full))
