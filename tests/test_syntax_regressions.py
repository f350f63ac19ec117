"""Each defect of the "Syntax" bullet of issue 12 and the scanning parts of issue 16.

Every test here fails on the scanner these issues were filed against (checked by putting
the old hooks/citekit/syntax.py back); what is right is what pandoc reads (see
tests/conformance/oracle_syntax.py for the measured agreement).
"""

from __future__ import annotations

import pytest
from citekit import Site, parse_string
from citekit.syntax import scan


def found(text: str) -> list[tuple[str, str, str, str, bool]]:
    """(key, mode, prefix, suffix, narrative) of every citation item."""
    return [(item.key, "AuthorInText" if c.narrative and n == 0 else
             "SuppressAuthor" if item.year_only else "NormalCitation", item.prefix, item.suffix, c.narrative)
            for c in scan(text).citations for n, item in enumerate(c.items)]


def spans(text: str) -> list[str]:
    return [text[c.start:c.end] for c in scan(text).citations]


@pytest.mark.parametrize("text, key", [
    ("[@Müller2000]", "Müller2000"),            # was read as key 'M'
    ("As @Müller2000 showed.", "Müller2000"),
    ("[@Иванов2001]", "Иванов2001"),             # pandoc's own tests use Cyrillic keys
    ("@Øster1998 found", "Øster1998"),
])
def test_keys_with_non_ascii_letters_are_read_whole(text, key):
    assert [k for k, *_ in found(text)] == [key]


def test_a_citation_at_line_start_followed_by_a_colon_is_no_link_definition():
    assert found("[@a]: text") == [("a", "NormalCitation", "", "", False)]
    assert spans("[@a]: text") == ["[@a]"]


def test_the_narrative_locator_is_the_citations_suffix():
    text = "@smith04 [p. 33] says blah."
    assert found(text) == [("smith04", "AuthorInText", "", "p. 33", True)]
    assert spans(text) == ["@smith04 [p. 33]"]   # the locator is part of the citation's span


def test_suppress_author_outside_brackets_is_a_year_only_citation():
    assert found("Smith -@smith04 says blah.") == [("smith04", "SuppressAuthor", "", "", False)]
    assert spans("Smith -@smith04 says") == ["-@smith04"]


def test_a_citation_followed_by_another_bracket_is_not_dropped():
    assert [k for k, *_ in found("[@a][@b]")] == ["a", "b"]


def test_an_escaped_at_sign_makes_no_citation():
    assert found("[\\@key]") == []
    assert found("\\@key") == []


def test_outer_brackets_around_a_citation_stay_text():
    assert spans("[Figure 1 [@a]]") == ["[@a]"]


def test_citations_in_indented_code_and_math_are_not_citations():
    assert found("Text.\n\n    [@code] here\n\nAfter.") == []
    assert found("$x = [@a]$ and $$[@b]$$") == []
    assert found("$$\n[@c]\n$$") == []


def test_a_key_holding_angle_brackets_is_not_cut_at_them():
    assert [k for k, *_ in found("[@a<l>b] and @c<l>d")] == ["a<l>b", "c<l>d"]


# ---- issue 16


def test_nothing_inside_script_or_style_is_a_citation():
    page = ('<script>var s = "[@a]";</script>\n<SCRIPT type="module">\n@b\n</SCRIPT>\n'
            '<style media="print">\n@media print { x { content: "[@c]" } }\n</style>\n[@k]')
    assert [k for k, *_ in found(page)] == ["k"]


@pytest.mark.parametrize("text", ["[@a][^1]\n\n[^1]: note", "[@a] [^1]\n\n[^1]: note"])
def test_a_citation_right_before_a_footnote_marker_is_found(text):
    assert found(text) == [("a", "NormalCitation", "", "", False)]


def test_a_narrative_citation_of_an_unknown_key_gets_a_message():
    bib = parse_string("@article{known2000, author = {Known, A}, title = {T}, journal = {J}, year = 2000}")
    site = Site(bib)
    site.scan_page("docs/p.md", "Line one.\nAs @nosuchkey showed, and @known2000 too.\n")
    site.finish()   # unknown keys are reported once the whole site is scanned
    messages = [str(d) for d in site.report.items if "unknown" in d.message]
    assert messages == ["docs/p.md:2:5: unknown citation key 'nosuchkey' in '@nosuchkey'. "
                        "Write \\@ if it is no citation, or add the entry to a .bib file"]
