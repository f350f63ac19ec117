"""Citations from inline tokens, by pandoc's rules (its Markdown reader's `cite`).

A bracketed citation is `[` prefix key suffix (`;` prefix key suffix)* `]`, where a prefix
runs to the first key (a `;` in it fails the citation), a suffix runs to
the next `;` or `]`, and brackets, links and citations inside either are taken whole. It is
no citation when `[`, `(` or `{` follows (then it is a link, a span or text), except a
footnote marker `[^1]`. A key outside brackets is a narrative citation; a bracket right
after it holds its locator (`@key [p. 33]`), or is a citation of its own (`@a [@b]`).

Every table here is filled right to left, each entry from entries further right, so that no
position is read twice: pandoc itself re-reads a bracket's content for every bracket around
it, which is quadratic on a page of nested or unclosed brackets.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .syntax_blocks import normal_label
from .syntax_tokens import BREAK, CLOSE, IMAGE, KEY, NOTE, OPEN, SEMI, Token

_OPENERS = (OPEN, IMAGE, NOTE)
_GROUP_EVENTS = re.compile(r"[(){}]|\n[ \t]*\n")
# A link's destination: `(url)`, `(<url>)`, `(url "title")`; parentheses in the URL one deep.
# Without white space in the URL, each try ends at the next space, quote or parenthesis.
_DESTINATION = re.compile(r"""\([ \t]*(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"""
                          r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)""")


class Found(NamedTuple):
    """One citation as found: its span, its items and whether the first is narrative."""

    start: int
    end: int
    items: list[tuple[str, str, str, bool, int]]   # (key, prefix, suffix, suppress, offset)
    narrative: bool


class _Tables:
    def __init__(self, text: str, toks: list[Token], labels: frozenset[str]) -> None:
        self.text, self.toks, self.labels = text, toks, labels
        count = len(toks)
        self.starts = [t.start for t in toks]
        self.match = [-1] * count        # opener -> its closing bracket
        self.opener_of = [-1] * count    # closing bracket -> its opener
        self.cite = [-1] * count         # opener -> closing bracket of the citation it starts
        self.prefix_stop = [0] * count   # first key, ']', ';' or paragraph end from here
        self.suffix_stop = [0] * count   # first ';', ']' or paragraph end from here
        self.rest = [-1] * count         # key -> closing bracket of the citation list from it
        self.groups: set[int] | None = None   # '(' and '{' that are closed in their paragraph
        self._match_brackets()
        for k in range(count - 1, -1, -1):
            self._fill(k)

    def _match_brackets(self) -> None:
        stack: list[int] = []
        for i, t in enumerate(self.toks):
            if t.kind == BREAK:
                stack.clear()
            elif t.kind in _OPENERS:
                stack.append(i)
            elif t.kind == CLOSE and stack:
                opener = stack.pop()
                self.match[opener] = i
                self.opener_of[i] = opener

    def after(self, pos: int) -> int:
        """The index of the first token at or after text position `pos`."""
        return bisect.bisect_left(self.starts, pos)

    def _fill(self, k: int) -> None:
        t = self.toks[k]
        kind = t.kind
        if kind in (BREAK, CLOSE):
            self.prefix_stop[k] = self.suffix_stop[k] = k
        elif kind == KEY:
            self.prefix_stop[k] = k
            self.suffix_stop[k] = self.suffix_stop[k + 1]   # a key in a suffix is its text
            s = self.suffix_stop[k + 1]
            kind_s = self.toks[s].kind
            if kind_s == CLOSE:
                self.rest[k] = s
            elif kind_s == SEMI:
                p = self.prefix_stop[s + 1]
                if self.toks[p].kind == KEY and self.rest[p] >= 0:
                    self.rest[k] = self.rest[p]
        elif kind == SEMI:
            self.suffix_stop[k] = self.prefix_stop[k] = k   # a prefix holds no ';' (pandoc)
        else:   # an opener
            if kind != NOTE:
                self.cite[k] = self._cite(k)
            j = self.unit_end(k)
            self.prefix_stop[k] = self.prefix_stop[j]
            self.suffix_stop[k] = self.suffix_stop[j]

    def _cite(self, k: int) -> int:
        p = self.prefix_stop[k + 1]
        if self.toks[p].kind != KEY or self.rest[p] < 0:
            return -1
        at = self.toks[p].start
        at -= self.text[at - 1:at] == "-"   # '-@a': the ']' would stand before the '-'
        if at - 1 > self.toks[k].start and self.text[at - 1] == "]" and \
                self.opener_of[self.after(at - 1)] > k:
            # `[[x]@a]`, `[see []@a]`: pandoc reads no citation in brackets whose first key follows
            # the ']' of a bracket inside the prefix at once (found by tests/test_syntax_fuzz.py);
            # '@a' is narrative. (After the ']' of the citation's own '[', `[see]@a]`, it does.)
            return -1
        c = self.rest[p]
        if self._closed_group_at(self.toks[c].end):
            return -1   # a link, a reference link or a span whose text holds a key
        return c

    def _closed_group_at(self, pos: int) -> bool:
        """A whole `[...]` (not a footnote marker), `(...)` or `{...}` starts at pos."""
        ch = self.text[pos:pos + 1]
        if ch == "[":
            if self.text.startswith("[^", pos):
                return False
            o = self.after(pos)
            return o < len(self.toks) and self.toks[o].start == pos and self.match[o] >= 0
        if ch in ("(", "{"):
            if self.groups is None:
                self.groups = _groups(self.text)
            return pos in self.groups
        return False

    def unit_end(self, k: int) -> int:
        """The token after an opener's whole construct (citation, link, brackets), or k + 1."""
        if self.cite[k] >= 0:
            return self.cite[k] + 1
        end = self.link_end(k)
        if end >= 0:
            return self.after(end)
        if self.match[k] >= 0:
            return self.match[k] + 1
        return k + 1

    def link_end(self, k: int) -> int:
        """Where the link or image opened at k ends (text position), or -1 when it is none."""
        c = self.match[k]
        if c < 0 or self.toks[k].kind == NOTE:
            return -1
        text = self.text
        after = self.toks[c].end
        nxt = text[after:after + 1]
        if nxt == "(":
            dest = _DESTINATION.match(text, after)
            return dest.end() if dest else -1
        inner = text[self.toks[k].end:self.toks[c].start]
        if nxt == "[":
            o = self.after(after)
            if o < len(self.toks) and self.toks[o].kind == OPEN and self.toks[o].start == after \
                    and self.match[o] >= 0:
                label = text[self.toks[o].end:self.toks[self.match[o]].start]
                if normal_label(label or inner) in self.labels:
                    return self.toks[self.match[o]].end
        if nxt != ":" and normal_label(inner) in self.labels:
            return after
        return -1


def _groups(text: str) -> set[int]:
    """Every '(' and '{' that a matching ')' or '}' closes in the same paragraph (one pass)."""
    closed: set[int] = set()
    stacks: dict[str, list[int]] = {"(": [], "{": []}
    for m in _GROUP_EVENTS.finditer(text):
        ch = text[m.start()]
        if ch in stacks:
            stacks[ch].append(m.start())
        elif ch == ")" or ch == "}":
            stack = stacks["(" if ch == ")" else "{"]
            if stack:
                closed.add(stack.pop())
        else:   # a blank line ends the paragraph
            stacks["("].clear()
            stacks["{"].clear()
    return closed


def find(text: str, toks: list[Token], labels: frozenset[str]) -> tuple[list[Found], list[Token]]:
    """Citations in token order, and the keys left alone inside link text and image alt text."""
    toks = toks + [Token(BREAK, len(text), len(text))]
    tab = _Tables(text, toks, labels)
    found: list[Found] = []
    ignored: list[Token] = []
    i, count = 0, len(toks)
    while i < count:
        t = toks[i]
        if t.kind == KEY:
            i = _narrative(tab, i, found)
        elif t.kind in (OPEN, IMAGE):
            # An image is read before a citation at its bracket; a link only after one.
            if (t.kind == IMAGE and tab.link_end(i) >= 0) or tab.cite[i] < 0:
                end = tab.link_end(i)
                if end >= 0:
                    j = tab.after(end)
                    ignored.extend(x for x in toks[i + 1:j] if x.kind == KEY)
                    i = j
                    continue
                i += 1
                continue
            c = tab.cite[i]
            start = t.start if t.kind == OPEN else t.start + 1
            found.append(Found(start, toks[c].end, _items(tab, tab.prefix_stop[i + 1], t.end), False))
            i = c + 1
        else:
            i += 1
    return found, ignored


def _items(tab: _Tables, p: int, prefix_from: int) -> list[tuple[str, str, str, bool, int]]:
    """The items of the citation list that starts with key token p."""
    toks, text = tab.toks, tab.text
    items = []
    while True:
        key = toks[p]
        s = tab.suffix_stop[p + 1]
        items.append((key.key, _clean(text[prefix_from:key.start]), _clean(text[key.end:toks[s].start]),
                      key.suppress, key.at))
        if toks[s].kind == CLOSE:
            return items
        prefix_from = toks[s].end
        p = tab.prefix_stop[s + 1]


def _narrative(tab: _Tables, i: int, found: list[Found]) -> int:
    """A key outside brackets, with the locator in the bracket after it if there is one."""
    toks, text = tab.toks, tab.text
    key = toks[i]
    j = key.end
    while j < len(text) and text[j] in " \t":
        j += 1
    if j < len(text) and text[j] == "\n":
        j += 1
        while j < len(text) and text[j] in " \t":
            j += 1
    o = tab.after(j)
    if (j < len(text) and text[j] == "[" and text[j + 1:j + 2] != "^" and o < len(toks)
            and toks[o].kind == OPEN and toks[o].start == j and tab.cite[o] < 0):
        s = tab.suffix_stop[o + 1]
        close = -1
        rest: list[tuple[str, str, str, bool, int]] = []
        if toks[s].kind == CLOSE:
            close = s
        elif toks[s].kind == SEMI:
            p = tab.prefix_stop[s + 1]
            if toks[p].kind == KEY and tab.rest[p] >= 0:
                close = tab.rest[p]
                rest = _items(tab, p, toks[s].end)
        if close >= 0 and text[toks[close].end:toks[close].end + 1] not in ("[", "(", "{"):
            first = (key.key, "", _clean(text[toks[o].end:toks[s].start]), key.suppress, key.at)
            found.append(Found(key.start, toks[close].end, [first, *rest], not key.suppress))
            return close + 1
    found.append(Found(key.start, key.end, [(key.key, "", "", key.suppress, key.at)], not key.suppress))
    return i + 1


def _clean(raw: str) -> str:
    """A prefix or suffix as written (raw Markdown), with its runs of white space made one space."""
    return " ".join(raw.split())
