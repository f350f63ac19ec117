"""Markup in BibTeX never runs. The bad-input case tests/bad_input/ok_xss_in_bibtex/ (an entry
whose author is `<img src=x onerror=alert(1)>`, whose title holds `<script>alert(1)</script>` and
whose url is `javascript:alert(1)`) is built with scripts/build.py and opened in Chromium over
file://: reading the page, hovering and focusing its citations (Material's `content.tooltips`
shows their titles) must open no dialog, log no console error and show the markup as text.
Material's search only runs over http, so searching is checked on a copy served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CASE = "ok_xss_in_bibtex"
TOOLTIP = ".md-tooltip2.md-tooltip2--active"
SCRIPT_TEXT = "<script>alert(1)</script>"
IMG_TEXT = "<img src=x onerror=alert(1)>"
LIVE_MARKUP = """() => ({
    scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
    handlers: [...document.querySelectorAll('*')].filter(
        el => [...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
    jsLinks: document.querySelectorAll('a[href^="javascript" i]').length,
})"""
NO_LIVE_MARKUP = {"scripts": 0, "handlers": 0, "jsLinks": 0}


@pytest.fixture(scope="module")
def xss_site(corpus_site) -> Path:
    return corpus_site(CASE)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def xss_served(xss_site: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(xss_site)))
    thread = threading.Thread(target=server.serve_forever, name="xss-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def test_page_over_file_runs_no_markup(xss_site: Path, guarded_page):
    page, guard = guarded_page
    dialogs = watch_dialogs(page)
    open_page(page, (xss_site / "index.html").as_uri())
    reference = page.locator("li#ref-xss2001")
    expect(reference).to_contain_text(SCRIPT_TEXT)
    expect(reference).to_contain_text(IMG_TEXT)
    expect(page.locator("article").get_by_text(IMG_TEXT + " & Tester, 2001")).to_have_count(1)
    page.wait_for_timeout(300)
    assert page.evaluate(LIVE_MARKUP) == NO_LIVE_MARKUP
    assert not dialogs, f"a dialog opened: {dialogs}"
    guard.assert_clean()


def test_citation_tooltips_show_markup_as_text(xss_site: Path, guarded_page):
    page, guard = guarded_page
    dialogs = watch_dialogs(page)
    open_page(page, (xss_site / "index.html").as_uri())
    links = page.locator('article a.citation-ref[href="#ref-xss2001"]')
    expect(links).to_have_count(2)
    for i in range(links.count()):
        for action in ("hover", "focus"):
            getattr(links.nth(i), action)()
            tooltip = page.locator(TOOLTIP)
            expect(tooltip).to_be_visible()
            page.wait_for_timeout(200)
            assert page.evaluate(LIVE_MARKUP) == NO_LIVE_MARKUP, f"citation {i}, {action}"
            assert " ".join(tooltip.inner_text().split()).startswith(IMG_TEXT + " & Tester")
            expect(tooltip).to_contain_text(SCRIPT_TEXT)
            page.mouse.move(0, 0)
            page.locator("h1").first.click()
    assert not dialogs, f"a dialog opened: {dialogs}"
    guard.assert_clean()


def test_search_results_show_markup_as_text(xss_served: str, guarded_page):
    page, guard = guarded_page
    dialogs = watch_dialogs(page)
    open_page(page, xss_served)
    page.wait_for_function(
        """() => { const m = document.querySelector('.md-search-result__meta');
                   return !!m && !/initiali[sz]ing/i.test(m.textContent); }""")
    query = page.locator("input.md-search__input")
    query.click()
    query.press_sequentially("onerror")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(IMG_TEXT)
    page.wait_for_timeout(300)
    assert page.evaluate(LIVE_MARKUP) == NO_LIVE_MARKUP
    assert not dialogs, f"a dialog opened: {dialogs}"
    guard.assert_clean()


# ---- the case tests/bad_input/rnd_hostile_citations/: markup hidden behind braces, quotes, a
# backslash and control characters in BibTeX, cited in running text, in an H1 and in a <script>.

HOSTILE_CASE = "rnd_hostile_citations"


@pytest.fixture(scope="module")
def hostile_site(corpus_site) -> Path:
    return corpus_site(HOSTILE_CASE)


def _hover_every_citation(page) -> None:
    links = page.locator("article a.citation-ref")
    for i in range(links.count()):
        links.nth(i).hover()
        page.wait_for_timeout(100)
        assert page.evaluate(LIVE_MARKUP) == NO_LIVE_MARKUP, f"citation {i}"
    page.mouse.move(0, 0)


def test_hidden_markup_in_running_text_never_runs(hostile_site: Path, guarded_page):
    page, guard = guarded_page
    dialogs = watch_dialogs(page)
    open_page(page, (hostile_site / "index.html").as_uri())
    reference = page.locator("li#ref-hidden2001")
    expect(reference).to_contain_text("</title><script>alert(1)</script>, O\u2019Brien A")
    expect(page.locator('span[data-cites="tester2001 tester2001b"]')).to_have_text("(Tester, 2001a, 2001b)")
    _hover_every_citation(page)
    page.wait_for_timeout(300)
    assert page.evaluate(LIVE_MARKUP) == NO_LIVE_MARKUP
    assert not dialogs, f"a dialog opened: {dialogs}"
    guard.assert_clean()


def test_citation_in_a_heading_and_a_script_never_runs(hostile_site: Path, guarded_page):
    page, guard = guarded_page
    dialogs = watch_dialogs(page)
    open_page(page, (hostile_site / "hostile" / "index.html").as_uri())
    assert page.title() == "Findings of (</title><script>alert(1)</script> et al. 2001) & co - Bad-input fixture"
    _hover_every_citation(page)
    page.wait_for_timeout(300)
    assert not dialogs, f"a dialog opened: {dialogs}"
    guard.assert_clean()
