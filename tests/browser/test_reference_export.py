"""Reference export in Chromium, hosted (http://127.0.0.1) and offline (file://, from the zip),
built by MkDocs and by Zensical: each link above a reference list gives its file, holding the
entries listed below it; the COinS spans show nothing.

Hosted, a click downloads the file under the name of its `download` attribute. From disk,
Chromium ignores `download` (a file: URL is an opaque origin, and the attribute is honoured for
same-origin links only) and opens the file as text instead, which is what is checked there.
"""

from __future__ import annotations

import json

import pytest
from browser_support import Site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["production/kinetics.md", "index.md", "references.md"]


def _open(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")


@pytest.mark.parametrize("src", PAGES)
def test_download_links_give_the_files_of_the_list(any_site: Site, open_context, src: str):
    context, guard = open_context(accept_downloads=True)
    page = context.new_page()
    _open(page, any_site.url(src))
    listed = page.locator("article p.reference-downloads + ul.references > li.reference")
    keys = [listed.nth(i).get_attribute("data-key") for i in range(listed.count())]
    assert keys, f"{src}: no reference list under the download links"
    links = page.locator("article p.reference-downloads a.reference-download")
    expect(links).to_have_text(["BibTeX", "RIS", "CSL-JSON"])
    for i, extension in enumerate(("bib", "ris", "json")):
        link = links.nth(i)
        expect(link).to_be_visible()
        if any_site.kind == "hosted":
            with page.expect_download() as info:
                link.click()
            download = info.value
            assert download.failure() is None, f"{src}: {extension} download failed: {download.failure()}"
            assert download.suggested_filename == link.get_attribute("download")
            text = open(download.path(), encoding="utf-8").read()
        else:
            link.click()
            page.wait_for_url(f"**/*.{extension}")
            text = page.locator("pre").inner_text()
            _open(page, any_site.url(src))
        if extension == "json":
            assert [item["id"] for item in json.loads(text)] == keys
        elif extension == "ris":
            assert [line[6:] for line in text.splitlines() if line.startswith("ID  - ")] == keys
        else:
            assert [line[line.index("{") + 1:-1] for line in text.splitlines() if line.startswith("@")] == keys
        assert page.url.startswith(any_site.url(src).partition("#")[0]), "the click left the page"
    guard.assert_clean()


def test_coins_spans_take_no_room_and_show_no_text(any_site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, any_site.url("production/kinetics.md"))
    spans = page.locator("article li.reference span.Z3988")
    assert spans.count() == page.locator("article li.reference").count() > 0
    sizes = spans.evaluate_all("els => els.map(e => [e.getBoundingClientRect().width, e.innerText])")
    assert all(width == 0 and text == "" for width, text in sizes), sizes
    guard.assert_clean()
