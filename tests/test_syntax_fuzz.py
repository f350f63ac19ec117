"""Fuzzing the citation scan (issue 16): generated Markdown pages, and pandoc on small inputs.

Properties: `scan` never raises and returns spans in order, inside the text and not
overlapping; every citation of a known key placed in a context Markdown or Material offers
is found where it was put; nothing inside code, math, `<script>`, `<style>` or a comment is
found; a citation in link text is listed as ignored. The differential property reads
small generated inputs with pandoc (one run per batch) and compares every citation.
Every failing example Hypothesis found is kept below as an @example.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from citekit.syntax import mask_code, scan
from hypothesis import example, given
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

KNOWN = ["smith2000", "Müller2001", "ivanov_2002", "Иванов2003", "a:b.c-d", "x/y#z", "p1", "日本2004", "𝒳key"]

# ---- 1. anything at all

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
PIECES = st.sampled_from(["[", "]", "@", "-@", "@k", "@{", "}", ";", "`", "``", "```\n", "$", "$$", "\\",
                          "<", ">", "<!--", "-->", "<script>", "</script>", "<style>", "](", "(", ")",
                          "![", "^[", "[^1]", "\n", "\n\n", "    ", "# ", "- ", "!!! note\n", "*[X]: ",
                          "--8<-- ", "{: ", "http://x/", "p. 3", ",", " ", "x", "é", "\x00", "\x1b", "\u2028",
                          "😀", "\t", "."])
SOUP = st.lists(st.one_of(PIECES, ANY_TEXT.map(lambda s: s[:5])), max_size=60).map("".join)


@given(st.one_of(ANY_TEXT, SOUP))
@example("[@a; [@b]]")
@example("@{a}[@b]")
@example("```\n`` [@a]")
def test_scan_never_raises_and_its_spans_are_sound(text):
    found = scan(text)
    previous_end = 0
    for c in found.citations:
        assert previous_end <= c.start < c.end <= len(text)
        previous_end = c.end
        assert c.items
        for item in c.items:
            assert c.start <= item.offset < c.end and text[item.offset] == "@"
    assert len(mask_code(text)) == len(text)
    assert mask_code(text).count("\n") == text.count("\n")


# ---- 2. pages built from contexts, with known answers

SAFE = st.text(alphabet=st.sampled_from(list("abcxyz XYZ019éøЖ日😀𝒳.,:!?'\"%+=/&#~|*_()\x01\x07\x1f\x7f\u00a0")),
               max_size=20).map(lambda s: s.strip(" \u00a0").lstrip("#*-+0123456789|!=?~") or "text")

VISIBLE = [   # (template, needs a line of its own)  '{c}': the citation, '{t}': safe text
    "{t} {c} {t}",
    "# {t} {c}",
    "## {c} {t}",
    "| head | col |\n|---|---|\n| {t} {c} | {t} |",
    "{t}.[^{n}]\n\n[^{n}]: {t} {c}",
    "!!! note\n    {t} {c}",
    '??? tip "{t}"\n    {c} {t}',
    "*[IL-{n}]: {t} {c}",
    "- {t} {c}",
    "1. {c}",
    "> {t} {c}",
    "<div>\n{t} {c}\n</div>",
    '<div markdown="1">\n{c} {t}\n</div>',
    "**{t} {c}**",
    "`code` {c}",
    "{t} {c}\n{{: .cls }}",
]
HIDDEN = [
    "```\n{t} {c}\n```",
    "~~~python\n{c}\n~~~",
    "{t} `{c}` {t}",
    "``{t} {c}``",
    "    {c} {t}",
    "<script>var x = '{c}';</script>",
    '<SCRIPT type="module">\n{c}\n</SCRIPT>',
    "<style>\n.x {{ content: '{c}'; }}\n</style>",
    "<!-- {t} {c} -->",
    "<!--\n{c}\n-->",
    "$x {c}$ {t}",
    "$$\n{c}\n$$",
]
LINK_TEXT = ["[{t} {c}](https://example.org)", "![{t} {c}](figure.png)"]
OTHER = ['--8<-- "includes/abbreviations.md"', "{t}", "***", "| a |\n|---|\n| {t} |"]

CITATION = st.tuples(st.sampled_from(KNOWN), st.sampled_from(["[@{k}]", "[see @{k}, p. 3]", "@{k}",
                                                                  "[-@{k}]", "@{k} [p. 33]", "[@{k}][^9]",
                                                                  "[@{{{k}}}]"]))
BLOCK = st.tuples(st.sampled_from(["visible", "hidden", "link", "other"]), st.integers(0, 15), CITATION,
                  SAFE, SAFE)


def page(blocks) -> tuple[str, list[str], list[str]]:
    """The page, the keys it must show (in order), the keys that must be left in link text."""
    parts, shown, ignored = [], [], []
    for n, (kind, which, (key, form), t1, t2) in enumerate(blocks):
        templates = {"visible": VISIBLE, "hidden": HIDDEN, "link": LINK_TEXT, "other": OTHER}[kind]
        template = templates[which % len(templates)]
        cite = form.format(k=key) if "{{" not in form else "[@{" + key + "}]"
        t = iter([t1, t2, t1, t2])
        text = template.replace("{c}", "\0C\0").replace("{n}", str(n)).replace("{{", "{").replace("}}", "}")
        while "{t}" in text:
            text = text.replace("{t}", next(t), 1)
        parts.append(text.replace("\0C\0", cite))
        if kind == "visible":
            shown.append(key)
        elif kind == "link":
            ignored.append(key)
    # A plain paragraph between blocks ends any list or admonition, so that an indented block
    # after it is code (right after a list item it would be the item's next paragraph).
    return "\n\nBetween.\n\n".join(parts) + "\n", shown, ignored


@given(st.lists(BLOCK, min_size=1, max_size=12))
def test_every_citation_outside_code_is_found_and_none_inside(blocks):
    text, shown, ignored = page(blocks)
    found = scan(text)
    assert [k for c in found.citations for k in c.keys] == shown, text
    assert [i.key for i in found.ignored] == ignored, text
    previous_end = 0
    for c in found.citations:
        assert previous_end <= c.start, text
        previous_end = c.end


# ---- 3. against pandoc, on small generated inputs

sys.path.insert(0, str(Path(__file__).resolve().parent / "conformance"))
try:
    import oracle_syntax
    import pypandoc  # noqa: F401
except ImportError:   # pragma: no cover - the development requirements pin pypandoc-binary
    oracle_syntax = None

SMALL_PIECES = st.sampled_from(["[", "]", "@a", "@b", "-@c", "@{d.e}", ";", " ", "see", ", p. 3", "`", "$",
                                "\\@a", "\\[", "x", "é", ".", ":", "!", "-", "\n", "<b>", "</b>", "Ж2", ")",
                                "@Müller2000", "[@a]", "[see @b, p. 3; -@c]"])
# 'x ' before every line: no line may start a numbered example list ('@a)'), whose labels pandoc
# then reads instead of citations on every later page of the batch. Chains of bracket groups
# ('][') and emphasis or quotes that pair across a bracket are documented differences.
SMALL = st.lists(SMALL_PIECES, min_size=1, max_size=14).map(
    lambda parts: "x " + "".join(parts).replace("\n", "\nx ")).filter(lambda t: "][" not in t)

# Inputs on which the engine once disagreed with pandoc (kept as regression cases).
FOUND = ["x é@b-@c", "x [.@b@c", "x [@a](x", "x [@a]{x", "x [;:@b]", "x [;  :@b]@{d.e}",
         "x $$-@c:-@c@Müller2000$see", "x </b>$$[)[@a], p. 3see$.", "x !.$$@a;@a[$\\@a[x", "x ...@b",
         "x [@a][`", "x [@a]( x y )", "x [@a]{}", "x $$ [[[[@Müller2000[[$",
         # make fuzz, 2026-12-02: a key right after a ']' of the prefix (pandoc: no bracketed citation)
         "x [[[[[[[]@a]", "x [see [x]@a]", "x [ []@a]", "x [[x]-@c]",
         "x é:[\\[-Ж2\\[]@a]"]


def _comparable(citations) -> Counter:
    # pandoc drops the brackets of plain bracketed text inside a prefix (README, deliberate).
    return Counter((k, m, p.replace("[", "").replace("]", ""), s.replace("[", "").replace("]", ""))
                   for k, m, p, s in citations)


@pytest.mark.skipif(oracle_syntax is None, reason="pypandoc is not installed")
@given(st.lists(SMALL, min_size=20, max_size=40))
@example(FOUND)
def test_small_inputs_read_as_pandoc_reads_them(texts):
    theirs = oracle_syntax.run_pandoc(texts)
    ours = [oracle_syntax.engine(t) for t in texts]
    as_text = oracle_syntax.as_text([f for cs in ours for c in cs for f in c[2:]])
    for text, p, o in zip(texts, theirs, ours, strict=True):
        if _nested(text, p):
            continue   # a citation inside another's prefix or suffix: README, deliberate
        mine = [(k, m, as_text[pre], as_text[suf]) for k, m, pre, suf in o]
        if _prefix_ended_by_its_bracket(text, p, mine):
            continue   # `[see]@a]`: pandoc's quirk, not followed (README)
        assert _comparable(mine) == _comparable(p), f"{text!r}: pandoc {sorted(p)}, engine {sorted(mine)}"


def _prefix_ended_by_its_bracket(text: str, pandoc_citations, mine) -> bool:
    """pandoc cites a key right after a ']' (its prefix ended by the citation's own bracket),
    where the engine reads the key as narrative."""
    theirs = {k for k, m, _, _ in pandoc_citations if m != "AuthorInText"}
    ours = {k for k, m, _, _ in mine if m == "AuthorInText"}
    return bool(theirs & ours) and any(text.find(f"]{dash}@{k}") >= 0 for k in theirs & ours for dash in ("", "-"))


def _nested(text: str, pandoc_citations) -> bool:
    return any("@" in pre + suf for _, _, pre, suf in pandoc_citations)
