"""What the engine hands a host for one page (and what a host hands it): see site.py.

`PageCitations.swap` is the one pass after Markdown conversion: every placeholder becomes its
HTML, and the reference-list placeholders become the lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["FULL_LIST", "PAGE_LIST", "Backlink", "PageCitations", "PageSource"]

_TOKEN = re.compile(r"zqcitekit(\d+)zq")
PAGE_LIST = "\0page-list"          # what the page's own reference list stands for among the parts
FULL_LIST = "\0full-bibliography"  # ... and the site-wide list
_BLOCKS = (PAGE_LIST, FULL_LIST)


class PageSource(NamedTuple):
    """A page as the host read it."""

    markdown: str
    shown: str = ""        # how messages name it (e.g. docs/effects/x.md); the page's key if empty
    line_offset: int = 0   # lines above the Markdown (front matter)


class Backlink(NamedTuple):
    page: str          # the host's key of the citing page
    anchor: str = ""   # id of the heading the citation stands under ("" before any heading)
    section: str = ""  # that heading's text


@dataclass
class PageCitations:
    """One page's citations: its Markdown with placeholders, and what they stand for."""

    markdown: str = ""
    references: list[str] = field(default_factory=list)   # the page's reference list, in order
    full_bibliography: bool = False                       # the page holds the site-wide list
    added: list[str] = field(default_factory=list)        # known keys that no page had when scanned
    parts: list[str] = field(default_factory=list, repr=False)   # placeholder number -> HTML
    reference_list: str = field(default="", repr=False)
    source: str = field(default="", repr=False)           # the Markdown it was made from

    def placeholder(self, html: str) -> str:
        self.parts.append(html)
        return f"zqcitekit{len(self.parts) - 1}zq"

    def swap(self, html: str, listing: str = "", downloads: str = "") -> str:
        """The page with every placeholder replaced (one pass, one join): `listing` is the site-wide
        list, `downloads` the links to the page's exported files (above its own list)."""
        if not self.parts:
            return html
        pieces = _TOKEN.split(html)   # text, placeholder number, text, ...
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            n, after = int(pieces[i]), pieces[i + 1]
            part = self.parts[n] if n < len(self.parts) else ""
            if part in _BLOCKS:
                if out[-1].endswith("<p>") and after.startswith("</p>"):   # a block of its own
                    out[-1], after = out[-1][:-3], after[4:]
                out.append(downloads + self.reference_list if part == PAGE_LIST else listing)
            else:
                out.append(part)
            out.append(after)
        return "".join(out)
