"""Zensical as a host: the same article HTML as MkDocs on every page, from hooks/citekit_zensical.

One strict build of each host per test session (`built_site` is the MkDocs build of
conftest.py; `zensical_site` below is `scripts/build.py --host zensical`). Pages are
compared by their <article>, parsed with html.parser and normalised only for what
differs by design between the two themes (see `normalised_article`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, site_builder) -> Path:
    out = tmp_path_factory.mktemp("zensical") / "site"
    proc = site_builder(ROOT / "zensical.yml", out, "--host", "zensical")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return out


# ---- normalising an <article> -------------------------------------------------------------

def normalised_article(page: Path) -> str:
    """The page's <article>, as a canonical string.

    Normalised away, because the themes differ there by design and not the content:
    - Zensical's theme opens the article with a skip-link target, `<a id="__skip">`;
    - Zensical removes `data-search-exclude` attributes once its search index is made
      (MkDocs keeps them); whether the excluded parts stay out of search is tested below;
    - whitespace between elements (the two template engines indent differently);
    - what only the MkDocs hook hooks/readers.py adds (not wired into Zensical yet, see
      README "For readers"): the page record under the article (`aside.page-record`) and the
      overview cells' `data-label` attributes.
    Text inside <pre> is kept exactly.
    """
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    assert article is not None, f"{page}: no <article>"
    for skip in article.find_all("a", id="__skip"):
        skip.decompose()
    for tag in article.find_all(attrs={"data-search-exclude": True}):
        del tag["data-search-exclude"]
    for record in article.find_all("aside", class_="page-record"):
        record.decompose()
    for cell in article.find_all(attrs={"data-label": True}):
        del cell["data-label"]
    return "".join(_canonical(article, in_pre=False))


def _canonical(node: Tag, *, in_pre: bool):
    attrs = " ".join(f'{k}="{" ".join(v) if isinstance(v, list) else v}"' for k, v in sorted(node.attrs.items()))
    yield f"<{node.name}{' ' + attrs if attrs else ''}>"
    for child in node.children:
        if isinstance(child, Tag):
            yield from _canonical(child, in_pre=in_pre or child.name == "pre")
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            text = str(child) if in_pre else " ".join(child.split())
            if text:
                yield text
    yield f"</{node.name}>"


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


# ---- the comparison ---------------------------------------------------------------------

def test_both_hosts_build_the_same_pages(built_site: Path, zensical_site: Path):
    assert html_pages(zensical_site) == html_pages(built_site)
    assert len(html_pages(built_site)) >= 16


def test_every_article_is_the_same_as_on_mkdocs(built_site: Path, zensical_site: Path):
    differing = [page for page in sorted(html_pages(built_site))
                 if normalised_article(built_site / page) != normalised_article(zensical_site / page)]
    assert not differing, f"article HTML differs on: {differing}"


def exported_files(site: Path) -> set[str]:
    """The reference export's files (citekit/export.py), as paths in the site."""
    return {p.relative_to(site).as_posix() for p in (site / "references").rglob("*")
            if p.suffix in (".bib", ".ris", ".json")}


def test_the_exported_reference_files_are_the_same_as_on_mkdocs(built_site: Path, zensical_site: Path):
    names = exported_files(built_site)
    assert names == exported_files(zensical_site)
    assert {"references/all.bib", "references/pages/production/kinetics.ris"} <= names
    differing = [n for n in sorted(names) if (built_site / n).read_bytes() != (zensical_site / n).read_bytes()]
    assert not differing, f"exported files differ: {differing}"


def test_the_comparison_sees_a_citation(built_site: Path, zensical_site: Path, tmp_path: Path):
    """The normalising keeps what matters: one citation changed in one page is a difference."""
    page = zensical_site / "production" / "kinetics" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("Ostrowski <em>et al.</em>") > 1   # the CSL's italic et al. in citations
    changed = tmp_path / "kinetics.html"
    changed.write_text(html.replace("Ostrowski <em>et al.</em>", "Ostrowski &amp; al.", 1), encoding="utf-8")
    assert normalised_article(changed) != normalised_article(built_site / "production" / "kinetics" / "index.html")


