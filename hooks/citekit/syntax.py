"""Find pandoc-style citations in Markdown.

Recognised: `[@key]`, `[@a; @b]`, `[see @key, p. 33]`, `[-@key]` (year only) and
narrative `@key`, plus mkdocs-bibtex's `\\bibliography` and `\\full_bibliography`
markers. Code (fenced and inline), HTML comments, URLs, link targets and e-mail
addresses are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# pandoc: a key starts with a letter, digit or _, and may contain internal
# punctuation from :.#$%&-+?<>~/ (so trailing punctuation is not part of it).
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*"
_KEY_RE = re.compile(KEY)
_ITEM = re.compile(r"(?P<prefix>.*?)(?P<minus>-?)@(?:\{(?P<bkey>[^{}]+)\}|(?P<key>" + KEY + r"))(?P<suffix>.*)",
                   re.S)
_NARRATIVE = re.compile(r"(?<![\w@.+\-\\/:=`])@(?:\{(?P<bkey>[^{}\s]+)\}|(?P<key>" + KEY + r"))")

BIBLIOGRAPHY_MARKER = "\\bibliography"
FULL_BIBLIOGRAPHY_MARKER = "\\full_bibliography"
_MARKER = re.compile(r"^[ \t]*\\(full_bibliography|bibliography)[ \t]*$", re.M)


@dataclass(frozen=True)
class Item:
    key: str
    prefix: str = ""
    suffix: str = ""       # locator and anything after the key, e.g. ", p. 33"
    year_only: bool = False
    offset: int = 0         # where '@' stands, in the scanned text


@dataclass(frozen=True)
class Citation:
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


# Regions where nothing is a citation.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n"
                    r".*?(?:^(?P=indent)?[ \t]*(?P=fence)[`~]*[ \t]*$|\Z)",
                    re.M | re.S)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Starts with a literal, so the engine does not try a pattern at every character: the part of
# an address from '//' on (where an '@' can stand), bracketed e-mail addresses, mailto: links.
_URL = re.compile(r"//[^\s<>\"')\]]+|<[^<>\s@]+@[^<>\s]+>|mailto:[^\s)>\]]+", re.I)
_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"<[A-Za-z][^<>]*>")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Fenced code, HTML comments and inline code: never Markdown prose."""
    spans = [m.span() for rx in (_FENCE, _COMMENT) for m in rx.finditer(text)]
    masked = _mask(text, sorted(spans))
    spans.extend(m.span() for m in _INLINE_CODE.finditer(masked))
    return sorted(spans)


def mask_code(text: str) -> str:
    """The text with code and comments blanked out (same length, same lines)."""
    return _mask(text, code_spans(text))


def protected_spans(text: str) -> list[tuple[int, int]]:
    spans = code_spans(text)
    masked = _mask(text, spans)
    for rx in (_URL, _LINK_TARGET, _TAG):
        spans.extend(m.span() for m in rx.finditer(masked))
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
    for start, end in _brackets(masked):
        inner = masked[start + 1:end - 1]
        if "@" not in inner:
            continue
        nxt = text[end:end + 1]
        line_start = masked.rfind("\n", 0, start) + 1
        rest = text[end + 1:text.find("\n", end) if "\n" in text[end:] else len(text)]
        definition = nxt == ":" and not masked[line_start:start].strip(" ") and bool(rest.strip())
        if nxt in ("(", "[") or definition:   # a Markdown link or link definition, not a citation
            taken.append((start, end))
            continue
        items = _parse_group(text[start + 1:end - 1], start + 1)
        if items:
            result.citations.append(Citation(start, end, tuple(items)))
            taken.append((start, end))
    result.citations = [c for c in result.citations
                        if not any(a <= c.start and c.end <= b and (a, b) != (c.start, c.end) for a, b in taken)]
    for m in _NARRATIVE.finditer(masked):
        if any(a <= m.start() < b for a, b in taken):
            continue
        key = m.group("bkey") or m.group("key")
        result.citations.append(Citation(m.start(), m.end(), (Item(key, offset=m.start()),), narrative=True))
    for m in _MARKER.finditer(masked):
        result.markers.append((m.start(), m.end(), m.group(1)))
    result.citations.sort(key=lambda c: c.start)
    return result


_BRACKET_OR_BREAK = re.compile(r"(?<!\\)[\[\]]|\n[ \t]*\n")


def _brackets(text: str):
    """Innermost-first [ ... ] spans within one paragraph, skipping escaped brackets."""
    stack: list[int] = []
    for m in _BRACKET_OR_BREAK.finditer(text):
        c = m.group()
        if c == "[":
            stack.append(m.start())
        elif c == "]":
            if stack:
                yield stack.pop(), m.end()
        else:
            stack.clear()   # a blank line ends the paragraph


def _parse_group(inner: str, base: int) -> list[Item]:
    """'see @a, p. 3; @b' -> items; [] when any part is not a citation."""
    items = []
    offset = 0
    for part in inner.split(";"):
        m = _ITEM.fullmatch(part)
        if not m:
            return []
        prefix = m.group("prefix")
        if prefix and (prefix[-1].isalnum() or prefix[-1] in "@."):  # e-mail address etc.
            return []
        key = m.group("bkey") or m.group("key")
        items.append(Item(key=key, prefix=" ".join(prefix.split()), suffix=" ".join(m.group("suffix").split()),
                          year_only=bool(m.group("minus")), offset=base + offset + m.start("minus")))
        offset += len(part) + 1
    return items


def is_valid_key(key: str) -> bool:
    return _KEY_RE.fullmatch(key) is not None


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
