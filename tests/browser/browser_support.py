"""Helpers for the browser tests: what the site contains (read from docs/), where a page is
built (hosted and offline URL styles), and a guard that blocks and records every request that
would leave the machine, and every console error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1"}
STOPWORDS = {
    "about", "against", "among", "and", "from", "into", "its", "of", "on", "or", "over", "the",
    "their", "this", "through", "with", "within", "does", "have", "how", "what", "when", "where",
    "which", "effect", "effects", "produced", "other",
}
# The built copies of the site (conftest.py: fixture `<name>_site`), by the host that builds them.
MKDOCS_SITES = ["hosted", "offline"]
ZENSICAL_SITES = ["zensical_hosted", "zensical_offline"]
# Pages that are not Markdown sources but are built: Material's 404 page.
EXTRA_BUILT_PAGES = ["404.html"]


# ---------------------------------------------------------------------------------------------
# What the sources say the site contains
# ---------------------------------------------------------------------------------------------

def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


@dataclass(frozen=True)
class EffectPage:
    src: str     # docs-relative Markdown path, e.g. "effects/adipose-tissue-lipolysis.md"
    title: str

    @property
    def slug(self) -> str:
        return Path(self.src).stem


def effect_pages() -> list[EffectPage]:
    pages = []
    for path in sorted((DOCS / "effects").glob("*.md")):
        meta = front_matter(path)
        title = meta.get("title")
        if not title:
            heading = re.search(r"^#\s+(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            title = heading.group(1).strip() if heading else path.stem
        pages.append(EffectPage(path.relative_to(DOCS).as_posix(), str(title)))
    return pages


def doc_sources() -> list[str]:
    """Every Markdown page that is built (docs-relative), as MkDocs sees them."""
    out = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue  # _snippets/, _templates/ (exclude_docs) and hidden folders
        out.append(rel.as_posix())
    return out


def search_term(page: EffectPage) -> str:
    """The word of the page title that the fewest pages mention: the page should rank high."""
    # Words as the site's search splits them: a hyphen stays inside a word ("anti-inflammatory",
    # as "IL-1ra"; mkdocs.yml, search separator).
    words = [w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", page.title)]
    words = [w for w in words if len(w) >= 4 and w not in STOPWORDS] or \
        [w for w in re.findall(r"[A-Za-z]+", page.title.lower()) if len(w) >= 3]
    texts = [p.read_text(encoding="utf-8").lower() for p in DOCS.rglob("*.md")
             if not any(part.startswith("_") for part in p.relative_to(DOCS).parts)]

    def spread(word: str) -> tuple[int, int]:
        return (sum(1 for t in texts if word in t), -len(word))

    return min(words, key=spread)


def figure_links(svg: Path | None = None) -> list[str]:
    """The docs-relative targets of the links in Figure 1's source SVG, in document order."""
    svg = svg or DOCS / "assets" / "figure-1.svg"
    tree = ElementTree.parse(svg)
    links = []
    for el in tree.iter():
        if el.tag.rsplit("}", 1)[-1] == "a":
            href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
            if href:
                links.append(href)
    return links


# ---------------------------------------------------------------------------------------------
# Where a page is built
# ---------------------------------------------------------------------------------------------

@dataclass
class Site:
    """A built copy of the site and how its pages are addressed."""
    kind: str            # "hosted" (http://127.0.0.1, directory URLs) or "offline" (file://, .html)
    root: Path           # the folder holding index.html
    base_url: str        # ends with "/"

    def page_path(self, src: str) -> str:
        """Site-relative URL path of the page built from docs-relative `src` (fragment kept)."""
        path, _, fragment = src.partition("#")
        if path.endswith(".md"):
            stem = path[: -len(".md")]
            if self.kind == "offline":
                path = stem + ".html"
            elif stem == "index" or stem.endswith("/index"):
                path = stem[: -len("index")]
            else:
                path = stem + "/"
        return path + (f"#{fragment}" if fragment else "")

    def url(self, src: str) -> str:
        return urljoin(self.base_url, self.page_path(src))

    def file(self, src: str) -> Path:
        """The built HTML file of docs-relative `src` (or a built path such as 404.html)."""
        path = self.page_path(src).partition("#")[0]
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.root / path

    def built_pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))


def strip_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", parts.fragment))


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


# ---------------------------------------------------------------------------------------------
# Opening a page
# ---------------------------------------------------------------------------------------------

def wait_for_material(page) -> None:
    """The theme's bundle has run and mounted its components (Material's and Zensical's both
    do so on DOMContentLoaded, and expose `document$` when they have started)."""
    page.wait_for_function(
        "() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    wait_for_material(page)


# ---------------------------------------------------------------------------------------------
# Privacy and errors
# ---------------------------------------------------------------------------------------------

def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    if parts.scheme in ("http", "https", "ws", "wss"):
        return parts.hostname in LOCAL_HOSTS
    return False


@dataclass
class Guard:
    """Blocks every request that leaves the machine, and records it with every console error."""
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("page", self.watch)
        context.on("weberror", lambda err: self.errors.append(f"uncaught: {err.error}"))

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: uncaught {exc}"))

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self._record(url)
            route.abort("blockedbyclient")

    def _request(self, request) -> None:
        # Requests that bypass routing (workers, preloads) are still seen here.
        if not is_local(request.url):
            self._record(request.url)

    def _record(self, url: str) -> None:
        if url not in self.external:
            self.external.append(url)

    def _console(self, msg) -> None:
        if msg.type == "error":
            location = msg.location or {}
            where = location.get("url", "")
            self.errors.append(f"console error: {msg.text}" + (f" ({where})" if where else ""))

    def assert_clean(self) -> None:
        problems = []
        if self.external:
            problems.append(f"{len(self.external)} request(s) to other hosts (blocked): "
                            + ", ".join(self.external))
        if self.errors:
            problems.append(f"{len(self.errors)} console error(s):\n  " + "\n  ".join(self.errors))
        assert not problems, "\n".join(problems)
