"""Every use the Zensical adapter makes of code that other adapters share, in one place.

The citation engine (`citekit.Site`) and the page-metadata checks of hooks/pagerules.py
are used only through the functions below, so that a change of their API touches
this module alone. Nothing here knows of Zensical.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pagerules
from citekit import Bibliography, PageCitations, Report, Site, SiteBuild, export, find_sources, load_cached
from citekit.syntax import KEY  # what a citation key may look like (pandoc's rule)
from citethispage import page_citation

DEFAULT_SOURCES = ["bib/**/*.bib"]
Rendered = PageCitations   # what a page's placeholders stand for (citekit.site)

__all__ = ["KEY", "Bibliography", "CitationSite", "Rendered", "Report", "check_evidence_cited", "check_figures",
           "cite_block", "effect_row", "load_bibliography", "load_rules"]


def load_bibliography(root: Path, patterns: list[str] | str | None) -> Bibliography:
    """Every .bib file the patterns (relative to root) match, parsed (or read from the disk cache)."""
    found = DEFAULT_SOURCES if patterns is None else [patterns] if isinstance(patterns, str) else list(patterns)
    return load_cached(find_sources(root, found), root)


class CitationSite:
    """One build's citations: scan every page, then render each page and the site-wide list.

    Pages are keyed by how messages name them (docs/effects/x.md); backlinks come from
    the engine's scan (each citation's page and the heading it stands under).
    """

    def __init__(self, bib: Bibliography) -> None:
        self.bib = bib
        self._site = Site(bib)

    @property
    def report(self) -> Report:
        return self._site.report

    def scan(self, page: str, body: str, line_offset: int) -> None:
        self._site.scan_page(page, body, line_offset)

    def finish(self) -> None:
        """Labels fixed for the whole site; the problems are in `report`."""
        self._site.finish()
        self._site.render_all()

    def tokens(self, page: str, markdown: str) -> tuple[str, Rendered]:
        """The page's Markdown with a placeholder where each citation and list goes (see `html`);
        rendered again, with its backlinks, when `markdown` is not the text that was scanned."""
        done = self._site.page(page, markdown)
        return done.markdown, done

    def html(self, rendered: Rendered, converted: str, tail: str,
             href: Callable[[str], str] | None = None, title: Callable[[str], str] | None = None,
             order: Callable[[str], object] | None = None, *, page_path: str = "",
             link: Callable[[str], str] | None = None, site_name: str = "") -> str:
        """The finished page: citations, its reference list (kept out of search), `tail` at the end,
        and the site-wide list where the page asks for it (`href` maps a page key to a link from
        this page, `title` to its title, `order` to its place in the site's reading order).
        With `link` (a path in the site -> a link from this page), the lists get the links to
        their exported files; `page_path` is the page's docs-relative path."""
        listing = downloads = ""
        if rendered.full_bibliography and href is not None:
            listing = self._site.listing(href, title, order)
            if link is not None:
                listing = export.site_downloads(link, site_name) + listing
        if link is not None and rendered.references:
            downloads = export.page_downloads(page_path, link, site_name)
        return rendered.swap(converted, listing, downloads) + tail

    def export_files(self, paths: dict[str, str]) -> dict[str, str]:
        """The exported reference files (path in the site -> text); `paths` maps each page key to
        its docs-relative path."""
        build = SiteBuild(self._site, self._site.rendered)
        return export.build_files(build, paths)

    def title(self, page: str) -> str:
        """The text of the page's first H1, as the engine read it from its Markdown ("" if none)."""
        return self._site.titles.get(page, "")

    @staticmethod
    def added_keys(rendered: Rendered) -> list[str]:
        """Known keys that were not in the page's source when it was scanned."""
        return list(rendered.added)


def cite_block(*, title: str, site_url: str, site_name: str, author: str, src_uri: str, source: Path,
               project: Path, offline: bool) -> str:
    """The 'Cite this page' block, made as the MkDocs adapter makes it."""
    return page_citation(title=title, site_url=site_url, src_uri=src_uri, site_name=site_name, author=author,
                         source=source, project=project, offline=offline)


# ---- page metadata: hooks/pagerules.py (shared with effects.py) --------------------------

def load_rules(config_file: Path, extra: dict, bib: Bibliography, report: Report):
    """The front matter rules (targets, directions, the review's claims), read as effects.py reads
    them, over the build's own `bib`; what goes wrong reading them (and extra.effects itself)
    goes into `report`."""
    import sitebuild
    import siteconfig
    # pagerules.load_rules reads what it needs from a MkDocs config: a stand-in with the same fields,
    # carrying its own build state (sitebuild), whose report is handed over here.
    shim = SimpleNamespace(config_file_path=str(config_file), extra=extra)
    state = sitebuild.start(shim)
    state.bib = bib   # sitebib.load (called by pagerules.load_rules) takes it instead of parsing again
    checked, problems = siteconfig.check_effects(extra, siteconfig.yaml_lines(str(config_file)),
                                                 Path(config_file).name)
    report.items.extend(problems)
    rules = pagerules.load_rules(checked, shim, Path(config_file).parent)
    report.items.extend(state.report.items)
    return rules


def check_figures(path: str, body: str, offset: int, docs: Path, root: Path, pages: set[str], report) -> None:
    pagerules.check_figures(path, body, offset, docs, root, pages, report)


def check_evidence_cited(path: str, fm, body: str, report, known=()) -> None:
    from citekit.syntax import scan
    pagerules.check_evidence_cited(path, fm, scan(body), report, known)


def effect_row(src_uri: str, data: dict):
    """The evidence overview's row for an effect page, or None when its front matter is incomplete."""
    from pagemeta import blocks
    if not pagerules.complete_row(data):
        return None
    return blocks.EffectRow.from_front_matter(src_uri, data)
