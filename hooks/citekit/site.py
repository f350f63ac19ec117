"""Whole-site citation facts: what every page cites, computed before any page renders.

A site is scanned once (`scan_page` for every page, then `finish`), which fixes
the a/b letters and reports unknown keys for all pages together. Pages are then
rendered in any order; backlinks are recorded as pages render and read once all
have been rendered.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from typing import NamedTuple

from . import render, style
from .bibliography import Bibliography
from .diagnostics import ADVICE, Report
from .syntax import Scan, line_col, scan

FULL_BIBLIOGRAPHY_PLACEHOLDER = '<div class="citekit-full-bibliography"></div>'
_PAGE_LIST = "\0page-list"   # stands for the page's reference list among the tokens
_TOKEN = re.compile(r"zqcitekit(\d+)zq")
_LIST_MARK = "<!--citekit:list-->"
_MARK = re.compile(r"<!--citekit:(\d+|list)-->")
_CITATION_SPAN = re.compile(r'<span class="citation[^"]*" data-cites="([^"]+)"')   # in a heading
_HEADING = re.compile(r'<h([1-6])[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Rendered:
    """What a page's tokens stand for, and the keys it cites.

    A citation goes through three forms: a token in the Markdown (Markdown has nothing
    to parse), a comment marker and its plain text in the converted page (what search
    indexes, at the cost of one comment), and its full markup in the finished page.
    """

    parts: list[str] = field(default_factory=list)      # token -> the citation's HTML
    texts: list[str] = field(default_factory=list)      # token -> its text, as HTML
    cites: list[list[str]] = field(default_factory=list)   # token -> its keys
    listed: list[str] = field(default_factory=list)     # the page's reference list, in order
    full_bibliography: bool = False                     # the page holds the site-wide list
    added: list[str] = field(default_factory=list)      # known keys not in the page when scanned
    resolver: render.Resolver | None = field(default=None, repr=False)

    def token(self, html: str, keys: list[str] | None = None) -> str:
        # Letters and digits only: Markdown and its extensions leave it alone.
        self.parts.append(html)
        self.texts.append(_TAGS.sub("", html))
        self.cites.append(keys or [])
        return f"zqcitekit{len(self.parts) - 1}zq"

    def fill(self, html: str) -> str:
        """The converted page, each citation as a marker and its text, each list as a marker."""
        if not self.parts:
            return html
        # One pass and one join: copying a page costs more on this kind of machine than the
        # Python that walks its few tokens.
        pieces = _TOKEN.split(html)   # text, token number, text, ...
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            n, after = int(pieces[i]), pieces[i + 1]
            if self.parts[n] == _PAGE_LIST:
                if out[-1].endswith("<p>") and after.startswith("</p>"):   # a block of its own
                    out[-1], after = out[-1][:-3], after[4:]
                out.append(_LIST_MARK)
            else:
                out.append(f"<!--citekit:{n}-->")
                out.append(self.texts[n])
            out.append(after)
        return "".join(out)

    def cited_sections(self, html: str) -> list[tuple[str, str, str]]:
        """(key, heading id, heading text) for every citation in a filled page."""
        headings = [(m.start(), m.group(2), _heading_text(m.group(3))) for m in _HEADING.finditer(html)]
        starts = [h[0] for h in headings]
        # Two searches that each start with a literal, rather than one pattern with two branches.
        cited = [(m.start(), self.cites[int(m.group(1))]) for m in _MARK.finditer(html) if m.group(1) != "list"]
        in_headings = [(m.start(), unescape(m.group(1)).split()) for m in _CITATION_SPAN.finditer(html)]
        if in_headings:
            cited = sorted(cited + in_headings)
        found = []
        for at, keys in cited:
            before = bisect.bisect_left(starts, at)   # the heading the citation follows
            section = headings[before - 1][1:] if before else ("", "")
            found.extend((key, *section) for key in keys)
        return found

    def finish(self, page_html: str, tail: str = "") -> str:
        """The finished page (after search indexing): citation markup and reference list in
        place, and `tail` at its end."""
        pieces = _MARK.split(page_html)   # text, marker, text, ...
        out = [pieces[0]]
        listed = False
        for i in range(1, len(pieces), 2):
            mark, after = pieces[i], pieces[i + 1]
            if mark == "list":
                if self.listed and not listed:
                    # Made here, not earlier: every page's list would otherwise be held until the end.
                    out.append('<ul class="references">')
                    out.extend(self.resolver.reference_item(k) for k in self.listed)
                    out.append("</ul>")
                    listed = True
            else:
                n = int(mark)
                if after.startswith(self.texts[n]):
                    out.append(self.parts[n])
                    after = after[len(self.texts[n]):]
                # else: something between the hook's two steps changed the text; leave it plain.
            out.append(after)
        out.append(tail)
        return "".join(out)


def _heading_text(inner: str) -> str:
    return " ".join(unescape(_TAGS.sub("", inner)).replace("¶", "").split())


class Backlink(NamedTuple):
    page_url: str
    page_title: str
    anchor: str = ""
    section: str = ""


@dataclass
class Site:
    bib: Bibliography
    report: Report = field(default_factory=Report)
    cited: dict[str, list[str]] = field(default_factory=dict)   # page -> keys in order of first use
    backlinks: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    labels: style.Labels | None = None
    scans: dict[str, tuple[str, Scan]] = field(default_factory=dict, repr=False)
    # page -> (its text, the text with tokens, what they stand for): see render_all
    rendered: dict[str, tuple[str, str, Rendered]] = field(default_factory=dict, repr=False)

    # ---- phase 1: scan every page ------------------------------------------

    def scan_page(self, page: str, text: str, line_offset: int = 0) -> None:
        """Record a page's citations; `text` is its Markdown, `line_offset` the lines above it."""
        keys: list[str] = []
        found = scan(text)
        self.scans[page] = (text, found)
        for cit in found.citations:
            for item in cit.items:
                if item.key in self.bib:
                    if item.key not in keys:
                        keys.append(item.key)
                    continue
                self._unknown(page, text, item.key, item.offset, line_offset, cit.narrative)
        self.cited[page] = keys

    def _unknown(self, page: str, text: str, key: str, offset: int, line_offset: int, narrative: bool) -> None:
        close = difflib.get_close_matches(key, self.bib.entries.keys(), n=1, cutoff=0.8)
        if narrative and not close:
            return  # '@media', '@user': text that only looks like a citation
        at = text.index(key, offset)
        line, col = line_col(text, at)
        guess = f" (did you mean '{close[0]}'?)" if close else ""
        if close:
            hint = ""
        elif self.bib.incomplete:
            hint = "It may be in an entry that could not be read: fix the BibTeX errors listed first"
        else:
            hint = "Check the key, or add the entry to a .bib file in bib/"
        self.report.add(page, line + line_offset, f"unknown citation key '{key}'{guess}", column=col, hint=hint)

    def finish(self) -> None:
        """Fix the labels for the whole site, and note entries nobody cites."""
        all_cited = {k for keys in self.cited.values() for k in keys}
        self.labels = style.assign_labels(self.bib, all_cited, self.cards, self.report)
        for key, entry in self.bib.entries.items():
            if key not in all_cited:
                self.report.add(entry.path, entry.line, f"entry '{key}' is not cited on any page",
                                severity=ADVICE, hint="Cite it or remove it")
            elif not entry.get("doi") and not entry.get("pmid"):
                self.report.add(entry.path, entry.line, f"entry '{key}' has neither a DOI nor a PMID",
                                severity=ADVICE, hint="Add doi = {...} or pmid = {...} if the paper has one")

    @property
    def cards(self) -> dict[str, style.Card]:
        # Kept with the parsed bibliography (see Bibliography.derived), so they outlive the build.
        return self.bib.derived.setdefault("style.cards", {})

    @cached_property
    def resolver(self) -> render.Resolver:
        assert self.labels is not None, "finish() must run before rendering"
        return render.Resolver(self.bib.entries, self.labels)

    # ---- phase 2: render pages ---------------------------------------------

    def render_all(self) -> None:
        """Render every scanned page's citations now, in one loop.

        The same work costs about twice as much done one page at a time, in between all
        that a site generator does to each page (measured in a MkDocs build: the processor's
        caches hold other things by then).
        """
        for page, (text, found) in self.scans.items():
            self.rendered[page] = (text, *self.render_page(text, known=found))
        self.scans.clear()

    def page(self, page: str, markdown: str) -> tuple[str, Rendered]:
        """`render_page` for one page, taken from `render_all` when its text is still the same."""
        done = self.rendered.pop(page, None)   # used once; keeping it only costs memory
        if done is not None and done[0] == markdown:
            return done[1], done[2]
        return self.render_page(markdown)

    def render_page(self, markdown: str, *, heading: str = "References",
                    known: Scan | None = None) -> tuple[str, Rendered]:
        """Markdown with a short token where each citation and list goes, and what they stand for.

        The HTML goes in after Markdown has run (`Rendered.fill`): Markdown then has
        nothing extra to parse, which is most of what citations would otherwise cost.
        `known` is the scan of this same text from phase 1, reused when given.
        """
        result = known if known is not None else scan(markdown)
        res = self.resolver
        entries, years = self.bib.entries, self.labels.years
        done = Rendered()
        cited: dict[str, None] = {}   # keys in the order of first citation
        pieces: list[tuple[int, int, str]] = []
        for cit in result.citations:
            keys = cit.keys
            if not all(map(years.__contains__, keys)):
                # Unknown keys were reported in phase 1 (or are text that only looks like a key);
                # a known key without a label was not in any page then: something added it since.
                done.added.extend(k for k in keys if k in entries and k not in years and k not in done.added)
                continue
            html = render.citation(cit, res, keys)
            line_start = markdown.rfind("\n", 0, cit.start) + 1
            # In a heading the HTML goes in directly, so that the table of contents reads well.
            in_heading = markdown.startswith("#", line_start)
            pieces.append((cit.start, cit.end, html if in_heading else done.token(html, keys)))
            cited.update(dict.fromkeys(keys))
        for start, end, name in result.markers:
            if name == "bibliography":
                pieces.append((start, end, "\n\n" + done.token(_PAGE_LIST) + "\n\n"))
            else:
                pieces.append((start, end, FULL_BIBLIOGRAPHY_PLACEHOLDER))
                done.full_bibliography = True
        out, pos = [], 0
        for start, end, html in sorted(pieces):
            out.append(markdown[pos:start])
            out.append(html)
            pos = end
        out.append(markdown[pos:])
        done.listed = sorted(cited, key=res.sort_key)
        done.resolver = res
        if done.listed and not result.markers:
            while out and not out[-1].strip():   # what text.rstrip() would do, without copying the text
                out.pop()
            if out:
                out[-1] = out[-1].rstrip()
            out.append(f"\n\n## {heading} {{#references}}\n\n{done.token(_PAGE_LIST)}\n")
        return "".join(out), done

    def add_backlinks(self, keys_by_anchor: list[tuple[str, str, str]], page_url: str, page_title: str) -> None:
        """Record (key, anchor, section title) triples found in a rendered page."""
        seen = set()
        for key, anchor_id, section in keys_by_anchor:
            link = Backlink(page_url, page_title, anchor_id, section)
            if (key, link) not in seen:
                seen.add((key, link))
                self.backlinks[key].append(link)

    def full_bibliography(self, relative: Callable[[str], str]) -> str:
        """Every cited entry once, with 'Cited on' links; `relative` maps a page URL to a link."""
        all_cited = {k for keys in self.cited.values() for k in keys} | set(self.backlinks)
        entries = [self.bib[k] for k in sorted((k for k in all_cited if k in self.bib), key=self.resolver.sort_key)]
        extras = {}
        for entry in entries:
            links = []
            for b in sorted(self.backlinks.get(entry.key, []), key=lambda b: (b.page_url, b.anchor)):
                href = relative(b.page_url) + (f"#{b.anchor}" if b.anchor else "")
                where = b.page_title + (f" › {b.section}" if b.section and b.section != b.page_title else "")
                links.append(f'<a href="{render.attr(href)}">{render.text(where)}</a>')
            if links:
                extras[entry.key] = f' <span class="cited-on">Cited on: {", ".join(links)}</span>'
        items = "".join(self.resolver.reference_item(e.key, extras.get(e.key, "")) for e in entries)
        return f'<ul class="references">{items}</ul>'
