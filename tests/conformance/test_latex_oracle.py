"""LaTeX decoding against pandoc's BibTeX reader, on bib/*.bib and latex_corpus.txt."""

from __future__ import annotations

import pytest

pytest.importorskip("pypandoc")

import oracle_latex  # noqa: E402

pytestmark = pytest.mark.conformance


def test_latex_agrees_with_pandoc():
    figure = oracle_latex.measure()
    print(figure.line(), f"({len(figure.exceptions)} documented differences)")
    assert len(oracle_latex.own_corpus()) >= 300
    assert figure.share >= figure.target, oracle_latex.compare()[0][:20]


def test_documented_differences_decode_as_documented():
    """Each deliberate difference gives exactly the text LATEX.md promises."""
    assert oracle_latex.compare()[1] == []
