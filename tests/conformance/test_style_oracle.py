"""The style against the J Physiol CSL through pandoc (tests/conformance/oracle_style.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle_style  # noqa: E402

pytestmark = pytest.mark.conformance


def test_in_text_labels_agree_with_the_csl():
    figure = oracle_style.measure_labels()
    print(figure.line())
    assert figure.total >= 90
    assert figure.share >= figure.target, "\n".join(oracle_style.disagreements())


def test_reference_entries_agree_with_the_csl():
    figure = oracle_style.measure()
    print(figure.line())
    assert figure.total >= 40
    assert figure.share >= figure.target, "\n".join(oracle_style.disagreements())
