"""An outside attack on round 4: `zensical build` reading the sources once (extension._one_build),
the extension option page_checks (citekit_zensical/options.py) and the bibliography cache's one
file per site folder in the git folder (citekit/bibcache.py).

The attack found eight failures (the lead fixed them; each test's comment or name says what
it was): 'None' turning the checks off, values shown the Python way, errors located by the first
line that starts with the option's name (another setting's, or line 1 in flow style), a second
listing's options ignored, options that are not a mapping raising a traceback in the preflight,
a site reached through a link parsing its .bib files every build, the cache file of the previous
layout never pruned, and an edit that keeps a file's size and time not seen under serve. The
other tests are attacks that did not break the change, kept as guards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from citekit import bibcache, bibliography  # noqa: E402

PLAIN = "  - hooks.citekit_zensical\n"
LINE = 24   # the line after `  - hooks.citekit_zensical:` (line 23 of zensical.yml)
HINT = "Write page_checks: true or page_checks: false"
KNOWN = "Correct its name or remove it; the options are: page_checks (true (the default) or false)"


def _project_copy(tmp: Path) -> Path:
    src = tmp / "project"
    for name in ("docs", "bib", "seeds", "overrides"):
        shutil.copytree(ROOT / name, src / name)
    for name in ("mkdocs.yml", "zensical.yml", "CHANGELOG.md"):
        shutil.copyfile(ROOT / name, src / name)
    return src


def _facts(src: Path, listing: str, parent_listing: str = ""):
    """The site's facts with zensical.yml's `- hooks.citekit_zensical` replaced by `listing`
    (and `parent_listing` added to the markdown_extensions of mkdocs.yml, which it INHERITs)."""
    from zensical.config import parse_config

    from hooks.citekit_zensical.sitefacts import SiteFacts

    config_file = src / "zensical.yml"
    text = config_file.read_text(encoding="utf-8")
    assert text.splitlines()[LINE - 2] + "\n" == PLAIN
    config_file.write_text(text.replace(PLAIN, listing), encoding="utf-8")
    if parent_listing:
        parent = src / "mkdocs.yml"
        parent.write_text(parent.read_text(encoding="utf-8").replace(
            "markdown_extensions:\n", "markdown_extensions:\n" + parent_listing, 1), encoding="utf-8")
    return SiteFacts.read(parse_config(str(config_file)), config_file, prepare=False)


def _errors(facts) -> list[str]:
    return [str(d) for d in facts.errors()]


# ---- page_checks: values that work, and values that are one located error ---------------------

@pytest.mark.parametrize(("listing", "checked"), [
    ("  - hooks.citekit_zensical:\n      page_checks: off\n", False),     # YAML 1.1 boolean
    ("  - hooks.citekit_zensical:\n      page_checks: 'no'\n", False),    # Python-Markdown's word
    ("  - hooks.citekit_zensical:\n      page_checks: FALSE\n", False),
    ("  - hooks.citekit_zensical:\n      page_checks: yes\n", True),
    ("  - citekit_zensical:\n      page_checks: false\n", False),         # the other name
    ("  - hooks.citekit_zensical: {}\n", True),
])
def test_yes_and_no_values_are_read(tmp_path: Path, listing: str, checked: bool):
    facts = _facts(_project_copy(tmp_path), listing)
    assert _errors(facts) == []
    assert (facts.rows != []) is checked


@pytest.mark.parametrize(("written", "shown"), [
    ("page_checks: 1", "'1'"), ("page_checks: 0.0", "'0.0'"), ("page_checks: ~", "empty"),
    ("page_checks: ''", "''"), ("page_checks: 2001-01-01", "'2001-01-01'"),
])
def test_a_value_of_another_yaml_type_is_one_error_and_keeps_the_checks(tmp_path: Path, written: str, shown: str):
    facts = _facts(_project_copy(tmp_path), f"  - hooks.citekit_zensical:\n      {written}\n")
    assert _errors(facts) == [f"zensical.yml:{LINE}: page_checks of hooks.citekit_zensical is {shown}, "
                              f"not a yes/no value. {HINT}"]
    assert facts.rows != []


def test_none_does_not_turn_the_checks_off(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), "  - hooks.citekit_zensical:\n      page_checks: None\n")
    assert _errors(facts) == [f"zensical.yml:{LINE}: page_checks of hooks.citekit_zensical is 'None', "
                              f"not a yes/no value. {HINT}"]
    assert facts.rows != []


def test_a_list_value_is_shown_as_written(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), "  - hooks.citekit_zensical:\n      page_checks: [false]\n")
    [message] = _errors(facts)
    assert message.startswith(f"zensical.yml:{LINE}: page_checks of hooks.citekit_zensical is ")
    assert "False" not in message


# ---- where the error points ---------------------------------------------------------------------

def test_a_wrong_value_in_flow_style_points_at_its_line(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), "  - hooks.citekit_zensical: {page_checks: maybe}\n")
    assert _errors(facts) == [f"zensical.yml:{LINE - 1}: page_checks of hooks.citekit_zensical is 'maybe', "
                              f"not a yes/no value. {HINT}"]


def test_an_unknown_option_in_flow_style_points_at_zensical_yml(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), "  - hooks.citekit_zensical: {strict: true}\n")
    assert _errors(facts) == [f"zensical.yml:{LINE - 1}: unknown option 'strict' of "
                              f"hooks.citekit_zensical. {KNOWN}"]


def test_an_unknown_option_named_like_another_setting_points_at_its_own_line(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), "  - hooks.citekit_zensical:\n      page_checks: true\n"
                                            "      variant: classic\n")
    assert _errors(facts) == [f"zensical.yml:{LINE + 1}: unknown option 'variant' of "
                              f"hooks.citekit_zensical. {KNOWN}"]


# ---- the extension listed twice: an option must not vanish without a word ----------------------

@pytest.mark.parametrize("second", ["page_check: false", "page_checks: false", "page_checks: maybe"])
def test_options_under_the_other_name_are_not_dropped_silently(tmp_path: Path, second: str):
    facts = _facts(_project_copy(tmp_path), f"{PLAIN}  - citekit_zensical:\n      {second}\n")
    # Found: the second listing's options were ignored without a message. Now the second listing
    # is the error, at its own line, whatever its options say.
    assert _errors(facts) == [f"zensical.yml:{LINE}: citekit_zensical is listed again (first on line {LINE - 1}). "
                              "Keep one listing of the extension, with its options"]


def test_a_wrong_option_in_the_inherited_file_is_reported(tmp_path: Path):
    facts = _facts(_project_copy(tmp_path), PLAIN, "  - hooks.citekit_zensical:\n      page_checks: maybe\n")
    errors = _errors(facts)
    assert len(errors) == 1 and errors[0].startswith("mkdocs.yml:"), errors


# ---- options that are not a mapping: scripts/build.py --host zensical -----------------------

@pytest.mark.parametrize("listing", ["  - hooks.citekit_zensical: [page_checks: false]\n",
                                     "  - hooks.citekit_zensical: false\n"])
def test_options_that_are_not_a_mapping_are_one_located_error(tmp_path: Path, listing: str):
    from project_copy import copy_project

    src = copy_project(tmp_path / "copy")
    config = src / "zensical.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(PLAIN, listing), encoding="utf-8")
    proc = subprocess.run([sys.executable, "scripts/build.py", "--host", "zensical", "--out", str(tmp_path / "out")],
                          cwd=src, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and not (tmp_path / "out").exists()
    assert "Traceback" not in proc.stderr, proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith(f"ERROR   -  zensical.yml:{LINE - 1}: ")]


# ---- a contributor's page cannot turn the checks off ------------------------------------------

def test_a_page_cannot_turn_the_checks_off(tmp_path: Path):
    src = _project_copy(tmp_path)
    about = src / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    about.write_text("---\npage_checks: false\nmarkdown_extensions:\n  - hooks.citekit_zensical:\n"
                     "      page_checks: false\n" + text[4:] + "\n![A figure](no-such-figure.png)\n",
                     encoding="utf-8")
    facts = _facts(src, PLAIN)
    assert any("no-such-figure.png" in e for e in _errors(facts)), _errors(facts)


# ---- which processes read the sources once --------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["/venv/lib/python3.11/site-packages/zensical/main.py", "build"],   # python -m zensical.main
    ["/usr/bin/python3", "zensical", "build"],
    ["/venv/bin/zensical", "serve", "build"],
    ["/venv/bin/zensical", "--version", "build"],
    ["/home/someone/zensical/scripts/build.py", "build"],
])
def test_only_a_real_zensical_build_skips_the_stamps(argv: list[str]):
    from hooks.citekit_zensical.extension import _one_build

    assert _one_build(argv) is False


def _render_references(src: Path, monkeypatch):
    from zensical.config import parse_config
    from zensical.markdown.render import render

    monkeypatch.chdir(src)
    monkeypatch.setenv("CITEKIT_CONFIG", str(src / "zensical.yml"))
    monkeypatch.setattr(sys, "argv", ["/venv/bin/zensical", "serve"])
    parse_config(str(src / "zensical.yml"))
    references = (src / "docs" / "references.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return lambda: render(references, "references.md", "references/")["content"]


TITLE = "effect of intensity of exercise"


def test_a_bib_edit_reaches_the_next_render_under_serve(tmp_path: Path, monkeypatch):
    src = _project_copy(tmp_path)
    render = _render_references(src, monkeypatch)
    assert TITLE in render()
    bib = src / "bib" / "evidence.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(TITLE, "effect of a changed title"), encoding="utf-8")
    html = render()
    assert TITLE not in html and "effect of a changed title" in html


def test_an_edit_of_the_same_size_and_time_reaches_the_next_render(tmp_path: Path, monkeypatch):
    src = _project_copy(tmp_path)
    render = _render_references(src, monkeypatch)
    assert TITLE in render()
    bib = src / "bib" / "evidence.bib"
    before = bib.stat()
    bib.write_text(bib.read_text(encoding="utf-8").replace(TITLE, TITLE.upper()), encoding="utf-8")
    os.utime(bib, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert TITLE.upper() in render()


# ---- the bibliography cache -------------------------------------------------------------------

BIB = "@article{smith2000, author = {Smith, Anna}, title = {A paper}, journal = {J}, year = {2000}}\n"


def _site(root: Path, text: str = BIB) -> Path:
    (root / "bib").mkdir(parents=True)
    (root / "bib" / "refs.bib").write_text(text, encoding="utf-8")
    return root


def _load(site: Path):
    bibliography._memo.clear()
    return bibliography.load_cached([site / "bib" / "refs.bib"], site)


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    monkeypatch.setattr(bibliography, "_memo", [])
    calls: list[int] = []
    real = bibliography._load
    monkeypatch.setattr(bibliography, "_load", lambda *a: calls.append(1) or real(*a))
    return calls


def test_a_site_reached_through_a_link_keeps_its_cache(tmp_path: Path, parses: list[int]):
    (tmp_path / ".git").mkdir()
    real = _site(tmp_path / "real")
    link = tmp_path / "link"
    link.symlink_to(real)
    for site in (real, link, real, link):
        _load(site)
    assert bibcache.cache_file(real) == bibcache.cache_file(link)
    assert len(parses) == 1


def test_a_cache_planted_by_a_commit_is_not_trusted_in_a_checkout(tmp_path: Path, parses: list[int]):
    site = _site(tmp_path)
    (tmp_path / ".git").mkdir()
    key = bibcache.cache_key(site, [site / "bib" / "refs.bib"], [BIB.encode()], [])
    forged = bibliography.parse_string(BIB.replace("A paper", "A forged paper"), "bib/refs.bib")
    bibcache.write(site / ".citekit-cache" / "bibliography.marshal", key, forged)
    assert (site / ".citekit-cache" / "bibliography.marshal").is_file()
    assert _load(site)["smith2000"].raw["title"] == "A paper" and parses == [1]


def test_a_bib_edit_is_never_served_from_the_cache(tmp_path: Path, parses: list[int]):
    (tmp_path / ".git").mkdir()
    site = _site(tmp_path / "site")
    _load(site)
    (site / "bib" / "refs.bib").write_text(BIB.replace("A paper", "B paper"), encoding="utf-8")
    assert _load(site)["smith2000"].raw["title"] == "B paper" and len(parses) == 2


def test_a_read_only_cache_folder_still_builds(tmp_path: Path, parses: list[int]):
    (tmp_path / ".git" / "citekit-cache").mkdir(parents=True)
    site = _site(tmp_path / "site")
    (tmp_path / ".git" / "citekit-cache").chmod(0o555)
    try:
        assert _load(site)["smith2000"].raw["title"] == "A paper"
        assert _load(site)["smith2000"].raw["title"] == "A paper"
    finally:
        (tmp_path / ".git" / "citekit-cache").chmod(0o755)
    assert len(parses) == 2 or os.geteuid() == 0


def test_a_file_vanishing_while_pruning_does_not_break_the_build(tmp_path: Path, parses: list[int], monkeypatch):
    folder = tmp_path / ".git" / "citekit-cache"
    folder.mkdir(parents=True)
    for n in range(bibcache.KEPT_SITES + 3):
        (folder / f"bibliography-{n:016x}.marshal").write_bytes(b"old")
    real_glob = Path.glob
    monkeypatch.setattr(Path, "glob", lambda self, pattern: [*real_glob(self, pattern),
                                                             folder / "bibliography-gone.marshal"])
    site = _site(tmp_path / "site")
    assert _load(site)["smith2000"].raw["title"] == "A paper"
    assert bibcache.cache_file(site).is_file()


def test_no_more_than_kept_sites_files_stay_in_the_git_folder(tmp_path: Path, parses: list[int]):
    folder = tmp_path / ".git" / "citekit-cache"
    folder.mkdir(parents=True)
    (folder / "bibliography.marshal").write_bytes(b"citekit bibliography cache 1\n" + b"0" * 130)
    for n in range(bibcache.KEPT_SITES + 1):
        _load(_site(tmp_path / f"site{n}"))
    assert len(list(folder.iterdir())) <= bibcache.KEPT_SITES
