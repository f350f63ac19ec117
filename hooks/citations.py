"""MkDocs adapter for the citation engine in hooks/citekit (its API: citekit/site.py).

`[@key]` citations in pages become author-year links to each page's reference
list; `\\full_bibliography` becomes the site-wide list with "Cited on" links.
Four events, all state in the build's own object (sitebuild.py):

  on_files          read the bibliography, hand every page's Markdown to the engine
                    (each page scanned once; a/b letters and backlinks for the whole site)
  on_page_markdown  the page's Markdown with one placeholder per citation
  on_env            every page converted: one swap per page puts in the citations' HTML,
                    the reference lists (marked data-search-exclude) and "Cite this page";
                    and the reference export joins the build's files: each page's list and
                    the site-wide list as BibTeX, RIS and CSL-JSON under references/
                    (citekit/export.py), linked from above each list, which MkDocs writes
                    with its static files
  on_post_page      the page's <title> made text only (a citation in the H1 holds markup,
                    which Material's `striptags` would decode into real tags), then the guard:
                    a written page that still holds a raw [@key] stops the build

Problems go into the build's report, shown and gated by hooks/buildreport.py.
Settings (mkdocs.yml):  extra: citations: bibliography: ["bib/**/*.bib"]
Set CITATIONS=off in the environment to build without citation processing
(the floor that benchmarks compare against).
"""

from __future__ import annotations

import os
from pathlib import Path

import buildreport
import sitebib
import sitebuild
import unrendered
from citekit import PageSource, build_site, export, raw_citations
from citekit.diagnostics import display_path
from citekit.render import plain_title, repair_title_element
from citethispage import page_citation
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url


def enabled() -> bool:
    return os.environ.get("CITATIONS", "on").lower() not in ("off", "0", "false", "no")


# ---- MkDocs events ------------------------------------------------------------

def on_files(files, config):
    state = sitebuild.of(config, files)
    if not enabled():
        return files
    state.report.items.extend(sitebib.settings(config)[1])
    for file in files:   # a file or page of docs/ where the reference export writes
        if export.taken_by_export(file.dest_uri):
            message, hint = export.taken_message(file.dest_uri)
            shown = display_path(file.abs_src_path, state.root) if file.abs_src_path else file.src_uri
            state.report.add(shown, 1, message, hint=hint)
    bib = sitebib.load(config)
    uris = [f.src_uri for f in files.documentation_pages()]
    pages = {uri: PageSource(state.body(uri)[0], state.shown(uri), state.body(uri)[1]) for uri in uris}
    keys = set(bib.entries)
    # A citation in a front-matter title is reported by the page checks (pagemeta/themefields.py).
    bases, appended = unrendered.snippet_settings(config.mdx_configs, state.root)
    unrendered.check_snippets(((state.shown(u), *state.body(u)) for u in uris), bases, appended,
                              state.root, keys, state.report)
    # Pages are rendered at once, in one loop (cheaper than between MkDocs's own work on each),
    # unless the build is about to stop on an error anyway.
    build = build_site(pages, bib, scans={u: state.scan(u) for u in uris},
                       render_pages=state.serving or not state.report.errors)
    state.report.extend(build.report)
    state.citations = build
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    build = sitebuild.of(config).citations
    if build is None:
        return markdown
    uri = page.file.src_uri
    done = build.site.page(uri, markdown)   # rendered again only if another hook changed it
    for key in done.added:   # shown, and the build stopped, at on_env
        sitebuild.of(config).report.add(
            sitebuild.of(config).shown(uri), 1,
            f"citation key '{key}' was added to this page during the build (by another hook or plugin), "
            "after citations were collected from the pages' source files",
            hint="Cite it in the page's Markdown file instead")
    return done.markdown


def on_env(env, config, files):
    # Every page is converted, none is indexed for search or written yet.
    build = sitebuild.of(config).citations
    if build is None:
        return env
    for file in files.documentation_pages():
        page, done = file.page, build.pages.get(file.src_uri)
        if page is None or page.content is None:
            continue
        content = page.content
        if done is not None:
            listing = downloads = ""
            link = lambda path, page=page: export.link_from(page.url, path)  # noqa: E731
            if done.full_bibliography:
                listing = export.site_downloads(link, config.site_name) + build.listing(
                    href=lambda uri, page=page: _href(files, uri, page),
                    title=lambda uri: _title(files, uri), order=_reading_order(config.nav))
            if done.references:
                downloads = export.page_downloads(file.src_uri, link, config.site_name)
            content = done.swap(content, listing, downloads)
        page.content = content + "\n" + cite_block(page, config)
    # Every page's references are final here (converted, so no hook can change their Markdown
    # any more); MkDocs writes these right after, with the static files.
    for path, text in export.build_files(build, {uri: uri for uri in build.pages}).items():
        files.append(File.generated(config, path, content=text, inclusion=InclusionLevel.INCLUDED))
    return env


def on_post_page(output: str, page, config) -> str:
    build = sitebuild.of(config).citations
    if build is not None:
        output = repair_title_element(output, page.title or "")
        for raw in raw_citations(output, build.keys):
            buildreport.fail(config, f"{sitebuild.of(config).shown(page.file.src_uri)}: the built page holds the "
                             f"citation '{raw.text}' as raw text (line {raw.line} of its HTML), where no "
                             "step of the build rendered it. Move the citation into the page's text")
            break
    return output


# ---- helpers ------------------------------------------------------------------

def _href(files, uri: str, from_page) -> str:
    file = files.get_file_from_path(uri)
    return get_relative_url((file.url if file else "") or "./", from_page.url)


def _reading_order(nav) -> object:
    """Sort key of a page (src_uri) in the navigation's order; pages outside it after, by path."""
    ranks: dict[str, int] = {}

    def walk(items) -> None:
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
            if isinstance(value, str):
                ranks.setdefault(value, len(ranks))
            elif isinstance(value, list):
                walk(value)

    walk(nav if isinstance(nav, list) else [])
    return lambda uri: (ranks.get(uri, len(ranks)), uri)


def _title(files, uri: str) -> str:
    file = files.get_file_from_path(uri)
    # A title taken from an H1 that holds a citation is HTML: "Cited on" shows it as text.
    return plain_title((file.page.title if file is not None and file.page is not None else "") or "")


def cite_block(page, config) -> str:
    return page_citation(
        title=page.title or config.site_name,
        site_url=config.site_url,
        src_uri=page.file.src_uri,
        site_name=config.site_name,
        author=config.site_author or config.site_name,
        source=Path(page.file.abs_src_path) if page.file.abs_src_path else None,
        project=Path(config.config_file_path).parent if config.config_file_path else None,
        offline=bool(config.extra.get("offline_copy")),
    )
