"""The reader side without a browser: no Google Scholar citation_* tags, and the check of scripts/offline.py
that nothing built loads from the network (run here on the hosted build as well)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _offline():
    spec = importlib.util.spec_from_file_location("offline_script", ROOT / "scripts" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


offline = _offline()


def _built(site: Path, src: str) -> Path:
    stem = src[: -len(".md")]
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def _meta(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)


SOURCES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                 if not p.relative_to(DOCS).parts[0].startswith("_"))


@pytest.mark.parametrize("src", SOURCES)
def test_no_page_claims_to_be_the_review(built_site: Path, src: str):
    """No page carries Highwire/Google Scholar citation_* tags: no page of this site is the 2001 article.

    What each page says about itself instead (JSON-LD) is tested in tests/test_metadata_jsonld.py.
    """
    assert _meta(_built(built_site, src).read_text(encoding="utf-8")) == [], f"{src} has citation_* tags"


def test_hosted_build_loads_nothing_from_the_network(built_site: Path):
    assert offline.find_remote_loads(built_site) == []


# ---- the checker itself ------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.org/x.js"></script>',
    '<link rel="stylesheet" href="//fonts.example.org/css">',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
    '<link rel="icon" href="https://example.org/favicon.png">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<img srcset="a.png 1x, https://example.org/b.png 2x">',
    '<div style="background: url(https://example.org/bg.png)"></div>',
    '<style>@import url("https://fonts.googleapis.com/css?family=Roboto");</style>',
    '<script>new Worker("https://example.org/w.js")</script>',
    '<svg><image href="https://example.org/i.png"/></svg>',
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
])
def test_checker_flags_remote_loads(html: str):
    assert offline.check_html(html), html


@pytest.mark.parametrize("html", [
    '<a href="https://doi.org/10.1111/j.1469-7793.2001.0329c.xd">doi</a>',
    '<a href="https://pubmed.ncbi.nlm.nih.gov/11600669/">PubMed</a>',
    '<link rel="canonical" href="https://example.org/page/">',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="effects/x.html"><text>x</text></a></svg>',
    '<script id="__config" type="application/json">{"base": "https://example.org/"}</script>',
    '<script src="assets/javascripts/bundle.js"></script>',
])
def test_checker_accepts_links_and_local_files(html: str):
    assert offline.check_html(html) == [], html


def test_checker_css():
    assert offline.check_css("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}")
    svg = "data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert offline.check_css(f'a{{b:url("{svg}")}}') == []
    assert offline.check_css("/* https://fontawesome.com/license */ a{color:red}") == []


def test_checker_js():
    js = Path("assets/javascripts/extra.js")
    assert offline.check_js(js, 'fetch("https://api.example.org/x")', "")
    assert offline.check_js(js, "/* see https://example.org/licence */\nvar a = 1; // https://x.org", "") == []
    bundle = Path("assets/javascripts/bundle.abc.min.js")
    mermaid = 'e="https://unpkg.com/mermaid@11/dist/mermaid.min.js"'
    assert offline.check_js(bundle, mermaid, "<p>no diagram</p>") == []
    assert offline.check_js(bundle, mermaid, '<pre class="mermaid">graph</pre>')
    github = 'r=`https://api.github.com/repos/${e}/${t}`'
    assert offline.check_js(bundle, github, '<a class="md-source" href="https://github.com/x/y">') == []
    assert offline.check_js(bundle, github, '<a data-md-component="source" href="https://github.com/x/y">')
