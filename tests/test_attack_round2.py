"""Regressions found by an outside attack on this round's features (reference export, claim
anchors, "Cite this page", hosted addresses, the bibliography's disk cache): one test per finding.

Each test failed before its fix. Tests marked xfail(strict=True) reproduce findings that are not
fixed yet; each says what happens and what should, and fails loudly (XPASS) once it is fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from project_copy import copy_project
from test_attack_regressions import BASE, build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from citethispage import cite_this_page  # noqa: E402
from readerkit import addresses  # noqa: E402
from readerkit.claims import Claim, finish_page  # noqa: E402

CLAIMS = [Claim("A6", "Abstract", "Muscle releases IL-6 (fictitious paraphrase)")]
HOSTILE_URL = 'https://example.org/"><script>alert(1)</script>'
HOSTILE_URL_MESSAGE = (
    "site_url (SITE_URL) 'https://example.org/\"><script>alert(1)</script>{slash}' holds '\"', '<', '>', "
    "which no web address holds as is. Set SITE_URL to the hosted site's address, as "
    "https://example.org/site/ (percent-encode any other character)")


# ---- reference export ------------------------------------------------------------------------

def _build_on_zensical(tmp: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """The minimal site with `files`, built by scripts/build.py --host zensical into tmp/site."""
    src = tmp / "src"
    shutil.copytree(BASE, src)
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    template = (src / "mkdocs.yml.in").read_text(encoding="utf-8")
    template = template.replace("  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - hooks.citekit_zensical\n")
    (src / "mkdocs.yml").write_text(template.replace("@HOOKS@", (ROOT / "hooks").as_posix()), encoding="utf-8")
    (src / "mkdocs.yml.in").unlink()
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--host", "zensical", "--config",
                           str(src / "mkdocs.yml"), "--out", str(tmp / "site")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("host", ["mkdocs", "zensical"])
def test_download_links_reach_the_files_of_pages_named_with_hash_percent_or_space(tmp_path, host):
    """docs/a#b.md: the link was '../references/pages/a#b.bib' (the browser asks for 'a', with the
    fragment 'b.bib'); docs/a%20b.md: '%20' was read as a space. Both were 404s."""
    pages = {name: "---\ntitle: T\n---\n\nText [@steensberg2000].\n"
             for name in ("docs/a#b.md", "docs/a%20b.md", "docs/sp ace é.md")}
    if host == "mkdocs":
        proc, problems, _ = build_site(tmp_path, pages)
    else:
        proc = _build_on_zensical(tmp_path, pages)
        problems = proc.stdout + proc.stderr
    assert proc.returncode == 0, problems
    site = tmp_path / "site"
    checked = 0
    for built in ("a#b", "a%20b", "sp ace é"):
        page = site / built / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article p.reference-downloads a.reference-download"):
            parts = urlsplit(link["href"])
            assert not parts.fragment and not parts.query, link["href"]
            assert (page.parent / unquote(parts.path)).resolve().is_file(), link["href"]
            checked += 1
    assert checked == 9


def test_the_editors_of_a_chapter_with_authors_are_exported(tmp_path):
    """A chapter with authors, in a book with editors (by crossref): RIS and CSL-JSON named only the
    authors; the editors were dropped without a word. pandoc reads the RIS as the oracle."""
    import json

    import pypandoc
    from citekit import export, find_sources, load

    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "c.bib").write_text(
        "@inproceedings{child2001,\n  author = {Doe, Jane},\n  title = {A chapter},\n  pages = {1--9},\n"
        "  crossref = {proc2001},\n}\n@proceedings{proc2001,\n  title = {Proceedings},\n  booktitle = {Proceedings},"
        "\n  editor = {Roe, Rita and Poe, Paul},\n  year = {2001},\n  publisher = {Press},\n}\n", encoding="utf-8")
    entry = load(find_sources(tmp_path, ["bib/*.bib"]), tmp_path).entries["child2001"]
    editors = [{"family": "Roe", "given": "Rita"}, {"family": "Poe", "given": "Paul"}]
    assert export.csl_item(entry)["editor"] == editors
    from_ris = json.loads(pypandoc.convert_text(export.ris([entry]), "csljson", format="ris"))
    assert [(item["author"], item["editor"]) for item in from_ris] == [([{"family": "Doe", "given": "Jane"}], editors)]


# ---- claim anchors ---------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ['<span title="1 > 0, claim A6">x</span>', "<img alt='1 > 0, claim A6' src=x.png>"])
def test_a_claim_named_in_an_attribute_holding_a_greater_than_sign_is_left_alone(tag):
    """The tag was taken to end at the '>' inside the quotes: the link was put into the attribute,
    whose quotes it then ended (markup of the page broken, the attribute's text lost)."""
    finished = finish_page(f"<p>{tag} and claim A6.</p>", CLAIMS, "../about/")
    soup = BeautifulSoup(finished, "html.parser")
    element = soup.find(["span", "img"])
    assert element.get("title", element.get("alt")) == "1 > 0, claim A6"
    assert [a["href"] for a in soup.select("a.claim-ref")] == ["../about/#claim-a6"]


def test_an_unquoted_attribute_with_an_apostrophe_does_not_hide_the_rest_of_the_page():
    """Held before the fix above; kept so that quotes are read only after '=' (alt=it's)."""
    finished = finish_page("<p><img alt=it's src=x.png> claim A6 <code>claim A6</code></p>", CLAIMS, "")
    assert [a.get_text() for a in BeautifulSoup(finished, "html.parser").select("a.claim-ref")] == ["A6"]


def test_comments_never_closed_are_linked_around_in_linear_time():
    """Held before the fix above (a comment never closed was taken for a tag); a first version of
    that fix scanned to the end of the page for each '<!--' (228 s for 100 000 of them)."""
    started = time.perf_counter()
    finished = finish_page("<p>claim A6 " + "<!--" * 20_000 + "</p>", CLAIMS, "")
    assert time.perf_counter() - started < 1
    assert finished.count('class="claim-ref"') == 1


def test_evidence_overview_openings_without_a_table_are_passed_in_linear_time():
    """8000 '<div class="effects-overview">' with no table after them took 33 s (each scanned the rest)."""
    started = time.perf_counter()
    finished = finish_page("<p>claim A6 " + '<div class="effects-overview">' * 8000 + "</p>", CLAIMS, "")
    assert time.perf_counter() - started < 2
    assert finished.count('class="claim-ref"') == 1


def test_the_evidence_overview_cells_are_still_linked():
    overview = ('<div class="effects-overview"><table><tr><td>A6, A9</td><td>claim A6</td></tr></table></div>'
                "<table><tr><td>A6</td></tr></table>")
    soup = BeautifulSoup(finish_page(overview, CLAIMS, "../about/"), "html.parser")
    assert [(a.get_text(), a.find_parent("table") is soup.find("table")) for a in soup.select("a.claim-ref")] == \
        [("A6", True), ("A6", True)]
    assert soup.find_all("td")[0].get_text() == "A6, A9" and soup.find_all("td")[2].get_text() == "A6"


# ---- "Cite this page" ------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Cytokines } and more", "A { open title", "}{"])
def test_cite_this_page_bibtex_reads_back_with_a_lone_brace_in_the_title(title):
    """A lone '}' in a page's title ended the BibTeX field early: pybtex refused the entry the
    reader copies (or took in the rest of it)."""
    from pybtex.database import parse_string

    block = cite_this_page(title=title, url="https://example.org/il6/x/", site_name="S", author="A",
                           year=2026, key="x", version="version of 2026-12-01")
    bibtex = BeautifulSoup(block, "html.parser").select_one(".cite-bibtex").get_text()
    entry = parse_string(bibtex, "bibtex").entries["il6site:x"]
    assert set(entry.fields) >= {"title", "howpublished", "year", "url", "note"}
    assert entry.fields["url"] == "https://example.org/il6/x/"
    assert entry.fields["title"].replace("{", "").replace("}", "").split() == \
        title.replace("{", "").replace("}", "").split()


def test_a_claim_id_with_a_quote_adds_no_attribute_to_the_claims_table():
    """seeds/review.yaml with the ID 'A7" onmouseover="alert(1)': the row and its permalink got an
    onmouseover attribute (the anchor was written unescaped)."""
    from readerkit.claims import claims_table

    table = BeautifulSoup(claims_table([Claim('A7" onmouseover="alert(1)', "Abstract", "t")]), "html.parser")
    assert [t.name for t in table.find_all(True) if "onmouseover" in t.attrs] == []
    assert table.select_one("tbody tr")["id"] == 'claim-a7" onmouseover="alert(1)'


def test_a_claim_id_that_is_not_an_id_is_a_located_error(tmp_path):
    from test_attack_regressions import stopped_with_located_error

    review = (BASE / "review.yaml").read_text(encoding="utf-8") + \
        '  - {id: "A7\\" onmouseover=\\"alert(1)", section: Abstract}\n'
    proc, problems, _ = build_site(tmp_path, {"review.yaml": review})
    assert stopped_with_located_error(proc, problems, "review.yaml:"), problems
    line = review.splitlines().index('  - {id: "A7\\" onmouseover=\\"alert(1)", section: Abstract}') + 1
    assert (f"review.yaml:{line}: claim ID 'A7\" onmouseover=\"alert(1)' is not an ID: pages name claims by "
            "such IDs and the About page anchors each one (claim-a6)") in proc.stdout + proc.stderr


# ---- hosted addresses (SITE_URL) -------------------------------------------------------------

@pytest.mark.parametrize(("url", "problem"), [
    (HOSTILE_URL, "holds '\"', '<', '>', which no web address holds as is"),
    ("https://example.org/a b/", "holds ' ', which no web address holds as is"),
    ("https://example.org/\x1b[2J", "holds '\\x1b', which no web address holds as is"),
    ("https://example.org/\u202eli/", "holds '\\u202e', which no web address holds as is"),
    ("https://exämple.org/café/", None),
    ("javascript://example.org/%0aalert(1)", "is not an http:// or https:// address with a host name"),
    ("https://example.org/il6?lang=en", "has a query ('?') or a fragment ('#'), after which no page's path can follow"),
    ("https://example.org/il6/#", "has a query ('?') or a fragment ('#'), after which no page's path can follow"),
    ("https://user:secret@example.org/", "names a user (and perhaps a password) before '@', which every page "
     "would publish"),
    ("https://example.org/il6/", None), ("http://127.0.0.1:8000/", None), (None, None)])
def test_site_url_problem(url, problem):
    assert addresses.site_url_problem(url) == problem


def test_cite_this_page_names_the_address_of_a_page_whose_name_needs_encoding(tmp_path):
    """docs/a#b é.md: "Cite this page" named https://example.org/il6/a#b é/ (the page 'a' with a
    fragment), the canonical link https://example.org/il6/a%23b%20%C3%A9/."""
    proc, problems, _ = build_site(tmp_path, {"docs/a#b é.md": "---\ntitle: T\n---\n\nText [@steensberg2000].\n"},
                                   config=("site_url: http://127.0.0.1:8000/", "site_url: https://example.org/il6/"))
    assert proc.returncode == 0, problems
    soup = BeautifulSoup((tmp_path / "site" / "a#b é" / "index.html").read_text(encoding="utf-8"), "html.parser")
    address = "https://example.org/il6/a%23b%20%C3%A9/"
    assert soup.find("link", rel="canonical")["href"] == address
    assert soup.select_one(".cite-plain").get_text().split(" [accessed")[0].endswith(f". {address}")
    assert f"  url = {{{address}}},\n" in soup.select_one(".cite-bibtex").get_text()


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


@pytest.mark.parametrize(("host", "slash"), [("mkdocs", "/"), ("zensical", "")])
def test_a_site_url_that_breaks_out_of_the_canonical_link_is_refused(tmp_path, host, slash):
    """SITE_URL='https://example.org/"><script>…' was written as is into every page's
    <link rel="canonical" href="…"> (overrides/main.html): a script on every page of both hosts."""
    project = _project(tmp_path)
    env = dict(os.environ, SITE_URL=HOSTILE_URL, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "scripts/build.py", "--host", host, "--out", str(tmp_path / "site")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in output
    assert f"ERROR   -  mkdocs.yml:9: {HOSTILE_URL_MESSAGE.format(slash=slash)}" in output.splitlines()
    assert not (tmp_path / "site").exists()


def test_make_offline_refuses_a_hostile_site_url_before_building(tmp_path):
    env = dict(os.environ, SITE_URL=HOSTILE_URL)
    zip_path = tmp_path / "copy.zip"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline.py"), "--zip", str(zip_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == f"offline: {HOSTILE_URL_MESSAGE.format(slash='')}\n"
    assert not zip_path.exists()


# ---- the bibliography's disk cache -----------------------------------------------------------

def _cache_site(tmp_path: Path) -> tuple[Path, Path]:
    """The minimal site's sources (bib/ and a project root) and a folder outside it."""
    project = tmp_path / "project"
    shutil.copytree(BASE / "bib", project / "bib")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "bibliography.marshal").write_text("someone's file\n", encoding="utf-8")
    return project, outside


def _load_in_a_process(project: Path) -> subprocess.CompletedProcess:
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "from citekit.bibliography import load_cached; "
            "bib = load_cached(sorted(Path(sys.argv[2]).glob('bib/*.bib')), Path(sys.argv[2])); "
            "print(len(bib.entries))")
    return subprocess.run([sys.executable, "-c", code, str(ROOT / "hooks"), str(project)],
                          capture_output=True, text=True, timeout=60)


