"""The offline zip names the hosted site's addresses, never the copy's file names or a loopback
address: "Cite this page", the canonical link, og:url and the JSON-LD give SITE_URL plus the page's
path as the hosted site has it (directory URLs); the feed links to the hosted Changes page; an
offline copy built without SITE_URL names no address. Both hosts' copies, from scripts/offline.py.
Also the pieces on their own: readerkit.addresses and citethispage.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from citethispage import cite_this_page, page_citation, site_version
from readerkit import addresses

ROOT = Path(__file__).resolve().parent.parent
HOSTED = "https://example.org/il6/"
TOP = "muscle-il6-offline/"
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]")
ATOM = "{http://www.w3.org/2005/Atom}"


# ---- the pieces ------------------------------------------------------------------------------

@pytest.mark.parametrize(("src", "path"), [("index.md", ""), ("about.md", "about/"),
                                           ("effects/x.md", "effects/x/"), ("production/index.md", "production/")])
def test_hosted_path_is_the_directory_url(src, path):
    assert addresses.hosted_path(src) == path


def test_page_address():
    assert addresses.page_address("https://example.org/il6", "about.md", offline=True) == HOSTED + "about/"
    assert addresses.page_address("http://127.0.0.1:8000/", "about.md", offline=False) == \
        "http://127.0.0.1:8000/about/"   # `make serve` and local builds keep their own address
    assert addresses.page_address("http://127.0.0.1:8000/", "about.md", offline=True) is None
    assert addresses.page_address("http://localhost/", "about.md", offline=True) is None
    assert addresses.page_address(None, "about.md", offline=False) is None


def test_cite_block_forms_placeholder_and_buttons():
    soup = BeautifulSoup(cite_this_page(title="T", url=HOSTED + "about/", site_name="S", author="A", year=2026,
                                        key="about", version="version of 2026-12-01"), "html.parser")
    assert soup.select_one(".cite-plain").get_text() == \
        f"A (2026). T. In: S, version of 2026-12-01. {HOSTED}about/ [accessed YYYY-MM-DD]"
    bibtex = soup.select_one(".cite-bibtex").get_text()
    assert "  version = {2026-12-01},\n" in bibtex and f"  url = {{{HOSTED}about/}},\n" in bibtex
    assert "  urldate = {YYYY-MM-DD},\n" in bibtex and "  note = {Version of 2026-12-01; accessed YYYY-MM-DD},\n}" \
        in bibtex
    buttons = soup.select("button")
    assert [(b["type"], b["data-cite-copy"], b.get_text(), b.has_attr("hidden")) for b in buttons] == \
        [("button", "plain", "Copy citation", True), ("button", "bibtex", "Copy BibTeX", True)]
    assert soup.select_one(".cite-status")["role"] == "status"


def test_without_git_history_the_version_is_the_latest_release(tmp_path: Path):
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-11-30\n\n"
                                           "## [1.1.0] - 2026-10-01\n", encoding="utf-8")
    assert site_version(tmp_path / "CHANGELOG.md") == ("1.2.0", "2026-11-30")
    page = tmp_path / "p.md"
    page.write_text("x", encoding="utf-8")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        block = page_citation(title="T", site_url=HOSTED, src_uri="p.md", site_name="S", author="A",
                              source=page, project=tmp_path, offline=True)
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    text = BeautifulSoup(block, "html.parser").select_one(".cite-plain").get_text()
    assert text == f"A (2026). T. In: S, version 1.2.0 (2026-11-30). {HOSTED}p/ [accessed YYYY-MM-DD]"


# ---- the zips --------------------------------------------------------------------------------

def _offline(tmp: Path, host: str, site_url: str | None) -> tuple[dict[str, bytes], str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    archive = tmp / f"{host}.zip"
    proc = subprocess.run([sys.executable, "scripts/offline.py", "--host", host, "--zip", str(archive)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(archive) as z:
        return {name.removeprefix(TOP): z.read(name) for name in z.namelist()}, proc.stdout


@pytest.fixture(scope="module", params=["mkdocs", "properdocs", "zensical"])
def hosted_zip(request, tmp_path_factory):
    return request.param, *_offline(tmp_path_factory.mktemp("zip"), request.param, HOSTED)


@pytest.fixture(scope="module")
def bare_zip(tmp_path_factory):
    return _offline(tmp_path_factory.mktemp("bare"), "mkdocs", None)


def _pages(files: dict[str, bytes]) -> dict[str, BeautifulSoup]:
    return {name: BeautifulSoup(data.decode("utf-8"), "html.parser") for name, data in files.items()
            if name.endswith(".html")}


def _hosted_path(name: str) -> str:
    """The hosted path of the copy's file: effects/x.html -> effects/x/, index.html -> ''."""
    return re.sub(r"(^|/)index\.html$", r"\1", name).removesuffix(".html") + ("" if name.endswith("index.html")
                                                                             else "/")


