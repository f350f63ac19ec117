"""Advisories on Zensical as on MkDocs (hooks/buildreport.py): one summary line, each listed
with VERBOSE=1; a real `zensical build` of a small generated site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402  (bench/ is not a package)

SUMMARY = "INFO    -  {} advisories (they do not fail the build); run with VERBOSE=1 to list them"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("zensical-advice")
    generate(root, pages=2, entries=40, seed=1)   # most entries are cited nowhere: advisories
    return root


def _zensical(site: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "VERBOSE"}
    environment.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", "zensical-cite.yml"],
                          cwd=site, env=environment, capture_output=True, text=True, timeout=180)


def test_advisories_are_one_line_unless_asked_for(site: Path):
    verbose = _zensical(site, VERBOSE="1")
    assert verbose.returncode == 0, verbose.stderr
    listed = [line for line in verbose.stderr.splitlines() if line.endswith("(advisory: does not fail the build)")]
    assert len(listed) >= 2 and all(line.startswith("WARNING -  bib/refs.bib:") for line in listed)
    quiet = _zensical(site)
    assert quiet.returncode == 0, quiet.stderr
    lines = [line for line in quiet.stderr.splitlines() if "fail the build" in line]
    assert lines == [SUMMARY.format(len(listed))]
    assert "Traceback" not in quiet.stderr + verbose.stderr


def test_one_advisory_is_counted_in_the_singular(monkeypatch):
    from hooks.citekit_zensical import hostbuild
    monkeypatch.delenv("VERBOSE", raising=False)
    assert hostbuild.advisory_lines(["bib/a.bib:1: x"]) == [
        "INFO    -  1 advisory (they do not fail the build); run with VERBOSE=1 to list them"]
    assert hostbuild.advisory_lines([]) == []
    monkeypatch.setenv("VERBOSE", "1")
    assert hostbuild.advisory_lines(["bib/a.bib:1: x"]) == ["WARNING -  bib/a.bib:1: x (advisory: does not fail the build)"]
