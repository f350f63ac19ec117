"""The headings of a Markdown page, read from its text: where each stands, its text and its id.

Backlinks ("Cited on: Page › Section") need the section every citation stands under
and the id a reader's browser jumps to. Both are found here from the Markdown, the
way Python-Markdown's `toc` extension names headings by default (its `slugify` and
its `_1`, `_2` suffixes), so that no host has to hand back its HTML.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from .syntax import code_spans

# As Python-Markdown reads them: no indent, and no space needed after the hashes.
_ATX = re.compile(r"^(#{1,6})(.*)$", re.M)
# One line of text over a rule; `[^\n]+` and not `[^\n]*\S[^\n]*`, which backtracks quadratically
# on every long line that is no heading.
_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n {0,3}(?P<rule>=+|-+)[ \t]*$", re.M)
_CLOSING_HASHES = re.compile(r"#*[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*)\}[ \t]*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s}]+)")
_EXPLICIT_IDS = re.compile(r"\{:?[ \t]*[^{}\n]*?(?:^|\s|\{)#([^\s}]+)[^{}\n]*\}")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_CODE = re.compile(r"(`+)(.+?)\1")
_TAGS = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


class Heading(NamedTuple):
    start: int         # where the heading's line starts in the page
    end: int           # where it ends (after an underline, for a Setext heading)
    level: int
    text_start: int    # where its text starts in the page
    text_end: int
    explicit_id: str   # an id given with `{#id}`, or ""


class Section(NamedTuple):
    """A heading as a reader sees it: its id and its text."""

    start: int
    anchor: str
    name: str


def slugify(value: str, separator: str = "-") -> str:
    """A heading's id, as Python-Markdown's toc extension makes it by default."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def find_headings(markdown: str) -> list[Heading]:
    """ATX (`## Text`) and Setext (`Text` over `===`) headings outside code, in order."""
    code = _Enclosure(code_spans(markdown))   # fences, comments, inline code (they may nest)
    found: list[Heading] = []
    for m in _ATX.finditer(markdown):
        if _inside(code, m.start()):
            continue
        text = m.group(2)
        text_start = m.start(2) + (len(text) - len(text.lstrip()))
        text_end = m.start(2) + _CLOSING_HASHES.search(text).start()
        found.append(_with_id(markdown, m.start(), m.end(), len(m.group(1)), text_start,
                              max(text_start, text_end)))
    for m in _SETEXT.finditer(markdown):
        line = m.group("text")
        if not line.strip() or _inside(code, m.start()) or not _starts_paragraph(markdown, m.start()) or \
                line.lstrip().startswith(("#", ">", "-", "*", "+", "|", "<")) or line.startswith(("    ", "\t")):
            continue
        level = 1 if m.group("rule")[0] == "=" else 2
        found.append(_with_id(markdown, m.start(), m.end(), level, m.start("text"), m.end("text")))
    return sorted(found)


def _with_id(markdown: str, start: int, end: int, level: int, text_start: int, text_end: int) -> Heading:
    attrs = _ATTR_LIST.search(markdown, text_start, text_end)
    explicit = ""
    if attrs:
        found = _ID_IN_ATTRS.search(attrs.group(1))
        explicit = found.group(1) if found else ""
        text_end = attrs.start()
    return Heading(start, end, level, text_start, text_end, explicit)


def _starts_paragraph(markdown: str, at: int) -> bool:
    # A Setext heading is one line of text: the line above it must be blank (or the start).
    before = markdown.rfind("\n", 0, max(at - 1, 0))
    return at == 0 or not markdown[before + 1:at - 1].strip()


class _Enclosure:
    """Answers 'is this position inside one of these spans?' for properly nested spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))   # furthest end so far

    def at(self, pos: int) -> bool:
        """pos lies within a span (start <= pos < end)."""
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos


def _inside(spans: _Enclosure, pos: int) -> bool:
    return spans.at(pos)


def plain_heading_text(markdown_text: str) -> str:
    """A heading's Markdown as its text reads once converted (tags, emphasis, links gone)."""
    text = _FOOTNOTE_REF.sub("", markdown_text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE_OR_LINK.sub(lambda m: m.group(1), text)
    text = _TAGS.sub("", text)
    previous = None
    while previous != text:   # nested emphasis, innermost last
        previous, text = text, _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _ESCAPED.sub(lambda m: m.group(1), text)
    return " ".join(html.unescape(text).split())


def sections(markdown: str, headings: list[Heading], names: list[str],
             slug: Callable[[str], str] = slugify) -> list[Section]:
    """Each heading's id (explicit, or made from its name and kept unique as toc does)."""
    used = set(_EXPLICIT_IDS.findall(markdown))
    out = []
    for heading, name in zip(headings, names, strict=True):
        anchor = heading.explicit_id or _unique(slug(name), used)
        out.append(Section(heading.start, anchor, name))
    return out


def _unique(anchor: str, used: set[str]) -> str:
    if anchor in used or not anchor:
        m = re.match(r"^(.*)_([0-9]+)$", anchor)
        base, count = (m.group(1), int(m.group(2))) if m else (anchor, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
    used.add(anchor)
    return anchor
