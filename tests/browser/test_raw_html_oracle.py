"""The raw-HTML page check (hooks/pagemeta/rawhtml.py) against Chromium's own HTML parser.

Each input is converted by Python-Markdown with the site's extensions, and the result is
parsed by Chromium (DOMParser: the HTML standard's parser, nothing runs). Whatever Chromium
would run (a script element that is not a data block, an on* attribute, a javascript:,
vbscript: or non-image data: address, an iframe, object or embed) must have been reported
by the page check on the Markdown; an input Chromium would not run must build (no false
alarm on the site's own kinds of HTML). The inputs: the variants of issue 16's findings
found by attacking the check, and a fixed-seed sample of generated tag soup.
"""

from __future__ import annotations

import os
import sys

import markdown
import pytest
from browser_support import ROOT
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "hooks"))
from citekit.diagnostics import Report  # noqa: E402
from pagemeta import rawhtml  # noqa: E402

pytestmark = pytest.mark.browser
SOUP_COUNT = int(os.environ.get("RAW_HTML_SOUP", "3000" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "400"))

EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "admonition",
              "pymdownx.details", "pymdownx.superfences"]
LIVE = """(fragments) => fragments.map(html => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const found = [];
    const dataTypes = ['application/json', 'application/ld+json', 'text/plain'];
    // A data: address is followed only where an address is (in any other attribute it is text).
    const urlNames = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset',
                      'background', 'to', 'from', 'values'];
    for (const el of doc.querySelectorAll('*')) {
        const tag = el.localName;
        if (tag === 'script' && !dataTypes.includes((el.getAttribute('type') || '').trim().toLowerCase()))
            found.push('script');
        if (['iframe', 'object', 'embed', 'frame', 'base', 'meta', 'link'].includes(tag)) found.push(tag);
        for (const a of el.attributes) {
            const value = a.value.replace(/[\\t\\n\\r]/g, '').replace(/^[\\x00-\\x20]+/, '').toLowerCase();
            if (a.name.toLowerCase().startsWith('on') || a.name === 'srcdoc') found.push(a.name);
            else if (/^(javascript|vbscript):/.test(value)) found.push(a.name + '=' + value.split(':')[0]);
            else if (urlNames.includes(a.name.toLowerCase()) && /^data:/.test(value)
                     && !/^data:image\\/(png|gif|jpeg|webp|avif)[;,]/.test(value))
                found.push(a.name + '=data');
        }
    }
    return found;
})"""

