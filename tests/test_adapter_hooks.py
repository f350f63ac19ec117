"""The MkDocs adapter's hooks, each working alone, and what a contributor sees in the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"


def _build(src: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    environment.pop("CITATIONS", None)
    if "VERBOSE" not in env:
        environment.pop("VERBOSE", None)
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config", str(src / "mkdocs.yml"),
                           "--out", str(out)], cwd=ROOT, env=environment, capture_output=True, text=True)


def _hooks(src: Path, *names: str, extra: str = "") -> None:
    config = src / "mkdocs.yml"
    listed = ", ".join(f'"{(HOOKS / n).as_posix()}"' for n in names)
    text = config.read_text(encoding="utf-8")
    text = text.replace(next(line for line in text.splitlines() if line.startswith("hooks:")), f"hooks: [{listed}]")
    config.write_text(text + extra, encoding="utf-8")


def test_page_metadata_errors_stop_the_build_without_the_citation_hook(small_site: Path, tmp_path: Path):
    _hooks(small_site, "effects.py")
    (small_site / "seeds").mkdir()
    (small_site / "seeds" / "review.yaml").write_text("claims: []\nsections: []\n", encoding="utf-8")
    (small_site / "docs" / "index.md").write_text("---\ntitle: [unclosed\n---\n\n# Home\n", encoding="utf-8")
    proc = _build(small_site, tmp_path / "site")
    assert proc.returncode == 1, proc.stderr
    assert "ERROR   -  docs/index.md:3: invalid YAML front matter" in proc.stderr
    assert "1 problem in the sources (listed above); nothing was built" in proc.stderr
    assert not (tmp_path / "site").exists()


def test_a_written_page_that_still_holds_a_raw_citation_stops_the_build(small_site: Path, tmp_path: Path):
    # Another hook puts a citation where no step of the build renders it.
    (small_site / "late.py").write_text(
        "def on_page_content(html, page, config, files):\n    return html + '<p>Late [@smith2000x].</p>'\n",
        encoding="utf-8")
    _hooks(small_site, "citations.py")
    config = small_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('hooks: [', f'hooks: ["{(small_site / "late.py").as_posix()}", '), encoding="utf-8")
    proc = _build(small_site, tmp_path / "site")
    assert proc.returncode == 1
    assert ("ERROR   -  docs/index.md: the built page holds the citation '[@smith2000x]' as raw text") in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "site").exists()


def test_advisories_are_one_line_unless_asked_for(small_site: Path, tmp_path: Path):
    # smith2000y is cited nowhere: an advisory, which never fails a build.
    quiet = _build(small_site, tmp_path / "one")
    assert quiet.returncode == 0, quiet.stderr
    lines = [line for line in quiet.stderr.splitlines() if "fail the build" in line]
    assert lines == ["INFO    -  1 advisory (they do not fail the build); run with VERBOSE=1 to list them"]
    verbose = _build(small_site, tmp_path / "two", VERBOSE="1")
    assert [line for line in verbose.stderr.splitlines() if "fail the build" in line] == [
        "WARNING -  bib/refs.bib:4: entry 'smith2000y' is not cited on any page. Cite it or remove it "
        "(advisory: does not fail the build)"]


def test_the_citation_adapter_handles_at_most_four_events():
    # Issue 13: a thin adapter; the reference export rides on on_env (MkDocs writes the files).
    import ast
    tree = ast.parse((HOOKS / "citations.py").read_text(encoding="utf-8"))
    events = sorted(node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"))
    assert events == ["on_env", "on_files", "on_page_markdown", "on_post_page"]
