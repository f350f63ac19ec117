"""Set-up for contributors: `make serve` installs only what building needs, and no target
prints Material's end-of-life banner or ProperDocs' "MkDocs 2.0" notice.

The Makefile's recipes are read with `make -n` (nothing runs) against a folder that does not
exist yet; `make check` runs for real with the set-up skipped (`RUNTIME=`) and the test's own
interpreter, in an environment without the variables that silence the banners.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SILENCERS = ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")
BANNER_WORDS = ("end of life", "Zensical", "ProperDocs", "MkDocs 2", "NO_MKDOCS_2_WARNING")



def bare_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in SILENCERS and not k.startswith("MAKE")}


def dry_run(target: str, venv: Path) -> str:
    proc = subprocess.run(["make", "-n", "--no-print-directory", target, f"VENV={venv}"], cwd=ROOT,
                          capture_output=True, text=True, env=bare_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("target", ["serve", "build", "check"])
def test_building_installs_the_runtime_only(target: str, tmp_path: Path):
    out = dry_run(target, tmp_path / "venv")
    assert f"setting up {tmp_path / 'venv'} (first run, about 15 s)" in out
    assert "-r requirements.txt" in out
    assert "requirements-dev.txt" not in out and "npm ci" not in out


def test_testing_adds_the_toolchain(tmp_path: Path):
    out = dry_run("test", tmp_path / "venv")
    assert out.index("-r requirements.txt") < out.index("-r requirements-dev.txt")
    assert "npm ci" in out


def test_a_missing_venv_module_is_explained(tmp_path: Path):
    out = dry_run("serve", tmp_path / "venv")
    assert "install python3-venv (README: prerequisites)" in out


def test_make_check_prints_no_banner():
    proc = subprocess.run(["make", "--no-print-directory", "check", "RUNTIME=",
                           f"BIN={Path(sys.executable).parent}"], cwd=ROOT, capture_output=True,
                          text=True, env=bare_env(), timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "check: no errors" in proc.stdout
    assert not [word for word in BANNER_WORDS if word in output], output


def test_the_banner_would_show_without_the_makefile(tmp_path: Path):
    """The control: MkDocs run bare prints Material's banner, so the test above can see one."""
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                          env=bare_env(), timeout=300)
    assert "Material for MkDocs reaches end of life" in proc.stderr
