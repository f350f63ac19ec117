"""Block-level regions of a Markdown page where no citation can stand, and paragraph ends.

One pass over the lines, in order, so that each construct is recognised where it starts:
fenced code (also indented, inside lists and admonitions), indented code blocks, HTML
comments and the raw-text elements `<script>`, `<style>`, `<pre>`, `<textarea>` (any case,
with attributes, anywhere on a line), snippet lines of pymdownx.snippets (`--8<--`),
attribute lists (`{: ... }`) and heading attributes (`# Title {#id}`). Every step moves
forward, so the pass is linear in the size of the page.

Indented code follows MkDocs (Python-Markdown) where it differs from pandoc: the content of
a list item, an admonition (`!!! note`), a content tab (`=== "Tab"`) or a footnote
definition is indented by four spaces, and code inside it by eight.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A raw-text opener: an HTML comment or an element whose content is never Markdown.
# Starts with a literal, so that a search skips to the next '<' quickly.
_RAW_OPEN = re.compile(r"<(?:!--|(?i:(script|style|pre|textarea))(?=[\s>/]|$))")
_RAW_CLOSE = {name: re.compile(rf"</(?i:{name})\s*>") for name in ("script", "style", "pre", "textarea")}
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")
_CONTAINER = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|(?:!!!|\?\?\?\+?)[ \t]|===[+!]?[ \t]"
                        r"|\[\^[^\]\n]+\]:)")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_SNIPPET = re.compile(r"[ \t]*-{1,}8<-{1,}")
_ATTR_LIST = re.compile(r"\{:[^{}\n]*\}")   # not '[^}]': a line of '{:' would be quadratic
_HEADING_ATTRS = re.compile(r"\{[ \t]*[#.][^{}\n]*\}[ \t]*$")
_ABBREVIATION = re.compile(r"[ \t]{0,3}\*\[[^\]\n]*\]:")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:", re.M)


class Blocks(NamedTuple):
    protected: list[tuple[int, int]]      # no citation inside, in order, not overlapping
    breaks: list[int]                     # positions where a paragraph (inline context) ends
    abbreviations: list[tuple[int, int]]  # lines `*[ABBR]: text` (MkDocs' abbr extension)
    labels: frozenset[str]                # link reference labels defined on the page


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def normal_label(label: str) -> str:
    """A link label as Markdown compares them: case and runs of white space do not matter."""
    return " ".join(label.split()).casefold()


def blocks(text: str) -> Blocks:
    """The block-level facts `scan` needs about a page."""
    protected: list[tuple[int, int]] = []
    breaks: list[int] = []
    abbreviations: list[tuple[int, int]] = []
    containers: list[int] = []   # content indents of the open lists and admonitions
    unclosed: dict[str, int] = {}   # '`' or '~' -> the shortest fence known to stay unclosed
    state = {"comments": True}      # False once a comment found no '-->': none after it will
    prev_blank, prev_para = True, False
    n = len(text)
    pos = 0
    while pos < n:
        eol = text.find("\n", pos)
        if eol < 0:
            eol = n
        line = text[pos:eol]
        if not line.strip():
            if not prev_blank:
                breaks.append(pos)
            prev_blank, prev_para = True, False
            pos = eol + 1
            continue
        indent = _indent(line)
        while containers and prev_blank and indent < containers[-1]:
            containers.pop()
        base = containers[-1] if containers else 0
        if indent >= base + 4 and (prev_blank or not prev_para):
            end = _indented_code_end(text, eol, base + 4)
            breaks.append(pos)
            protected.append((pos, end))
            breaks.append(end)
            pos, prev_blank, prev_para = end + 1, False, False
            continue
        first = line[len(line) - len(line.lstrip(" \t")):][:1]
        heading = False
        if not first.isalpha():   # a line of prose starts with a letter: none of these
            end = _block_end(text, line, eol, unclosed)
            if end >= 0:
                breaks.append(pos)
                protected.append((pos, end))
                breaks.append(end)
                pos, prev_blank, prev_para = end + 1, False, False
                continue
            if _CONTAINER.match(line):
                breaks.append(pos)
                containers.append(indent + 4)
            if _ABBREVIATION.match(line):
                abbreviations.append((pos, eol))
            heading = bool(_HEADING.match(line))
            if heading:
                breaks.append(pos)
                attrs = _HEADING_ATTRS.search(line)
                if attrs:
                    protected.append((pos + attrs.start(), pos + attrs.end()))
        if "{:" in line:
            protected.extend((pos + m.start(), pos + m.end()) for m in _ATTR_LIST.finditer(line))
        # Comments and raw-text elements may start anywhere and end lines further down.
        raw_end = _raw_elements(text, pos, eol, protected, state) if "<" in line else pos
        if raw_end > eol:
            eol = text.find("\n", raw_end)
            if eol < 0:
                eol = n
        if heading:
            breaks.append(eol)
        prev_blank, prev_para = False, not heading
        pos = eol + 1
    protected.sort()
    return Blocks(protected, sorted(breaks), abbreviations, _labels(text))


def _block_end(text: str, line: str, eol: int, unclosed: dict[str, int]) -> int:
    """The end of a fenced block or a snippet that starts on this line, or -1."""
    fence = _FENCE_OPEN.match(line)
    if fence and not (fence.group(1)[0] == "`" and "`" in line[fence.end():]):
        mark = fence.group(1)
        # A fence that found no closer: a longer one of the same kind further down
        # cannot find one either (this keeps a page of unclosed fences linear).
        if len(mark) >= unclosed.get(mark[0], 1 << 62):
            return -1
        end = _fence_end(text, eol, mark)
        if end < 0:
            unclosed[mark[0]] = len(mark)
        return end
    if _SNIPPET.match(line):
        if line.strip().strip("-").strip() == "8<":   # the block form: names on the lines below
            return _snippet_block_end(text, eol)
        return eol
    return -1


def _raw_elements(text: str, start: int, eol: int, protected: list[tuple[int, int]],
                  state: dict[str, bool]) -> int:
    """Record comments and raw-text elements that open on this line; where the last ends."""
    at = start
    while True:
        m = _RAW_OPEN.search(text, at, eol)
        if not m:
            return at
        if m.group(1) is None:
            close = text.find("-->", m.end()) if state["comments"] else -1
            if close < 0:   # pandoc: an unclosed comment is text
                state["comments"] = False
                at = m.end()
                continue
            end = close + 3
        else:
            c = _RAW_CLOSE[m.group(1).lower()].search(text, m.end())
            end = len(text) if c is None else c.end()
        protected.append((m.start(), end))
        at = end
        if at >= eol:
            return at


def _lines_after(text: str, eol: int):
    """(start, end) of each line after the one that ends at `eol`."""
    pos, n = eol + 1, len(text)
    while pos < n:
        nxt = text.find("\n", pos)
        if nxt < 0:
            nxt = n
        yield pos, nxt
        pos = nxt + 1


def _indented_code_end(text: str, eol: int, need: int) -> int:
    """Where an indented code block that starts on this line ends (the end of its last line)."""
    end = eol
    for pos, nxt in _lines_after(text, eol):
        line = text[pos:nxt]
        if line.strip():
            if _indent(line) < need:
                break
            end = nxt
    return end


def _fence_end(text: str, eol: int, fence: str) -> int:
    """The end of a fenced block's closing line; -1 when it is never closed (then, for pandoc
    and Python-Markdown alike, the fence is text)."""
    char = fence[0]
    for pos, nxt in _lines_after(text, eol):
        stripped = text[pos:nxt].strip(" \t")
        if len(stripped) >= len(fence) and stripped.strip(char) == "":
            return nxt
    return -1


def _snippet_block_end(text: str, eol: int) -> int:
    for pos, nxt in _lines_after(text, eol):
        if _SNIPPET.match(text, pos) and text[pos:nxt].strip().strip("-").strip() == "8<":
            return nxt
    return len(text)


def _labels(text: str) -> frozenset[str]:
    # A label holding '@' is read as a citation by pandoc, never as a definition.
    if "]:" not in text:
        return frozenset()
    return frozenset(normal_label(m.group(1)) for m in _DEFINITION.finditer(text) if "@" not in m.group(1))
