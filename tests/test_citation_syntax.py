import pytest
from citekit.syntax import is_valid_key, scan


def cites(text):
    return [(c.narrative, [(i.prefix, i.key, i.suffix, i.year_only) for i in c.items]) for c in scan(text).citations]


@pytest.mark.parametrize("text, expected", [
    ("[@steensberg2000]", [(False, [("", "steensberg2000", "", False)])]),
    ("[@a; @b]", [(False, [("", "a", "", False), ("", "b", "", False)])]),
    ("[see @key, p. 33]", [(False, [("see", "key", ", p. 33", False)])]),
    ("[@key, pp. 3-5; also @other]", [(False, [("", "key", ", pp. 3-5", False), ("also", "other", "", False)])]),
    ("[-@key]", [(False, [("", "key", "", True)])]),
    ("As @steensberg2000 showed.", [(True, [("", "steensberg2000", "", False)])]),
    ("[@Zotero:2001/x.y-z_1]", [(False, [("", "Zotero:2001/x.y-z_1", "", False)])]),
    ("Shown by @smith2000.", [(True, [("", "smith2000", "", False)])]),      # trailing '.' is not the key
    ("(@smith2000, table 2)", [(True, [("", "smith2000", "", False)])]),
    ("The review [@pedersen2001jphysiol]: more.", [(False, [("", "pedersen2001jphysiol", "", False)])]),
])
def test_citations_are_found(text, expected):
    assert cites(text) == expected


@pytest.mark.parametrize("text", [
    "`[@incode]` and ``[@x]``",
    "```\n[@fenced]\n@narrative\n```",
    "~~~python\n[@fenced]\n~~~",
    "write to user@example.org or <someone@example.org>",
    "see https://medium.com/@bob and <https://x.org/@y>",
    "a [link](https://x.org/@user) here",
    "[@linktext](https://example.org)",
    "<!-- [@commented] -->",
    "[text][ref] and [ref]: https://example.org",
    r"escaped \@key",
])
def test_text_that_is_not_a_citation(text):
    assert cites(text) == []


def test_a_bracket_with_a_key_at_line_start_is_a_citation_not_a_link_definition():
    # pandoc never reads a label holding a citation as a link definition (issue 12).
    assert cites("[@ref]: https://example.org") == [(False, [("", "ref", "", False)])]
    assert cites("[@a]: text") == [(False, [("", "a", "", False)])]
    assert cites("the review says\n[@pedersen2001jphysiol]:\n- first") == [
        (False, [("", "pedersen2001jphysiol", "", False)])]
    # A real definition's target is no citation.
    assert cites("[ref]: https://example.org/@user\n\nText [ref].") == []


def test_mkdocs_bibtex_markers():
    markers = scan("text [@a]\n\n\\bibliography\n\n\\full_bibliography\n").markers
    assert [m[2] for m in markers] == ["bibliography", "full_bibliography"]


@pytest.mark.parametrize("key, valid", [
    ("steensberg2000", True), ("a:b/c.d-e_f", True), ("_x", True), ("2001x", True),
    ("key.", False), ("-key", False), ("a b", False), ("", False),
])
def test_key_syntax(key, valid):
    assert is_valid_key(key) is valid


def test_offsets_point_at_the_citation():
    text = "line one\nsee [@b, p. 2] here"
    cit = scan(text).citations[0]
    assert text[cit.start:cit.end] == "[@b, p. 2]"


@pytest.mark.parametrize("text, keys", [
    ("``a`b`` [@k]", ["k"]),                 # a run of two backticks closes only at a run of two
    ("`` never closed [@k]", ["k"]),         # an unclosed run is no code span
    ("` one ``two`` one` [@k]", ["k"]),
    ("mail MAILTO:x@y.org and Mailto:z@w.org, then [@k]", ["k"]),
    ("[see [@inlink]](https://example.org) and [@k]", ["k"]),   # a citation inside link text is link text
    ("[outer [@a] text] [@k]", ["a", "k"]),
    ("x@notakey, user@host, \\@esc, `@code`, [@k]", ["k"]),
    ("x=@key", ["key"]),                     # pandoc: '=' is no part of a word
    ("para [@a\n\nnext] [@k]", ["a", "k"]),   # a blank line ends the bracket: @a stands alone
    # Code spans never cross a paragraph's end, as Markdown renders them: a lone backtick
    # earlier on the page does not hide a citation further down.
    ("Use ` alone.\n\nSee [@k] and `x`.", ["k"]),
    ("Use ` alone.\n   \nSee [@k] and `x`.", ["k"]),          # a blank line may hold spaces
    ("Use ` alone.\n\n```\ncode\n```\nSee [@k] and `x`.", ["k"]),   # so does a fenced block
    ("Code `spans a\nline break [@c]` and [@k]", ["k"]),       # within a paragraph they do
])
def test_scanner_edge_cases(text, keys):
    assert [k for c in scan(text).citations for k in c.keys] == keys


def test_an_unclosed_bracket_leaves_a_narrative_citation():
    assert cites("para [@a\n\nnext] [@k]") == [(True, [("", "a", "", False)]), (False, [("", "k", "", False)])]


def test_a_citation_in_an_abbreviation_definition_says_so():
    found = scan("The IL-6 rise.\n\n*[IL-6]: Interleukin-6 [@a]\n").citations
    assert [(c.keys, c.context) for c in found] == [(["a"], "abbreviation")]
    assert [c.context for c in scan("Text [@a]").citations] == [""]


def test_a_narrative_locator_may_carry_more_citations():
    # pandoc: one citation group, the first item author-in-text, the others normal.
    (cit,) = scan("@a [p. 3; see @b, ch. 2] says").citations
    assert cit.narrative and cit.modes() == ["AuthorInText", "NormalCitation"]
    assert [(i.key, i.prefix, i.suffix) for i in cit.items] == [("a", "", "p. 3"), ("b", "see", ", ch. 2")]


def test_a_narrative_key_then_a_citation_are_two_citations():
    text = "@a [@b] says"
    assert [(text[c.start:c.end], c.narrative) for c in scan(text).citations] == [("@a", True), ("[@b]", False)]
