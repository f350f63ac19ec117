"""Build the offline copy of the site: dist/muscle-il6-offline.zip, to be opened from disk.

Steps, each of which stops the run with a clear message when it fails:

1. build strictly with mkdocs-offline.yml (`--host mkdocs`, the default, or `properdocs`), or
   zensical-offline.yml (`--host zensical`), via scripts/build.py, which publishes only on success;
2. copy the iframe-worker shim from node_modules into the site, so search works over file://
   without fetching the shim from a CDN;
3. check that no built HTML, JS or CSS file makes the browser load anything from the network
   (scripts, stylesheets, fonts, images, iframes, workers, imports); plain links that the
   reader may follow (<a href="https://doi.org/...">) are fine;
4. zip the site as dist/muscle-il6-offline.zip with a single top folder muscle-il6-offline/.

The copy's "Cite this page", canonical links, JSON-LD and feed name the hosted site's addresses
(readerkit/addresses.py): set SITE_URL to the hosted site's address (https://…/) when building
it. Without SITE_URL the copy names no web address (never this machine's), and the run says so.
404.html and the sitemap are left out: a web server uses them, a copy on disk cannot.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from readerkit import addresses  # noqa: E402

CONFIG = "mkdocs-offline.yml"
CONFIGS = {"mkdocs": CONFIG, "properdocs": CONFIG, "zensical": "zensical-offline.yml"}
# Where each host's offline build inlines the search index (a script, so search works from disk).
SEARCH_INDEX_SCRIPTS = {"mkdocs": "search/search_index.js", "properdocs": "search/search_index.js",
                        "zensical": "search.js"}
SERVER_ONLY_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
SHIM_SOURCE = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = Path("assets") / "javascripts" / "iframe-worker-shim.js"
TOP_FOLDER = "muscle-il6-offline"
ZIP_PATH = ROOT / "dist" / f"{TOP_FOLDER}.zip"

REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)<>\\]*""")
JS_URL = re.compile(r"""https?://[^\s"'`)<>\\]+""", re.IGNORECASE)
# XML namespace names look like URLs but are identifiers: the browser never fetches them.
NAMESPACES = ("http://www.w3.org/",)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Comments in JavaScript (licence headers and notes name many URLs that are never fetched).
# Approximate: a "//" right after a colon (as in "https://") does not start a comment.
JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
JS_LINE_COMMENT = re.compile(r"(?m)(^|[\s;{}(),])//[^\n]*$")

# URLs that appear in Material's JavaScript bundle but are fetched only under a condition.
# Each entry: (url prefix, condition in built HTML that would trigger the fetch or None, why).
# A prefix not in this table, in any JS file, is an error.
MATERIAL_JS_URLS: list[tuple[str, re.Pattern[str] | None, str]] = [
    ("https://unpkg.com/mermaid",
     re.compile(r"""class\s*=\s*["'][^"']*\bmermaid\b"""),
     "Material loads Mermaid from a CDN when a page has a mermaid diagram"),
    ("https://unpkg.com/resize-observer-polyfill", None,
     "loaded only by browsers without ResizeObserver (none current)"),
    ("https://api.github.com/", re.compile(r"""data-md-component\s*=\s*["']source["']"""),
     "Material fetches repository facts when the header shows a source link"),
    ("https://${", re.compile(r"""data-md-component\s*=\s*["']source["']"""),
     "Material fetches GitLab repository facts when the header shows a source link"),
    ("https://clipboardjs.com/", None, "licence comment"),
    # Zensical's bundle (its features beyond Material's; this site uses none of them).
    ("https://unpkg.com/pyodide@", re.compile(r"""class\s*=\s*["'][^"']*\bpyodide\b"""),
     "Zensical loads Pyodide when a page has an executable Python block (class pyodide)"),
    ("https://cdn.jsdelivr.net/pyodide/", re.compile(r"""class\s*=\s*["'][^"']*\bpyodide\b"""),
     "Zensical loads Pyodide's packages when a page has an executable Python block"),
    ("https://unpkg.com/ace-builds@", re.compile(r"""class\s*=\s*["'][^"']*\bpyodide\b"""),
     "Zensical loads the Ace editor for an executable Python block"),
    ("https://unpkg.com/glightbox@", re.compile(r"""class\s*=\s*["'][^"']*\bglightbox\b"""),
     "Zensical loads GLightbox when a page has an image marked glightbox"),
]
# URLs in the search worker (lunr) outside comments: a link in an error message, never fetched.
SEARCH_WORKER_URLS = ("https://bit.ly/",)

