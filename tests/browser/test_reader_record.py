"""Reading fixes of issue 15 in Chromium, hosted and offline: each page's record (last changed,
history, report an error), the Changes page and feed, Figure 1 full size on a phone, a visible
focus on every Tab stop (the search results box included), a compact glossary on a phone.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import Site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The repository the hosted fixture builds with (conftest.HOSTED_ENV_DEFAULTS).
REPO = "https://github.com/example/muscle-il6"
# What makes a focused element visibly focused: an outline, or a box shadow.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || el.className || '').slice(0, 40),
          visible: outline || shadow, shown: r.width > 0 && r.height > 0};
}"""


def _open(page, url: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")


def test_page_record_under_every_page(site: Site, guarded_page):
    page, guard = guarded_page
    for src in ["index.md", "effects/anti-inflammatory-tnf.md", "glossary.md", "changes.md"]:
        _open(page, site.url(src))
        record = page.locator("aside.page-record")
        expect(record).to_be_visible()
        expect(record).to_contain_text("Last changed:")
        date = record.locator("time")
        if date.count():
            assert len(date.get_attribute("datetime")) == 10
        else:
            expect(record).to_contain_text("date not recorded")
        record.locator("a.page-record__changes").click()
        page.wait_for_url(site.url("changes.md"))
        expect(page.locator("article h1")).to_contain_text("Changes")
    guard.assert_clean()


def test_history_and_report_links_only_with_a_repository(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site.url("effects/anti-inflammatory-tnf.md"))
    links = page.locator("aside.page-record a.page-record__history, aside.page-record a.page-record__report")
    if site.kind == "offline":   # scripts/offline.py builds without REPO_URL: nowhere to send readers
        assert links.count() == 0
        return
    history = page.locator("a.page-record__history")
    assert history.get_attribute("href") == f"{REPO}/commits/main/docs/effects/anti-inflammatory-tnf.md"
    report = page.locator("a.page-record__report")
    expect(report).to_have_text("Report an error on this page")
    parts = urlsplit(report.get_attribute("href"))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == ["correction.yml"]
    assert query["page"][0].endswith("/effects/anti-inflammatory-tnf/")
    assert query["title"][0].startswith("[Correction]: ")
    guard.assert_clean()


def test_changes_page_links_the_feed(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site.url("changes.md"))
    feed = page.locator('article a[type="application/atom+xml"]')
    href = feed.evaluate("a => a.href")
    assert href == site.base_url + "feed.xml"
    assert (site.root / "feed.xml").is_file()
    guard.assert_clean()


def test_figure_opens_full_size_on_a_phone(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site.url("index.md"), width=390)
    link = page.locator("a.figure-full-size")
    expect(link).to_be_visible()
    assert link.evaluate("a => a.href") == site.base_url + "assets/figure-1.svg"
    link.click()
    page.wait_for_url(site.base_url + "assets/figure-1.svg")
    # Opened alone, the drawing is laid out at its own width (760 px): its text is 13-16 px.
    sizes = page.evaluate("() => [...document.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize))")
    assert sizes and min(sizes) >= 12
    guard.assert_clean()


@pytest.mark.parametrize("src", ["index.md", "effects/anti-inflammatory-tnf.md"])
def test_every_tab_stop_shows_focus(site: Site, guarded_page, src: str):
    page, guard = guarded_page
    _open(page, site.url(src))
    missing, seen = [], 0
    for _ in range(45):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state is None or not state["shown"]:
            continue
        seen += 1
        if not state["visible"]:
            missing.append(f"{state['tag']} {state['text']!r}")
    assert seen >= 30, f"only {seen} visible Tab stops"
    assert not missing, f"Tab stops without a visible focus on {src}: {missing}"
    guard.assert_clean()


def test_search_results_box_shows_focus(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site.url("about.md"))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("glycogen")
    page.locator(".md-search-result__item").first.wait_for()
    for _ in range(6):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state:
            assert state["visible"], f"no visible focus on {state}"
    guard.assert_clean()


def test_glossary_is_compact_on_a_phone(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site.url("glossary.md"), width=390)
    terms = page.locator(".glossary dt")
    first, definition = terms.first.bounding_box(), page.locator(".glossary dd").first.bounding_box()
    # Term and full form share a line.
    assert abs(first["y"] - definition["y"]) < 4 and definition["x"] > first["x"] + first["width"]
    names = [t.strip() for t in terms.all_inner_texts()]
    assert names.index("a–v") < names.index("AS160")
    guard.assert_clean()
