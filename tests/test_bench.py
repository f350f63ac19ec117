"""The benchmark's bookkeeping: which builds are compared with which, and how ratios are taken."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from run import paired_ratio, rep_order  # noqa: E402  (bench/ is not a package)


def test_floor_and_hook_are_built_back_to_back_and_take_turns_going_first():
    kinds = ["floor", "hook", "bibtex"]
    orders = [rep_order(kinds, r) for r in range(4)]
    assert orders == [["floor", "hook", "bibtex"], ["bibtex", "hook", "floor"]] * 2
    for order in orders:
        assert abs(order.index("floor") - order.index("hook")) == 1
    assert rep_order(["floor", "bibtex"], 1) == ["bibtex", "floor"]   # no hook to measure yet


def build(wall: float, code: int = 0) -> dict:
    return {"wall": wall, "cpu": wall, "rss_mib": 1.0, "code": code}


def test_paired_ratio_is_the_median_of_each_repetitions_ratio():
    res = {"runs": {"floor": [build(10), build(20), build(10)], "hook": [build(11), build(21), build(13)]}}
    # Ratios 1.1, 1.05, 1.3: the median is 1.1. (The ratio of medians would be 13/10 = 1.3.)
    assert paired_ratio(res) == pytest.approx(1.1)


def test_paired_ratio_is_not_given_when_a_build_failed():
    res = {"runs": {"floor": [build(10), build(10)], "hook": [build(11), build(11, code=1)]}}
    assert paired_ratio(res) is None
    assert paired_ratio({"runs": {"floor": [build(10)]}}) is None


def test_the_bench_launches_builds_one_way_and_stays_short():
    source = (Path(__file__).resolve().parent.parent / "bench" / "run.py").read_text(encoding="utf-8")
    assert source.count("subprocess.Popen(") == 1 and "subprocess.run(" not in source
    assert len(source.splitlines()) <= 220
