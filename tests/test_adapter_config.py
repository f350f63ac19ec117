"""The settings the hooks read from mkdocs.yml: any shape gives usable settings and located messages."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import siteconfig
from citekit import find_sources
from hypothesis import example, given
from hypothesis import strategies as st

EMPTY = Path(tempfile.mkdtemp(prefix="adp-config-"))   # where the settings' patterns are tried
LOCATED = re.compile(r"^mkdocs\.yml:\d+: extra\S* \S[^\x00-\x1f\x7f]*$")


def _messages(extra: object) -> list[str]:
    lines = lambda *path: len(path)   # noqa: E731  (a stand-in: the depth of the setting)
    citations, found = siteconfig.check_citations(extra, lines)
    effects, more = siteconfig.check_effects(extra, lines)
    assert isinstance(citations.bibliography, list) and all(isinstance(p, str) for p in citations.bibliography)
    assert find_sources(EMPTY, citations.bibliography) == []   # the patterns handed on can be globbed
    assert isinstance(effects.review, str) and isinstance(effects.schemas, dict)
    assert all(isinstance(t, str) for t in effects.targets + effects.directions)
    return [str(d) for d in found + more]


@pytest.mark.parametrize(("extra", "expected"), [
    ({"citations": "bib/refs.bib"},
     "mkdocs.yml:2: extra.citations is the text 'bib/refs.bib', not a mapping. Write it as 'citations:' with its "
     "settings indented below it, such as 'bibliography: [\"bib/**/*.bib\"]'"),
    ({"citations": {"bibliography": None}},
     "mkdocs.yml:3: extra.citations.bibliography is empty. Give one or more glob patterns relative to mkdocs.yml: "
     "bibliography: [\"bib/**/*.bib\"]"),
    ({"citations": {"bibliography": ["/home/me/*.bib"]}},
     "mkdocs.yml:3: extra.citations.bibliography '/home/me/*.bib' is an absolute path. Give a pattern relative to "
     "the folder of mkdocs.yml, such as bib/**/*.bib"),
    ({"citations": {"bibliography": [1, 2]}},
     "mkdocs.yml:3: extra.citations.bibliography is a list, not a list of texts. Write it as "
     "bibliography: [\"bib/**/*.bib\"]"),
    ({"citations": {"bibliography": "bib**/*.bib"}},
     "mkdocs.yml:3: extra.citations.bibliography 'bib**/*.bib' has '**' inside a name. Write '**' alone between "
     "slashes (any folders), as in bib/**/*.bib"),
    ({"effects": {"targts": ["liver"]}},
     "mkdocs.yml:3: extra.effects has a setting 'targts', which the site's hooks do not read. "
     "Did you mean 'targets'?"),
    ({"effects": {"schemas": ["effects/"]}},
     "mkdocs.yml:3: extra.effects.schemas is a list, not a mapping of folder to effect or production. "
     "Write it as schemas: {effects/: effect, production/: production}"),
    ({"effects": {"targets": 3}},
     "mkdocs.yml:3: extra.effects.targets is the number 3, not a list of texts. Write it as "
     "targets: [liver, adipose tissue]"),
    ({"effects": {"review": True}},
     "mkdocs.yml:3: extra.effects.review is 'true' (yes/no), not a file name relative to mkdocs.yml. "
     "Write it as review: seeds/review.yaml"),
])
def test_each_wrong_shape_is_one_located_message_with_a_fix(extra, expected):
    assert _messages(extra) == [expected]


def test_a_right_config_gives_its_values_and_no_message():
    extra = {"citations": {"bibliography": "bib/*.bib"},
             "effects": {"review": "r.yaml", "targets": ["liver"], "directions": ["increases"],
                         "schemas": {"effects/": "effect"}}}
    assert _messages(extra) == []
    assert siteconfig.check_citations(extra)[0].bibliography == ["bib/*.bib"]
    assert siteconfig.check_effects(extra)[0].targets == ["liver"]


def test_lines_are_found_in_the_written_file(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: !ENV [SITE_URL, 'http://x/']\nextra:\n  citations:\n"
                      "    bibliography:\n", encoding="utf-8")
    line = siteconfig.yaml_lines(str(config))
    assert (line("extra"), line("extra", "citations", "bibliography"), line("extra", "effects", "review")) == (3, 5, 3)
    assert siteconfig.yaml_lines(str(tmp_path / "missing.yml"))("extra") == 1


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
SECTION = st.dictionaries(st.sampled_from(["bibliography", "review", "schemas", "targets", "directions",
                                           "bibliografy", "x"]), YAML_VALUES, max_size=5)


@pytest.mark.fuzz
@given(st.one_of(YAML_VALUES, st.dictionaries(st.sampled_from(["citations", "effects", "review", "other"]),
                                              st.one_of(SECTION, YAML_VALUES), max_size=4)))
@example({"citations": {"bibliography": [None]}})
@example({"effects": {"schemas": {1: "effect"}}})
@example({"citations": {"bibliography": "~/bib/*.bib"}})
@example({"citations": {"\r": None}})
@example({"citations": {"bibliography": ["**x"]}})
@example({"citations": {" ": None}})   # found by Hypothesis: a blank key shown as "extra.citations. "   # found by Hypothesis: a control character echoed raw
def test_any_extra_shape_gives_settings_or_located_messages(extra):
    for message in _messages(extra):
        assert LOCATED.match(message), message
