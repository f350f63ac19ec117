"""Reader-side facts (hooks/readerkit, hooks/readers.py): a page's record (last changed, history,
report an error), the Changes page and Atom feed from CHANGELOG.md, the search separator and
the query-lexer patch, the overview's cell labels, the glossary's reading order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import material
import pytest
import yaml
from bs4 import BeautifulSoup
from pagemeta import blocks
from project_copy import copy_project
from readerkit import changelog, history, search, tables

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
REPO = "https://github.com/example/muscle-il6"


def _git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


# ---- last changed, history, report an error -------------------------------------------------

def test_last_changed_is_the_day_of_the_files_last_commit(tmp_path: Path):
    _git(tmp_path, "init", "-q")
    page, other = tmp_path / "page.md", tmp_path / "other.md"
    page.write_text("one\n")
    other.write_text("x\n")
    _git(tmp_path, "add", "page.md", "other.md")
    _git(tmp_path, "commit", "-qm", "first", date="2024-03-05T10:00:00+00:00")
    other.write_text("y\n")
    _git(tmp_path, "commit", "-qam", "other only", date="2024-06-01T10:00:00+00:00")
    assert history.last_changed(page) == "2024-03-05"
    assert history.last_changed(other) == "2024-06-01"
    (tmp_path / "new.md").write_text("never committed\n")
    assert history.last_changed(tmp_path / "new.md") is None


def test_no_git_history_says_date_not_recorded(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("from a tarball\n")
    assert history.last_changed(page) is None
    assert history.shown_date(None) == "date not recorded"
    assert history.shown_date("2024-03-05") == "2024-03-05"


@pytest.mark.parametrize("edit_uri, expected", [
    ("edit/main/docs/", f"{REPO}/commits/main/docs/effects/a.md"),
    ("blob/trunk/site/docs/", f"{REPO}/commits/trunk/site/docs/effects/a.md"),
    ("", f"{REPO}/commits/main/docs/effects/a.md"),
    (None, f"{REPO}/commits/main/docs/effects/a.md"),
])
def test_history_url(edit_uri, expected):
    assert history.history_url(REPO + "/", edit_uri, "effects/a.md") == expected


def test_no_repository_no_links():
    assert history.history_url(None, "edit/main/docs/", "a.md") is None
    assert history.report_url("", "https://site/a/", "A") is None


def test_report_url_fills_the_correction_forms_page_field():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8"))
    field_ids = {item.get("id") for item in form["body"]}
    url = history.report_url(REPO, "https://site.example/effects/a/", "Liver & glucose")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query == {"template": ["correction.yml"], "title": ["[Correction]: Liver & glucose"],
                     "page": ["https://site.example/effects/a/"]}
    assert "page" in field_ids


# ---- CHANGELOG.md, the Changes page, the feed ------------------------------------------------

def test_changelog_releases_are_dated_and_newest_first():
    found = changelog.releases(CHANGELOG)
    assert found[0].version == "Unreleased" and not found[0].released
    dated = [r for r in found if r.released]
    assert len(dated) >= 2
    assert [r.date for r in dated] == sorted((r.date for r in dated), reverse=True)
    assert all("### " in r.text for r in found)


def test_atom_feed_has_one_entry_per_release():
    feed = changelog.atom_feed(CHANGELOG, title="Site", site_url="https://s.example/",
                               changes_url="https://s.example/changes/", updated="2030-01-01")
    root = ElementTree.fromstring(feed.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    dated = [r for r in changelog.releases(CHANGELOG) if r.released]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [f"{r.version} ({r.date})" for r in dated]
    for entry, release in zip(entries, dated, strict=True):
        assert entry.findtext(f"{ATOM}id") == f"https://s.example/changes/#{release.anchor}"
        assert entry.findtext(f"{ATOM}updated") == f"{release.date}T00:00:00Z"
        assert entry.find(f"{ATOM}content").get("type") == "html"
    assert root.findtext(f"{ATOM}updated") == f"{dated[0].date}T00:00:00Z"


def test_feed_and_changes_page_in_the_built_site(built_site: Path):
    root = ElementTree.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    dated = [r for r in changelog.releases(CHANGELOG) if r.released]
    assert len(entries) == len(dated)
    soup = BeautifulSoup((built_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = {h.get("id") for h in soup.select("article h2")}
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").split("#", 1)[1] in ids
    feed_link = soup.select_one('article a[type="application/atom+xml"]')
    assert feed_link is not None and feed_link["href"] == "../feed.xml"
    assert "Unreleased" in soup.select_one("article").get_text()


def test_every_page_says_when_it_last_changed(built_site: Path):
    """The date under each page is its source's last commit day (git log -1 --format=%cs)."""
    for src in ["index.md", "glossary.md", "effects/anti-inflammatory-tnf.md"]:
        stem = src[: -len(".md")]
        built = built_site / ("index.html" if stem == "index" else f"{stem}/index.html")
        record = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select_one("aside.page-record")
        expected = history.last_changed(ROOT / "docs" / src)
        assert record is not None, src
        shown = record.select_one("time")
        if expected:
            assert shown is not None and shown["datetime"] == expected and shown.get_text() == expected
        else:
            assert "date not recorded" in record.get_text()


