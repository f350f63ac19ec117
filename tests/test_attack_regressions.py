"""Regressions found by an outside attack on the build (issue 16): one test per finding.

The five findings first kept as strict xfails (a citation in an abbreviation's definition or a
raw HTML attribute, U+202E after a key, scripts in a page, a missing snippet) are fixed; their
variants, found by attacking the fixes, are in tests/test_attack_variants.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from citekit.diagnostics import Report  # noqa: E402
from pagemeta import checks  # noqa: E402


def test_bracket_flood_is_refused_in_linear_time():
    """2 MB of '[a](' in one paragraph: one located error, found in well under a second."""
    body = "Intro.\n\n" + "x [a](" * 350_000 + "\n"
    report = Report()
    started = time.perf_counter()
    checks.check_links("docs/a.md", "a.md", body, 3, {"a.md": body}, set(), report)
    assert time.perf_counter() - started < 2
    assert [str(d) for d in report.items] == [
        "docs/a.md:6: this paragraph holds 350000 '[' (at most 500); Markdown's link parsing slows down "
        "with the square of their number. Split the paragraph with blank lines, or write the brackets in `code`"]


def test_brackets_under_the_bound_are_links_as_before():
    body = "See [a](missing.md).\n\n" + "[x] " * 500 + "\n"
    report = Report()
    checks.check_links("docs/a.md", "a.md", body, 0, {"a.md": body}, set(), report)
    assert [d.message for d in report.items] == ["broken link: 'missing.md' does not exist"]


def test_unknown_latex_macros_are_listed_once_in_order():
    from citekit.latex import unknown_macros

    assert unknown_macros(r"Na\char43{} and \foo{x} \char60 \textbf{b} \'e \url{u}") == ["char", "foo"]
    assert unknown_macros("plain text, no macro") == []


# ---------------------------------------------------------------------------------------------
# Whole builds of the minimal site (tests/bad_input/_base) with one hostile page or setting
# ---------------------------------------------------------------------------------------------

import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

BASE = ROOT / "tests" / "bad_input" / "_base"
ALL_EXTENSIONS = """  - pymdownx.superfences
  - abbr
  - footnotes