def test_a_cache_folder_that_links_elsewhere_is_neither_read_nor_written(tmp_path):
    """.citekit-cache -> a folder outside the project (a pull request can add the link): the cache
    was written there, replacing the file of that name."""
    project, outside = _cache_site(tmp_path)
    (project / ".citekit-cache").symlink_to(outside, target_is_directory=True)
    proc = _load_in_a_process(project)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (outside / "bibliography.marshal").read_text(encoding="utf-8") == "someone's file\n"
    assert sorted(p.name for p in outside.iterdir()) == ["bibliography.marshal"]


def test_a_named_pipe_at_the_cache_path_does_not_hang_the_build(tmp_path):
    """A FIFO at .citekit-cache/bibliography.marshal: open() waited for a writer, for ever."""
    project, _ = _cache_site(tmp_path)
    (project / ".citekit-cache").mkdir()
    os.mkfifo(project / ".citekit-cache" / "bibliography.marshal")
    try:
        proc = _load_in_a_process(project)
    except subprocess.TimeoutExpired:
        pytest.fail("loading the bibliography hung on the named pipe")
    assert proc.returncode == 0 and proc.stdout.strip().isdigit() and int(proc.stdout) > 0
    assert proc.stderr == ("INFO    -  .citekit-cache/bibliography.marshal: the bibliography cache could not be "
                           "read (not a regular file); the .bib files were parsed again and the cache rewritten\n")
    assert (project / ".citekit-cache" / "bibliography.marshal").is_file()   # replaced by a real cache


