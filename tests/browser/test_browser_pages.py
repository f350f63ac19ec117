"""Every built page, in both colour schemes: axe-core finds no serious or critical violation,
the console stays clean, and no request leaves the machine. Also the screenshots of the home
page and of an effect page, light and dark, in test-artifacts/.
"""

from __future__ import annotations

import pytest
from browser_support import (
    ARTIFACTS,
    EXTRA_BUILT_PAGES,
    Site,
    doc_sources,
    effect_pages,
)

pytestmark = pytest.mark.browser

PAGES = doc_sources() + EXTRA_BUILT_PAGES
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING_IMPACTS = ("serious", "critical")


def open_in_scheme(open_context, url: str, scheme: str):
    context, guard = open_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    # Material picked the palette that matches the reader's preferred scheme, and its
    # JavaScript has finished starting (the search worker answered).
    page.wait_for_function(
        """([scheme]) => document.body.getAttribute('data-md-color-scheme') === scheme
            && document.readyState === 'complete' && typeof window.document$ !== 'undefined'""",
        arg=[SCHEMES[scheme]])
    return page, guard


def test_every_built_page_is_checked(hosted_site: Site):
    """The list below covers what the build produced (no page escapes the checks)."""
    expected = sorted(hosted_site.file(src).relative_to(hosted_site.root).as_posix() for src in PAGES)
    assert hosted_site.built_pages() == expected


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("src", PAGES)
def test_page_accessible_and_clean(hosted_site: Site, open_context, axe_source: str, src: str,
                                   scheme: str):
    page, guard = open_in_scheme(open_context, hosted_site.url(src), scheme)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
    }""")
    blocking = [v for v in result if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1].strip()}"
                    for n in v["nodes"][:8])
        for v in blocking)
    assert not blocking, f"axe: {len(blocking)} serious/critical violation(s) on {src} ({scheme}):\n{report}"
    guard.assert_clean()


@pytest.mark.parametrize("src", doc_sources())
def test_offline_page_clean(offline_site: Site, open_context, src: str):
    """Over file://, every page loads without console errors and without any network request."""
    page, guard = open_in_scheme(open_context, offline_site.url(src), "light")
    assert page.locator("article h1, article h2").count() > 0
    guard.assert_clean()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_screenshots(hosted_site: Site, open_context, scheme: str):
    ARTIFACTS.mkdir(exist_ok=True)
    effect = effect_pages()[0]
    for name, src in (("home", "index.md"), (f"effect-{effect.slug}", effect.src)):
        page, guard = open_in_scheme(open_context, hosted_site.url(src), scheme)
        path = ARTIFACTS / f"{name}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert path.stat().st_size > 0
        guard.assert_clean()
