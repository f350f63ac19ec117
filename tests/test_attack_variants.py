"""Variants of issue 16's five findings, found by attacking their fixes: one test per input, each
asserting the exact message (or that the page builds), on MkDocs and, where the finding was
about every host, on Zensical too. The fixes: hooks/pagemeta/rawhtml.py (scripts, handlers and
script addresses; citations in HTML attributes; invisible characters in a citation),
hooks/pagemeta/snippets.py (includes), hooks/citekit/site.py (citations in abbreviations).
tests/browser/test_raw_html_oracle.py checks the raw-HTML check against Chromium's parser.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from citekit.diagnostics import Report  # noqa: E402
from pagemeta import rawhtml  # noqa: E402
from test_attack_regressions import build_site, page  # noqa: E402

SCRIPT_HINT = ("Put scripts in docs/javascripts/ and list them under extra_javascript in mkdocs.yml (a maintainer "
               "reviews them as code); to show HTML, put it in a fenced code block (```html)")
SNIPPETS = ("  - footnotes\n", "  - footnotes\n  - pymdownx.snippets:\n      base_path: [docs/_snippets]\n"
            "      check_paths: true\n")
ZENSICAL = ("  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - hooks.citekit_zensical\n")


def checked(text: str, keys=("steensberg2000",)) -> list[str]:
    report = Report()
    rawhtml.check_page("docs/atk.md", text, 4, set(keys), report)
    return [str(d) for d in report.items]


# ---- scripts, handlers, addresses (unit: exact messages) -------------------------------------

@pytest.mark.parametrize(("written", "message"), [
    ('<iframe src="https://evil.example/"></iframe>',
     "docs/atk.md:5:1: raw <iframe> element: it would run code or load another document in the reader's browser"),
    ('<object data="x.swf"></object>',
     "docs/atk.md:5:1: raw <object> element: it would run code or load another document in the reader's browser"),
    ('<p>x</p><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
     "docs/atk.md:5:9: raw <iframe> element: it would run code or load another document in the reader's browser"),
    ('<a href="&#106;avascript:alert(1)">x</a>',
     "docs/atk.md:5:1: attribute 'href' of <a> holds a 'javascript:' address ('javascript:alert(1)'): it would "
     "run in the reader's browser"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>',
     "docs/atk.md:5:1: attribute 'href' of <a> holds a 'javascript:' address ('JaVaScRiPt:alert(1)'): it would "
     "run in the reader's browser"),
    ('<a href="vbscript:msgbox(1)">x</a>',
     "docs/atk.md:5:1: attribute 'href' of <a> holds a 'vbscript:' address ('vbscript:msgbox(1)'): it would "
     "run in the reader's browser"),
    ('<a href="data:text/html,x">x</a>',
     "docs/atk.md:5:1: attribute 'href' of <a> holds a 'data:' address ('data:text/html,x'): it would run in the "
     "reader's browser"),
    ('Intro.\n\n<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
     "docs/atk.md:7:6: attribute 'to' of <animate> holds a 'javascript:' address ('javascript:alert(1)'): it would "
     "run in the reader's browser"),
    ("<details open ontoggle=alert(1)>x</details>",
     "docs/atk.md:5:1: attribute 'ontoggle' of <details> runs a script in the reader's browser"),
    ("[x](java&#x09;script:alert(1))",
     "docs/atk.md:5:5: link to a 'javascript:' address ('java&#x09;script:alert(1)'): it would run in the "
     "reader's browser"),
    ("[x][r]\n\n[r]: JAVASCRIPT:alert(1)",
     "docs/atk.md:7:6: link to a 'javascript:' address ('JAVASCRIPT:alert(1)'): it would run in the reader's browser"),
    ('Text\n{: onclick="alert(1)" }', "docs/atk.md:6:4: attribute list sets 'onclick', which runs a script in the "
     "reader's browser"),
    ('[x](https://ok.example){: href="javascript:alert(1)" }',
     "docs/atk.md:5:27: attribute 'href' of an attribute list links to a 'javascript:' address "
     "('javascript:alert(1)'): it would run in the reader's browser"),
    # Found by the Chromium oracle: '<!--' in inline code hid the script after it; '<scr<script>'
    # was read as one tag, Python-Markdown makes its first '<' text; '<!-->' is a whole comment.
    ("`<!--` <script>alert(1)</script> `-->`",
     "docs/atk.md:5:8: raw <script> element: it would run code or load another document in the reader's browser"),
    ("<scr<script>ipt>alert(1)</script>",
     "docs/atk.md:5:5: raw <script> element: it would run code or load another document in the reader's browser"),
    ("<!--> <script>alert(1)</script> -->",
     "docs/atk.md:5:7: raw <script> element: it would run code or load another document in the reader's browser"),
])
def test_what_would_run_is_a_located_error(written: str, message: str):
    found = checked(written)
    assert found[0].split(". ", 1)[0] == message.split(". ", 1)[0], found
    assert len(found) == len(set(found)), found   # each problem once (an iframe's srcdoc is a second)


def test_every_script_message_says_what_to_do_instead():
    assert checked("<script>alert(1)</script>") == [
        "docs/atk.md:5:1: raw <script> element: it would run code or load another document in the reader's "
        f"browser. Remove it. {SCRIPT_HINT}"]
    assert checked("[x](javascript:alert(1))") == [
        "docs/atk.md:5:5: link to a 'javascript:' address ('javascript:alert(1)'): it would run in the reader's "
        "browser. Link to an https:// address or to a page of the site"]


@pytest.mark.parametrize("written", [
    "`<script>alert(1)</script>`", "```html\n<script>alert(1)</script>\n```", "    <script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->", '<script type="application/ld+json">{"a": 1}</script>',
    '<img src="data:image/png;base64,iVBOR" alt="a">', '<div class="glossary" markdown>\n\nx\n\n</div>',
    "[x](https://example.org/) and [y](other.md#part)", "E-mail: <someone@example.org>"])
def test_code_comments_data_blocks_and_plain_html_are_left_alone(written: str):
    assert checked(written) == []


# ---- citations in attributes, invisible characters ------------------------------------------

@pytest.mark.parametrize(("written", "where"), [
    ('<abbr title="[@steensberg2000]">X</abbr>', "'title' of <abbr>"),
    ("<span data-note='see [@steensberg2000]'>x</span>", "'data-note' of <span>"),
    ('<img src="x.svg" alt="Fig. [see @steensberg2000, p. 3]">', "'alt' of <img>")])
def test_a_citation_in_any_attribute_is_located(written: str, where: str):
    assert checked(written)[0].startswith("docs/atk.md:5:1: citation '[") and where in checked(written)[0]


@pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u2066", "\u2069", "\u202a", "\ufeff", "\u2060", "\u00ad"])
def test_an_invisible_character_in_a_citation_is_located_and_echoed_escaped(char: str):
    [message] = checked(f"Text [@steens{char}berg2000].")
    name = unicodedata.name(char)
    assert message == (f"docs/atk.md:5:14: citation '[@steens\\u{ord(char):04x}berg2000]' holds the invisible "
                       f"character U+{ord(char):04X} ({name}), which changes how the text around it is shown, not "
                       "what it says. Delete the character (retype the citation if your editor does not show it)")
    assert char not in message


def test_the_invisible_characters_are_unicodes_format_and_separator_characters():
    expected = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")}
    found = {chr(c) for c in range(sys.maxunicode + 1) if rawhtml._INVISIBLE.match(chr(c))}   # noqa: SLF001
    # Unicode 15 made U+13439..U+1343F format characters too; Python here knows Unicode 14.
    assert expected <= found and found - expected <= {chr(c) for c in range(0x13439, 0x13440)}


# ---- whole builds ----------------------------------------------------------------------------

def test_nested_abbreviation_with_a_citation_is_one_located_error(tmp_path):
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page("X and Y.\n\n*[X]: *[Y]: see [@steensberg2000]")})
    assert proc.returncode == 1
    assert problems[0] == (
        "docs/atk.md:7:17: citation '[@steensberg2000]' in an abbreviation definition is not rendered: the "
        "definition becomes a tooltip (the title of <abbr>), which holds text only. Write the definition "
        "without the citation, and cite in the page text")


@pytest.mark.parametrize(("include", "message"), [
    ('--8<-- "nope.md"', "docs/atk.md:7: snippet 'nope.md' does not exist in the snippet folders (docs/_snippets). "
     "Check the file name: it is relative to a folder listed under base_path of pymdownx.snippets, not to the page"),
    ('--8<-- "../review.yaml"', "docs/atk.md:7: snippet '../review.yaml' lies outside the snippet folders "
     "(docs/_snippets); pymdownx.snippets does not include it. Put the file inside a folder listed under "
     "base_path of pymdownx.snippets, and name it relative to that folder"),
    ('--8<--\nok.md\nnope.md\n--8<--', "docs/atk.md:9: snippet 'nope.md' does not exist in the snippet folders "
     "(docs/_snippets). Check the file name: it is relative to a folder listed under base_path of "
     "pymdownx.snippets, not to the page"),
    ('--8<-- "ok.md:missing"', "docs/atk.md:7: snippet 'ok.md:missing' names the section 'missing', which "
     "'ok.md' does not have. Mark the section in the file with '--8<-- [start:name]' and '--8<-- [end:name]', "
     "or fix the name"),
    ('--8<-- "inner.md"', "docs/_snippets/inner.md:2: snippet 'gone.md' does not exist in the snippet folders "
     "(docs/_snippets). Check the file name: it is relative to a folder listed under base_path of "
     "pymdownx.snippets, not to the page"),
    ('--8<-- "evil.md"', "docs/_snippets/evil.md:1:1: raw <script> element: it would run code or load another "
     f"document in the reader's browser. Remove it. {SCRIPT_HINT}"),
])
def test_an_include_that_cannot_be_included_is_one_located_error(tmp_path, include: str, message: str):
    snippets = {"snips/ok.md": "Included text.\n", "snips/inner.md": "Inner.\n--8<-- \"gone.md\"\n",
                "snips/evil.md": "<script>alert(1)</script>\n"}
    # base_path is read from the folder scripts/build.py runs MkDocs in (the project): absolute here,
    # outside docs/ (MkDocs would publish the snippets as pages).
    config = (SNIPPETS[0], SNIPPETS[1].replace("docs/_snippets", str(tmp_path / "src" / "snips")))
    proc, problems, _ = build_site(tmp_path, {**snippets, "docs/atk.md": page(f"Text.\n\n{include}")}, config=config)
    shown = [p.replace(str(tmp_path / "src") + "/", "") for p in problems]
    message = message.replace("(docs/_snippets)", "(snips)").replace("docs/_snippets/", "snips/")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert shown[0] == message, shown


@pytest.mark.parametrize(("body", "message"), [
    ("<b onmouseover=alert(2)>x</b>", "docs/atk.md:5:1: attribute 'onmouseover' of <b> runs a script in the "
     f"reader's browser. Remove the attribute. {SCRIPT_HINT}"),
    ('Text.\n\n--8<-- "nope.md"', "docs/atk.md:7: snippet 'nope.md' does not exist in the snippet folders "
     "(snips). Check the file name: it is relative to a folder listed under base_path of "
     "pymdownx.snippets, not to the page"),
    ("IL-6 is here.\n\n*[IL-6]: interleukin 6 [@steensberg2000]", "docs/atk.md:7:24: citation "
     "'[@steensberg2000]' in an abbreviation definition is not rendered: the definition becomes a tooltip (the "
     "title of <abbr>), which holds text only. Write the definition without the citation, and cite in the page text"),
    ("Text [@steensberg2000\u202e].", "docs/atk.md:5:22: citation '[@steensberg2000\\u202e]' holds the invisible "
     "character U+202E (RIGHT-TO-LEFT OVERRIDE), which changes how the text around it is shown, not what it says. "
     "Delete the character (retype the citation if your editor does not show it)"),
    ('<span title="See [@steensberg2000]">hover</span>', "docs/atk.md:5:1: citation '[@steensberg2000]' in the "
     "attribute 'title' of <span> is not rendered: an HTML attribute holds text only. Move the citation out of "
     "the tag, into the page's text"),
])
def test_zensical_refuses_the_same_with_the_same_message(tmp_path, body: str, message: str):
    # Zensical runs in the site's folder: base_path relative to it.
    config = (ZENSICAL[0], ZENSICAL[1] + SNIPPETS[1].split("\n", 1)[1].replace("docs/_snippets", "snips"))
    proc, problems, _ = build_site(tmp_path, {"docs/atk.md": page(body), "snips/ok.md": "x\n"},
                                   config=config, host="zensical")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert message in problems, problems
