"""How messages name files (relative to the project root whenever the file lies inside it), and
that nothing they echo can act on a terminal or forge a line of output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from citekit.diagnostics import Diagnostic, Report, display_path, safe_text
from hypothesis import given
from hypothesis import strategies as st


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


# --------------------------------------------------------------------------- echoed values are safe
@pytest.mark.parametrize(("raw", "shown"), [
    ("plain key2000", "plain key2000"),
    ("a\nINFO    -  Documentation built", "a\\nINFO    -  Documentation built"),
    ("carriage\rreturn\ttab", "carriage\\rreturn\\ttab"),
    ("evil\x1b[2Jkey", "evil\\x1b[2Jkey"),
    ("nul\x00del\x7fc1\x85\x9b", "nul\\x00del\\x7fc1\\x85\\x9b"),
    ("rtl\u202eyek and \u2066isolate\u2069", "rtl\\u202eyek and \\u2066isolate\\u2069"),
    ("line\u2028para\u2029end", "line\\u2028para\\u2029end"),
    ("Juchm{\\`e}s \u00e9 \u03bc \U0001d400", "Juchm{\\`e}s \u00e9 \u03bc \U0001d400"),   # not controls
])
def test_safe_text_escapes_controls_only(raw: str, shown: str):
    assert safe_text(raw) == shown


def test_a_diagnostic_escapes_path_message_and_hint():
    diag = Diagnostic("bib/a\nb.bib", 3, 7, "unknown key 'k\x1b[2J'", hint="Cite 'x\u202e' instead")
    assert str(diag) == "bib/a\\nb.bib:3:7: unknown key 'k\\x1b[2J'. Cite 'x\\u202e' instead"
    assert "\n" not in str(diag) and "\x1b" not in str(diag)


def test_a_report_keeps_the_raw_values():
    """Only the printed form is escaped: the engine still compares the real key."""
    report = Report()
    diag = report.add("bib/x.bib", 1, "duplicate key 'k\x1b'")
    assert diag.message == "duplicate key 'k\x1b'"
    assert str(diag) == "bib/x.bib:1: duplicate key 'k\\x1b'"


@given(st.text())
def test_no_printed_diagnostic_holds_a_control_character(text: str):
    printed = str(Diagnostic(text, 1, 0, text, hint=text))
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", printed)
