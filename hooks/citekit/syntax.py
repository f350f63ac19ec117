"""Find pandoc-style citations in Markdown, as pandoc's Markdown reader finds them.

Recognised: `[@key]`, `[@a; @b]`, `[see @key, p. 33]`, `[-@key]` (year only), narrative
`@key`, its locator `@key [p. 33]`, year-only `-@key` outside brackets, braced keys
`@{key}`, keys in any script (`@Müller2000`, `@Иванов2001`), plus mkdocs-bibtex's
`\\bibliography` and `\\full_bibliography` markers.

Left alone: code (fenced, indented, inline), math (`$...$`, `$$...$$`), HTML comments,
`<script>`, `<style>`, `<pre>` and `<textarea>` elements, raw HTML tags, autolinks, bare
URLs, e-mail addresses, escaped `\\@`, link destinations, snippet lines (`--8<--`) and
attribute lists. A citation inside a link's text or an image's alt text is not processed
(a link cannot hold a link, alt text is an attribute); `Scan.ignored` lists those keys.

The reading is split by concern: `syntax_blocks` (block-level regions and paragraph ends),
`syntax_tokens` (inline tokens), `syntax_cites` (citations from the tokens). Each is linear
in the size of the page; README.md lists where the engine deliberately differs from pandoc.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from . import syntax_cites, syntax_tokens
from .syntax_blocks import blocks

# pandoc's key syntax (see syntax_tokens): letters and digits of any script, '_', and the
# punctuation :.#$%&-+?<>~/ between them.
KEY = r"[^\W](?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*"
_KEY_RE = re.compile(KEY)

BIBLIOGRAPHY_MARKER = "\\bibliography"
FULL_BIBLIOGRAPHY_MARKER = "\\full_bibliography"
_MARKER = re.compile(r"^[ \t]*\\(full_bibliography|bibliography)[ \t]*$", re.M)
# A bare URL from its scheme on: '//' is searched for first (a literal: fast).
_URL = re.compile(r"//[^\s<>\"')\]]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:$")


# Tuples, not dataclasses: a site has thousands of citations, and a frozen dataclass costs
# several times more to make.
class Item(NamedTuple):
    key: str
    prefix: str = ""       # raw Markdown before the key, e.g. "see" or "*see*"
    suffix: str = ""       # raw Markdown after it, e.g. ", p. 33"; a narrative locator: "p. 33"
    year_only: bool = False   # '-@key': pandoc's SuppressAuthor
    offset: int = 0         # where '@' stands, in the scanned text


class Citation(NamedTuple):
    start: int
    end: int
    items: tuple[Item, ...]
    narrative: bool = False   # the first item is author-in-text ('@key'); any others are normal
    context: str = ""         # "abbreviation": inside an abbreviation's definition `*[X]: ...`

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.items]

    def modes(self) -> list[str]:
        """pandoc's citationMode of each item."""
        return ["AuthorInText" if self.narrative and n == 0 else
                "SuppressAuthor" if item.year_only else "NormalCitation"
                for n, item in enumerate(self.items)]


@dataclass
class Scan:
    citations: list[Citation] = field(default_factory=list)
    markers: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name)
    ignored: list[Item] = field(default_factory=list)   # keys inside link text or alt text


def code_spans(text: str) -> list[tuple[int, int]]:
    """Code (fenced, indented, inline), comments and raw-text elements: never Markdown prose."""
    found = blocks(text)
    spans = list(found.protected)
    masked = blank_spans(text, spans)
    if "`" in masked:
        _, atoms = syntax_tokens.tokens(masked, found.breaks)
        spans.extend(a for a in atoms if text[a[0]] == "`")
    return sorted(spans)


def mask_code(text: str) -> str:
    """The text with code and comments blanked out (same length, same lines)."""
    return blank_spans(text, code_spans(text))


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Everything `scan` never reads a citation in: code, comments, math, tags, URLs."""
    found = blocks(text)
    masked = blank_spans(text, found.protected + _urls(text))
    _, atoms = syntax_tokens.tokens(masked, found.breaks)
    return sorted(found.protected + _urls(text) + atoms)


def _urls(text: str) -> list[tuple[int, int]]:
    """Bare URLs, from the scheme on; not a key that holds '://' (`@https://...`)."""
    spans = []
    if "//" in text:
        for m in _URL.finditer(text):
            head = _SCHEME.search(text, max(0, m.start() - 40), m.start())
            if head is None:
                continue   # no scheme: '@e//f' is a key
            start = head.start()
            if start and text[start - 1] in "@{<":   # a key, or an autolink (read as a tag)
                continue
            spans.append((start, m.end()))
    return spans


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (keeping newlines, so lines and offsets stay the same)."""
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(text[pos:a])
        out.append(_NOT_NEWLINE.sub(" ", text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


class _NoCycleCollection:
    """Pause Python's cycle collector while a page is read.

    A scan makes many small tuples and no cycles; on a page of a million tokens the collector
    ran again and again over all of them, which made a linear scan take three times longer
    on a 2 MB page than on three pages of a third of that size."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()


def scan(text: str) -> Scan:
    """Every citation and bibliography marker in a Markdown text, in order."""
    if "@" not in text and "\\" not in text:
        return Scan()
    with _NoCycleCollection():
        return _scan(text)


def _scan(text: str) -> Scan:
    result = Scan()
    found = blocks(text)
    masked = blank_spans(text, found.protected + _urls(text))
    if "@" in masked:
        toks, _ = syntax_tokens.tokens(masked, found.breaks)
        if any(t.kind == syntax_tokens.KEY for t in toks):
            cites, ignored = syntax_cites.find(text, toks, found.labels)
            abbreviations = found.abbreviations
            abbreviation_starts = [a for a, _ in abbreviations]
            for c in cites:
                items = tuple(Item(k, p, s, y, o) for k, p, s, y, o in c.items)
                context = ("abbreviation" if abbreviations and _inside(abbreviations, abbreviation_starts, c.start)
                           else "")
                result.citations.append(Citation(c.start, c.end, items, c.narrative, context))
            result.ignored = [Item(t.key, year_only=t.suppress, offset=t.at) for t in ignored]
    if "bibliography" in masked:
        result.markers.extend((m.start(), m.end(), m.group(1)) for m in _MARKER.finditer(masked))
    return result


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def is_valid_key(key: str) -> bool:
    """A key pandoc reads whole after '@' (without braces)."""
    return _KEY_RE.fullmatch(key) is not None


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
