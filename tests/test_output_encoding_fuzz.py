"""Fuzzing the engine's output (Hypothesis): entries with hostile field values and citations with
hostile prefixes and suffixes are rendered as citations, previews, reference items and the cite
block, then parsed as HTML (also after Python-Markdown, as a citation in a heading is). Nothing
may come from the data but text: no element or attribute of its own, no on* handler, no link
other than http(s) and in-page fragments, no control character; and the text reads back as the
data, once decoded."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from citekit.bibliography import parse_string
from citekit.encode import clean
from citekit.render import Resolver, citation
from citekit.style import assign_labels, format_reference
from citekit.syntax import Citation, Item
from citethispage import cite_this_page
from hypothesis import example, given
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

# What the engine's own markup uses; anything else would have come from the data.
ALLOWED = {"span": {"class", "data-cites", "role"}, "a": {"class", "href", "title"}, "em": set(), "strong": set(),
           "code": set(), "li": {"class", "id", "data-key"}, "section": {"class", "data-search-exclude"},
           "details": set(), "summary": set(), "p": {"class"}, "pre": {"class"}, "h1": {"id"},
           "button": {"type", "class", "data-cite-copy", "hidden"}}   # "Cite this page": copy buttons
# The COinS span of each reference (export.coins): empty, hidden, its title an OpenURL query.
COINS = {"class", "title", "aria-hidden"}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HOSTILE = ["<script>alert(1)</script>", "{<}script{>}alert(1){<}/script{>}", "<img src=x onerror=alert(1)>",
           "{<}img src=x onerror=alert(1){>}", '"', "'", "\\", "javascript:alert(1)", "</title>", "&lt;b&gt;",
           "&#60;i&#62;", "*em*", "**strong**", "`code`", "[@k]", "\x00", "\x1b[2J", "\x85", "\U0001F600",
           "\u2028", "\\textit{x}", "{\\\"o}", "$\\alpha$", "\\@", "onmouseover=alert(1)", "<!--", "]]>", " "]


class _Collector(HTMLParser):
    """Elements and attributes as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(fragment: str) -> _Collector:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return collector


def assert_only_engine_markup(fragment: str) -> None:
    assert not CONTROL.search(fragment), repr(fragment)
    for tag, attrs in parsed(fragment).tags:
        assert tag in ALLOWED, f"element <{tag}> from the data: {fragment!r}"
        allowed = COINS if tag == "span" and attrs.get("class") == "Z3988" else ALLOWED[tag]
        assert set(attrs) <= allowed, f"attributes {set(attrs) - allowed} on <{tag}>: {fragment!r}"
        if allowed is COINS:   # an OpenURL query: after one decoding, percent-encoded pairs only
            assert re.fullmatch(r"[A-Za-z0-9_.~%&=+-]*", attrs["title"]), f"COinS title {attrs['title']!r}"
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), f"link {href!r}"
        title = attrs.get("title")
        if title is not None:   # Material's tooltips insert it as HTML
            assert not parsed(title).tags, f"markup in a title after one decoding: {title!r}"


def normal(text: str) -> str:
    return " ".join(text.split())


fragments = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=5).map("".join)


def braced(value: str) -> str:
    """A BibTeX value that parses: braces balanced, so that the entry is read."""
    depth, out = 0, []
    for c in value:
        if c == "}" and depth == 0:
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        out.append(c)
    return "".join(out) + "}" * depth


def entry(author: str, title: str, journal: str, url: str, kind: str) -> str:
    return (f"@{kind}{{k, author = {{{braced(author)}}}, title = {{{braced(title)}}}, "
            f"journal = {{{braced(journal)}}}, booktitle = {{{braced(journal)}}}, editor = {{{braced(author)}}}, "
            f"year = 2001, pages = {{1--2}}, url = {{{braced(url)}}}}}\n")


@given(author=fragments, title=fragments, journal=fragments, url=fragments,
       kind=st.sampled_from(["article", "book", "incollection", "phdthesis", "misc"]),
       prefix=fragments, suffix=fragments)
@example(author="{<}/title{>}{<}script{>}alert(1){<}/script{>}", title="\x00", journal="J", url="javascript:x",
         kind="article", prefix="*see*", suffix="p. **32**")
@example(author="", title="", journal="0\x0c0", url="", kind="article", prefix="", suffix="")   # found by Hypothesis
@example(author="O'Brien, A \"Q\"", title="\\", journal="*", url="", kind="book", prefix="\\@x", suffix="`")
def test_hostile_entries_and_citations_render_as_text_only(author, title, journal, url, kind, prefix, suffix):
    bib = parse_string(entry(author, title, journal, url, kind))
    if "k" not in bib:
        return   # the parser reported it (another test's business)
    labels = assign_labels(bib, ["k"])
    res = Resolver(bib.entries, labels)
    prefix, suffix = prefix.replace(";", ""), suffix.replace(";", "")
    pieces = [citation(Citation(0, 1, (Item("k", prefix=prefix, suffix=suffix),)), res),
              citation(Citation(0, 1, (Item("k", suffix=suffix),), narrative=True), res),
              citation(Citation(0, 1, (Item("k", prefix=prefix, year_only=True), Item("k"))), res),
              res.reference_item("k"),
              cite_this_page(title=html.escape(title), url="https://example.org/", site_name="S", author="A",
                             year=2026, key="k")]
    for piece in pieces:
        assert_only_engine_markup(piece)
        # A citation in a heading goes through Markdown: it must not make markup of the data either.
        assert_only_engine_markup(markdown.markdown("# " + piece.replace("\n", " ")))
    written = normal(clean("".join(p.text for p in format_reference(bib["k"], labels))))
    assert normal("".join(parsed(pieces[3]).text)) == written
    preview = [a["title"] for tag, a in parsed(pieces[0]).tags if tag == "a"][0]
    assert normal("".join(parsed(preview).text)) == normal(clean(" ".join(written.split())))
    if not re.search(r"[*_`\\]", prefix):
        shown = normal("".join(parsed(pieces[0]).text))
        assert shown.startswith(normal("(" + clean(prefix))), (shown, prefix)
