"""The bad-input corpus: what a contributor sees when a source file is wrong.

Each folder tests/bad_input/<case>/ holds only what differs from a minimal valid site
(tests/bad_input/_base/). A case is built by copying the base into a temporary folder,
laying the case's files over it, and running `python scripts/build.py --config ... --out
<tmp>/site` exactly as `make build` does, with a "previous build" already in <tmp>/site.

Files of a case folder:
  expected.txt   the problem lines the build must print, one per line, exactly as printed but
                 without the `ERROR   -  ` / `WARNING -  ` prefix. Lines starting with '#' are
                 comments. Two more forms, used where a message is wrong today (the case is then
                 in KNOWN_PROBLEMS, and expected.txt says what the message should be):
                   re:PATTERN    some printed problem line matches this regular expression
                   not:PATTERN   no printed problem line matches it
                 When expected.txt has only exact lines, the build's located errors must be
                 exactly those lines: no other error may be printed.
  remove.txt     paths of the base to delete before the build (e.g. `bib/refs.bib`)
  args.txt       extra arguments of scripts/build.py, one a line (e.g. --no-strict); `@SRC@`
                 stands for the case's source folder (e.g. `--out` then `@SRC@/docs`)
  *.latin1       copied as the same file without the suffix, re-encoded to Latin-1 (the
                 repository keeps every text file in UTF-8)
  *.ctl          copied as the same file without the suffix, with every `\\xNN` and `\\uNNNN`
                 written in it turned into that character (control characters stay readable
                 in the repository)
  rename.txt     `FROM -> TO` lines: rename a file after copying; TO may hold `\\xNN` too
                 (e.g. a file name with a newline in it)
  anything else  copied over the base (mkdocs.yml.in replaces the base's config template)

A failing case must: exit non-zero, print every expected line, locate every problem
(`path:LINE`), print no Python traceback and no control character (other than the line ends),
and leave the previous build untouched.
A refused case (REFUSED below: build.py refuses its arguments) must exit 2, print exactly the
lines of expected.txt (`@SRC@` as above) on stderr, and touch neither the sources nor the
previous build.
A succeeding case (SUCCEED below) must exit 0, print its expected lines (advisories), publish
the new build, and pass its own checks on the built HTML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "bad_input"
BASE = CASES / "_base"
HOOKS = ROOT / "hooks"
BUILD = ROOT / "scripts" / "build.py"
MARKER = "PREVIOUS-BUILD.txt"
CASE_FILES = {"expected.txt", "remove.txt", "rename.txt", "README.md"}
# What a terminal or a log reader would act on, if a message echoed it raw.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

# A problem line as MkDocs prints buildreport.py's report: `ERROR   -  path:LINE[:COL]: message.
# hint`; the report ends with `ERROR   -  N problems in the sources (listed above); ...`.
PROBLEM_LINE = re.compile(r"^(?P<level>ERROR|WARNING) +-  (?P<text>\S.*)$")
LOCATED = re.compile(r"^[^\s:]+:\d+(?::\d+)?: \S")
SUMMARY = re.compile(r"^\d+ problems? in the sources \(listed above\)")

# Cases that must build (exit 0).
SUCCEED = {"ok_advisory_only", "ok_code_not_cited", "ok_effect_page", "ok_email_not_citation",
           "ok_xss_in_bibtex",
           "rnd_hostile_citations",
           "hst_zensical_ok_xss_in_bibtex",
           "bibx_lone_cr",
           "bibx_zotero_identifiers",
           }

# Cases whose arguments scripts/build.py refuses (an output folder that would delete sources).
REFUSED = {"ctb_out_holds_the_config", "ctb_out_inside_docs_dir", "ctb_out_is_docs_dir"}

# Messages that are wrong or unhelpful today: case -> why. The message test of these cases
# asserts what the build should print (expected.txt) and is expected to fail until the hooks
# are fixed; strict, so that it fails loudly once they are (then remove the entry here).
KNOWN_PROBLEMS: dict[str, str] = {}
# Cases that stop the build, but not as they should (their stop test is expected to fail).
KNOWN_BUILD_PROBLEMS: dict[str, str] = {}


# ---------------------------------------------------------------------------------------------
# Building a case
# ---------------------------------------------------------------------------------------------

def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def prepare(case: str, tmp: Path) -> Path:
    """The base site with the case laid over it, in tmp/src; returns its mkdocs.yml."""
    src = tmp / "src"
    shutil.copytree(BASE, src)
    case_dir = CASES / case
    for path in sorted(case_dir.rglob("*")):
        rel = path.relative_to(case_dir)
        if path.is_dir() or rel.as_posix() in CASE_FILES:
            continue
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".latin1":
            target = target.with_suffix("")
            target.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
        elif path.suffix == ".ctl":
            target.with_suffix("").write_text(controls(path.read_text(encoding="utf-8")),
                                              encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    for line in read_lines(case_dir / "rename.txt"):
        old, new = (part.strip() for part in line.split(" -> "))
        (src / old).rename(src / controls(new))
    for rel in read_lines(case_dir / "remove.txt"):
        victim = src / rel
        if victim.is_dir():
            shutil.rmtree(victim)
        else:
            victim.unlink()
    template = src / "mkdocs.yml.in"
    config = src / "mkdocs.yml"
    config.write_text(template.read_text(encoding="utf-8").replace("@HOOKS@", HOOKS.as_posix()),
                      encoding="utf-8")
    template.unlink()
    return config


def controls(text: str) -> str:
    """`\\xNN` and `\\uNNNN` as written in a case file, turned into the characters they name."""
    return re.sub(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def build(config: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CITATIONS", None)
    return subprocess.run([sys.executable, str(BUILD), "--config", str(config), "--out", str(out), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def build_case(case: str, tmp: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Build a case over a previous build in tmp/site; returns (process, tmp/site)."""
    config = prepare(case, tmp)
    site = tmp / "site"
    site.mkdir()
    (site / MARKER).write_text("a previous, good build\n", encoding="utf-8")
    args = [arg.replace("@SRC@", config.parent.as_posix()) for arg in read_lines(CASES / case / "args.txt")]
    return build(config, site, *args), site