def _json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_every_page_names_its_hosted_address(hosted_zip, built_site: Path):
    host, files, _ = hosted_zip
    pages = _pages(files)
    assert "effects/adipose-tissue-lipolysis.html" in pages and "404.html" not in pages
    for name, soup in pages.items():
        address = HOSTED + _hosted_path(name)
        # The same page path as the hosted site: the hosted build has that page.
        assert (built_site / _hosted_path(name) / "index.html").is_file(), (host, name)
        assert soup.find("link", rel="canonical")["href"] == address, (host, name)
        assert soup.find("meta", property="og:url")["content"] == address, (host, name)
        data = _json_ld(soup)
        assert (data["url"], data["@id"], data["isPartOf"]["url"]) == (address, address, HOSTED), (host, name)
        cite = soup.select_one(".cite-plain").get_text()
        assert f" {address} [accessed YYYY-MM-DD]" in cite, (host, name)
        assert f"url = {{{address}}}" in soup.select_one(".cite-bibtex").get_text(), (host, name)


def test_no_loopback_address_and_no_server_only_file(hosted_zip):
    host, files, _ = hosted_zip
    assert not {"sitemap.xml", "sitemap.xml.gz", "404.html"} & set(files), host
    for name, data in files.items():
        if name.endswith((".html", ".xml", ".json")) or name == "search.js" or name.startswith("search/"):
            assert not LOOPBACK.search(data.decode("utf-8")), (host, name)


def test_feed_links_to_the_hosted_changes_page(hosted_zip):
    host, files, _ = hosted_zip
    if host == "zensical":   # Zensical runs no hooks, and the feed is written by one (README, hosts)
        assert "feed.xml" not in files
        return
    feed = ElementTree.fromstring(files["feed.xml"])
    assert feed.find(f"{ATOM}id").text == HOSTED + "changes/"
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}link").get("href").startswith(HOSTED + "changes/#") for e in entries)


def test_without_site_url_the_copy_names_no_address(bare_zip):
    files, stdout = bare_zip
    assert "SITE_URL is not set" in stdout
    for name, soup in _pages(files).items():
        assert soup.find("link", rel="canonical") is None, name
        assert soup.find("meta", property="og:url") is None, name
        data = _json_ld(soup)
        assert "url" not in data and "url" not in data["isPartOf"], name
        cite = soup.select_one(".cite-plain").get_text()
        assert "http" not in cite and cite.endswith("[accessed YYYY-MM-DD]"), name
    for name, data in files.items():
        if name.endswith((".html", ".xml")):
            assert not LOOPBACK.search(data.decode("utf-8")), name
    feed = ElementTree.fromstring(files["feed.xml"])
    assert feed.find(f"{ATOM}id").text.startswith("urn:uuid:")
    assert feed.find(f"{ATOM}link").get("href") == "changes.html"   # beside feed.xml in the copy
