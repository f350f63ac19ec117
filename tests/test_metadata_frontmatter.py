"""Front matter that could exhaust, crash or mislead the build: bounded, located, never a traceback.

Aliases ("billion laughs"), deep nesting and recursive aliases are refused while PyYAML composes
the node graph, before anything walks or stringifies the values; duplicate keys are refused
with both lines named; every field any page may carry is type-checked with a located hint.
"""

from __future__ import annotations

import time

import pytest
from citekit.diagnostics import Report
from pagemeta import frontmatter, yamlbounds

RULES = frontmatter.Rules(targets=["liver"], directions=["increases"], claims={"A5"},
                          sections=["Muscle derived IL-6 may act as a hormone"], keys={"stouthard1995"})


def read(front: str, kind: str | None = None) -> tuple[frontmatter.FrontMatter | None, list[str]]:
    report = Report()
    fm = frontmatter.read("docs/p.md", f"---\n{front}---\n\n# Page\n", report)
    if fm is not None and kind:
        frontmatter.validate("docs/p.md", kind, fm, RULES, report)
    return fm, [str(d) for d in report.items]


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "title: *i\n"


def test_alias_bomb_is_refused_fast_and_located():
    start = time.perf_counter()
    fm, found = read(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert fm is None
    assert found == ["docs/p.md:6: front matter rejected: aliases (*name) expand the front matter to more than "
                     "10000 values. Write the values out instead of nesting aliases"]


def test_too_many_aliases_are_refused():
    front = "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(101))
    fm, found = read(front)
    assert fm is None
    assert found == ["docs/p.md:103: front matter rejected: more than 100 aliases (*name). Write the values out "
                     "instead of repeating them with &anchor / *alias"]


@pytest.mark.parametrize("depth", [33, 2000])
def test_deep_nesting_is_refused_without_recursion_error(depth):
    fm, found = read("title: " + "[" * depth + "]" * depth + "\n")
    assert fm is None
    assert found == ["docs/p.md:2: front matter rejected: lists or mappings nested more than 32 levels deep. "
                     "Front matter needs at most three levels; check for unclosed '[' or '{'"]


def test_nesting_within_the_bound_is_read():
    fm, found = read("tags: " + "[" * 31 + "]" * 31 + "\n")
    assert fm is not None and found == ["docs/p.md:2: each item of 'tags' must be a text, not a list. "
                                        "Write: tags: [liver, glucose]"]


def test_recursive_alias_is_refused():
    fm, found = read("title: &t [a, *t]\n")
    assert fm is None
    assert found == ["docs/p.md:2: front matter rejected: an alias (*name) refers to a list or mapping that "
                     "contains it. Remove the alias: front matter values cannot contain themselves"]


def test_overlong_front_matter_is_refused():
    fm, found = read("description: " + "x" * 200_001 + "\n")
    assert fm is None and found[0].startswith("docs/p.md:1: front matter rejected: front matter is longer than")


def test_duplicate_keys_name_both_lines():
    fm, found = read("title: One\ndescription: d\ntitle: Two\n")
    assert fm is None
    assert found == ["docs/p.md:4: front matter key 'title' is given twice (lines 2 and 4); YAML would silently "
                     "keep only the second. Keep one of the two and merge what each says"]


def test_duplicate_evidence_lists_and_nested_keys_are_refused():
    front = ("title: T\nevidence:\n  - {key: a, relation: supports}\nevidence:\n  - {key: b, relation: supports,"
             " key: c}\n")
    fm, found = read(front)
    assert fm is None
    assert [f.split(";")[0] for f in found] == [
        "docs/p.md:5: front matter key 'evidence' is given twice (lines 3 and 5)",
        "docs/p.md:6: front matter key 'key' is given twice (lines 6 and 6)"]


def test_merge_keys_are_not_duplicates_and_their_fields_are_validated():
    """A field that comes from a merge key (<<) is located where its value is written."""
    front = ("base: &base {target: lung}\n<<: *base\ntitle: T\nreview_section: Muscle derived IL-6 may act as a "
             "hormone\neffect: E\ndirection: increases\nclaims: [A5]\nevidence: []\n")
    fm, found = read(front, "effect")
    assert fm is not None
    assert "docs/p.md:2: unknown target tissue 'lung'. Use one of: liver (extra.effects.targets in mkdocs.yml)" \
        in found
    assert not any("given twice" in f for f in found)


@pytest.mark.parametrize("front, expected", [
    ("title: [a, b]\n", "docs/p.md:2: front matter field 'title' must be a text, not a list. Write: title: ..."),
    ("title: ''\n", "docs/p.md:2: front matter field 'title' must be a text, not an empty text. Write: title: ..."),
    ("tags: glucose\n", "docs/p.md:2: front matter field 'tags' must be a list such as [liver, glucose], not the "
                        "text 'glucose'. Write: tags: [liver, glucose]"),
    ("hide:\n  - toc\n  - 3\n", "docs/p.md:4: each item of 'hide' must be a text, not a number. Write: hide: [toc]"),
    ("search: {exclude: maybe}\n", "docs/p.md:2: 'search: exclude' must be true or false, not the text 'maybe'. "
                                   "Write: search: {exclude: true}"),
    ("search: {boost: high}\n", "docs/p.md:2: 'search: boost' must be a number, not the text 'high'. "
                                "Write: search: {exclude: true}"),
    ("search: {hidden: true}\n", "docs/p.md:2: unknown setting 'hidden' in 'search'. 'search' takes: exclude, boost"),
    ("search: true\n", "docs/p.md:2: front matter field 'search' must be a mapping such as {exclude: true}, not "
                       "true/false. Write: search: {exclude: true}"),
    ("description: 2001-10-15\n", "docs/p.md:2: front matter field 'description' must be a text, not date. "
                                  "Write: description: ..."),
])
def test_fields_of_every_page_are_type_checked(front, expected):
    fm, found = read(front)
    assert found == [expected]


def test_valid_common_fields_pass():
    fm, found = read("title: T\ndescription: D\nhide: [toc, navigation]\ntags: [a]\nsearch: {boost: 2}\n"
                     "icon: material/book-open-variant\nstatus: new\ntemplate: t.html\nsubtitle: S\n")
    assert fm is not None and found == []


def test_control_characters_are_escaped_in_messages():
    fm, found = read('"\\e[2J\\u2028": x\ntitle: T\n', "effect")
    unknown = [f for f in found if "unknown front matter field" in f]
    assert unknown[0].startswith("docs/p.md:2: unknown front matter field '\\x1b[2J\\u2028'")
    assert all("\x1b" not in f and "\u2028" not in f for f in found)


def test_a_character_yaml_forbids_is_located_on_its_line():
    fm, found = read("title: T\ndescription: bell \x07 here\n")
    assert fm is None
    assert found == ["docs/p.md:3: invalid YAML front matter: character #x0007 is not allowed. Check indentation "
                     "and quoting; quote values that contain ': ' or start with [ { * & ! | > @"]


def test_a_page_that_is_not_utf8_is_one_located_error():
    report = Report()
    assert frontmatter.check_utf8("docs/p.md", "---\ntitle: Café\n---\n".encode("latin-1"), report) is False
    assert [str(d) for d in report.items] == [
        "docs/p.md:2: the page is not UTF-8 (byte 0xe9 is not valid here). Save the file as UTF-8 (in most "
        "editors: Save with encoding, UTF-8)"]
    assert frontmatter.check_utf8("docs/p.md", "\ufefftitle: Café\n".encode(), Report()) is True


def test_shown_escapes_and_cuts():
    assert yamlbounds.shown("a\x1bb\u200bc\U000e0001") == "a\\x1bb\\u200bc\\U000e0001"
    assert yamlbounds.shown("x" * 100, 10) == "x" * 10 + "…"
    assert yamlbounds.shown(("a", 1)) == "('a', 1)"
