"""The raw-citation guard every host's build ends with (hooks/citekit_zensical/guard.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from citekit_zensical import guard

KNOWN = frozenset({"steensberg2000", "ostrowski1998a", "a:b.c"})


@pytest.mark.parametrize("html, found", [
    ("<p>As shown [@steensberg2000].</p>", ["[@steensberg2000]"]),
    ("<p>[see @steensberg2000, p. 3; @ostrowski1998a]</p>", ["[see @steensberg2000, p. 3; @ostrowski1998a]"]),
    ("<p>[-@steensberg2000]</p>", ["[-@steensberg2000]"]),
    ("<p>[@a:b.c]</p>", ["[@a:b.c]"]),
    ("<p>[<em>see</em> @steensberg2000]</p>", ["[see @steensberg2000]"]),   # as the reader sees it
    ("<p>&#91;@steensberg2000&#93;</p>", ["[@steensberg2000]"]),            # character references
    ("<p>\\full_bibliography</p>", ["\\full_bibliography"]),
])
def test_raw_citations_are_found(html: str, found: list[str]):
    assert guard.raw_citations(html, KNOWN) == found


@pytest.mark.parametrize("html", [
    "<p>Written <code>[@steensberg2000]</code> in Markdown.</p>",
    "<pre><code>[@steensberg2000]\n\\bibliography</code></pre>",
    "<p>[@unknownkey2000] and [@media] are not keys of the bibliography.</p>",
    '<p><a href="#ref-x" title="[@steensberg2000]">Steensberg et al. (2000)</a></p>',   # attribute, not text
    "<script>var s = '[@steensberg2000]';</script>",
    "<p>Mail me at name@steensberg2000.org.</p>",
])
def test_what_is_no_raw_citation(html: str):
    assert guard.raw_citations(html, KNOWN) == []


def test_a_page_with_raw_citations_is_named_with_its_source_line(tmp_path: Path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "effects").mkdir(parents=True)
    (site / "effects" / "x").mkdir(parents=True)
    (docs / "effects" / "x.md").write_text("---\ntitle: X\n---\n\n# X\n\nSee [@steensberg2000].\n", encoding="utf-8")
    (site / "effects" / "x" / "index.html").write_text("<p>See [@steensberg2000]. [@ostrowski1998a]</p>",
                                                      encoding="utf-8")
    (site / "index.html").write_text("<p>Nothing raw.</p>", encoding="utf-8")
    assert guard.check_site(site, KNOWN, docs, tmp_path) == [
        "docs/effects/x.md:7: citation '[@steensberg2000]' (and 1 more) is raw text in the built page "
        "effects/x/index.html: the citation adapter did not run on it. Check that the configuration loads it "
        "(MkDocs, ProperDocs: hooks; Zensical: markdown_extensions: hooks.citekit_zensical)"]


def test_control_characters_are_shown_escaped(tmp_path: Path):
    (tmp_path / "page.html").write_text("<p>[@steensberg2000 \x1b(B]</p>", encoding="utf-8")
    [message] = guard.check_site(tmp_path, KNOWN)
    assert "\x1b" not in message and "\\x1b" in message
    assert message.startswith("page.html:1: citation ")


def test_known_keys_follow_inherit_and_env_tags(tmp_path: Path):
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "a.bib").write_text("@article{k2000, author = {A, B}, title = {T}, journal = {J},"
                                             " year = 2000}\n", encoding="utf-8")
    (tmp_path / "base.yml").write_text("site_name: x\nsite_url: !ENV [SITE_URL, 'http://x/']\n"
                                       "extra: {citations: {bibliography: ['refs/*.bib']}}\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text("INHERIT: base.yml\nextra: {other: 1}\n", encoding="utf-8")
    config = guard.read_config(tmp_path / "child.yml")
    assert config["extra"] == {"citations": {"bibliography": ["refs/*.bib"]}, "other": 1}
    assert guard.known_keys(config, tmp_path) == {"k2000"}


def test_the_zensical_extension_looks_for_raw_citations_left_on_each_rendered_page():
    # The extension's per-page check (extension.raw_left): the host guard's reading of the text.
    from citekit_zensical.extension import raw_left
    keys = frozenset({"smith2000"})
    assert raw_left("<p>As shown [@smith2000].</p>", keys) == ["[@smith2000]"]
    assert raw_left('<p>Seen <a title="[see @smith2000, p. 3]">here</a> [-@smith2000]</p>', keys) == ["[-@smith2000]"]
    assert raw_left("<p>\\full_bibliography</p>", keys) == ["\\full_bibliography"]
    assert raw_left("<p>Code: <code>[@smith2000]</code>, unknown [@nobody1999].</p>", keys) == []
    # what the reader sees counts: character references decoded (tests/test_attack_round3.py has more)
    assert raw_left("<p>&#91;&#64;smith2000]</p>", keys) == ["[@smith2000]"]
    assert raw_left('<p><span class="citation"><a href="#ref-smith2000">Smith, 2000</a></span></p>', keys) == []