def test_a_cache_file_that_links_elsewhere_is_replaced_not_its_target(tmp_path):
    """Held (os.replace replaces the link itself); kept with the two fixes beside it."""
    project, outside = _cache_site(tmp_path)
    (project / ".citekit-cache").mkdir()
    (project / ".citekit-cache" / "bibliography.marshal").symlink_to(outside / "bibliography.marshal")
    proc = _load_in_a_process(project)
    assert proc.returncode == 0
    assert (outside / "bibliography.marshal").read_text(encoding="utf-8") == "someone's file\n"
    assert not (project / ".citekit-cache" / "bibliography.marshal").is_symlink()


# ---- a file of docs/ where the export writes -------------------------------------------------

@pytest.mark.parametrize("host", ["mkdocs", "zensical"])
@pytest.mark.parametrize("name", ["references/all.bib", "references/pages/atk.ris"])
def test_a_docs_file_where_the_export_writes_is_a_located_error(tmp_path, host, name):
    """docs/references/all.bib (a contributor's own file) was replaced by the export, exit 0."""
    files = {f"docs/{name}": "@misc{mine, title = {My own file}}\n",
             "docs/atk.md": "---\ntitle: Attack page\n---\n\nText [@steensberg2000].\n"}
    if host == "mkdocs":
        proc, problems, _ = build_site(tmp_path, files)
    else:
        proc = _build_on_zensical(tmp_path, files)
        problems = [line.split("-  ", 1)[1] for line in (proc.stdout + proc.stderr).splitlines()
                    if line.startswith("ERROR")]
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert problems[0] == (
        f"docs/{name}:1: this file would be published as {name}, where the reference export writes its files "
        "(every page's references, references/all.* and references/pages/); the export would replace it. "
        "Move or rename the file: nothing of docs/ may go in references/pages/ or be named references/all.*")
    assert not (tmp_path / "site").exists()