VARIANTS = [
    '<iframe src="https://evil.example/"></iframe>', '<object data="x.swf"></object>', '<embed src="x.swf">',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>', '<a href=" javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>', '<a href="&#x6A;avascript:alert(1)">x</a>',
    '[x](JaVaScRiPt:alert(1))', '[x](&#106;avascript:alert(1))', '[x](<javascript:alert(1)>)',
    '[x][r]\n\n[r]: javascript:alert(1)', '[x](java&#x09;script:alert(1))', '[x](javascript&colon;alert(1))',
    '[x]( javascript:alert(1) )', '![a](javascript:alert(1))',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', '<svg onload=alert(1)>',
    '<img src=x ONERROR=alert(1) alt="a">', '<details open ontoggle=alert(1)>x</details>',
    '<!--> <script>alert(1)</script> -->', '<!---> <img src=x onerror=alert(1) alt=a> -->',
    '<!-- x --!> <script>alert(1)</script>', '<pre><script>alert(1)</script></pre>',
    '<textarea></textarea><script>alert(1)</script>', '<style>x</style><script>alert(1)</script>',
    '<scr<script>ipt>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<script type="module">alert(1)</script>', '<script type="text/plain ">x</script>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    'Text\n{: onclick="alert(1)" }', '# Heading {: onmouseover=alert(1) }',
    '[x](https://ok.example){: href="javascript:alert(1)" }', '<a\nhref="javascript:alert(1)">x</a>',
    '<div markdown>\n<a href="javascript:alert(1)">x</a>\n</div>', '`<script>alert(1)</script>`',
    '```html\n<script>alert(1)</script>\n```', '    <script>alert(1)</script>',
    '<math><mtext><script>alert(1)</script></mtext></math>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="a">', '<img src="data:image/png;base64,iVBOR" alt="a">',
    '<x onclick=alert(1)>', '<a/onclick=alert(1)>x</a>', '<img/src=x/onerror=alert(1) alt=a>',
    '<a href=javascript:alert(1)>x</a>', '<a href="\x01javascript:alert(1)">x</a>',
    '<https://ok.example> <javascript:alert(1)>',
    '`<!--` <script>alert(1)</script> `-->`', 'Para `<!--` and <b onclick=x>a</b> `-->`',
    '<!-- `x` <script> -->', '    {: onclick=x }', '<div class="glossary" markdown>\n\nIL-6\n:   A cytokine\n\n</div>',
    '<script type="application/ld+json">{"@context": "https://schema.org"}</script>',
    '!!! note\n    <b onclick=alert(1)>x</b>', '| a |\n|---|\n| <img src=x onerror=alert(1) alt=a> |',
    'Text.[^1]\n\n[^1]: <a href="javascript:alert(1)">x</a>', '*[X]: <b onclick=alert(1)>x</b>\n\nX',
    '<div\nonclick="alert(1)">x</div>', '<a href="javascript\u200b:alert(1)">x</a>',
]

_PIECES = ["<", ">", "/", "=", '"', "'", " ", "\n", "`", "<!--", "-->", "--!>", "<!-->", "script", "SCRIPT",
           "<script>", "</script>", "<img src=x ", "onerror=alert(1)", "href=", "javascript:", "&#106;", "&#9;",
           "java", "{: ", " }", "](", "[x", ")", "<a ", "<svg ", "onload=x", "<style>", "<pre>", "<textarea>",
           "    ", "```\n", "data:text/html,", "srcdoc=", "<iframe ", "&colon;", "\t", "x", "<div markdown>\n"]
SOUP = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


def reported(text: str) -> list[str]:
    report = Report()
    rawhtml.check_page("p.md", text, 0, set(), report)
    return [d.message for d in report.items]


def live_in_chromium(page, texts: list[str]) -> list[list[str]]:
    html = [markdown.markdown(t, extensions=EXTENSIONS) for t in texts]
    return page.evaluate(LIVE, html)


def soup_sample(count: int) -> list[str]:
    drawn: list[str] = []

    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @seed(1616)
    @given(SOUP)
    def collect(text) -> None:
        drawn.append(text)

    collect()
    return drawn


def test_what_chromium_would_run_is_reported_and_nothing_else(guarded_page):
    page, guard = guarded_page
    page.set_content("<!doctype html><title>oracle</title>")
    missed, false_alarms = [], []
    for text, live in zip(VARIANTS, live_in_chromium(page, VARIANTS), strict=True):
        problems = reported(text)
        if live and not problems:
            missed.append((text, live))
        if not live and problems:
            false_alarms.append((text, problems))
    assert not missed, missed
    # Reported although Chromium would run nothing: only this one (the abbr extension escapes a
    # definition into the title attribute; HTML there is a mistake anyway, and refused).
    assert [text for text, _ in false_alarms] == ["*[X]: <b onclick=alert(1)>x</b>\n\nX"], false_alarms
    guard.assert_clean()


def test_generated_tag_soup_chromium_would_run_is_reported(guarded_page):
    page, guard = guarded_page
    page.set_content("<!doctype html><title>oracle</title>")
    texts = soup_sample(SOUP_COUNT)
    missed = [(t, live) for t, live in zip(texts, live_in_chromium(page, texts), strict=True)
              if live and not reported(t)]
    assert not missed, missed[:5]
    guard.assert_clean()
