"""Fuzzing the page checks of issue 16 (Hypothesis): raw HTML, script addresses, invisible
characters in citations (hooks/pagemeta/rawhtml.py) and front matter titles with citations and
markup (hooks/pagemeta/frontmatter.py, themefields.py).

Properties: the checks never raise on any text; every message names the page and a line of
it and echoes no control, format or separator character raw; and whatever Python-Markdown's
HTML for a page would run (a script that is no data block, an on* attribute, a javascript: or
vbscript: address) was reported by the check on the Markdown. tests/browser/
test_raw_html_oracle.py asks Chromium's parser the same question.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import markdown
import pytest
from citekit.diagnostics import Report
from hypothesis import example, given
from hypothesis import strategies as st
from pagemeta import frontmatter, rawhtml

pytestmark = pytest.mark.fuzz

PATH = "docs/p.md"
EXTENSIONS = ["abbr", "attr_list", "footnotes", "md_in_html", "tables", "admonition", "pymdownx.superfences"]
PIECES = ["<", ">", "/", "=", '"', "'", " ", "\n", "\n\n", "`", "```\n", "    ", "<!--", "-->", "--!>", "<!-->",
          "<script>", "</script>", "<SCRIPT ", "<img src=x ", "onerror=alert(1)", " onclick=x", "href=",
          "javascript:", "JaVaScRiPt:", "&#106;", "&#9;", "&colon;", "vbscript:", "data:text/html,", "{: ", " }",
          "[x](", "](", ")", "[r]: ", "<a ", "<svg ", "<div markdown>\n", "</div>", "<style>", "<pre>",
          "<textarea>", "[@k]", "[see @k, p. 3]", "@k", "\u202e", "\u200b", "\u2028", "*[X]: ", "!!! note\n    ",
          "| a |\n|---|\n| ", "# ", "x", "é", "😀", "\x00", "\x1b"]
SOUP = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def problems(text: str, offset: int = 0) -> list:
    report = Report()
    rawhtml.check_page(PATH, text, offset, {"k"}, report)
    return report.items


class _Live(HTMLParser):
    """What a browser would run in converted HTML, read by Python's HTML tokenizer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        kind = (dict(attrs).get("type") or "").strip().lower()
        if tag == "script" and kind not in rawhtml.DATA_BLOCK_TYPES:
            self.found.append("script")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(name)
            elif rawhtml.bad_scheme(value or "") in ("javascript:", "vbscript:"):
                self.found.append(f"{name}={value}")

    handle_startendtag = handle_starttag


def live(text: str) -> list[str]:
    parser = _Live()
    parser.feed(markdown.markdown(text, extensions=EXTENSIONS))
    parser.close()
    return parser.found


@given(SOUP, st.integers(0, 5))
@example("`<!--` <script>x</script> `-->`", 0)
@example("<scr<script>ipt>x</script>", 3)
def test_the_raw_html_check_never_raises_and_every_message_is_located_and_safe(text, offset):
    lines = text.count("\n") + 1
    for diag in problems(text, offset):
        assert diag.path == PATH and offset < diag.line <= offset + lines, diag
        shown = str(diag)
        assert not UNSAFE.search(shown), shown
        assert not any(unicodedata.category(c) in ("Cf", "Zl", "Zp") for c in shown), shown


@given(SOUP)
@example("<a\nhref=javascript:x>y</a>")
@example("[x](&#106;avascript:alert(1))")
def test_what_the_converted_page_would_run_was_reported(text):
    found = live(text)
    if found:
        assert problems(text), (text, found)


TITLES = st.lists(st.sampled_from(["[@k]", "@k", "<script>x</script>", "</title>", '"', "'", "&amp;", "\\", ":",
                                   "#", "\u202e", "😀", "x", " ", "- ", "{", "}", "*"]), max_size=8).map("".join)


@given(TITLES, TITLES)
def test_front_matter_titles_of_any_text_are_read_or_reported(title, description):
    import yaml

    source = "---\n" + yaml.safe_dump({"title": title, "description": description}, allow_unicode=True) + \
        "---\n\n# Page\n"
    report = Report()
    frontmatter.read(PATH, source, report)
    for diag in report.items:
        assert diag.path == PATH and 1 <= diag.line <= source.count("\n") + 1, diag
        assert not UNSAFE.search(str(diag)), str(diag)