def test_a_committed_cache_file_is_not_trusted(tmp_path):
    """A pull request can commit (git add -f) a .citekit-cache/bibliography.marshal under the right
    key (made of public inputs only): in a checkout the cache lives in the git folder instead."""
    from citekit import bibcache, find_sources
    from citekit.bibliography import _load, load_cached

    project, _ = _cache_site(tmp_path)
    with open(project / "bib" / "refs.bib", "a", encoding="utf-8") as bib_file:
        bib_file.write("\n@article{noyear,\n  title = {No year},\n  author = {Doe, J.},\n  journal = {J},\n}\n")
    paths = find_sources(project, ["bib/**/*.bib"])
    contents = [p.read_bytes() for p in paths]
    forged = _load(paths, contents, project)
    assert any("has no year" in d.message for d in forged.report.items)   # an error under the strict build
    forged.report.items.clear()
    forged.entries["noyear"].raw["title"] = "Forged title, never in bib/"
    bibcache.write(bibcache.cache_file(project), bibcache.cache_key(project, paths, contents, []), forged)
    for command in (["init", "-q"], ["add", "-f", "."], ["-c", "user.name=A", "-c", "user.email=a@example.org",
                                                        "commit", "-qm", "PR"]):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    loaded = load_cached(find_sources(project, ["bib/**/*.bib"]), project)
    assert loaded.entries["noyear"].raw["title"] == "No year"
    assert any("has no year" in d.message for d in loaded.report.items)


