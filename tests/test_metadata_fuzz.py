"""Property-based tests of front matter: any YAML shape gives success or located messages, never an exception.

Random front matter is generated three ways: random values dumped as YAML (every shape and
type the schemas could meet, unicode included), raw text from YAML's punctuation, and alias
constructions. `pagemeta.frontmatter.read` and `validate` (both schemas) must return; every
problem they report names the page and a line, and echoes no control character.
"""

from __future__ import annotations

import datetime

import pytest
import yaml
from citekit.diagnostics import Report
from hypothesis import example, given
from hypothesis import strategies as st
from pagemeta import frontmatter

pytestmark = pytest.mark.fuzz

PATH = "docs/effects/x.md"
RULES = frontmatter.Rules(targets=["liver", "adipose tissue"], directions=["increases"], claims={"A5", "A6"},
                          sections=["Muscle derived IL-6 may act as a hormone"], keys={"stouthard1995", "x"},
                          review={"claims": [{"id": "A6", "note": "pairing"}], "review_articles": ["x"]})
FIELDS = sorted({*frontmatter.COMMON, *frontmatter.SCHEMAS["effect"], *frontmatter.SCHEMAS["production"],
                 "key", "relation", "exclude", "boost", "<<"})

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts,
                    st.dates(min_value=datetime.date(1, 1, 1)), st.sampled_from(["A5", "A6", "liver", "supports",
                                                                                 "review", "asks", "x", ""]))
keys = st.one_of(st.sampled_from(FIELDS), texts, st.integers(), st.booleans())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=20)
front_matters = st.dictionaries(keys, values, max_size=8)
yaml_punctuation = st.text(st.sampled_from(list("-?:,[]{}#&*!|>'\"%@` \n\t\\abcAT5é\u2028\x85\x1b")), max_size=80)


def check(text: str) -> list[str]:
    """Read and validate one front matter; assert every reported problem is located and printable."""
    report = Report()
    fm = frontmatter.read(PATH, f"---\n{text}\n---\n\nBody [@x].\n", report)
    if fm is not None:
        for kind in frontmatter.SCHEMAS:
            frontmatter.validate(PATH, kind, fm, RULES, report)
    for diag in report.items:
        assert diag.path == PATH and diag.line >= 1, diag
        shown = str(diag)
        assert all(c.isprintable() or c == " " for c in shown), repr(shown)
    return [str(d) for d in report.items]


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@given(front_matters)
@example({"title": {"a": 1}, "search": {"exclude": "no", "x": []}, "hide": "toc"})
@example({"evidence": [{"key": ["x"], "relation": {"a": 1}}, {"key": "x", "relation": "supports"}, "x"]})
@example({"claims": [None, 5, "A7"], "review_stance": 1, "caveat": [], 1: True})
def test_random_front_matter_is_read_or_reported(data):
    check(dump(data))


@given(yaml_punctuation)
@example("&a [*a]")
@example("? [a]\n: b")
@example("<<: [*x]")
@example('"\\e": 1')
@example("title: !!python/object:os.system x")
@example("title: &a !!binary aGk=\nb: *a")
def test_random_yaml_text_is_read_or_reported(text):
    check(text)


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["title", "evidence", "tags"]))
def test_alias_fans_are_bounded(width, depth, field):
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, depth)]
    lines.append(f"{field}: *a{depth - 1}")
    found = check("\n".join(lines))
    if width ** (depth - 1) > 10_000:   # leaves once every alias is followed
        assert any("front matter rejected" in f for f in found), found
