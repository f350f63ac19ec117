"""How messages name files: relative to the project root whenever the file lies inside it."""

from __future__ import annotations

from pathlib import Path

from citekit.diagnostics import display_path


def test_file_inside_root_is_shown_relative(tmp_path: Path):
    page = tmp_path / "docs" / "effects" / "x.md"
    assert display_path(page, tmp_path) == "docs/effects/x.md"
    assert display_path(str(page), str(tmp_path)) == "docs/effects/x.md"


def test_dot_dot_in_a_path_is_folded(tmp_path: Path):
    page = tmp_path / "docs" / ".." / "bib" / "review.bib"
    assert display_path(page, tmp_path) == "bib/review.bib"


def test_relative_root_is_taken_from_the_working_directory(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "mkdocs.yml", ".") == "mkdocs.yml"
    assert display_path("docs/index.md", ".") == "docs/index.md"


def test_file_outside_root_keeps_its_full_path(tmp_path: Path):
    root, other = tmp_path / "project", tmp_path / "elsewhere" / "refs.bib"
    root.mkdir()
    assert display_path(other, root) == other.as_posix()
    assert display_path(other, None) == other.as_posix()


def test_root_reached_through_a_symbolic_link(tmp_path: Path):
    real = tmp_path / "real"
    (real / "docs").mkdir(parents=True)
    (real / "docs" / "index.md").write_text("# Home\n")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    # MkDocs may hand over either spelling of the same file.
    assert display_path(real / "docs" / "index.md", link) == "docs/index.md"
    assert display_path(link / "docs" / "index.md", real) == "docs/index.md"
