"""MkDocs adapter for the citation engine in hooks/citekit.

`[@key]` citations in pages become author-year links to each page's reference
list; `\\full_bibliography` becomes the site-wide list with "Cited on" links.
The bibliography is read once per build (and not again under `mkdocs serve`
while no .bib file changes); every page is scanned before any is rendered, so
a/b letters are the same everywhere and do not depend on page order.

Settings (mkdocs.yml):  extra: citations: bibliography: ["bib/**/*.bib"]
Set CITATIONS=off in the environment to build without citation processing
(the floor that benchmarks compare against).
"""

from __future__ import annotations

import datetime
import gc
import os
import re
from pathlib import Path

import buildreport
import sitebib
from citekit import Site
from citekit.render import cite_this_page
from citekit.site import FULL_BIBLIOGRAPHY_PLACEHOLDER
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pagemeta import frontmatter

_site: Site | None = None
_full_bibliography_pages: list[Page] = []
_indexed: dict[str, str] = {}   # src_uri -> page.content as search indexed it
_rendered: dict = {}   # src_uri -> what the page's tokens stand for, from Markdown to HTML


def enabled() -> bool:
    return os.environ.get("CITATIONS", "on").lower() not in ("off", "0", "false", "no")


# ---- MkDocs events ------------------------------------------------------------

@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    buildreport.reset()
    if gc.get_freeze_count():
        # `mkdocs serve` rebuilds in the same process: what the last build froze (see on_files)
        # is garbage now, and frozen objects are never collected. A plain build never gets here.
        gc.unfreeze()
        gc.collect()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not enabled():
        return files
    # Reading the bibliography and scanning the pages make many objects that all live until
    # the build ends: the cyclic garbage collector would walk the whole heap again and again
    # while they are made, and find nothing to free. Frozen afterwards, it never walks them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _start(files, config)
        gc.freeze()
    finally:
        if collecting:
            gc.enable()
    return files


def _start(files: Files, config: MkDocsConfig) -> None:
    """Read the bibliography, scan every page, fix the labels: whole-site facts before any page renders."""
    global _site
    root = Path(config.config_file_path).parent
    bib = sitebib.load(config)
    if not bib.sources:
        buildreport.current.add("mkdocs.yml", buildreport.config_line(config.config_file_path, "bibliography:"),
                                f"no BibTeX file matches {', '.join(map(repr, sitebib.patterns(config)))}",
                                hint="Add a .bib file to bib/, or fix extra.citations.bibliography in mkdocs.yml")
    buildreport.current.extend(bib.report)
    site = Site(bib)
    for file in files.documentation_pages():
        body, offset = frontmatter.split(buildreport.source(file))
        site.scan_page(buildreport.shown_file(file, root), body, offset)
    site.finish()
    buildreport.current.extend(site.report)
    if not buildreport.current.errors:   # otherwise the build stops before any page renders
        site.render_all()
    _site = site
    _full_bibliography_pages.clear()
    _rendered.clear()
    _indexed.clear()


@event_priority(-100)
def on_nav(nav, config: MkDocsConfig, files: Files):
    # Runs after every hook's on_files: all problems are known, none is written yet.
    buildreport.gate(strict=bool(config.strict))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _site is None:
        return markdown
    name = _page_name(page, config)
    text, rendered = _site.page(name, markdown)
    for key in rendered.added:   # shown, and the build stopped, at on_env
        buildreport.current.add(name, 1, f"citation key '{key}' was added to this page during the build "
                                f"(by another hook or plugin), after citations were collected from the "
                                f"pages' source files", hint="Cite it in the page's Markdown file instead")
    _rendered[page.file.src_uri] = rendered
    if rendered.full_bibliography:
        _full_bibliography_pages.append(page)
    return text


@event_priority(-100)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    # After search has indexed the page (search sees each citation as its text only, and no
    # reference list or cite block), before the theme renders it.
    if _site is None:
        return context
    _indexed[page.file.src_uri] = page.content
    rendered = _rendered.pop(page.file.src_uri, None)
    tail = "\n" + cite_block(page, config)
    if rendered is not None:
        page.content = rendered.finish(page.content or "", tail)
    else:
        page.content = (page.content or "") + tail
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The page is written: give back the lighter content search saw, so that the full markup
    # of every page is not held in memory until the build ends.
    if page.file.src_uri in _indexed:
        page.content = _indexed.pop(page.file.src_uri)
    return output


def on_env(env, config: MkDocsConfig, files: Files):
    # Every page's Markdown is converted; none is indexed for search or written yet. First a
    # last gate, for what only converting could show (see on_page_markdown). Then all pages
    # filled at once: one page at a time, between MkDocs's own work on each, costs about twice
    # as much.
    buildreport.gate(strict=bool(config.strict))
    for file in files.documentation_pages():
        page, rendered = file.page, _rendered.get(file.src_uri)
        if rendered is not None and page is not None and page.content is not None:
            page.content = rendered.fill(page.content)
            _site.add_backlinks(rendered.cited_sections(page.content), page.url, page.title or "")
    # The backlinks are complete.
    for page in _full_bibliography_pages:
        listing = _site.full_bibliography(lambda url, page=page: get_relative_url(url or "./", page.url))
        page.content = page.content.replace(FULL_BIBLIOGRAPHY_PLACEHOLDER, listing)
    return env


# ---- helpers ------------------------------------------------------------------

def _page_name(page: Page, config: MkDocsConfig) -> str:
    return buildreport.shown_file(page.file, Path(config.config_file_path).parent)


def cite_block(page: Page, config: MkDocsConfig) -> str:
    return cite_this_page(
        title=page.title or config.site_name,
        url=(config.site_url or "") + page.url,
        site_name=config.site_name,
        author=config.site_author or config.site_name,
        year=datetime.date.today().year,
        key=re.sub(r"[^a-z0-9]+", "-", (page.file.src_uri[:-3] if page.file.src_uri.endswith(".md") else
                                        page.file.src_uri).lower()).strip("-") or "home",
    )