def test_copy_without_git_history_builds_with_the_fallback(tmp_path: Path):
    project = copy_project(tmp_path / "tarball copy")
    out = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("REPO_URL", "EDIT_URI")}
    env["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "scripts/build.py", "--out", str(out)], cwd=project,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    soup = BeautifulSoup((out / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    record = soup.select_one("aside.page-record")
    assert " ".join(record.get_text().split()).startswith("Last changed: date not recorded")
    # Without a repository there is nowhere to send readers: no history or report link.
    assert record.select("a.page-record__history, a.page-record__report") == []
    assert (out / "feed.xml").is_file()


# ---- search ------------------------------------------------------------------------------

@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs-offline.yml"])
def test_search_separator_is_configured(config: str):
    assert _plugins(ROOT / config)["search"]["separator"] == search.SEPARATOR


def _plugins(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - SafeLoader subclass
    out = {}
    for item in data["plugins"]:
        out.update(item if isinstance(item, dict) else {item: {}})
    return out


@pytest.mark.parametrize("text, tokens", [
    ("IL-1ra and TNF-α, MIP-1β (VO₂max).", ["IL-1ra", "and", "TNF-α", "MIP-1β", "VO₂max"]),
    ("claims A1–A9; 2.5 h", ["claims", "A1", "A9", "2.5", "h"]),
    ('"IL-6" rose', ["IL-6", "rose"]),
])
def test_separator_keeps_terms_whole(text, tokens):
    import re
    assert [t for t in re.split(search.SEPARATOR, text) if t] == tokens


def test_worker_patch_on_materials_worker():
    workers = list((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers")
                   .glob("search.*.min.js"))
    source = workers[0].read_text(encoding="utf-8")
    patched = search.patch_worker(source)
    assert patched.count(search.PATCH_MARK) == 1 and search.patch_worker(patched) == patched
    with pytest.raises(search.WorkerNotPatched, match="found 0"):
        search.patch_worker(source.replace("lunr.tokenizer.separator=", "lunr.tokenizer.sep="))


def test_built_worker_is_patched(built_site: Path):
    worker = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert search.PATCH_MARK in worker.read_text(encoding="utf-8")


# ---- overview cells, glossary order ----------------------------------------------------------

def test_overview_cells_are_labelled_by_their_column():
    page = ('<p>x</p><div class="effects-overview">\n<table>\n<thead>\n<tr>\n<th>Effect</th>\n<th>Review&#x27;s '
            '<em>claims</em></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><a href="a/">A</a></td>\n<td>A5</td>\n'
            '</tr>\n</tbody>\n</table>\n</div><table><tr><td>other</td></tr></table>')
    out = tables.label_overview_cells(page)
    assert '<td data-label="Effect"><a href="a/">A</a></td>' in out
    assert '<td data-label="Review&#x27;s claims">A5</td>' in out
    assert "<td>other</td>" in out


def test_built_overview_cells_are_labelled(built_site: Path):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one(".effects-overview table")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        assert [td.get("data-label") for td in row.find_all("td")] == headings


@pytest.mark.parametrize("before, after", [
    ("a–v", "AS160"), ("a-fv", "a–v"), ("IL-1", "IL-1ra"), ("IL-6", "IL-10"), ("IL-1β", "IL-1ra"),
    ("MIP-1α", "MIP-1β"), ("TNF", "TNF-α"), ("mRNA", "NEFA"), ("VO2max", "VO₂max"), ("VO₂max", "VO2peak"),
])
def test_glossary_reading_order(before: str, after: str):
    assert blocks.reading_order(before) < blocks.reading_order(after)
    listing = blocks.glossary(f"*[{after}]: second\n*[{before}]: first\n")
    assert listing.index(before + "\n") < listing.index(after + "\n")


def test_changelog_problems_are_located_with_the_fix():
    text = ("# C\n\n## [Unreleased]\n\n## v0.3.0 (2026-12-02)\n\n## [0.2.0] - 2026-11-01\n\n"
            "## [0.1.0] - 2026-11-20\n\n## Notes\x1b[2J\n")
    assert changelog.problems(text) == [
        (5, "'## v0.3.0 (2026-12-02)' is not a release heading, so the release would be missing from the feed. "
            "Write it as '## [0.3.0] - 2026-12-02' (Keep a Changelog)"),
        (9, "release dated 2026-11-20 is listed below one dated 2026-11-01. List releases newest first "
            "(Keep a Changelog)"),
        (11, "'## Notes\\x1b[2J' is not a release heading, so the release would be missing from the feed. "
             "Write it as '## [VERSION] - YYYY-MM-DD' (or '## [Unreleased]') (Keep a Changelog)"),
    ]
    assert changelog.problems(CHANGELOG) == []
    # The fix it suggests is right: carried out, the heading is a release.
    fixed = text.replace("## v0.3.0 (2026-12-02)", "## [0.3.0] - 2026-12-02")
    assert [r.version for r in changelog.releases(fixed) if r.released][0] == "0.3.0"
