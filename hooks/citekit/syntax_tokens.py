"""Inline tokens of a Markdown page, read left to right as pandoc reads them.

What matters to citations: brackets, semicolons and citation keys. Code spans, inline math
(`$...$`, `$$...$$`), raw HTML tags, autolinks and backslash escapes are consumed as wholes
where they start, so nothing inside them becomes a token; a key is consumed where its '@'
stands, so `@a<l>b` is one key and not a key and a tag.

Linear in the size of the page: every event is visited once, and the searches a code span
or a math span needs (the next run of backticks of the same length, the next closing '$')
are answered from tables built right to left beforehand, never by searching again.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

OPEN, CLOSE, SEMI, KEY, BREAK = "[", "]", ";", "@", "\n"
IMAGE = "!["    # '![': an image when a link follows, else '!' and a bracket
NOTE = "^["     # an inline note: its brackets are text, its content is read as usual

# One character class: a pattern of alternatives was ten times slower to search. The
# characters that only matter next to one of these ('-@', '![', '^[') are looked at from it.
_EVENTS = re.compile(r"[\\`$<\[\];@]")
_BACKSLASHES = re.compile(r"\\+")
_KINDS = {"[": OPEN, "]": CLOSE, ";": SEMI}
_EXAMPLE = re.compile(r"@\w+(?:-\w+)*")
# pandoc: a key starts with a letter, digit, '_' (or '*'), goes on with letters, digits and
# '_', and may hold :.#$%&-+?<>~/ between them; ':' and '/' may also stand before a '/'.
_KEY = re.compile(r"[\w*](?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*")
# `@{...}`: any characters but white space, with braces inside balanced. One level of inner
# braces is read (pandoc reads any depth): a regular expression that cannot go deeper keeps a
# page of '@{' linear.
# Control characters are never part of a key (a key is echoed in messages).
_BRACED = re.compile(r"\{((?:[^\s{}\x00-\x1f\x7f-\x9f]|\{[^\s{}\x00-\x1f\x7f-\x9f]*\})*)\}")
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?"
                  r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*"
                  r"|[^\s<>@]+@[^\s<>]+)>")


class Token(NamedTuple):
    kind: str
    start: int
    end: int
    key: str = ""          # KEY: the key
    suppress: bool = False  # KEY: written '-@key'
    at: int = 0            # KEY: where the '@' stands


def is_word(ch: str) -> bool:
    """A letter or digit of any script (what Haskell's isAlphaNum accepts)."""
    return ch.isalnum() or unicodedata.category(ch)[0] in "LN"


class _Runs:
    """Backtick runs of the page, and for each the closer a code span opened there would take.

    pandoc opens a code span at a run of n backticks and closes it at the next run of exactly
    n in the same paragraph; with none, the first backtick is text and it tries again with
    n - 1 from the next one. So the span opened at a run takes the largest length m <= n that
    occurs after it in the paragraph, and closes at the first such run.
    """

    def __init__(self, text: str, breaks: list[int]) -> None:
        self.runs = [m.span() for m in re.finditer(r"``*", text)] if "`" in text else []
        self.starts = [a for a, _ in self.runs]
        self.closer: dict[tuple[int, int], int] = {}
        nearest: dict[int, int] = {}
        lengths: list[int] = []   # distinct lengths after the current run, sorted
        para = None
        for i in range(len(self.runs) - 1, -1, -1):
            a, b = self.runs[i]
            here = bisect.bisect_right(breaks, a)
            if here != para:
                para, nearest, lengths = here, {}, []
            for n in (b - a, b - a - 1):   # as written, and after an escaped first backtick
                k = bisect.bisect_right(lengths, n) - 1
                if n > 0 and k >= 0:
                    self.closer[(i, n)] = nearest[lengths[k]]
            width = b - a
            if width not in nearest:
                bisect.insort(lengths, width)
            nearest[width] = i

    def span_from(self, index: int, start: int) -> int | None:
        """Where a code span opened at `start` (in run `index`) ends; None when it is text."""
        a, b = self.runs[index]
        closer = self.closer.get((index, b - start))
        if closer is None:
            return None
        return self.runs[closer][1]


class _Dollars:
    """For every '$', where inline math opened just before it would close (or -1).

    pandoc's `$...$`: a '$' with white space before it ends the attempt (no math); a '$'
    followed by a digit is content; any other unescaped '$' closes.
    """

    def __init__(self, text: str, breaks: list[int]) -> None:
        self.pos = [m.start() for m in re.finditer(r"\$", text)] if "$" in text else []
        self.close = [-1] * len(self.pos)
        following = -1
        para = None
        for i in range(len(self.pos) - 1, -1, -1):
            p = self.pos[i]
            here = bisect.bisect_right(breaks, p)
            if here != para:
                para, following = here, -1
            if _escaped(text, p):
                self.close[i] = following
                continue
            if p and text[p - 1].isspace():
                following = -1
            elif p + 1 < len(text) and text[p + 1].isdigit():
                pass
            else:
                following = p
            self.close[i] = following
        self.index = {p: i for i, p in enumerate(self.pos)}

    def inline_end(self, opener: int) -> int:
        """Where `$...$` opened at `opener` closes, or -1."""
        i = self.index[opener] + 1
        if i >= len(self.pos):
            return -1
        # close[i] answers for a scan that starts at the i-th '$'
        return self.close[i]


def tokens(text: str, breaks: list[int]) -> tuple[list[Token], list[tuple[int, int]]]:
    """The tokens of a (masked) page, and the inline spans consumed whole (code, math, tags)."""
    out: list[Token] = []
    atoms: list[tuple[int, int]] = []
    escaped: set[int] = set()
    runs = _Runs(text, breaks)
    dollars: _Dollars | None = None
    key_ends: set[int] = set()
    n = len(text)
    bi, nb = 0, len(breaks)
    pos = 0
    for m in _EVENTS.finditer(text):
        start = m.start()
        if start < pos:
            continue
        while bi < nb and breaks[bi] <= start:
            out.append(Token(BREAK, breaks[bi], breaks[bi]))
            bi += 1
        ch = text[start]
        if ch == "[" or ch == "]" or ch == ";":
            before = text[start - 1:start] if start > pos else ""
            if ch == "[" and before in ("!", "^"):
                out.append(Token(IMAGE if before == "!" else NOTE, start - 1, start + 1))
            else:
                out.append(Token(_KINDS[ch], start, start + 1))
            pos = start + 1
        elif ch == "@":
            begin = start - 1 if start > pos and text[start - 1] == "-" else start
            tok = _key(text, begin, escaped, key_ends)
            if tok is not None:
                out.append(tok)
                key_ends.add(tok.end)
                pos = tok.end
        elif ch == "\\":
            end = _BACKSLASHES.match(text, start).end()
            if (end - start) % 2 and end < n and not text[end].isalnum() and not text[end].isspace():
                escaped.add(end)
                pos = end + 1
            else:
                pos = end
        elif ch == "`":
            index = bisect.bisect_right(runs.starts, start) - 1
            close = runs.span_from(index, start)
            if close is not None and close <= _para_end(breaks, start, n):
                atoms.append((start, close))
                pos = close
            else:
                pos = runs.runs[index][1]
        elif ch == "$":
            if dollars is None:
                dollars = _Dollars(text, breaks)
            end = start + 2 if text.startswith("$$", start) else start + 1
            close = _math_end(text, start, end, breaks, dollars)
            if close > 0:
                atoms.append((start, close))
                pos = close
            else:   # no closing '$$': the first '$' is text, `$...$` may open at the second
                pos = start + 1
        else:   # '<'
            tag = _TAG.match(text, start)
            if tag:
                atoms.append(tag.span())
                pos = tag.end()
    while bi < nb:
        out.append(Token(BREAK, breaks[bi], breaks[bi]))
        bi += 1
    return out, atoms


def _escaped(text: str, at: int) -> bool:
    """An odd number of backslashes stands right before `at`. Each run of backslashes is
    counted for the one character after it only, so this stays linear over a page."""
    i = at
    while i and text[i - 1] == "\\":
        i -= 1
    return (at - i) % 2 == 1


def _para_end(breaks: list[int], at: int, n: int) -> int:
    i = bisect.bisect_right(breaks, at)
    return breaks[i] if i < len(breaks) else n


def _math_end(text: str, start: int, end: int, breaks: list[int], dollars: _Dollars) -> int:
    """The end of `$...$` or `$$...$$` opened at `start`, or -1."""
    limit = _para_end(breaks, start, len(text))
    if end - start == 2:
        close = text.find("$$", end, limit)
        return close + 2 if close >= 0 else -1
    if end >= len(text) or text[end].isspace():
        return -1
    close = dollars.inline_end(start)
    return close + 1 if 0 <= close < limit else -1


def _after_string(text: str, at: int, escaped: set[int], key_ends: set[int]) -> bool:
    """pandoc's notAfterString: a key may not follow a word (as in 'user@host').

    A letter, digit or '.' ends a word; an escaped character, a key and an ellipsis '...'
    (pandoc's smart punctuation) do not."""
    if at == 0:
        return False
    prev = text[at - 1]
    if (at - 1) in escaped or at in key_ends:
        return False
    if prev == ".":
        return not (text[at - 3:at] == "..." and text[at - 4:at - 3] != ".")
    return is_word(prev)


def _key(text: str, start: int, escaped: set[int], key_ends: set[int]) -> Token | None:
    suppress = text[start] == "-"
    if suppress and (_after_string(text, start, escaped, key_ends) or text[start - 1:start] == "-"):
        # '--@key': the dashes are an en dash (pandoc's smart punctuation), not '-@'.
        start, suppress = start + 1, False   # 'x-@key': the '-' is text, the key may still be one
    at = start + 1 if suppress else start
    if not suppress and _after_string(text, at, escaped, key_ends):
        # pandoc reads '@label' here as a reference to a numbered example: its text is no
        # word, so a key right after it ('x@b@c': '@c') is one.
        example = _EXAMPLE.match(text, at)
        if example:
            key_ends.add(example.end())
        return None
    if at + 1 < len(text) and text[at + 1] == "{":
        braced = _BRACED.match(text, at + 1)
        if braced is None:
            return None
        return Token(KEY, start, braced.end(), braced.group(1), suppress, at)
    m = _KEY.match(text, at + 1)
    if not m:
        return None
    return Token(KEY, start, m.end(), m.group(), suppress, at)