"""
PROBLEM = re.compile(r"^(?:ERROR|WARNING) +-  (\S.*)$", re.M)


def build_site(tmp: Path, files: dict[str, str], *, config: tuple[str, str] = ("", ""),
               links: dict[str, Path] | None = None, host: str = "mkdocs"):
    """The minimal site with `files` laid over it, built by scripts/build.py into tmp/site.

    `config` replaces one text of the configuration template by another; `links` makes
    symbolic links (name -> target) in the site's folder; `host` the site generator. Returns the
    process, the problem lines it printed and the built page docs/atk.md (None if none).
    """
    src = tmp / "src"
    shutil.copytree(BASE, src)
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    for name, target in (links or {}).items():
        (src / name).symlink_to(target)
    template = (src / "mkdocs.yml.in").read_text(encoding="utf-8").replace("  - pymdownx.superfences\n",
                                                                            ALL_EXTENSIONS)
    template = template.replace(*config) if config[0] else template
    (src / "mkdocs.yml").write_text(template.replace("@HOOKS@", (ROOT / "hooks").as_posix()), encoding="utf-8")
    (src / "mkdocs.yml.in").unlink()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CITATIONS", None)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config", str(src / "mkdocs.yml"),
                           "--out", str(tmp / "site"), "--host", host], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    page = tmp / "site" / "atk" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") if page.exists() else None
    return proc, PROBLEM.findall(proc.stdout + proc.stderr), soup


def page(body: str) -> str:
    return f"---\ntitle: Attack page\n---\n\n{body}\n"


def stopped_with_located_error(proc, problems: list[str], where: str) -> bool:
    output = proc.stdout + proc.stderr
    return proc.returncode != 0 and "Traceback" not in output and any(p.startswith(where) for p in problems)


def test_citation_in_an_abbreviation_stays_out_of_the_title_attribute(tmp_path):
    proc, problems, soup = build_site(tmp_path, {"docs/atk.md": page(
        "IL-6 is here.\n\n*[IL-6]: interleukin 6 [@steensberg2000]")})
    if proc.returncode == 0:
        titles = [abbr.get("title", "") for abbr in soup.find_all("abbr")]
        assert titles and all("<" not in t and "citation" not in soup.find("abbr").attrs for t in titles), titles
    else:
        assert stopped_with_located_error(proc, problems, "docs/atk.md:7"), problems


def test_citations_in_style_and_textarea_are_left_alone(tmp_path):
    # A <script> in a page is refused since (test_script_in_a_page_is_refused); the scanner still
    # reads no citation in one (tests/test_citation_syntax.py).
    proc, problems, soup = build_site(tmp_path, {"docs/atk.md": page(
        "<textarea>[@steensberg2000]</textarea>\n\n<style>/* [@steensberg2000] */</style>\n\n"
        "Text [@ostrowski1998a].")})
    assert proc.returncode == 0, problems
    article = soup.find("article")
    assert [s.string for s in article.find_all(["textarea", "style"])] == [
        "[@steensberg2000]", "/* [@steensberg2000] */"]


def test_citation_directly_before_a_footnote_marker_is_rendered(tmp_path):
    proc, problems, soup = build_site(tmp_path, {"docs/atk.md": page(
        "Claim [@steensberg2000][^1].\n\n[^1]: A note.")})
    assert proc.returncode == 0, problems
    assert soup.find("span", class_="citation", attrs={"data-cites": "steensberg2000"}) is not None


@pytest.mark.parametrize("written", ["![Figure [@steensberg2000]](x.svg)",
                                     '[a link](https://example.org/ "title [@steensberg2000]")'])
def test_citation_in_image_alt_or_link_title_has_a_message_that_says_what_to_do(tmp_path, written):
    proc, problems, _ = build_site(tmp_path, {"docs/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
                                              "docs/atk.md": page(written)})
    assert stopped_with_located_error(proc, problems, "docs/atk.md:5"), problems
    assert not any("did not run" in p for p in problems), problems


@pytest.mark.parametrize("written", [
    "[@bad\x1b[2Jkey]",   # fixed: the page's control character is reported (atk_page_control_characters)
    "[@ключ2001]",   # fixed: keys of any script are read as pandoc reads them (an unknown key: reported)
    "[@steensberg2000\u202e]"])
def test_a_citation_that_cannot_be_read_is_reported(tmp_path, written):
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page(f"Text {written}.")})
    assert stopped_with_located_error(proc, problems, "docs/atk.md:5"), problems
    assert "\x1b" not in proc.stdout + proc.stderr


def test_citation_in_an_html_attribute_is_reported(tmp_path):
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page(
        '<span title="See [@steensberg2000]">hover</span>')})
    assert stopped_with_located_error(proc, problems, "docs/atk.md:5"), problems


def test_script_in_a_page_is_refused(tmp_path):
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page(
        "<script>alert(1)</script>\n\n<b onmouseover=alert(2)>x</b> [x](javascript:alert(3))")})
    assert stopped_with_located_error(proc, problems, "docs/atk.md:5"), problems


def test_bibliography_setting_that_is_a_number_is_a_located_error(tmp_path):
    proc, problems, _ = build_site(tmp_path, {}, config=('bibliography: ["bib/**/*.bib"]', "bibliography: 42"))
    assert stopped_with_located_error(proc, problems, "mkdocs.yml:"), problems


def test_effects_setting_that_is_a_list_is_a_located_error(tmp_path):
    proc, problems, _ = build_site(tmp_path, {}, config=("  effects:\n", "  effects: [1, 2]\n  effects_old:\n"))
    assert stopped_with_located_error(proc, problems, "mkdocs.yml:"), problems


def test_missing_snippet_is_a_located_error(tmp_path):
    config = ("  - footnotes\n", "  - footnotes\n  - pymdownx.snippets:\n      check_paths: true\n")
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page('Text.\n\n--8<-- "nope.md"')}, config=config)
    assert stopped_with_located_error(proc, problems, "docs/atk.md:7"), problems


def test_rejected_front_matter_does_not_break_links_to_the_page(tmp_path):
    proc, problems, _ = build_site(tmp_path, {
        "docs/atk.md": "---\ntitle: A\ntitle: B\n---\n\n# A\n\nText.\n",
        "docs/other.md": page("See [the page](atk.md).")})
    assert [p for p in problems if p.startswith("docs/")] == [
        "docs/atk.md:3: front matter key 'title' is given twice (lines 2 and 3); YAML would silently keep only "
        "the second. Keep one of the two and merge what each says"], problems


def test_a_bib_link_out_of_the_project_is_not_read(tmp_path):
    """bib/leak.bib -> a file of the machine: its text was echoed by the parse errors in the log."""
    from citekit import find_sources, load

    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc\n@misc{ghp_SECRET =\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "bib").mkdir(parents=True)
    (project / "bib" / "ok.bib").write_text("@misc{ok, title = {T}, author = {A, B}, year = {2001}}\n",
                                            encoding="utf-8")
    (project / "bib" / "leak.bib").symlink_to(secret)
    (project / "bib" / "rootfs").symlink_to("/", target_is_directory=True)
    sources = find_sources(project, ["bib/**/*.bib"])
    assert sources == [project / "bib" / "ok.bib"]
    assert [(d.path, d.line, d.message) for d in sources.problems] == [
        ("bib/leak.bib", 1, "this is a symbolic link to a place outside the project; it is not read"),
        ("bib/rootfs", 1, "this is a symbolic link to a place outside the project; it is not read")]
    bib = load(sources, project)
    assert "SECRET" not in "\n".join(str(d) for d in bib.report.items)
    assert list(bib.entries) == ["ok"]


def test_a_page_linked_from_outside_the_project_is_not_published(tmp_path):
    """docs/leak.md -> a file of the build machine: MkDocs published it as a page, exit 0."""
    secret = tmp_path / "secret.md"
    secret.write_text("# Leak\n\nGITHUB_TOKEN=ghp_SECRET\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    proc, problems, _ = build_site(tmp_path, {}, links={"docs/leak.md": secret})
    assert proc.returncode == 1
    assert problems == ["docs/leak.md:1: this is a symbolic link to a place outside the project; MkDocs would "
                        "publish what it points to. Put the file itself in the project, not a link to it"]
    assert list((tmp_path / "site").iterdir()) == []


def test_scanning_a_long_backtick_run_is_linear():
    from citekit.syntax import scan

    started = time.perf_counter()
    found = scan("`" * 120_000 + " [@steensberg2000]").citations
    assert time.perf_counter() - started < 1.0
    assert [c.keys for c in found] == [["steensberg2000"]]


def test_a_citation_after_an_unclosed_backtick_run_is_rendered(tmp_path):
    proc, problems, soup = build_site(tmp_path, {"docs/atk.md": page("`" * 2_000_000 + " [@steensberg2000]")})
    assert proc.returncode == 0, problems
    assert soup.find("span", class_="citation", attrs={"data-cites": "steensberg2000"}) is not None
