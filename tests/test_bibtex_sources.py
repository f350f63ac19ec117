"""Files that cannot be read are named, never silently left out; an unchanged bibliography is not parsed again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citekit import bibliography
from citekit.bibliography import find_sources, load, load_cached
from test_bad_input import build, located_errors, prepare, shown

ENTRY = "@article{{{key}, author = {{Tester, A.}}, title = {{A title}}, year = {{2001}}}}\n"


def test_a_dangling_symbolic_link_is_named(tmp_path: Path):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "a.bib").write_text(ENTRY.format(key="a"), encoding="utf-8")
    (tmp_path / "bib" / "gone.bib").symlink_to(tmp_path / "nowhere.bib")
    bib = load(find_sources(tmp_path, ["bib/**/*.bib"]), tmp_path)
    assert [str(d) for d in bib.report.errors] == [
        "bib/gone.bib:1: cannot read the file: it is a symbolic link to a file that does not exist. "
        "Point the link at an existing .bib file, or delete the link"]
    assert bib.failed == [("bib/gone.bib", 1)] and "a" in bib


def test_a_dangling_link_is_named_by_a_single_star_pattern_too(tmp_path: Path):
    (tmp_path / "gone.bib").symlink_to(tmp_path / "nowhere.bib")
    assert find_sources(tmp_path, ["*.bib"]) == [tmp_path / "gone.bib"]


def test_a_folder_reached_through_a_symbolic_link_is_read(tmp_path: Path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.bib").write_text(ENTRY.format(key="s"), encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "linked").symlink_to(tmp_path / "shared", target_is_directory=True)
    (tmp_path / "bib" / "loop").symlink_to(tmp_path / "bib", target_is_directory=True)   # read once, no loop
    bib = load(find_sources(tmp_path, ["bib/**/*.bib"]), tmp_path)
    assert bib.sources == ["bib/linked/s.bib"] and "s" in bib and not bib.report.items


def test_a_pattern_that_matches_nothing_is_named_in_mkdocs_yml(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("extra:\n  citations:\n    bibliography:\n      - bib/*.bib\n"
                                         "      - more/*.bbi\n", encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "a.bib").write_text(ENTRY.format(key="a"), encoding="utf-8")
    bib = load(find_sources(tmp_path, ["bib/*.bib", "more/*.bbi"]), tmp_path)
    assert [str(d) for d in bib.report.warnings] == [
        "mkdocs.yml:5: the bibliography pattern 'more/*.bbi' matches no file. Check the folder and the extension "
        "in the pattern (extra.citations.bibliography in mkdocs.yml)"]


def test_an_absolute_pattern_is_reported_not_raised(tmp_path: Path):
    found = find_sources(tmp_path, [str(tmp_path / "*.bib")])
    assert found == [] and "is an absolute path" in found.problems[0].message


def test_lone_carriage_returns_are_line_breaks(tmp_path: Path):
    text = "% Encoding: UTF-8\n\n" + ENTRY.format(key="a") + "\n@article{b, title = {x}\n year = 1}\n"
    (tmp_path / "mac.bib").write_bytes(text.replace("\n", "\r").encode())
    bib = load([tmp_path / "mac.bib"], tmp_path)
    assert "a" in bib
    assert [str(d) for d in bib.report.items] == [
        "mac.bib:1: the file ends its lines with a lone carriage return (CR); they were read as line breaks. "
        "Save the file with LF line endings",
        "mac.bib:5: missing ',' after field 'title' in entry 'b' (found 'year'). Add ',' at the end of line 5"]


def test_windows_line_endings_are_not_reported(tmp_path: Path):
    (tmp_path / "win.bib").write_bytes(ENTRY.format(key="a").replace("\n", "\r\n").encode() * 1)
    bib = load([tmp_path / "win.bib"], tmp_path)
    assert "a" in bib and bib.report.items == []


def test_a_file_that_is_not_utf8_is_failed_from_its_first_line(tmp_path: Path):
    (tmp_path / "latin.bib").write_bytes(b"@article{k,\n  author = {M\xfcller, A.},\n}\n")
    bib = load([tmp_path / "latin.bib"], tmp_path)
    assert bib.failed == [("latin.bib", 1)] and bib.incomplete


def test_load_cached_parses_again_only_when_a_content_changes(tmp_path: Path, monkeypatch):
    calls = []
    real = bibliography._load
    monkeypatch.setattr(bibliography, "_load", lambda *a: calls.append(1) or real(*a))
    path = tmp_path / "r.bib"
    path.write_text(ENTRY.format(key="k"), encoding="utf-8")
    first = load_cached([path], tmp_path)
    stat = path.stat()
    path.write_text(ENTRY.format(key="k"), encoding="utf-8")       # touched, same content
    assert load_cached([path], tmp_path) is first and len(calls) == 1
    # Same size and modification time, another value: the old disk cache kept the old one.
    path.write_text(ENTRY.format(key="k").replace("A title", "B title"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = load_cached([path], tmp_path)
    assert second is not first and second["k"].get("title") == "B title" and len(calls) == 2


def test_only_the_cache_file_is_written_to_disk(tmp_path: Path):
    path = tmp_path / "r.bib"
    path.write_text(ENTRY.format(key="k"), encoding="utf-8")
    load_cached([path], tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == \
        [".citekit-cache/bibliography.marshal", "r.bib"]   # citekit/bibcache.py


# ---- the same, through a real build of the bad-input base site (the corpus cannot hold links) -----

def _base_site(tmp_path: Path) -> Path:
    config = prepare("bibx_glob_typo", tmp_path)   # any case: its config is replaced below
    base = Path(__file__).parent / "bad_input" / "_base" / "mkdocs.yml.in"
    config.write_text(base.read_text(encoding="utf-8").replace("@HOOKS@", (Path(__file__).parent.parent / "hooks")
                                                                  .as_posix()), encoding="utf-8")
    return config


@pytest.mark.parametrize("kind", ["dangling link", "linked folder"])
def test_links_in_a_real_build(tmp_path: Path, kind: str):
    config = _base_site(tmp_path)
    src = config.parent
    if kind == "dangling link":
        (src / "bib" / "gone.bib").symlink_to(src / "nowhere.bib")
    else:
        (src / "elsewhere").mkdir()
        (src / "elsewhere" / "more.bib").write_text(ENTRY.format(key="linked2001"), encoding="utf-8")
        (src / "bib" / "more").symlink_to(src / "elsewhere", target_is_directory=True)
        page = src / "docs" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nFrom a linked folder [@linked2001].\n",
                        encoding="utf-8")
    proc = build(config, tmp_path / "site")
    assert "Traceback" not in proc.stdout + proc.stderr, shown(proc)
    if kind == "dangling link":
        assert proc.returncode != 0 and located_errors(proc) == [
            "bib/gone.bib:1: cannot read the file: it is a symbolic link to a file that does not exist. "
            "Point the link at an existing .bib file, or delete the link"], shown(proc)
    else:
        assert proc.returncode == 0, shown(proc)
        soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("li#ref-linked2001") is not None
