"""The engine's citation scan against pandoc's Markdown reader (issue 12, point 1)."""

from __future__ import annotations

import pytest
from oracle_syntax import cases, compare, measure

pytestmark = pytest.mark.conformance


def test_the_corpus_is_large_enough_and_covers_every_context():
    names = [name for name, _, _ in cases()]
    assert len(names) >= 300
    assert len(set(names)) == len(names)


def test_agreement_with_pandoc_is_complete_outside_the_listed_differences(capsys):
    figure = measure()
    with capsys.disabled():
        print("\n" + figure.line() + f"; {len(figure.exceptions)} deliberate differences")
    wrong = [f"{name}:\n{md}\n  pandoc: {sorted(p.elements())}\n  engine: {sorted(o.elements())}"
             for name, md, why, agrees, p, o in compare() if not why and not agrees]
    assert not wrong, "\n".join(wrong)
    assert figure.share == figure.target == 1.0


def test_every_listed_difference_still_differs():
    stale = [name for name, _, why, agrees, _, _ in compare() if why and agrees]
    assert not stale, f"these cases agree with pandoc now: drop their [differs: ...] tag: {stale}"
