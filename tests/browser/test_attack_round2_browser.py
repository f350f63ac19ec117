"""This round's reader-side features under hostile input, in Chromium, from disk (file://): the
COinS spans, the download links and "Cite this page" (docs/assets/javascripts/cite.js) of a page
citing an entry whose fields are markup (built without --strict, as `mkdocs serve` shows it).
No dialog may open; cite.js must run from disk, fill in the date and copy or say how to.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import ROOT
from bs4 import BeautifulSoup

BASE = ROOT / "tests" / "bad_input" / "_base"
HOSTILE_BIB = ROOT / "tests" / "bad_input" / "ok_xss_in_bibtex" / "bib" / "refs.bib"
PAGE = """---
title: Attack page
---

Text [@xss2001] and [@steensberg2000].

<span title="1 > 0, claim A6">hover</span>
"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "src"
    shutil.copytree(BASE, src)
    shutil.copy(HOSTILE_BIB, src / "bib" / "refs.bib")
    (src / "docs" / "atk.md").write_text(PAGE, encoding="utf-8")
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "cite.js", src / "docs" / "cite.js")
    template = (src / "mkdocs.yml.in").read_text(encoding="utf-8").replace(
        "plugins:\n", "use_directory_urls: false\nextra_javascript: [cite.js]\n\nplugins:\n", 1)
    (src / "mkdocs.yml").write_text(template.replace("@HOOKS@", (ROOT / "hooks").as_posix()), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--no-strict", "--config",
                           str(src / "mkdocs.yml"), "--out", str(tmp / "site")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp / "site"


def test_hostile_entries_open_no_dialog_and_cite_js_works_from_disk(hostile_site: Path, open_context):
    # The session's browser (conftest.py): a second sync_playwright() inside it is refused.
    page_file = hostile_site / "atk.html"
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    assert soup.select("span.Z3988") and soup.select("a.reference-download")
    dialogs: list[str] = []
    context, guard = open_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    for selector in ("span.Z3988", "a.reference-download", "span[title]", ".citation"):
        for element in page.query_selector_all(selector):
            element.dispatch_event("mouseover")
    page.click(".cite-this-page summary")
    assert page.inner_text(".cite-plain .cite-accessed") == datetime.date.today().isoformat()
    assert page.is_visible("button[data-cite-copy='bibtex']")
    page.click("button[data-cite-copy='bibtex']")
    page.wait_for_function("document.querySelector('.cite-status').textContent !== ''")
    assert page.inner_text(".cite-status") in (
        "BibTeX entry copied.", "BibTeX entry selected: press Ctrl+C (\u2318C on a Mac) to copy it.")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == \
        len([s for s in soup.find_all("script") if not s.get("src")])
    assert dialogs == []
    guard.assert_clean()
