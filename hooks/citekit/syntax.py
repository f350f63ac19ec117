"""Find pandoc-style citations in Markdown.

Recognised: `[@key]`, `[@a; @b]`, `[see @key, p. 33]`, `[-@key]` (year only) and
narrative `@key`, plus mkdocs-bibtex's `\\bibliography` and `\\full_bibliography`
markers. Code (fenced and inline), HTML comments, URLs, link targets and e-mail
addresses are left alone.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

# pandoc: a key starts with a letter, digit or _, and may contain internal
# punctuation from :.#$%&-+?<>~/ (so trailing punctuation is not part of it).
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*"
_KEY_RE = re.compile(KEY)
_ITEM = re.compile(r"(?P<prefix>.*?)(?P<minus>-?)@(?:\{(?P<bkey>[^{}]+)\}|(?P<key>" + KEY + r"))(?P<suffix>.*)",
                   re.S)
_NARRATIVE = re.compile(r"@(?:\{(?P<bkey>[^{}\s]+)\}|(?P<key>" + KEY + r"))")
_NOT_BEFORE_NARRATIVE = re.compile(r"[\w@.+\-\\/:=`]")   # 'user@host', '\@', 'x=@y' are no citations

BIBLIOGRAPHY_MARKER = "\\bibliography"
FULL_BIBLIOGRAPHY_MARKER = "\\full_bibliography"
_MARKER = re.compile(r"^[ \t]*\\(full_bibliography|bibliography)[ \t]*$", re.M)


# Tuples, not dataclasses: a site has thousands of citations, and a frozen dataclass costs
# several times more to make.
class Item(NamedTuple):
    key: str
    prefix: str = ""
    suffix: str = ""       # locator and anything after the key, e.g. ", p. 33"
    year_only: bool = False
    offset: int = 0         # where '@' stands, in the scanned text


class Citation(NamedTuple):
    start: int
    end: int
    items: tuple[Item, ...]
    narrative: bool = False

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.items]


@dataclass
class Scan:
    citations: list[Citation] = field(default_factory=list)
    markers: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name)


# Regions where nothing is a citation. Every pattern starts with a literal where it can:
# a pattern that starts with a look-behind or a case-insensitive word is tried at every
# character, which made scanning cost more than anything else the hook did.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n"
                    r".*?(?:^(?P=indent)?[ \t]*(?P=fence)[`~]*[ \t]*$|\Z)",
                    re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BACKTICKS = re.compile(r"``*")   # not "`+": a pattern that starts with a literal is searched fast
# The part of an address from '//' on (where an '@' can stand), bracketed e-mail addresses,
# mailto: links (looked for only when the text has one).
_URL = re.compile(r"//[^\s<>\"')\]]+")
_BRACKETED_EMAIL = re.compile(r"<[^<>\s@]+@[^<>\s]+>")
_MAILTO = re.compile(r"mailto:[^\s)>\]]+", re.I)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"<[A-Za-z][^<>]*>")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Fenced code, HTML comments and inline code: never Markdown prose."""
    spans = _fences(text)
    if "<!--" in text:
        spans.extend(m.span() for m in _COMMENT.finditer(text))
    masked = _mask(text, sorted(spans))
    if "`" in masked:
        spans.extend(_inline_code(masked))
    return sorted(spans)


def _fences(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks. Looked for where ``` or ~~~ stands: a pattern that starts with
    '^' is tried at every character of the page."""
    found = sorted(itertools.chain(_all(text, "```"), _all(text, "~~~")))
    spans: list[tuple[int, int]] = []
    for at in found:
        if spans and at < spans[-1][1]:
            continue   # inside the block just found
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].strip(" \t"):
            continue   # not at the start of a line
        m = _FENCE.match(text, line_start)
        if m:
            spans.append(m.span())
    return spans


def _all(text: str, mark: str):
    at = text.find(mark)
    while at >= 0:
        yield at
        at = text.find(mark, at + len(mark))


