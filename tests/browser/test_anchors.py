"""Addresses a reader can keep, on the hosted build (http://127.0.0.1) and the offline copy
(file://), built by MkDocs and by Zensical: a followed citation leaves #ref-KEY in the address
and Back returns to the citation; a claim named on a page links to where the claim is stated;
"Cite this page" fills in the date of access and its buttons copy each form (axe checks the
block on the MkDocs hosted build). Every test also asserts that no request left the machine
and that no console error occurred.
"""

from __future__ import annotations

import datetime

import pytest
from browser_support import Site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EFFECT = "effects/adipose-tissue-lipolysis.md"
IN_TEXT_CITATION = "article .citation a.citation-ref"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCKING_IMPACTS = ("serious", "critical")


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")


def settle(page) -> None:
    """Two animation frames and a pause: smooth scrolling and Material's scroll handlers are done."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(400)


# ---- #ref-KEY and Back ----------------------------------------------------------------------

@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_citation_keeps_its_address_and_back_returns_to_it(any_site: Site, open_context, viewport: str):
    context, guard = open_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    open_page(page, any_site.url(EFFECT))
    # A citation well down the page, so that the page has scrolled to it before it is followed.
    link = page.locator(IN_TEXT_CITATION).nth(3)
    key = link.get_attribute("href").partition("#")[2]
    assert key.startswith("ref-")
    link.scroll_into_view_if_needed()
    settle(page)
    before_url, before_y = page.url, page.evaluate("window.scrollY")
    assert before_y > 300, "the citation should be below the first screen"
    link.click()
    settle(page)
    assert page.url == any_site.url(f"{EFFECT}#{key}")   # not #references
    expect(page.locator(f"li#{key}")).to_be_in_viewport()
    page.wait_for_timeout(600)   # the address stays as it is while the reader looks at the entry
    assert page.url.endswith(f"#{key}")
    page.go_back()
    settle(page)
    assert page.url == before_url
    after_y = page.evaluate("window.scrollY")
    assert abs(after_y - before_y) <= 3, f"Back scrolled to {after_y}, the citation was at {before_y}"
    expect(link).to_be_in_viewport()
    guard.assert_clean()


# ---- claims ---------------------------------------------------------------------------------

def test_claim_mention_leads_to_the_claim(any_site: Site, guarded_page):
    page, guard = guarded_page
    open_page(page, any_site.url(EFFECT))
    mention = page.locator("article a.claim-ref", has_text="A6").first
    expect(mention).to_be_visible()
    mention.click()
    page.wait_for_url(any_site.url("about.md#claim-a6"))
    row = page.locator("tr#claim-a6")
    expect(row).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target') === document.getElementById('claim-a6')")
    # The row is below the sticky header, not under it.
    header = page.locator("header.md-header").bounding_box()
    assert row.bounding_box()["y"] >= header["y"] + header["height"] - 1
    # Its permalink is the claim's address.
    row.locator("a.claim-permalink").click()
    assert page.url == any_site.url("about.md#claim-a6")
    guard.assert_clean()


# ---- Cite this page -------------------------------------------------------------------------

def open_cite_block(page):
    block = page.locator("section.cite-this-page")
    block.locator("summary").click()
    expect(block.locator("button[data-cite-copy='plain']")).to_be_visible()
    return block


@pytest.mark.parametrize("form", ["plain", "bibtex"])
def test_copy_buttons_copy_each_form(any_site: Site, open_context, form: str):
    context, guard = open_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, any_site.url(EFFECT))
    block = open_cite_block(page)
    today = datetime.date.today().isoformat()
    shown = block.locator(".cite-plain" if form == "plain" else ".cite-bibtex code").inner_text()
    assert "YYYY-MM-DD" not in shown and f"accessed {today}" in shown
    button = block.locator(f"button[data-cite-copy='{form}']")
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(block.locator(".cite-status")).to_contain_text("copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == block.locator(".cite-plain" if form == "plain" else ".cite-bibtex code") \
        .text_content().strip()
    assert "127.0.0.1" not in copied or any_site.kind == "hosted"
    guard.assert_clean()


def test_copy_falls_back_to_selecting_without_the_clipboard_api(any_site: Site, guarded_page):
    page, guard = guarded_page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    open_page(page, any_site.url(EFFECT))
    block = open_cite_block(page)
    block.locator("button[data-cite-copy='bibtex']").click()
    expect(block.locator(".cite-status")).not_to_be_empty()
    selected = page.evaluate("window.getSelection().toString()")
    assert selected.startswith("@misc{il6site:effects-adipose-tissue-lipolysis,")
    guard.assert_clean()


def test_without_scripts_the_placeholder_stays_and_no_button_shows(any_site: Site, open_context):
    context, _ = open_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(any_site.url(EFFECT), wait_until="load")
    block = page.locator("section.cite-this-page")
    block.locator("summary").click()
    expect(block.locator(".cite-plain")).to_contain_text("[accessed YYYY-MM-DD]")
    expect(block.locator("button")).to_have_count(2)
    expect(block.locator("button:visible")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_cite_block_and_claims_table_are_accessible(hosted_site: Site, open_context, axe_source: str,
                                                         scheme: str):
    """On the hosted build, as test_browser_pages.py runs axe (over file:// axe cannot read the
    stylesheets), with the block open and a button used."""
    site = hosted_site
    context, guard = open_context(color_scheme=scheme)
    page = context.new_page()
    for src, selector in ((EFFECT, "section.cite-this-page"), ("about.md", ".review-claims")):
        open_page(page, site.url(src))
        if src == EFFECT:
            open_cite_block(page)
            page.locator("button[data-cite-copy='plain']").click()
        page.add_script_tag(content=axe_source)
        result = page.evaluate("""async (selector) => {
            const r = await axe.run(selector, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                                           nodes: v.nodes.map(n => n.target.join(' '))}));
        }""", selector)
        blocking = [v for v in result if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"{src}: {blocking}"
    guard.assert_clean()
