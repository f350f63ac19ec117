"""MkDocs adapter for the reader-side facts (hooks/readerkit): a page's record, the Changes page,
the Atom feed, search that keeps hyphenated terms whole, and the overview's cell labels.

- Every page gets `page.meta["reader_record"]`: the day its source last changed (git), the
  address of its history and of the correction form (both only with `repo_url`), which
  overrides/partials/source-file.html shows under the page.
- The Changes page includes CHANGELOG.md itself (pymdownx.snippets, so every host builds it).
- The review's claims are stated on the About page, each with its anchor, and every "claim A6"
  on every page links there (readerkit.claims; after hooks/citations.py's on_env, on the page
  as it is finished, as the Zensical adapter does).
- After the build: `feed.xml` (Atom, one entry per release) is written into the site, and
  Material's search worker is patched (readerkit.search) so that queries split as the index does.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import sitebuild
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from readerkit import addresses, changelog, claims, history, search, tables

FEED = "feed.xml"
WORKERS = Path("assets") / "javascripts" / "workers"
# A child of MkDocs's logger: its errors are printed as the build's and fail a strict build.
log = logging.getLogger("mkdocs.hooks.readers")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _changelog_text(config: MkDocsConfig) -> str:
    path = _root(config) / "CHANGELOG.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise PluginError(f"CHANGELOG.md: cannot be read ({err.strerror}); the Changes page and "
                          f"{FEED} are built from it: restore it at the project root") from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """CHANGELOG.md's headings are checked before any page is built (located, with the fix)."""
    for line, message in changelog.problems(_changelog_text(config)):
        log.error(f"CHANGELOG.md:{line}: {message}")
    # The hosted address is written into every page as is (canonical link, "Cite this page").
    problem = addresses.site_url_problem(config.site_url)
    if problem:
        log.error(f"{_config_line(config, 'site_url')}: {addresses.site_url_message(config.site_url, problem)}")
    return config


def _config_line(config: MkDocsConfig, key: str) -> str:
    """'mkdocs.yml:9', where `key` is set in the configuration file (line 1 if it is not found)."""
    path = Path(config.config_file_path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)
    return f"{path.name}:{line}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return tables.label_overview_cells(html)


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page converted and its citations in: the claims stated, their mentions linked."""
    found = claims.load(_root(config) / claims.review_file(config.extra))
    stated = files.get_file_from_path(claims.STATED_ON)
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None:
            continue
        href = None if stated is None else "" if file is stated else get_relative_url(stated.url, page.url)
        problem = claims.statement_problem(page.content, found) if file is stated else None
        if problem:   # shown, and the build stopped, by hooks/buildreport.py (its on_env runs last)
            state = sitebuild.of(config)
            state.report.add(state.shown(file.src_uri), 1, problem[0], hint=problem[1])
        page.content = claims.finish_page(page.content, found, href)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    day = history.last_changed(Path(page.file.abs_src_path)) if page.file.abs_src_path else None
    # The page as readers elsewhere reach it: the hosted address, also from the offline copy.
    page_url = addresses.page_address(config.site_url, page.file.src_uri,
                                      offline=addresses.is_offline_copy(config.extra)) or page.url
    page.meta["reader_record"] = {
        "feed_url": get_relative_url(FEED, page.url or "."),
        "last_changed": day,
        "shown_date": history.shown_date(day),
        "history_url": history.history_url(config.repo_url, config.edit_uri, page.file.src_uri),
        "report_url": history.report_url(config.repo_url, page_url, page.title or config.site_name),
    }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    text = _changelog_text(config)
    # The hosted addresses, also in the offline copy; one built without SITE_URL has none, and
    # its feed links to the copy's own Changes page (relative to feed.xml, beside it).
    offline = addresses.is_offline_copy(config.extra)
    site_url = addresses.site_address(config.site_url, offline=offline)
    changes_url = addresses.page_address(config.site_url, "changes.md", offline=offline)
    local = "changes/" if config.use_directory_urls else "changes.html"
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    (site / FEED).write_text(changelog.atom_feed(text, title=config.site_name, site_url=site_url or "./",
                                                 changes_url=changes_url or local, updated=today),
                             encoding="utf-8")
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in {WORKERS.as_posix()}, found {len(workers)}")
    try:
        workers[0].write_text(search.patch_worker(workers[0].read_text(encoding="utf-8")), encoding="utf-8")
    except search.WorkerNotPatched as err:
        raise PluginError(f"{workers[0].name}: {err}; Material changed its search worker: update "
                          "hooks/readerkit/search.py") from None
