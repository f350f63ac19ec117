"""The benchmark's bookkeeping: which builds are compared with which, and how ratios are taken."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import run  # noqa: E402  (bench/ is not a package)
from run import paired_ratio, rep_order  # noqa: E402


def test_floor_and_hook_are_built_back_to_back_and_take_turns_going_first():
    kinds = ["floor", "hook", "bibtex"]
    orders = [rep_order(kinds, r) for r in range(4)]
    assert orders == [["floor", "hook", "bibtex"], ["bibtex", "hook", "floor"]] * 2
    for order in orders:
        assert abs(order.index("floor") - order.index("hook")) == 1
    assert rep_order(["floor", "bibtex"], 1) == ["bibtex", "floor"]   # no hook to measure yet


def test_each_hosts_pair_is_built_back_to_back():
    kinds = ["floor", "hook", "zfloor", "zcite"]
    assert rep_order(kinds, 0) == ["floor", "hook", "zfloor", "zcite"]
    assert rep_order(kinds, 1) == ["zcite", "zfloor", "hook", "floor"]


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
    bench = Path(__file__).resolve().parent.parent / "bench"
    source = (bench / "run.py").read_text(encoding="utf-8")
    assert source.count("subprocess.Popen(") == 1 and "subprocess.run(" not in source
    assert len(source.splitlines()) <= 220
    deep = (bench / "deep.py").read_text(encoding="utf-8")   # profiles and instruction counts
    assert "subprocess" not in deep and deep.count("run.launch(") >= 2 and len(deep.splitlines()) < 400


@pytest.mark.parametrize("name, command", [
    ("mkdocs-hook.yml", ["-m", "mkdocs", "build", "-q", "-f"]),
    ("zensical-cite.yml", ["-m", "zensical", "build", "--clean", "-f"]),
])
def test_launch_runs_the_hosts_build_command(tmp_path: Path, monkeypatch, name: str, command: list[str]):
    seen = {}

    class Started:
        pid = 1

    def popen(cmd, cwd, stdout, stderr, env):
        seen.update(cmd=cmd, cwd=cwd, env=env)
        return Started()

    monkeypatch.setattr(run.subprocess, "Popen", popen)
    monkeypatch.setattr(run.os, "wait4", lambda pid, options: (pid, 0, type("U", (), {
        "ru_utime": 1.0, "ru_stime": 0.5, "ru_maxrss": 2048})()))
    res = run.launch(tmp_path / name, tmp_path / "out", tmp_path / "log")
    assert res == {"wall": pytest.approx(res["wall"]), "cpu": 1.5, "rss_mib": 2.0, "code": 0}
    assert seen["cmd"][1:1 + len(command)] == command and seen["cwd"] == tmp_path
    if name.startswith("zensical"):   # our extension is found from the project root
        assert str(run.ROOT) in seen["env"]["PYTHONPATH"].split(":")


def test_each_step_of_search_share_takes_its_part_out_of_a_built_page(built_site: Path):
    """bench/search_share.py measures by taking parts of the citation markup out of built pages: each
    of its patterns must still find that part in what the hook writes (else it measures nothing)."""
    import search_share  # noqa: PLC0415  (bench/ is on the path above)

    page = (built_site / "production" / "kinetics" / "index.html").read_text(encoding="utf-8")
    [article] = search_share.articles(built_site / "production" / "kinetics")
    assert article in page and 'class="citation-ref"' in article
    for name, pattern, replacement in search_share.STEPS:
        lighter = pattern.sub(replacement, article)
        assert len(lighter) < len(article), f"{name}: nothing taken out"
        article = lighter
    assert 'class="citation-ref"' in article and "Z3988" not in article and 'class="references"' not in article