def test_citations_lists_and_blocks_are_all_there(zensical_site: Path):
    home = BeautifulSoup((zensical_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".effects-overview table") is not None, "evidence overview missing"
    assert home.select_one(".figure-svg svg") is not None, "Figure 1 missing"
    glossary = BeautifulSoup((zensical_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(glossary.select("article dl dt")) > 10, "glossary missing"
    kinetics = BeautifulSoup((zensical_site / "production" / "kinetics" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    citations = kinetics.select("span.citation a.citation-ref")
    assert citations and all(a.get("title") for a in citations), "citations without previews"
    anchors = {li.get("id") for li in kinetics.select("ul.references li")}
    assert {a["href"].lstrip("#") for a in citations} <= anchors


def test_every_cited_on_link_reaches_its_page_and_heading(zensical_site: Path):
    page = zensical_site / "references" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    entries = soup.select("article ul.references > li")
    # Every entry of bib/ (counted, not written down: a contributor's new reference must not break this).
    assert len(entries) == sum(len(re.findall(r"(?mi)^@(?!string|comment|preamble)\w+\s*\{", bib.read_text(
        encoding="utf-8"))) for bib in (ROOT / "bib").glob("*.bib"))
    links = [a["href"] for li in entries for a in li.select(".cited-on a")]
    assert links and all(li.select(".cited-on a") for li in entries), "an entry without 'Cited on'"
    for href in links:
        path, _, anchor = href.partition("#")
        target = (page.parent / path / "index.html").resolve()
        assert target.is_file(), f"'Cited on' link {href} reaches no page"
        if anchor:
            ids = {t.get("id") for t in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                   .find_all(id=True)}
            assert anchor in ids, f"'Cited on' link {href}: no heading #{anchor}"


# ---- search -------------------------------------------------------------------------------

def _search_texts(items: list[dict]) -> dict[str, str]:
    return {d["location"]: " ".join(unescape(re.sub(r"<[^>]+>", " ", d["text"])).split()) for d in items}


def test_search_text_is_the_same_and_leaves_out_the_reference_lists(built_site: Path, zensical_site: Path):
    zensical = _search_texts(json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"])
    mkdocs = _search_texts(json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
                           ["docs"])
    assert zensical == mkdocs
    # A reference list's entry text (journal, pages) is not in its page's "References" section.
    assert zensical["production/kinetics/#references"] == ""
    assert not any("Cite this page" in text for text in zensical.values())


# ---- the theme overrides on both themes ---------------------------------------------------

@pytest.mark.parametrize("page, expected", [("index.html", True), ("production/kinetics/index.html", True),
                                            ("about/index.html", False)])
def test_page_metadata_on_both_themes(built_site: Path, zensical_site: Path, page: str, expected: bool):
    """Both themes write the page's JSON-LD, pointing to the review on the home page and on pages
    about one of its sections, and neither claims the page is the review (no citation_* tags)."""
    for site in (built_site, zensical_site):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "WebPage"
        assert ("about" in data) is expected, f"{site}/{page}"
        assert soup.find("meta", attrs={"name": "citation_title"}) is None, f"{site}/{page}"


def test_each_theme_gets_its_own_search_markup(built_site: Path, zensical_site: Path):
    material = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    zensical = BeautifulSoup((zensical_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert material.select_one('.md-search[role="dialog"][aria-label] input.md-search__input') is not None
    assert zensical.select_one('.md-search[role="dialog"][aria-label] button.md-search__button') is not None
    assert zensical.select_one(".md-search__input") is None


# ---- errors stop a plain `zensical build` before any page is written ---------------------

def _project_copy(tmp: Path) -> Path:
    src = tmp / "project"
    for name in ("docs", "bib", "seeds", "overrides"):
        shutil.copytree(ROOT / name, src / name)
    for name in ("mkdocs.yml", "zensical.yml", "CHANGELOG.md"):   # the Changes page includes CHANGELOG.md
        shutil.copyfile(ROOT / name, src / name)
    return src


def test_an_unknown_key_stops_zensical_before_it_writes_a_page(tmp_path: Path):
    src = _project_copy(tmp_path)
    about = src / "docs" / "about.md"
    lines = about.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(6, "A new claim [@nosuchkey2001].\n")
    about.write_text("".join(lines), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", "zensical.yml"], cwd=src, env=env,
                          capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    assert "ERROR   -  docs/about.md:7:15: unknown citation key 'nosuchkey2001'. " \
           "Check the key, or add the entry to a .bib file in bib/" in proc.stderr.splitlines()
    assert not list((src / ".cache" / "zensical-site").rglob("*.html")), "pages were written"


# ---- live reload: `zensical serve` renders again in the same process ----------------------

def test_a_new_citation_reaches_the_references_page_on_the_next_render(tmp_path: Path, monkeypatch):
    """The whole-site facts are read again when a page changes, so 'Cited on' is never stale.

    Zensical's own render function is what its server calls for each changed page; the
    configuration lists docs/ under watch:, so that the references page is rendered again too.
    """
    from zensical.config import parse_config
    from zensical.markdown.render import render

    src = _project_copy(tmp_path)
    monkeypatch.chdir(src)
    monkeypatch.setenv("CITEKIT_CONFIG", str(src / "zensical.yml"))
    config = parse_config(str(src / "zensical.yml"))
    assert "docs" in config["watch"]
    references = (src / "docs" / "references.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]

    def cited_on(key: str) -> list[str]:
        html = render(references, "references.md", "references/")["content"]
        entry = BeautifulSoup(html, "html.parser").find(id=f"ref-{key}")
        return [a["href"] for a in entry.select(".cited-on a")]

    before = cited_on("ostrowski2000")
    assert before and not any(href.startswith("about.md") for href in before)
    with (src / "docs" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\nAs measured [@ostrowski2000].\n")
    after = cited_on("ostrowski2000")
    assert [href for href in after if href not in before] == ["about.md#how-to-contribute"]


@pytest.mark.parametrize(("argv", "once"), [
    (["/venv/bin/zensical", "build", "--clean"], True),
    (["/venv/lib/python3.11/site-packages/zensical/__main__.py", "build", "-f", "zensical.yml"], True),
    (["/venv/bin/zensical", "serve"], False),
    (["/venv/lib/python3.11/site-packages/zensical/__main__.py", "serve"], False),
    (["/venv/bin/pytest", "build"], False),          # another program calling Zensical's render
    (["/venv/lib/python3.11/site-packages/other/__main__.py", "build"], False),
    (["/venv/bin/zensical"], False),
    ([], False),
])
def test_only_zensical_build_reads_the_sources_once(argv: list[str], once: bool):
    """`zensical build` renders every page from the sources as they were when it started; anything
    else (the server, a program calling `render`) checks the sources before each page."""
    from hooks.citekit_zensical.extension import _one_build

    assert _one_build(argv) is once


def test_the_page_checks_can_be_turned_off(tmp_path: Path):
    """`page_checks: false` leaves the IL-6 site's page checks out (a citations-only site, as the
    MkDocs citation hook alone): a broken image no longer stops the build; citations, titles and
    the snippet check stay."""
    from zensical.config import parse_config

    from hooks.citekit_zensical.sitefacts import SiteFacts

    src = _project_copy(tmp_path)
    with (src / "docs" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\n![A figure](no-such-figure.png)\n")
    config = parse_config(str(src / "zensical.yml"))
    checked = SiteFacts.read(config, src / "zensical.yml", prepare=False)
    assert [d.path for d in checked.errors()] == ["docs/about.md"]

    config["mdx_configs"]["hooks.citekit_zensical"] = {"page_checks": False}
    unchecked = SiteFacts.read(config, src / "zensical.yml", prepare=False)
    assert unchecked.errors() == []
    assert unchecked.pages["about.md"].title == checked.pages["about.md"].title != ""
    assert unchecked.citations is not None and unchecked.rows == [] != checked.rows


@pytest.mark.parametrize(("written", "message"), [
    ("page_checks: maybe", "zensical.yml:24: page_checks of hooks.citekit_zensical is 'maybe', not a yes/no value. "
                           "Write page_checks: true or page_checks: false"),
    ("page_checks:", "zensical.yml:24: page_checks of hooks.citekit_zensical is empty, not a yes/no value. "
                     "Write page_checks: true or page_checks: false"),
    ("page_checks: 0", "zensical.yml:24: page_checks of hooks.citekit_zensical is '0', not a yes/no value. "
                       "Write page_checks: true or page_checks: false"),
    ("page_check: false", "zensical.yml:24: unknown option 'page_check' of hooks.citekit_zensical. Correct its "
                          "name or remove it; the options are: page_checks (true (the default) or false)"),
    ("page_checks: 'off'", None),
])
def test_a_wrong_extension_option_is_one_located_error(tmp_path: Path, written: str, message: str | None):
    """Python-Markdown would raise a traceback for every page; the checks stay on after a wrong value."""
    from zensical.config import parse_config

    from hooks.citekit_zensical.sitefacts import SiteFacts

    src = _project_copy(tmp_path)
    config_file = src / "zensical.yml"
    text = config_file.read_text(encoding="utf-8")
    assert text.splitlines()[22] == "  - hooks.citekit_zensical"
    config_file.write_text(text.replace("  - hooks.citekit_zensical\n",
                                        f"  - hooks.citekit_zensical:\n      {written}\n"), encoding="utf-8")
    facts = SiteFacts.read(parse_config(str(config_file)), config_file, prepare=False)
    assert [str(d) for d in facts.errors()] == ([message] if message else [])
    assert (facts.rows != []) is (message is not None)


def test_the_table_of_contents_has_headings_only(zensical_site: Path):
    """Python-Markdown runs the postprocessors on each heading's text too (for the table of
    contents): the adapter finishes the page once, not every heading."""
    soup = BeautifulSoup((zensical_site / "production" / "kinetics" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc is not None and "Open questions" in toc.get_text()
    assert "Cite this page" not in toc.get_text()
    assert len(soup.select("section.cite-this-page")) == 1


# ---- the offline copy ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_sites(tmp_path_factory, site_builder) -> tuple[Path, Path]:
    """mkdocs-offline.yml and zensical-offline.yml, each built once (the zips of scripts/offline.py
    are checked in tests/test_offline_addresses.py)."""
    base = tmp_path_factory.mktemp("offline")
    mkdocs = site_builder(ROOT / "mkdocs-offline.yml", base / "mkdocs")
    zensical = site_builder(ROOT / "zensical-offline.yml", base / "zensical", "--host", "zensical")
    assert mkdocs.returncode == 0 and zensical.returncode == 0, mkdocs.stderr + zensical.stderr
    return base / "mkdocs", base / "zensical"


def test_the_offline_copy_has_the_same_articles(offline_sites: tuple[Path, Path]):
    mkdocs, zensical = offline_sites
    assert html_pages(zensical) == html_pages(mkdocs)
    assert "production/kinetics.html" in html_pages(zensical)   # plain .html URLs, to open from disk
    differing = [page for page in sorted(html_pages(mkdocs))
                 if normalised_article(mkdocs / page) != normalised_article(zensical / page)]
    assert not differing, f"article HTML differs on: {differing}"
    names = exported_files(mkdocs)
    assert names == exported_files(zensical) and "references/all.json" in names
    assert all((mkdocs / n).read_bytes() == (zensical / n).read_bytes() for n in names)


def test_the_offline_copy_searches_without_a_server(offline_sites: tuple[Path, Path]):
    _, zensical = offline_sites
    index = (zensical / "search.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = ") and "Ostrowski" in index
    assert "assets/javascripts/iframe-worker-shim.js" in (zensical / "index.html").read_text(encoding="utf-8")
