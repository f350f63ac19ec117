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

try:   # Fuzz tests: a bounded run in `make test`, a long campaign in `make fuzz`.
    from hypothesis import HealthCheck, settings
except ImportError:   # pragma: no cover - the development requirements pin Hypothesis
    pass
else:
    settings.register_profile("test", max_examples=60, deadline=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("fuzz", max_examples=5000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))


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


# ---- a small site of its own, for tests that change its files between builds

SMALL_CONFIG = f"""\
site_name: Small fixture
site_url: http://127.0.0.1:8000/
strict: true
theme: {{name: material, font: false}}
hooks: ["{(ROOT / 'hooks' / 'citations.py').as_posix()}"]
extra: {{citations: {{bibliography: ["bib/*.bib"]}}}}
plugins: [search]
markdown_extensions: [attr_list, toc]
"""

SMALL_BIB = r"""
@article{smith2000x, author = {Smith, J{\"o}rg}, title = {First paper}, journal = {J Physiol},
  year = 2000, month = jan, volume = 1, pages = {1--2}, doi = {10.1000/x}}
@article{smith2000y, author = {Smith, J{\"o}rg}, title = {Second paper}, journal = {J Physiol},
  year = 2000, month = feb, volume = 1, pages = {3--4}, pmid = {123}}
"""


@pytest.fixture
def build(site_builder):
    """Build a site's mkdocs.yml into `out`; the build must succeed."""
    def run(src: Path, out: Path) -> None:
        proc = site_builder(src / "mkdocs.yml", out)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return run


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A two-entry site in tmp_path/src (Smith 2000 twice: a/b letters when both are cited)."""
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "bib").mkdir()
    (src / "mkdocs.yml").write_text(SMALL_CONFIG, encoding="utf-8")
    (src / "bib" / "refs.bib").write_text(SMALL_BIB, encoding="utf-8")
    (src / "docs" / "index.md").write_text("# Home\n\nAs shown [@smith2000x].\n", encoding="utf-8")
    return src


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """`corpus_site(case)`: the built site of a bad-input case that must build, each case once.

    tests/test_bad_input.py knows how to lay out and build a case; it is loaded from its file
    (tests/browser has a conftest of its own, so a plain import would be ambiguous)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bad_input_corpus_shared", ROOT / "tests" / "test_bad_input.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    built: dict[str, Path] = {}

    def build(case: str) -> Path:
        if case not in built:
            proc, site = corpus.build_case(case, tmp_path_factory.mktemp(case))
            assert proc.returncode == 0, corpus.shown(proc)
            built[case] = site
        return built[case]

    return build