# rel values of <link> that make the browser fetch (or connect to) the href.
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
    "mask-icon", "manifest", "preload", "prefetch", "modulepreload", "preconnect",
    "dns-prefetch", "prerender",
}
# (tag, attribute) pairs whose URL the browser loads on its own.
LOADING_ATTRS = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
    ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"),
    ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("feimage", "href"),
    ("feimage", "xlink:href"), ("body", "background"), ("portal", "src"),
}


class OfflineError(Exception):
    """A step failed; the message says which and why."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", default=str(ZIP_PATH), help="where to write the archive")
    parser.add_argument("--keep-site", metavar="DIR", help="also keep the built site in DIR")
    parser.add_argument("--host", choices=sorted(CONFIGS), default="mkdocs",
                        help="site generator (default: mkdocs), as for scripts/build.py")
    args = parser.parse_args(argv)
    problem = addresses.site_url_problem(os.environ.get("SITE_URL"))
    if problem:   # refused before building: the copy would write it into every page
        print(f"offline: {addresses.site_url_message(os.environ['SITE_URL'], problem)}", file=sys.stderr)
        return 2
    if not os.environ.get("SITE_URL"):
        print("offline: SITE_URL is not set, so the copy names no web address (\"Cite this page\" and "
              "the canonical links give none); set SITE_URL=https://… to the hosted site's address")
    try:
        zip_path = Path(args.zip).resolve()
        with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
            site = Path(tmp) / TOP_FOLDER
            build(site, args.host)
            install_shim(site, CONFIGS[args.host])
            drop_server_only_files(site)
            problems = find_remote_loads(site)
            if problems:
                raise OfflineError(
                    f"the offline site would load {len(problems)} resource(s) from the network:\n"
                    + "\n".join(f"  {p}" for p in problems))
            write_zip(site, zip_path)
            if args.keep_site:
                keep = Path(args.keep_site).resolve()
                shutil.rmtree(keep, ignore_errors=True)
                shutil.copytree(site, keep)
    except OfflineError as err:
        print(f"offline: FAILED: {err}", file=sys.stderr)
        return 1
    print(f"offline: wrote {display(zip_path)} (open {TOP_FOLDER}/index.html in a browser)")
    return 0


def display(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def build(site: Path, host: str = "mkdocs") -> None:
    config_name = CONFIGS[host]
    if not (ROOT / config_name).is_file():
        raise OfflineError(f"{config_name} is missing at the project root")
    cmd = [sys.executable, str(ROOT / "scripts" / "build.py"), "--host", host, "--config", config_name,
           "--out", str(site)]
    code = subprocess.call(cmd, cwd=ROOT)
    if code != 0:
        raise OfflineError(f"the strict build with {config_name} failed (exit {code}); see the messages above")
    if not (site / "index.html").is_file():
        raise OfflineError(f"the build produced no index.html in {site}")
    config = material_config(site / "index.html")
    features = config.get("features", [])
    if any(f.startswith("navigation.instant") for f in features):
        raise OfflineError("navigation.instant is enabled; it cannot work over file:// "
                           f"(remove it from theme.features for {config_name})")
    index = SEARCH_INDEX_SCRIPTS[host]
    if not (site / index).is_file():
        raise OfflineError(f"{index} is missing: is the offline plugin enabled in {config_name}?")


def material_config(index: Path) -> dict:
    html = index.read_text(encoding="utf-8")
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    if not match:
        raise OfflineError(f"{index.name} has no Material __config block")
    return json.loads(match.group(1))


def install_shim(site: Path, config_name: str = CONFIG) -> None:
    if not SHIM_SOURCE.is_file():
        raise OfflineError(f"{display(SHIM_SOURCE)} is missing: run `npm ci` (make offline does) to "
                           "install iframe-worker from package-lock.json")
    target = site / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM_SOURCE, target)
    # Every page must load the local shim (the polyfill configured in the offline configuration).
    html = (site / "index.html").read_text(encoding="utf-8")
    if SHIM_TARGET.as_posix() not in html:
        raise OfflineError(f"index.html does not load {SHIM_TARGET.as_posix()}: check extra.polyfills "
                           f"in {config_name}")


def drop_server_only_files(site: Path) -> None:
    """404.html is served by a web server for missing pages; opened from disk it is never
    reached, and its links are absolute ("/assets/..."), which would point outside the copy.
    The sitemap is for search engines crawling the hosted site, and names the copy's file names."""
    for name in SERVER_ONLY_FILES:
        (site / name).unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# The check: nothing the browser loads on its own may come from the network.
# ---------------------------------------------------------------------------------------------

