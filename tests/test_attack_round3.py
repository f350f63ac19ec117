"""Regressions found by an outside attack on round 3 (reference export at on_env, exported
records kept with each entry, the Zensical extension's fast raw-citation check, pagerules,
rawhtml's readings tokenized once): one test per finding.

Each finding is fixed; its test asserts what should happen, on exact messages and exit codes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_attack_regressions import BASE

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from citekit_zensical import guard  # noqa: E402
from citekit_zensical.extension import raw_left  # noqa: E402

KEYS = frozenset({"smith2000"})


# ---- the Zensical extension's per-page raw-citation check (extension.raw_left) ----------------

@pytest.mark.parametrize("html", [
    "<p>[<em>see</em> @smith2000] x</p>",        # [*see* @smith2000] in a snippet
    "<p>[see\n@smith2000] x</p>",                # a citation written over two lines, in a snippet
    "<p>[<code>x</code> @smith2000] y</p>",      # [`x` @smith2000] in a snippet
    "<p>[@smith2000<!-- c -->] x</p>",
    "<p>[&#64;smith2000] x</p>",                 # the reader sees [@smith2000]
])
def test_raw_left_reports_what_the_host_guard_reports(html):
    assert guard.raw_citations(html, KEYS) != []          # the host guard's reading: raw text
    assert raw_left(html, KEYS) == guard.raw_citations(html, KEYS)


def _zensical_site(tmp: Path, files: dict[str, str], *, snippets: bool = False) -> Path:
    """The minimal site with the Zensical extension (and pymdownx.snippets from docs/_snippets)."""
    src = tmp / "src"
    shutil.copytree(BASE, src)
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    extra = "  - hooks.citekit_zensical\n"
    if snippets:
        extra += "  - pymdownx.snippets:\n      base_path: [docs/_snippets]\n"
    template = (src / "mkdocs.yml.in").read_text(encoding="utf-8")
    template = template.replace("  - pymdownx.superfences\n", "  - pymdownx.superfences\n" + extra)
    if snippets:
        template = template.replace("docs_dir: docs\n", "docs_dir: docs\nexclude_docs: |\n  _snippets/\n")
    (src / "mkdocs.yml").write_text(template.replace("@HOOKS@", (ROOT / "hooks").as_posix()), encoding="utf-8")
    (src / "mkdocs.yml.in").unlink()
    return src


SNIPPET_PAGE = {
    "docs/_snippets/s.md": "Snippet multi [see\n@steensberg2000] x.\n\nSnippet em [*see* @steensberg2000] x.\n",
    "docs/raw.md": "---\ntitle: Raw cases\n---\n\n# Raw cases\n\n--8<-- \"s.md\"\n",
}


def test_a_direct_zensical_build_stops_on_citations_left_raw_by_a_snippet(tmp_path):
    src = _zensical_site(tmp_path, SNIPPET_PAGE, snippets=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CITEKIT_CONFIG", None)
    proc = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", "mkdocs.yml"], cwd=src,
                          env=env, capture_output=True, text=True, timeout=120)
    page = src / "site" / "raw" / "index.html"
    shown = page.read_text(encoding="utf-8") if page.is_file() else ""
    assert "[<em>see</em> @steensberg2000]" not in shown
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # Reported before any page renders, with the MkDocs adapter's message (the same check).
    errors = [line for line in proc.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  docs/_snippets/s.md:1:15: citation '[see\\n@steensberg2000]' in this snippet is not rendered: "
        "the file is included by docs/raw.md:7 after citations are rendered. Write it without the citation, "
        "and cite in the page text",
        "ERROR   -  docs/_snippets/s.md:4:12: citation '[*see* @steensberg2000]' in this snippet is not rendered: "
        "the file is included by docs/raw.md:7 after citations are rendered. Write it without the citation, "
        "and cite in the page text",
        "ERROR   -  2 problems in the sources (listed above); the build stopped"]


# ---- the reference export and the pages' own addresses ------------------------------------------

def _build(src: Path, out: Path, host: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--host", host, "--config",
                           str(src / "mkdocs.yml"), "--out", str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


@pytest.mark.parametrize("host", ["mkdocs", "zensical"])
def test_a_page_published_where_the_export_writes_is_a_located_error(tmp_path, host):
    page = "---\ntitle: X\n---\n\n# X\n\nText [@steensberg2000].\n"
    src = _zensical_site(tmp_path, {"docs/references/all.bib.md": page})
    proc = _build(src, tmp_path / "site", host)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output
    assert proc.returncode == 1, output
    assert any(line.startswith("ERROR   -  docs/references/all.bib.md:1: ") and "references/all.bib" in line[40:]
               for line in proc.stderr.splitlines()), output
