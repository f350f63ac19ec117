"""Our BibTeX name splits against pybtex's, on the corpus in oracle_names.py."""

from __future__ import annotations

import pytest

pytest.importorskip("pybtex")

import oracle_names  # noqa: E402

pytestmark = pytest.mark.conformance


def test_names_agree_with_pybtex():
    figure = oracle_names.measure()
    print(figure.line())
    assert len(oracle_names.CORPUS) >= 150
    assert figure.share >= figure.target, oracle_names.compare()[:20]


def test_documented_differences_still_differ():
    """Each documented difference is real: pybtex splits it otherwise than we do (and BibTeX)."""
    from citekit.names import parse_person

    for name in oracle_names.DIFFERENCES:
        person = parse_person(name)
        assert (person.first, person.von, person.last, person.jr) != oracle_names._pybtex_split(name)