def find_remote_loads(site: Path) -> list[str]:
    problems: list[str] = []
    html_files = sorted(site.rglob("*.html"))
    all_html = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in html_files)
    for path in html_files:
        problems += [f"{path.relative_to(site)}: {p}" for p in check_html(path.read_text(encoding="utf-8"))]
    for path in sorted(site.rglob("*.css")):
        problems += [f"{path.relative_to(site)}: {p}" for p in check_css(path.read_text(encoding="utf-8"))]
    for path in sorted(site.rglob("*.js")):
        rel = path.relative_to(site)
        problems += [f"{rel}: {p}" for p in check_js(rel, path.read_text(encoding="utf-8"), all_html)]
    for path in sorted(site.rglob("*.svg")):
        problems += [f"{path.relative_to(site)}: {p}" for p in check_html(path.read_text(encoding="utf-8"))]
    return problems


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None
        self._buffer: list[str] = []
        self._script_type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        tag = tag.lower()
        for (t, attr) in LOADING_ATTRS:
            if t == tag and attr in a:
                for url in split_srcset(a[attr]) if attr == "srcset" else [a[attr]]:
                    if REMOTE.match(url):
                        self.found.append(f"<{tag} {attr}={url!r}>")
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHING_RELS and REMOTE.match(a.get("href", "")):
                self.found.append(f"<link rel={a.get('rel')!r} href={a['href']!r}>")
            if "imagesrcset" in a:
                self.found += [f"<link imagesrcset {u!r}>" for u in split_srcset(a["imagesrcset"])
                               if REMOTE.match(u)]
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            if re.search(r"url\s*=\s*(?:https?:)?//", a.get("content", ""), re.IGNORECASE):
                self.found.append(f"<meta http-equiv=refresh content={a['content']!r}>")
        if "style" in a:
            self.found += [f"style attribute: {p}" for p in check_css(a["style"])]
        if tag in ("style", "script"):
            self._in, self._buffer = tag, []
            self._script_type = a.get("type", "").lower()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() in ("style", "script"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag.lower() == self._in:
            text = "".join(self._buffer)
            if self._in == "style":
                self.found += [f"<style>: {p}" for p in check_css(text)]
            elif self._script_type in ("application/json", "application/ld+json"):
                pass  # data, not code: never fetched by the browser
            else:
                self.found += [f"inline <script> mentions {u!r}" for u in URL_IN_TEXT.findall(text)
                               if not u.startswith(NAMESPACES)]
            self._in = None


def split_srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def check_html(text: str) -> list[str]:
    finder = _LoadFinder()
    finder.feed(text)
    finder.close()
    return finder.found


def check_css(text: str) -> list[str]:
    text = CSS_COMMENT.sub("", text)
    found = [f"url({url})" for _, url in CSS_URL.findall(text) if REMOTE.match(url)]
    found += [f"@import {url}" for url in CSS_IMPORT.findall(text) if REMOTE.match(url)]
    return found


def check_js(rel: Path, text: str, all_html: str) -> list[str]:
    if rel.as_posix() in SEARCH_INDEX_SCRIPTS.values():
        # The inlined search index: page text (which quotes doi.org links) as data.
        if not text.startswith("var __index = "):
            return ["search index does not have the expected `var __index = {...}` form"]
        return []
    problems: list[str] = []
    is_worker = rel.parts[:3] == ("assets", "javascripts", "workers")
    is_lunr = rel.parts[:3] == ("assets", "javascripts", "lunr")
    is_bundle = rel.parts[:2] == ("assets", "javascripts") and rel.name.startswith("bundle.")
    code = JS_LINE_COMMENT.sub(r"\1", JS_BLOCK_COMMENT.sub("", text))
    for url in sorted(set(JS_URL.findall(code))):
        if url.startswith(NAMESPACES):
            continue
        if (is_worker or is_lunr) and url.startswith(SEARCH_WORKER_URLS):
            continue
        if is_bundle:
            known = next((entry for entry in MATERIAL_JS_URLS if url.startswith(entry[0])), None)
            if known:
                _, condition, why = known
                if condition is not None and condition.search(all_html):
                    problems.append(f"{url!r} would be fetched: {why}, and a page has one")
                continue
        problems.append(f"mentions {url!r}, which the browser may load")
    return problems


# ---------------------------------------------------------------------------------------------

def write_zip(site: Path, zip_path: Path) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            arcname = f"{TOP_FOLDER}/{path.relative_to(site).as_posix()}"
            if path.is_dir():
                continue
            info = zipfile.ZipInfo(arcname, date_time=(2001, 10, 15, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(zip_path)


if __name__ == "__main__":
    sys.exit(main())
