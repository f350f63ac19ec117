"""Compatibility with mkdocs-bibtex: pages written for it cite the same keys with our hook.

The fixture site tests/fixtures/compat/ (three pages, eight BibTeX entries, a
`\\bibliography` command on the first page) is built twice in temporary folders,
once with our hook (hooks/citations.py) and once with the mkdocs-bibtex plugin
(pybtex footnotes), each by `python -m mkdocs build` in a subprocess. For every
page the set of cited keys must be the same in both outputs and equal to the keys
written in the Markdown, and no `[@` may be left as text.

How each tool marks keys in HTML:
  ours          <span class="citation" data-cites="k1 k2"> in the text,
                <li class="reference" id="ref-KEY"> in the page's reference list;
  mkdocs-bibtex `[^KEY]` footnotes (footnote_format "{key}"), which Python-Markdown renders
                as <sup id="fnref:KEY"><a class="footnote-ref" href="#fn:KEY"> in the text and
                <div class="footnote"><ol><li id="fn:KEY"> at the end of the page.

Slow-ish (two MkDocs builds, a few seconds); never skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "compat"
HOOK = ROOT / "hooks" / "citations.py"
PAGES = ["index.md", "second.md", "third.md"]

pytestmark = pytest.mark.slow

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


def _build(tmp: Path, name: str, extra_config: str) -> Path:
    """Copy the fixture into tmp/name, build it there, return the output folder."""
    src = tmp / name
    shutil.copytree(FIXTURE, src)
    config = src / "mkdocs.yml"
    config.write_text(
        f"site_name: Compat fixture ({name})\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n"
        "nav: [index.md, second.md, third.md]\n"
        + extra_config + MARKDOWN_EXTENSIONS,
        encoding="utf-8",
    )
    out = tmp / f"site-{name}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
        cwd=src, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, f"{name} build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("compat")
    ours = _build(tmp, "hook",
                  "plugins: []\n"
                  f"hooks:\n  - {HOOK}\n"
                  "extra:\n  citations:\n    bibliography: [bib/*.bib]\n")
    theirs = _build(tmp, "bibtex",
                    "plugins:\n  - bibtex:\n      bib_file: bib/refs.bib\n")
    return {"hook": ours, "bibtex": theirs}


def _html(site: Path, page: str) -> str:
    rel = "index.html" if page == "index.md" else f"{page[:-3]}/index.html"
    return (site / rel).read_text(encoding="utf-8")


def _content(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("article") or soup


def written_keys(page: str) -> set[str]:
    """Keys cited in the fixture's Markdown (an @ after a word character is an e-mail address)."""
    text = (FIXTURE / "docs" / page).read_text(encoding="utf-8")
    return set(re.findall(r"(?<![\w@])@([A-Za-z0-9]+)", text))


def our_keys(html: str) -> tuple[set[str], set[str]]:
    """(keys cited in the text, keys in the page's reference list) of our hook's output."""
    body = _content(html)
    spans = body.select("span.citation[data-cites]")
    cited = {k for span in spans for k in span["data-cites"].split()}
    listed = {li["id"][len("ref-"):] for li in body.select('li.reference[id^="ref-"]')}
    return cited, listed


def bibtex_keys(html: str) -> tuple[set[str], set[str]]:
    """(keys of footnote references in the text, keys of footnotes) of mkdocs-bibtex's output."""
    body = _content(html)
    cited = {a["href"][len("#fn:"):] for a in body.select('a.footnote-ref[href^="#fn:"]')}
    listed = {li["id"][len("fn:"):] for li in body.select('div.footnote li[id^="fn:"]')}
    return cited, listed


def test_fixture_is_as_described():
    assert sorted(p.name for p in (FIXTURE / "docs").glob("*.md")) == sorted(PAGES)
    bib = (FIXTURE / "bib" / "refs.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@\w+\{", bib, flags=re.M)) == 8
    assert "\\bibliography" in (FIXTURE / "docs" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_same_cited_keys(builds, page):
    expected = written_keys(page)
    assert expected, f"{page}: the fixture page cites nothing"

    ours_text, ours_list = our_keys(_html(builds["hook"], page))
    theirs_text, theirs_list = bibtex_keys(_html(builds["bibtex"], page))

    # mkdocs-bibtex, the oracle, sees what the page cites...
    assert theirs_text == expected, f"{page}: mkdocs-bibtex footnote refs"
    assert theirs_list == expected, f"{page}: mkdocs-bibtex footnotes"
    # ...and our hook cites and lists exactly the same keys.
    assert ours_text == theirs_text, f"{page}: keys in our citation spans differ from mkdocs-bibtex"
    assert ours_list == theirs_list, f"{page}: keys in our reference list differ from mkdocs-bibtex"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("tool", ["hook", "bibtex"])
def test_no_citation_left_as_text(builds, tool, page):
    text = _content(_html(builds[tool], page)).get_text()
    assert "[@" not in text, f"{tool} left '[@' in {page}"
