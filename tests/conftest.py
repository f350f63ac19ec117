"""Shared test set-up: the engine importable as plain Python, and one strict build of the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def run_build(config: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`scripts/build.py` as contributors run it; returns the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config", str(config),
                           "--out", str(out), *extra], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site_builder():
    """`run_build` for test modules (a module cannot import it: tests/browser has a conftest too)."""
    return run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once for the HTML tests."""
    out = tmp_path_factory.mktemp("built") / "site"
    proc = run_build(ROOT / "mkdocs.yml", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
