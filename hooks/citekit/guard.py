"""The last check before a page is published: no citation of a known key left as raw text.

A host that skips the engine for part of a page (a title, a tooltip, an included
snippet, or the whole page when a host ignores our adapter) would otherwise publish
`[@key]` silently. Every host calls `raw_citations` on each page it writes.
"""

from __future__ import annotations

import re
from collections.abc import Container
from html.parser import HTMLParser
from typing import NamedTuple

from .syntax import KEY

# A bracketed group holding an @key, written as characters (the engine's own output
# escapes '[' and '@' as character references, so it never matches).
_GROUP = re.compile(r"\[([^\[\]<>\n]*)\]")
_KEY_IN_GROUP = re.compile(r"(?:^|[\s;])-?@(?:\{([^{}\s]+)\}|(" + KEY + r"))")
# Where '[@key]' is meant literally: code, scripts, styles, comments, form fields.
_LITERAL = {"code", "pre", "script", "style", "textarea", "kbd", "samp"}


class RawCitation(NamedTuple):
    key: str
    line: int       # line of the HTML where it stands
    text: str       # the bracketed text, e.g. "[@smith2000]"


def raw_citations(html: str, keys: Container[str]) -> list[RawCitation]:
    """Every `[@key]` of a known key in the page's text or attributes, outside code."""
    if "@" not in html or not any(_known(m, keys) for m in _GROUP.finditer(html)):
        return []   # the usual case, decided without parsing the page
    finder = _Finder(keys)
    finder.feed(html)
    finder.close()
    return finder.found


def known_citations(text: str, keys: Container[str]) -> list[tuple[re.Match, list[str]]]:
    """Each bracketed group of `text` that cites a known key, with those keys (in order).

    The guard's own reading of raw text, for the checks that look at other places of a page
    (pagemeta/rawhtml.py: attributes of raw HTML) and must agree with it.
    """
    return [(group, known) for group in _GROUP.finditer(text) if (known := _known(group, keys))]


def _known(group: re.Match, keys: Container[str]) -> list[str]:
    return [k for m in _KEY_IN_GROUP.finditer(group.group(1)) if (k := m.group(1) or m.group(2)) in keys]


class _Finder(HTMLParser):
    def __init__(self, keys: Container[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.keys = keys
        self.literal = 0
        self.found: list[RawCitation] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LITERAL:
            self.literal += 1
        elif not self.literal:
            for _, value in attrs:
                self._look(value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _LITERAL and not self.literal:
            for _, value in attrs:
                self._look(value or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _LITERAL and self.literal:
            self.literal -= 1

    def handle_data(self, data: str) -> None:
        if not self.literal:
            self._look(data)

    def _look(self, text: str) -> None:
        if "@" not in text:
            return
        line = self.getpos()[0]
        for group in _GROUP.finditer(text):
            for key in _known(group, self.keys):
                self.found.append(RawCitation(key, line + text.count("\n", 0, group.start()), group.group()))
