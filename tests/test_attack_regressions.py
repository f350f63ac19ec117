"""Regressions found by an outside attack on the build (issue 16): one test per finding.

Tests marked xfail(strict=True) reproduce findings in files this round's attacker could not
change (the citation syntax and the MkDocs adapters); each says what should happen instead,
and fails loudly (XPASS) once the finding is fixed, so that the mark is then removed.
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
