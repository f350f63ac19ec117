"""Whole-site citation facts, and the engine's API for any site generator (host).

A host hands the engine every page's Markdown at once and gets back what to put in
its place; the engine knows nothing of MkDocs, Zensical or any event order:

    from citekit import build_site, raw_citations

    build = build_site({"index.md": "# Home\\n\\nAs shown [@smith2000].\\n", ...}, bib)
    build.report                       # Report: unknown keys (one message per key), advisories
    page = build.pages["index.md"]     # PageCitations
    page.markdown                      # give this to Markdown instead of the page's own text
    page.references                    # the keys of the page's reference list, in order
    html = page.swap(converted_html)   # after Markdown: each placeholder becomes its HTML
    if page.full_bibliography:         # the page holds \\full_bibliography: the site-wide list
        html = page.swap(converted_html, listing=build.listing(href, title))
    raw_citations(final_html, build.keys)   # the guard: [@key] of a known key left as text

Pages are keyed however the host likes (MkDocs: `src_uri`); the same key comes back in
backlinks and in the `href(page)` and `title(page)` callbacks of `listing`, which map a
page to a link (relative to the listing's page) and to its title. A page's value is its
Markdown, or a `PageSource` that also says how messages name it and how many lines of
front matter stood above it.

Each page is scanned once. All pages are scanned before any is rendered, so that the
a/b letters after a year are the same everywhere. Backlinks come from the scan: each
citation's page and the heading it stands under, with the id that heading gets
(`headings.py`). Each citation becomes one placeholder (letters and digits, which
Markdown leaves alone) and is swapped for its HTML in one pass after conversion; a
citation in a heading goes in as HTML at once, so that the table of contents shows it.
Reference lists carry `data-search-exclude` (Material's search skips them); their entries are
also exported as files (`export.build_files`) that the host writes into the site.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape

from . import headings, render, style
from .bibliography import Bibliography
from .diagnostics import ADVICE, WARNING, Report
from .guard import raw_citations
from .pagecitations import FULL_LIST, PAGE_LIST, Backlink, PageCitations, PageSource
from .syntax import Scan, line_col, scan

__all__ = ["Backlink", "PageCitations", "PageSource", "Site", "SiteBuild", "build_site", "raw_citations"]

_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Site:
    """The engine's state for one build: scan every page, `finish`, then render."""

    bib: Bibliography
    report: Report = field(default_factory=Report)
    cited: dict[str, list[str]] = field(default_factory=dict)   # page -> keys in order of first use
    backlinks: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    labels: style.Labels | None = None
    # key -> what the style made of its entry: made once, for the labels and for rendering
    cards: dict[str, style.Card] = field(default_factory=dict, repr=False)
    titles: dict[str, str] = field(default_factory=dict)        # page -> its first H1, as text
    scans: dict[str, tuple[str, Scan]] = field(default_factory=dict, repr=False)
    rendered: dict[str, PageCitations] = field(default_factory=dict, repr=False)
    # key -> every (page, line, column) citing it while it is unknown; reported in finish()
    unknown: dict[str, list[tuple[str, int, int, bool]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Cards depend on the entry alone: those made by earlier builds come with the bibliography.
        if not self.cards:
            self.cards = self.bib.derived.setdefault("cards", self.cards)

    # ---- phase 1: scan every page ------------------------------------------

    def scan_page(self, page: str, text: str, line_offset: int = 0, *, shown: str = "",
                  found: Scan | None = None) -> None:
        """Record a page's citations; `text` is its Markdown, `line_offset` the lines above it.
        `found` is the page's scan when the host has made it already."""
        found = scan(text) if found is None else found
        self.scans[page] = (text, found)
        keys: dict[str, None] = {}
        for cit in found.citations:
            if cit.context == "abbreviation":   # its HTML would land in the <abbr title> attribute
                line, col = line_col(text, cit.start)
                self.report.add(shown or page, line + line_offset, f"citation '{text[cit.start:cit.end]}' in an "
                                "abbreviation definition is not rendered: the definition becomes a tooltip (the "
                                "title of <abbr>), which holds text only", column=col,
                                hint="Write the definition without the citation, and cite in the page text")
                continue
            for item in cit.items:
                if item.key in self.bib:
                    keys[self.bib.canonical(item.key)] = None   # a biblatex alias counts as its entry
                    continue
                line, col = line_col(text, text.index(item.key, item.offset))
                self.unknown.setdefault(item.key, []).append((shown or page, line + line_offset, col, cit.narrative))
        for item in found.ignored:   # a key in a link's text or an image's alt text
            line, col = line_col(text, item.offset)
            self.report.add(shown or page, line + line_offset, f"citation '@{item.key}' inside a link's text or "
                            "an image's alt text is not rendered", column=col, severity=WARNING,
                            hint="Move it out of the brackets of the link or image")
        self.cited[page] = list(keys)

    def finish(self) -> None:
        """Fix the labels for the whole site; report unknown keys and entries nobody cites."""
        self._report_unknown()
        all_cited = {k for keys in self.cited.values() for k in keys}
        self.labels = style.assign_labels(self.bib, all_cited, self.cards, self.report)
        for key, entry in self.bib.entries.items():
            if key not in all_cited:
                self.report.add(entry.path, entry.line, f"entry '{key}' is not cited on any page",
                                severity=ADVICE, hint="Cite it or remove it")
            elif not entry.get("doi") and not entry.get("pmid"):
                self.report.add(entry.path, entry.line, f"entry '{key}' has neither a DOI nor a PMID",
                                severity=ADVICE, hint="Add doi = {...} or pmid = {...} if the paper has one")

    def _report_unknown(self) -> None:
        failed = list(getattr(self.bib, "failed", None) or [])
        if failed:
            # Any unknown key may sit in the part that did not load: no guesses, one message.
            places = [p for found in self.unknown.values() for p in found if not p[3]]
            if places:
                path, line, col, _ = min(places)
                files = " and ".join(f"{f}:{n}" for f, n in failed)
                count = f"{len(places)} citation{'s' if len(places) != 1 else ''}"
                self.report.add(path, line, f"{count} could not be checked because {files} did not load",
                                column=col, hint="Fix the BibTeX error listed first; then build again")
            return
        for key, places in self.unknown.items():
            close = difflib.get_close_matches(key, self.bib.entries.keys(), n=1, cutoff=0.8)
            if not close and all(p[3] for p in places):
                # Only narrative '@key's: perhaps text that only looks like a citation ('@media'),
                # but never dropped silently.
                path, line, col, _ = places[0]
                also = f" (also at {', '.join(f'{p}:{n}' for p, n, _, _ in places[1:])})" if len(places) > 1 else ""
                self.report.add(path, line, f"unknown citation key '{key}' in '@{key}'{also}", column=col,
                                severity=WARNING, hint="Write \\@ if it is no citation, or add the entry to a "
                                ".bib file")
                continue
            if not close:
                places = [p for p in places if not p[3]]
            path, line, col, _ = places[0]
            also = ""
            if len(places) > 1:
                also = f" (also at {', '.join(f'{p}:{n}' for p, n, _, _ in places[1:])})"
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            if close:
                hint = ""
            elif self.bib.incomplete:
                hint = "It may be in an entry that could not be read: fix the BibTeX errors listed first"
            else:
                hint = "Check the key, or add the entry to a .bib file in bib/"
            self.report.add(path, line, f"unknown citation key '{key}'{guess}{also}", column=col, hint=hint)

    @cached_property
    def resolver(self) -> render.Resolver:
        assert self.labels is not None, "finish() must run before rendering"
        return render.Resolver(self.bib.entries, self.labels, self.cards)

    # ---- phase 2: render pages ---------------------------------------------

    def render_all(self) -> None:
        """Render every scanned page, and record where each cites what (the backlinks)."""
        for page, (text, found) in self.scans.items():
            self.rendered[page] = self.render_page(text, known=found, page=page)
        self.scans.clear()

    def page(self, page: str, markdown: str) -> PageCitations:
        """The page rendered by `render_all`, or rendered now if its Markdown has changed since."""
        done = self.rendered.get(page)
        if done is not None and done.source == markdown:
            return done
        # Another step changed the page (e.g. a generated table with citations): its backlinks too.
        for links in self.backlinks.values():
            links[:] = [b for b in links if b.page != page]
        done = self.rendered[page] = self.render_page(markdown, page=page)
        return done

    def render_page(self, markdown: str, *, heading: str = "References", known: Scan | None = None,
                    page: str | None = None) -> PageCitations:
        """A page's Markdown with a placeholder where each citation and list goes.

        `known` is the scan of this same text from phase 1; `page`, when given, records
        the page's backlinks and title.
        """
        result = known if known is not None else scan(markdown)
        res, years = self.resolver, self.labels.years
        done = PageCitations()
        cited: dict[str, None] = {}
        pieces: list[tuple[int, int, str]] = []
        found_headings = headings.find_headings(markdown) if page is not None or result.citations else []
        in_heading = _Within(found_headings)
        texts: dict[int, tuple[int, str]] = {}   # start of a citation in a heading -> (its end, its text)
        sites: list[tuple[int, list[str]]] = []
        for cit in result.citations:
            if cit.context == "abbreviation":   # reported by scan_page; left as text, which abbr escapes
                continue
            if any(item.key in self.bib.entries.aliases for item in cit.items):   # biblatex `ids`
                cit = cit._replace(items=tuple(i._replace(key=self.bib.canonical(i.key)) for i in cit.items))
            keys = cit.keys
            if not all(map(years.__contains__, keys)):
                # Unknown keys were reported in phase 1 (or are text that only looks like a key);
                # a known key without a label was in no page then: something added it since.
                done.added.extend(k for k in keys if k in self.bib and k not in years and k not in done.added)
                continue
            html = render.citation(cit, res, keys)
            if in_heading.at(cit.start):
                pieces.append((cit.start, cit.end, html))
                texts[cit.start] = (cit.end, unescape(_TAGS.sub("", html)))
            else:
                pieces.append((cit.start, cit.end, done.placeholder(html)))
            cited.update(dict.fromkeys(keys))
            sites.append((cit.start, keys))
        for start, end, name in result.markers:
            part = PAGE_LIST if name == "bibliography" else FULL_LIST
            done.full_bibliography |= part == FULL_LIST
            pieces.append((start, end, "\n\n" + done.placeholder(part) + "\n\n"))
        out, pos = [], 0
        for start, end, html in sorted(pieces):
            out.append(markdown[pos:start])
            out.append(html)
            pos = end
        out.append(markdown[pos:])
        done.references = sorted(cited, key=res.sort_key)
        if done.references:
            items = "".join(res.reference_item(k) for k in done.references)
            done.reference_list = f'<ul class="references" data-search-exclude>{items}</ul>'
            if not result.markers:
                while out and not out[-1].strip():   # what text.rstrip() would do, without copying the text
                    out.pop()
                if out:
                    out[-1] = out[-1].rstrip()
                out.append(f"\n\n## {heading} {{#references}}\n\n{done.placeholder(PAGE_LIST)}\n")
        done.markdown = "".join(out)
        done.source = markdown
        if page is not None:
            self._record(page, markdown, found_headings, texts, sites)
        return done

    def _record(self, page: str, markdown: str, found: list[headings.Heading], texts: dict[int, tuple[int, str]],
                sites: list[tuple[int, list[str]]]) -> None:
        """The page's backlinks and title, from its headings."""
        names = [headings.plain_heading_text(_with_citation_text(markdown, h, texts)) for h in found]
        named = headings.sections(markdown, found, names)
        first_h1 = next((s.name for s, h in zip(named, found, strict=True) if h.level == 1), "")
        self.titles[page] = first_h1
        seen: set[tuple[str, Backlink]] = set()
        i = 0
        for at, keys in sites:
            while i < len(named) and named[i].start <= at:
                i += 1
            section = named[i - 1] if i else None
            link = Backlink(page, section.anchor, section.name) if section else Backlink(page)
            for key in keys:
                if (key, link) not in seen:
                    seen.add((key, link))
                    self.backlinks[key].append(link)

    def listing(self, href: Callable[[str], str], title: Callable[[str], str] | None = None,
                order: Callable[[str], object] | None = None) -> str:
        """Every cited entry once, with 'Cited on' links.

        `href(page)` is the link to a page from the listing's own page; `title(page)` its
        title (by default the page's first H1); `order(page)` the sort key that puts the
        'Cited on' links in the site's reading order (by default the order pages were
        scanned in). Within a page, links follow the page's own order.
        """
        title = title or (lambda page: self.titles.get(page, page))
        if order is None:
            scanned = {page: i for i, page in enumerate(self.cited)}
            order = lambda page: scanned.get(page, len(scanned))  # noqa: E731
        items = []
        for key in self.listed_keys():
            links = []
            # sorted() is stable: the links of one page keep the order they stand in on it.
            for url, link in sorted(((href(b.page), b) for b in self.backlinks.get(key, [])),
                                    key=lambda pair: order(pair[1].page)):
                target = url + (f"#{link.anchor}" if link.anchor else "")
                page_title = title(link.page)
                where = page_title + (f" › {link.section}" if link.section and link.section != page_title else "")
                links.append(f'<a href="{render.attr(target)}">{render.text(where)}</a>')
            extra = f' <span class="cited-on">Cited on: {", ".join(links)}</span>' if links else ""
            items.append(self.resolver.reference_item(key, extra))
        return f'<ul class="references">{"".join(items)}</ul>'

    def listed_keys(self) -> list[str]:
        """The keys of the site-wide list, in its order (what the site-wide export holds)."""
        all_cited = {k for keys in self.cited.values() for k in keys} | {k for k, v in self.backlinks.items() if v}
        return sorted((k for k in all_cited if k in self.bib), key=self.resolver.sort_key)


class _Within:
    """Is a position inside one of these headings' text?"""

    def __init__(self, found: list[headings.Heading]) -> None:
        self.spans = [(h.text_start, h.text_end) for h in found]

    def at(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.spans)


def _with_citation_text(markdown: str, heading: headings.Heading, texts: dict[int, tuple[int, str]]) -> str:
    """A heading's Markdown with each citation in it replaced by the citation's text."""
    out, pos = [], heading.text_start
    for start in sorted(s for s in texts if heading.text_start <= s < heading.text_end):
        end, text = texts[start]
        out.append(markdown[pos:start])
        out.append(text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`"))
        pos = end
    out.append(markdown[pos:heading.text_end])
    return "".join(out)


@dataclass
class SiteBuild:
    """What `build_site` returns: every page's citations and the site-wide facts."""

    site: Site
    pages: dict[str, PageCitations]

    @property
    def report(self) -> Report:
        return self.site.report

    @cached_property
    def keys(self) -> set[str]:
        """Every key of the bibliography (what the guard looks for)."""
        return set(self.site.bib.entries)

    @property
    def backlinks(self) -> dict[str, list[Backlink]]:
        return self.site.backlinks

    def listing(self, href: Callable[[str], str], title: Callable[[str], str] | None = None,
                order: Callable[[str], object] | None = None) -> str:
        return self.site.listing(href, title, order)


def build_site(pages: Mapping[str, str | PageSource], bib: Bibliography, *,
               scans: Mapping[str, Scan] | None = None, render_pages: bool = True) -> SiteBuild:
    """Scan every page, fix the labels, render every page (see the module's docstring).

    `scans` holds scans the host has made already (so that no page is scanned twice);
    `render_pages=False` stops after the report (a host that will not build anyway).
    """
    site = Site(bib)
    for key, value in pages.items():
        source = value if isinstance(value, PageSource) else PageSource(value)
        site.scan_page(key, source.markdown, source.line_offset, shown=source.shown or key,
                       found=(scans or {}).get(key))
    site.finish()
    if render_pages:
        site.render_all()
    return SiteBuild(site, site.rendered)
