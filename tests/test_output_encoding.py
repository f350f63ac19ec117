"""Output encoding by context (citekit.encode): what BibTeX or a citation holds is written for
the one context it lands in, and nothing of it can become markup, end a string or carry a
control character."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from citekit.bibliography import parse_string
from citekit.encode import attr, clean, inert, inline_markdown, plain_title, repair_title_element, text
from citekit.render import Resolver, citation, reference
from citekit.style import assign_labels
from citekit.syntax import scan
from citethispage import cite_this_page

HOSTILE = r"""
@article{hidden, author = {{<}/title{>}{<}script{>}alert(1){<}/script{>} and O'Brien, Ann "Q" and Back\slash, B.},
  title = {Tab	and NUL CTRL here}, journal = {J}, year = 2001, volume = 1, pages = {1--2}}
""".replace("CTRL", "\x00\x1b[2J\x07\x7f\x85")
BIB = parse_string(HOSTILE)
# The parser removes control characters from values (and reports them); put them back, so that
# these tests see what the renderer does with them on its own.
BIB["hidden"].raw["title"] = "Tab\tand NUL CTRL here".replace("CTRL", "\x00\x1b[2J\x07\x7f\x85")
LABELS = assign_labels(BIB, BIB.entries)
RES = Resolver(BIB.entries, LABELS)
# What could end a quoted string in a script or JSON value, open a tag, or start an entity.
BREAKS_A_STRING = re.compile(r"[\"'\\<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_text_and_attr_leave_nothing_that_ends_a_string_or_a_tag():
    for value in ['O\'Brien "Q" \\ </script> <b>', "\x00\x1b\x85\ud800\uffff", "`code` *em* [@k]"]:
        assert not BREAKS_A_STRING.search(text(value)), text(value)
        assert not BREAKS_A_STRING.search(attr(value)), attr(value)
        assert BeautifulSoup(text(value), "html.parser").get_text() == clean(value)


def test_control_characters_never_reach_the_html():
    html = reference(BIB["hidden"], LABELS) + citation(scan("[@hidden]").citations[0], RES)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", html), repr(html)
    assert "Tab and NUL \ufffd\ufffd[2J\ufffd\ufffd  here" in BeautifulSoup(html, "html.parser").get_text()


def test_quotes_and_backslashes_in_names_are_character_references():
    html = reference(BIB["hidden"], LABELS)
    # LaTeX decoding makes BibTeX's ' typographic (O’Brien), as pandoc's BibTeX reader does;
    # the double quote stays a quote and must be a character reference.
    assert "O\u2019Brien A&quot;" in html and "Back&#92;slash" not in html   # \slash is LaTeX, decoded first
    data = re.sub(r"<[^>]*>", "", html)   # the text between the engine's own tags
    assert not BREAKS_A_STRING.search(data), data


def test_latex_is_decoded_before_escaping():
    li = BeautifulSoup(reference(BIB["hidden"], LABELS), "html.parser").li
    assert li.find("script") is None and li.find("title") is None
    assert li.get_text().startswith("</title><script>alert(1)</script>, O\u2019Brien A")


def test_inline_markdown_renders_emphasis_strong_and_code_and_escapes_the_rest():
    assert inline_markdown("*see* **32** `<b>` \\@x <i>") == \
        "<em>see</em> <strong>32</strong> <code>&lt;b&gt;</code> &#64;x &lt;i&gt;"
    assert inline_markdown("2 * 3 * 4") == "2 &#42; 3 &#42; 4"   # not emphasis: spaces inside
    assert inline_markdown("***") == "&#42;&#42;&#42;"


def test_plain_title_is_the_text_a_reader_sees():
    title = "Findings of (&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; <em>et al.</em> 2001) &amp; co"
    assert plain_title(title) == "Findings of (</title><script>alert(1)</script> et al. 2001) & co"


def test_the_title_element_is_written_from_the_plain_title():
    title = "Findings of (&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; et al. 2001) &amp; co"
    # What Material's `{{ page.title | striptags }}` writes: references decoded, markup live.
    page = ("<html><head><title>Findings of (</title><script>alert(1)</script> et al. 2001) & co - Site"
            "</title></head><body><h1>x</h1></body></html>")
    repaired = repair_title_element(page, title)
    assert repaired.startswith("<html><head><title>Findings of (&lt;/title&gt;&lt;script&gt;alert(1)"
                               "&lt;/script&gt; et al. 2001) &amp; co - Site</title></head>")
    soup = BeautifulSoup(repaired, "html.parser")
    assert soup.find("script") is None
    assert soup.title.get_text() == "Findings of (</title><script>alert(1)</script> et al. 2001) & co - Site"
    plain = "<html><head><title>Home - Site</title></head></html>"
    assert repair_title_element(plain, "Home") == plain


def test_cite_block_shows_the_title_once_escaped():
    block = cite_this_page(title="Pedersen &amp; Hoffman-Goetz (2000) &lt;b&gt;", url="u", site_name="S",
                           author="A", year=2026, key="k")
    soup = BeautifulSoup(block, "html.parser")
    assert soup.select_one(".cite-plain").get_text() == "A (2026). Pedersen & Hoffman-Goetz (2000) <b>. In: S. u [accessed YYYY-MM-DD]"
    assert "title = {Pedersen & Hoffman-Goetz (2000) <b>}" in soup.select_one(".cite-bibtex").get_text()


def test_tooltip_text_holds_no_markup_after_one_decoding():
    a = BeautifulSoup(citation(scan("[@hidden]").citations[0], RES), "html.parser").a
    assert BeautifulSoup(a["title"], "html.parser").find() is None
    assert inert("&lt;b&gt; <i> & x") == "&amp;lt;b&amp;gt; &lt;i&gt; & x"
