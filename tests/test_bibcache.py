"""The bibliography's disk cache (citekit/bibcache.py): used only for the very bytes it was
made from, and a file that cannot be read is ignored, reported in one line, and rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from citekit import bibcache, bibliography, build_site
from citekit.bibliography import load, load_cached

BIB = r"""@string{jp = {J Physiol}}
@article{smith2000,
  author = {Sm{\"i}th, Anna and Jones, Bo},
  title = {Muscle and {IL-6} in $\alpha$ cells},
  journal = jp, year = {2000}, volume = {5}, pages = {1--9}, doi = {10.5555/one},
}
@article{smith2000b,
  author = {Sm{\"i}th, Anna and Jones, Bo},
  title = {A second paper},
  journal = jp, year = {2000}, volume = {6}, pages = {10--19},
}
@book{lone1999, author = {Lone, C.}, title = {A book}, year = {1999}, publisher = {Press}, month = {13}}
@article{uncited2001, author = {Nobody, N. and and Else, E.}, title = {Never cited}, year = {2001}}
"""
PAGE = "# Page\n\nAs shown [@smith2000; @smith2000b], and @lone1999 [p. 3].\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.setattr(bibliography, "_memo", [])   # each load below starts a new build
    return tmp_path


def fresh_build(root: Path):
    bibliography._memo.clear()
    bib = load_cached([root / "bib" / "refs.bib"], root)
    build = build_site({"page.md": PAGE}, bib)
    page = build.pages["page.md"]
    return bib, page.swap(page.markdown), build.report.items


def test_a_second_build_reads_the_cache_and_gives_the_same_result(site: Path, monkeypatch):
    expected = fresh_build(site)
    parsed = load([site / "bib" / "refs.bib"], site).report.items
    assert bibcache.cache_file(site).is_file()
    monkeypatch.setattr(bibliography, "_load", lambda *a: pytest.fail("parsed again"))
    bib, html, report = fresh_build(site)
    assert (html, report) == expected[1:]
    assert "Smïth" in html and "<em>a</em>" in html   # decoded, and the a/b letters given
    fields = ("key", "type", "path", "line", "raw", "lines", "inherited")
    assert [[getattr(e, f) for f in fields] for e in bib.entries.values()] == \
        [[getattr(e, f) for f in fields] for e in expected[0].entries.values()]
    assert bib.report.items == parsed != []


def test_exported_records_come_from_the_cache_and_equal_fresh_ones(site: Path, monkeypatch):
    # export.record keeps each entry's COinS query and file records with it, on disk too.
    from citekit import export
    fresh_build(site)
    kinds = {"coins": export.coins, "bib": export.bibtex, "ris": export.ris, "json": export.csl_json}
    bib = fresh_build(site)[0]
    for entry in bib.entries.values():
        assert sorted(entry.exported) == sorted(kinds)   # read from the file, not made here
    monkeypatch.setattr(export, "_MAKERS", {})           # nothing can be made any more
    for entry in bib.entries.values():
        assert export.record(entry, "coins") == kinds["coins"](entry)
        assert export.site_files({"p.md": [entry]}, []) == {
            f"references/pages/p.{ext}": kinds[ext]([entry]) for ext in ("bib", "ris", "json")}
    path = site / "bib" / "refs.bib"
    path.write_text(BIB.replace("A second paper", "A renamed paper"), encoding="utf-8")
    monkeypatch.undo()
    bibliography._memo.clear()
    renamed = fresh_build(site)[0]["smith2000b"]
    assert "A+renamed+paper" in export.record(renamed, "coins") and "renamed" in export.record(renamed, "bib")


def test_a_changed_title_is_seen(site: Path):
    assert "Never cited" not in fresh_build(site)[1]
    path = site / "bib" / "refs.bib"
    path.write_text(BIB.replace("A second paper", "A renamed paper"), encoding="utf-8")
    bib, html, _ = fresh_build(site)
    assert "A renamed paper" in html and "A second paper" not in html
    assert bib["smith2000b"].get("title") == "A renamed paper"


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_cache_file_that_cannot_be_read_is_rebuilt_with_one_info_line(site: Path, capsys, damage: str):
    _, html, report = fresh_build(site)
    cache = bibcache.cache_file(site)
    data = cache.read_bytes()
    cache.write_bytes({"truncate": data[:len(data) // 2], "flip": data[:-5] + b"xxxxx",
                       "garbage": b"\x80\x04not a cache", "empty": b""}[damage])
    capsys.readouterr()
    assert fresh_build(site)[1:] == (html, report)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "INFO    -  .citekit-cache/bibliography.marshal: the bibliography cache could not be read (")
    assert lines[0].endswith("); the .bib files were parsed again and the cache rewritten")
    assert cache.read_bytes() == data   # rewritten, whole
    fresh_build(site)
    assert capsys.readouterr().err == ""


def test_the_key_holds_the_engine_and_python(site: Path, monkeypatch):
    paths, contents = [site / "bib" / "refs.bib"], [BIB.encode()]
    key = bibcache.cache_key(site, paths, contents, [])
    assert key == bibcache.cache_key(site, paths, contents, [])
    assert key != bibcache.cache_key(site, paths, [BIB.replace("1999", "1998").encode()], [])
    monkeypatch.setattr(bibcache, "_engine_digest", [b"another engine"])
    assert key != bibcache.cache_key(site, paths, contents, [])
    monkeypatch.setattr(bibcache.sys, "version", "another Python")
    monkeypatch.setattr(bibcache, "_engine_digest", [])
    assert key != bibcache.cache_key(site, paths, contents, [])


def test_a_cache_past_the_bound_is_not_written(site: Path, monkeypatch):
    monkeypatch.setattr(bibcache, "MAX_CACHE_BYTES", 1000)
    expected = fresh_build(site)[1]
    assert not bibcache.cache_file(site).exists()
    assert fresh_build(site)[1] == expected


def test_in_a_checkout_the_cache_lives_in_the_git_folder(tmp_path: Path):
    """A commit cannot add a file under .git/ (it can under .citekit-cache/): see bibcache.cache_file.
    In the git folder each site folder has a file of its own."""
    plain = tmp_path / "plain"
    plain.mkdir()
    assert bibcache.cache_file(plain) == plain / ".citekit-cache" / "bibliography.marshal"
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / "sub").mkdir()
    own, sub = bibcache.cache_file(checkout), bibcache.cache_file(checkout / "sub")
    assert own.parent == sub.parent == checkout / ".git" / "citekit-cache"
    assert own != sub and own.name.startswith("bibliography-") and own.suffix == ".marshal"
    assert bibcache.cache_file(checkout) == own
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    (worktree / ".git").write_text(f"gitdir: {checkout / '.git'}\n", encoding="utf-8")
    assert bibcache.cache_file(worktree).parent == checkout / ".git" / "citekit-cache"

def test_two_sites_of_one_checkout_keep_their_own_cache(tmp_path: Path, monkeypatch):
    """The project's site and the bench's sites (bench/.work) share a git folder: building one no
    longer throws the other's cache away; no more than KEPT_SITES files are kept there."""
    monkeypatch.setattr(bibliography, "_memo", [])
    (tmp_path / ".git").mkdir()
    sites = []
    for n in range(bibcache.KEPT_SITES + 2):
        site = tmp_path / f"site{n}"
        (site / "bib").mkdir(parents=True)
        (site / "bib" / "refs.bib").write_text(BIB.replace("A book", f"Book {n}"), encoding="utf-8")
        sites.append(site)
    expected = fresh_build(sites[0])[1]
    fresh_build(sites[1])
    monkeypatch.setattr(bibliography, "_load", lambda *a: pytest.fail("parsed again"))
    assert fresh_build(sites[0])[1] == expected
    monkeypatch.undo()
    monkeypatch.setattr(bibliography, "_memo", [])
    for site in sites[2:]:
        fresh_build(site)
    kept = sorted(p.name for p in (tmp_path / ".git" / "citekit-cache").iterdir())
    assert len(kept) == bibcache.KEPT_SITES
    assert bibcache.cache_file(sites[-1]).name in kept and bibcache.cache_file(sites[1]).name not in kept