def _inline_code(text: str) -> list[tuple[int, int]]:
    """Code spans: a run of backticks up to the next run of the same length in the same
    paragraph (CommonMark; Markdown pairs them block by block, never across a blank line)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    ends = [m.start() for m in _BLANK_LINE.finditer(text)] if len(runs) > 1 else []
    spans, i = [], 0
    while i < len(runs):
        start, end = runs[i]
        width = end - start
        k = bisect.bisect_left(ends, end)
        limit = ends[k] if k < len(ends) else len(text)   # where this paragraph ends
        closer = None
        for j in range(i + 1, len(runs)):
            if runs[j][0] >= limit:
                break
            if runs[j][1] - runs[j][0] == width:
                closer = j
                break
        if closer is None:
            i += 1
            continue
        spans.append((start, runs[closer][1]))
        i = closer + 1
    return spans


def mask_code(text: str) -> str:
    """The text with code and comments blanked out (same length, same lines)."""
    return _mask(text, code_spans(text))


def protected_spans(text: str) -> list[tuple[int, int]]:
    spans = code_spans(text)
    masked = _mask(text, spans)
    # A pattern that starts with a literal finds nothing as fast as `in` would say so.
    spans.extend(m.span() for m in _URL.finditer(masked))
    spans.extend((m.start() + 1, m.end()) for m in _LINK_TARGET.finditer(masked))
    if "<" in masked:
        spans.extend(m.span() for m in _BRACKETED_EMAIL.finditer(masked))
        spans.extend(m.span() for m in _TAG.finditer(masked))
    if "ailto:" in masked or "AILTO:" in masked:   # case-insensitive: no fast search of its own
        spans.extend(m.span() for m in _MAILTO.finditer(masked))
    return sorted(spans)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
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


def scan(text: str) -> Scan:
    """Every citation and bibliography marker in a Markdown text, in order."""
    result = Scan()
    if "@" not in text and "\\" not in text:
        return result
    masked = _mask(text, protected_spans(text))
    taken: list[tuple[int, int]] = []
    if "@" in masked:
        for start, end in _brackets(masked):
            if "@" not in masked[start + 1:end - 1]:
                continue
            nxt = text[end:end + 1]
            if nxt in ("(", "[") or (nxt == ":" and _is_definition(text, masked, start, end)):
                taken.append((start, end))   # a Markdown link or link definition, not a citation
                continue
            items = _parse_group(text[start + 1:end - 1], start + 1)
            if items:
                result.citations.append(Citation(start, end, tuple(items)))
                taken.append((start, end))
        inside = _Enclosure(taken)
        # A citation inside a link's text, or inside another citation, is part of that.
        result.citations = [c for c in result.citations if not inside.strictly(c.start)]
        for m in _NARRATIVE.finditer(masked):
            at = m.start()
            if (at and _NOT_BEFORE_NARRATIVE.match(masked, at - 1)) or inside.at(at):
                continue
            key = m.group("bkey") or m.group("key")
            result.citations.append(Citation(at, m.end(), (Item(key, offset=at),), narrative=True))
    if "bibliography" in masked:
        result.markers.extend((m.start(), m.end(), m.group(1)) for m in _MARKER.finditer(masked))
    result.citations.sort(key=lambda c: c.start)
    return result


def _is_definition(text: str, masked: str, start: int, end: int) -> bool:
    """`[label]: target` at the start of a line is a link definition."""
    line_start = masked.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end + 1:line_end if line_end >= 0 else len(text)]
    return not masked[line_start:start].strip(" ") and bool(rest.strip())


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

    def strictly(self, start: int) -> bool:
        """A span that starts at `start` lies inside another one."""
        i = bisect.bisect_left(self.starts, start)
        return i > 0 and self.reach[i - 1] > start


_OPEN = re.compile(r"\[")
_CLOSE = re.compile(r"\]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _brackets(text: str):
    """Innermost-first [ ... ] spans within one paragraph, skipping escaped brackets."""
    # Three searches for a literal each are much faster than one pattern with alternatives.
    events = sorted([(m.start(), 1) for m in _OPEN.finditer(text)]
                    + [(m.start(), 2) for m in _CLOSE.finditer(text)]
                    + [(m.start(), 0) for m in _BLANK_LINE.finditer(text)])
    stack: list[int] = []
    for at, kind in events:
        if kind == 0:
            stack.clear()   # a blank line ends the paragraph
        elif at and text[at - 1] == "\\":
            continue
        elif kind == 1:
            stack.append(at)
        elif stack:
            yield stack.pop(), at + 1


def _parse_group(inner: str, base: int) -> list[Item]:
    """'see @a, p. 3; @b' -> items; [] when any part is not a citation."""
    items = []
    offset = 0
    for part in inner.split(";"):
        m = _ITEM.fullmatch(part)
        if not m:
            return []
        prefix, minus, bkey, key, suffix = m.groups()
        if prefix:
            if prefix[-1].isalnum() or prefix[-1] in "@.":   # an e-mail address, 'x.@y'
                return []
            prefix = " ".join(prefix.split())
        if suffix:
            suffix = " ".join(suffix.split())
        items.append(Item(bkey or key, prefix, suffix, bool(minus), base + offset + m.start(2)))
        offset += len(part) + 1
    return items


def is_valid_key(key: str) -> bool:
    return _KEY_RE.fullmatch(key) is not None


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