def shown(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"


def problems(proc: subprocess.CompletedProcess, level: str | None = None) -> list[str]:
    """The problem lines printed (without the level prefix), of one level or of both."""
    return [m.group("text") for line in (proc.stdout + proc.stderr).splitlines()
            if (m := PROBLEM_LINE.match(line)) and level in (None, m.group("level"))]


def located_errors(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in problems(proc, "ERROR") if not SUMMARY.match(line)]


def message_failures(case: str, proc: subprocess.CompletedProcess) -> list[str]:
    """What expected.txt asks for that the output does not do (empty: all is well)."""
    printed = problems(proc)
    spec = read_lines(CASES / case / "expected.txt")
    failures = []
    for line in spec:
        if line.startswith("re:"):
            if not any(re.search(line[3:], p) for p in printed):
                failures.append(f"no line matches /{line[3:]}/")
        elif line.startswith("not:"):
            failures.extend(f"printed, but should not be: {p}" for p in printed
                            if re.search(line[4:], p))
        elif line not in printed:
            failures.append(f"not printed: {line}")
    if all(not line.startswith(("re:", "not:")) for line in spec):
        failures.extend(f"not expected: {line}" for line in located_errors(proc) if line not in spec)
    return failures


# ---------------------------------------------------------------------------------------------
# Every case
# ---------------------------------------------------------------------------------------------

FAILING = [c for c in case_names() if c not in SUCCEED and c not in REFUSED]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every case built once, when first asked for: case -> (process, its site folder)."""
    cache: dict[str, tuple[subprocess.CompletedProcess, Path]] = {}

    def get(case: str):
        if case not in cache:
            cache[case] = build_case(case, tmp_path_factory.mktemp(case))
        return cache[case]

    return get


def _param(case: str, known: dict[str, str]):
    marks = [pytest.mark.xfail(strict=True, reason=known[case])] if case in known else []
    return pytest.param(case, marks=marks, id=case)


def test_corpus_is_complete():
    names = set(case_names())
    assert SUCCEED <= names, f"SUCCEED names missing folders: {SUCCEED - names}"
    assert REFUSED <= names, f"REFUSED names missing folders: {REFUSED - names}"
    for known in (KNOWN_PROBLEMS, KNOWN_BUILD_PROBLEMS):
        assert set(known) <= names, f"no folder for {set(known) - names}"
    for case in FAILING:
        assert read_lines(CASES / case / "expected.txt"), f"{case}: expected.txt lists nothing"


@pytest.mark.parametrize("case", [_param(c, KNOWN_BUILD_PROBLEMS) for c in FAILING])
def test_bad_input_stops_the_build(case: str, built):
    """Exit non-zero, no traceback, every error located, the previous build kept."""
    proc, site = built(case)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, f"{case}: Python traceback\n{shown(proc)}"
    assert not RAW_CONTROL.search(output), f"{case}: a raw control character\n{shown(proc)!r}"
    assert proc.returncode != 0, f"{case}: the build succeeded\n{shown(proc)}"
    errors = located_errors(proc)
    assert errors, f"{case}: no problem was printed\n{shown(proc)}"
    unlocated = [line for line in errors if not LOCATED.match(line)]
    assert not unlocated, f"{case}: problems without path:LINE:\n  " + "\n  ".join(unlocated)
    assert sorted(p.name for p in site.iterdir()) == [MARKER], f"{case}: site/ was changed"
    leftovers = sorted(p.name for p in site.parent.iterdir() if p.name not in ("src", "site"))
    assert not leftovers, f"{case}: a half-built folder was left behind: {leftovers}"


@pytest.mark.parametrize("case", [_param(c, KNOWN_PROBLEMS) for c in FAILING])
def test_bad_input_messages(case: str, built):
    """The build prints what expected.txt says, and (when it is exact) nothing else."""
    proc, _ = built(case)
    failures = message_failures(case, proc)
    assert not failures, f"{case}:\n  " + "\n  ".join(failures) + f"\n{shown(proc)}"


def test_all_problems_are_reported_together(built):
    """Three problems in three files (a .bib file, front matter, a page): one build shows all."""
    proc, _ = built("all_problems_together")
    errors = located_errors(proc)
    assert {e.split(":", 1)[0] for e in errors} == \
        {"bib/refs.bib", "docs/effects/x.md", "docs/other.md"}, errors
    assert len(errors) == 3, errors
    assert "3 problems in the sources" in proc.stderr


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_output_folder_that_would_delete_sources_is_refused(case: str, built):
    """Exit 2 with the exact reason; the sources and the previous build are as they were."""
    proc, site = built(case)
    src = site.parent / "src"
    expected = [line.replace("@SRC@", src.as_posix()) for line in read_lines(CASES / case / "expected.txt")]
    assert proc.returncode == 2, shown(proc)
    assert proc.stderr.splitlines() == expected, shown(proc)
    assert proc.stdout == "", shown(proc)
    assert (src / "docs" / "index.md").is_file() and (src / "mkdocs.yml").is_file()
    assert sorted(p.name for p in site.iterdir()) == [MARKER], f"{case}: site/ was changed"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "src"]


@pytest.mark.parametrize("case", sorted(SUCCEED))
def test_good_input_builds(case: str, built):
    proc, site = built(case)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, f"{case}: Python traceback\n{shown(proc)}"
    assert proc.returncode == 0, f"{case}: the build failed\n{shown(proc)}"
    failures = message_failures(case, proc)
    assert not failures, f"{case}:\n  " + "\n  ".join(failures) + f"\n{shown(proc)}"
    assert (site / "index.html").is_file() and not (site / MARKER).exists(), \
        f"{case}: the new build was not published"


# ---------------------------------------------------------------------------------------------
# What the succeeding cases look like in HTML
# ---------------------------------------------------------------------------------------------

def article(site: Path, page: str = "index.html"):
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article") or soup


def good(built, case: str) -> Path:
    proc, site = built(case)
    assert proc.returncode == 0, shown(proc)
    return site


def test_citations_in_code_stay_code(built):
    body = article(good(built, "ok_code_not_cited"))
    blocks = [c.get_text() for c in body.select("pre code")]
    inline = [c.get_text() for c in body.select("code") if c.parent.name != "pre"]
    assert any("[@steensberg2000]" in t for t in blocks), f"fenced block changed: {blocks}"
    assert any("[@alsonotakey1999]" in t for t in blocks), f"~~~ block changed: {blocks}"
    assert "[@ostrowski1998a]" in inline and "[@nosuchkey2000]" in inline, inline
    assert not body.select("code span.citation, code a.citation-ref, pre a")
    # Cited only in code: not cited by the page, so not in its reference list.
    listed = [li["id"] for li in body.select("li.reference")]
    assert listed == ["ref-pedersen2001jphysiol"], listed


def test_email_address_is_not_a_citation(built):
    body = article(good(built, "ok_email_not_citation"))
    assert body.get_text().count("someone@example.org") == 2
    assert body.select_one('a[href="mailto:someone@example.org"]') is not None
    cited = {k for span in body.select("span.citation") for k in span["data-cites"].split()}
    assert cited == {"pedersen2001jphysiol", "steensberg2000", "ostrowski1998a"}, cited


def test_markup_in_bibtex_is_escaped(built):
    site = good(built, "ok_xss_in_bibtex")
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(site)
        scripts = [s for s in soup.find_all("script") if "alert(" in s.get_text()]
        assert not scripts, f"{where}: a <script> from BibTeX: {scripts}"
        handlers = soup.find_all(lambda tag: any(a.lower().startswith("on") for a in tag.attrs))
        assert not handlers, f"{where}: elements with on* attributes: {handlers}"
        assert not soup.select('a[href^="javascript" i]'), f"{where}: a javascript: link"
    body = article(site)
    reference = body.select_one("li#ref-xss2001")
    assert reference is not None, "the entry is not in the page's reference list"
    visible = reference.get_text()
    assert "<script>alert(1)</script> in a title" in visible, visible   # shown as text
    assert "<img src=x onerror=alert(1)> & Tester" in visible, visible
    assert not reference.select("a"), "the javascript: url became a link"
    assert [a.get_text() for a in body.select('a.citation-ref[href="#ref-xss2001"]')] == \
        ["<img src=x onerror=alert(1)> & Tester, 2001", "<img src=x onerror=alert(1)> & Tester (2001)"]


def test_citation_title_holds_no_markup(built):
    body = article(good(built, "ok_xss_in_bibtex"))
    for link in body.select('a.citation-ref[href="#ref-xss2001"]'):
        as_material_shows_it = BeautifulSoup(link["title"], "html.parser")
        assert as_material_shows_it.find() is None, f"markup in title: {link['title']!r}"
        assert "<script>alert(1)</script>" in as_material_shows_it.get_text()


def test_advisories_do_not_fail(built):
    proc, _ = built("ok_advisory_only")
    assert proc.returncode == 0, shown(proc)
    assert len(problems(proc, "WARNING")) == 2, problems(proc, "WARNING")
    assert all(p.endswith("(advisory: does not fail the build)") for p in problems(proc, "WARNING"))


def test_a_file_name_cannot_forge_a_log_line(built):
    """The .bib file named `more<newline>INFO - Documentation built ...`: no such line is printed."""
    proc, _ = built("ctb_bib_file_name_forges_a_line")
    lines = (proc.stdout + proc.stderr).splitlines()
    assert not [line for line in lines if line.startswith("INFO    -  Documentation built in 0.01")]
