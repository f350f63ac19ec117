"""YAML front matter read with line numbers, and checked against the page schemas."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml
from citekit.diagnostics import Report

_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)

# Fields Material and MkDocs understand on any page.
COMMON = {"title": str, "description": str, "hide": list, "icon": str, "status": str, "search": dict,
          "template": str, "tags": list, "subtitle": str}
RELATIONS = ("supports", "contradicts", "context")
SCHEMAS: dict[str, dict[str, type]] = {
    "effect": {"review_section": str, "target": str, "effect": str, "direction": str,
               "claims": list, "evidence": list},
    "production": {"review_section": str, "claims": list, "evidence": list},
}
REQUIRED = {
    "effect": ("title", "review_section", "target", "effect", "direction", "claims", "evidence"),
    "production": ("title", "review_section", "claims", "evidence"),
}
_TYPE_NAMES = {str: "a text", list: "a list", dict: "a mapping"}
_EXAMPLES = {"claims": "[A5, A6]", "evidence": "a list of {key: ..., relation: supports}",
             "hide": "[toc]", "tags": "[liver, glucose]"}


@dataclass
class Rules:
    """What the schemas accept; values come from mkdocs.yml and seeds/review.yaml."""

    targets: list[str]
    directions: list[str]
    claims: set[str]
    sections: list[str]
    keys: set[str]
    review_file: str = "seeds/review.yaml"   # named in hints


@dataclass
class FrontMatter:
    data: dict
    lines: dict[str, int] = field(default_factory=dict)        # field -> line
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list field -> line per item
    body: str = ""                                              # the Markdown, as MkDocs gets it
    body_offset: int = 0                                        # lines above the body


def split(source: str) -> tuple[str, int]:
    """(Markdown body, number of lines above it), split as MkDocs splits a page."""
    m = _FRONT.match(source)
    if not m:
        return source, 0
    body = source[m.end():].lstrip("\n")
    return body, source.count("\n", 0, len(source) - len(body))


def read(path: str, source: str, report: Report) -> FrontMatter | None:
    """Front matter with line numbers; None (and a reported error) when it is not valid YAML."""
    m = _FRONT.match(source)
    if not m:
        if source.startswith("---\n") or source.startswith("---\r\n"):
            report.add(path, 1, "front matter is not closed", hint="End it with a line '---'")
            return None
        return FrontMatter({}, body=source)
    text = m.group(1) or ""
    body, offset = split(source)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = (mark.line + 2) if mark else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        report.add(path, line, f"invalid YAML front matter: {problem}",
                   hint="Check indentation and quoting; quote values that contain ': ' or start with [ { * & ! | > @")
        return None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        report.add(path, 2, "front matter must be 'field: value' lines", hint="For example: title: My page")
        return None
    fm = FrontMatter(data, body=body, body_offset=offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            fm.lines[str(key_node.value)] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                fm.item_lines[str(key_node.value)] = [n.start_mark.line + 2 for n in value_node.value]
    return fm


def validate(path: str, kind: str, fm: FrontMatter, rules: Rules, report: Report) -> None:
    """Report every way the front matter misses its schema."""
    allowed = {**COMMON, **SCHEMAS[kind]}
    for name, value in fm.data.items():
        line = fm.lines.get(name, 1)
        if name not in allowed:
            elsewhere = [k for k, fields in SCHEMAS.items() if name in fields]
            if elsewhere:
                report.add(path, line, f"front matter field '{name}' belongs on {elsewhere[0]} pages, "
                           f"not on {kind} pages", hint=f"Remove it, or move the page to the {elsewhere[0]} section")
                continue
            close = difflib.get_close_matches(str(name), allowed, n=1)
            report.add(path, line, f"unknown front matter field '{name}'" +
                       (f" (did you mean '{close[0]}'?)" if close else ""),
                       hint=f"Fields of {_a(kind)} page: {', '.join(sorted(allowed))}")
            continue
        expected = allowed[name]
        if not isinstance(value, expected) or (expected is str and not str(value).strip()):
            report.add(path, line, f"front matter field '{name}' must be {_TYPE_NAMES[expected]}"
                       f"{' such as ' + _EXAMPLES[name] if name in _EXAMPLES else ''}, "
                       f"not {_describe(value)}", hint=f"Write: {name}: {_EXAMPLES.get(name, '...')}")
    for name in REQUIRED[kind]:
        if name not in fm.data:
            report.add(path, 1, f"missing front matter field '{name}'",
                       hint=f"Every {kind} page has: {', '.join(REQUIRED[kind])}")
    d = fm.data
    if isinstance(d.get("target"), str) and d["target"] not in rules.targets:
        report.add(path, fm.lines["target"], f"unknown target tissue '{d['target']}'",
                   hint=f"Use one of: {', '.join(rules.targets)} (extra.effects.targets in mkdocs.yml)")
    if isinstance(d.get("direction"), str) and d["direction"] not in rules.directions:
        report.add(path, fm.lines["direction"], f"unknown direction '{d['direction']}'",
                   hint=f"Use one of: {', '.join(rules.directions)}")
    if isinstance(d.get("review_section"), str) and d["review_section"] not in rules.sections:
        close = difflib.get_close_matches(d["review_section"], rules.sections, n=1)
        report.add(path, fm.lines["review_section"], f"'{d['review_section']}' is not a heading of the review" +
                   (f" (did you mean '{close[0]}'?)" if close else ""),
                   hint=f"Copy the heading exactly from {rules.review_file} (sections)")
    if isinstance(d.get("claims"), list):
        for i, claim in enumerate(d["claims"]):
            if not isinstance(claim, str):
                report.add(path, _item_line(fm, "claims", i), f"each claim must be a claim ID such as A5, not "
                           f"{_describe(claim)}", hint="Write: claims: [A5, A6]")
            elif claim not in rules.claims:
                report.add(path, _item_line(fm, "claims", i), f"unknown claim ID '{claim}'",
                           hint=f"Claim IDs are listed in {rules.review_file}: {_claim_summary(rules.claims)}")
    if isinstance(d.get("evidence"), list):
        _validate_evidence(path, fm, rules, report)


def _validate_evidence(path: str, fm: FrontMatter, rules: Rules, report: Report) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(fm.data["evidence"]):
        line = _item_line(fm, "evidence", i)
        if not isinstance(item, dict) or set(item) - {"key", "relation"} or not {"key", "relation"} <= set(item):
            report.add(path, line, "each evidence item must be {key: ..., relation: ...}",
                       hint="For example: - {key: stouthard1995, relation: supports}")
            continue
        key, relation = str(item["key"]), str(item["relation"])
        if key not in rules.keys:
            close = difflib.get_close_matches(key, rules.keys, n=1, cutoff=0.8)
            report.add(path, line, f"unknown reference key '{key}' in evidence" +
                       (f" (did you mean '{close[0]}'?)" if close else ""),
                       hint="" if close else "Add the entry to a .bib file in bib/ or fix the key")
        if relation not in RELATIONS:
            report.add(path, line, f"unknown relation '{relation}' for '{key}'",
                       hint=f"Use one of: {', '.join(RELATIONS)}")
        if key in seen:
            report.add(path, line, f"evidence key '{key}' is listed twice (first on line {seen[key]})",
                       hint="Keep one item per study")
        seen.setdefault(key, line)


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _item_line(fm: FrontMatter, name: str, i: int) -> int:
    lines = fm.item_lines.get(name, [])
    return lines[i] if i < len(lines) else fm.lines.get(name, 1)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text '{value}'" if value.strip() else "an empty text"
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def _claim_summary(claims: set[str]) -> str:
    def order(claim: str) -> tuple:
        return claim[0] != "A", claim[0] != "I", claim[0], int(claim[1:]) if claim[1:].isdigit() else 0

    return ", ".join(sorted(claims, key=order))