def test_a_bib_changed_in_the_same_second_with_the_same_size_is_seen(tmp_path):
    """Held (the key is the .bib bytes, not their time or size); kept as the cache's promise."""
    project, _ = _cache_site(tmp_path)
    bib = project / "bib" / "refs.bib"
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "from citekit.bibliography import load_cached; "
            "bib = load_cached([Path(sys.argv[2]) / 'bib' / 'refs.bib'], Path(sys.argv[2])); "
            "print(bib.entries['steensberg2000'].raw['volume'])")
    run = [sys.executable, "-c", code, str(ROOT / "hooks"), str(project)]
    stat = bib.stat()
    assert subprocess.run(run, capture_output=True, text=True, check=True).stdout == "529\n"
    bib.write_bytes(bib.read_bytes().replace(b"{529}", b"{592}"))
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert bib.stat().st_size == stat.st_size and (project / ".citekit-cache" / "bibliography.marshal").is_file()
    assert subprocess.run(run, capture_output=True, text=True, check=True).stdout == "592\n"


def test_builds_racing_on_one_cache_all_succeed_and_leave_a_whole_file(tmp_path):
    """Held (a temporary file, then os.replace); kept as the cache's promise."""
    from citekit import bibcache

    project, _ = _cache_site(tmp_path)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "from citekit.bibliography import load_cached; "
            "print(len(load_cached(sorted(Path(sys.argv[2]).glob('bib/*.bib')), Path(sys.argv[2])).entries))")
    racers = [subprocess.Popen([sys.executable, "-c", code, str(ROOT / "hooks"), str(project)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [racer.communicate(timeout=120) for racer in racers]
    assert len({out for out, _ in results}) == 1 and [err for _, err in results] == [""] * 4
    cache = project / ".citekit-cache"
    assert [p.name for p in cache.iterdir()] == ["bibliography.marshal"]   # no temporary file left
    again = _load_in_a_process(project)
    assert (again.stdout, again.stderr) == (results[0][0], "")
    assert bibcache.cache_file(project).stat().st_size > 0
