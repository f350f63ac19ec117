"""YAML front matter read with line numbers, and checked against the page schemas.

`read` parses (with the bounds of `yamlbounds`) and checks the fields any page may carry;
`validate` checks an effect or production page against its schema. Every problem is one
located message with a hint; nothing a page's front matter holds raises.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml
from citekit.diagnostics import Report

from . import themefields, yamlbounds
from .yamlbounds import shown

# What no page needs and a reader or a terminal would act on: C0 controls but tab and line ends,
# DEL, C1 controls. (A NUL in a page was published into the HTML as it was.)
_PAGE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)

# A field's expected shape: a Python type, or ("list", item type) / ("mapping", {key: type}).
TEXT, LIST_OF_TEXT = str, ("list", str)
# Fields MkDocs and Material understand on any page.
COMMON: dict[str, object] = {
    "title": TEXT, "description": TEXT, "hide": LIST_OF_TEXT, "icon": TEXT, "status": TEXT,
    "search": ("mapping", {"exclude": bool, "boost": (int, float)}), "template": TEXT,
    "tags": LIST_OF_TEXT, "subtitle": TEXT,
}
# supports / contradicts: the study's own findings bear for / against the page's effect;
# compatible: consistent with it, without isolating it; context: background; review: a review
# article (seeds/review.yaml, review_articles), never counted as a primary study.
RELATIONS = ("supports", "compatible", "contradicts", "context", "review")
# proposes: the review's readable text states the effect (with its hedge);
# asks: the review only raises the topic (a section heading posed as a question, no claim).
STANCES = ("proposes", "asks")
SCHEMAS: dict[str, dict[str, object]] = {
    "effect": {"review_section": TEXT, "target": TEXT, "effect": TEXT, "direction": TEXT,
               "claims": list, "evidence": list, "review_stance": TEXT, "caveat": TEXT},
    "production": {"review_section": TEXT, "claims": list, "evidence": list, "caveat": TEXT},
}
REQUIRED = {
    "effect": ("title", "review_section", "target", "effect", "direction", "claims", "evidence"),
    "production": ("title", "review_section", "claims", "evidence"),
}
_TYPE_NAMES = {str: "a text", list: "a list", dict: "a mapping", bool: "true or false", (int, float): "a number"}
_EXAMPLES = {"claims": "[A5, A6]", "evidence": "a list of {key: ..., relation: supports}",
             "hide": "[toc]", "tags": "[liver, glucose]", "search": "{exclude: true}",
             "review_stance": "asks", "caveat": "Pairing the liver with glucose is this site's reading"}


@dataclass
class Rules:
    """What the schemas accept; values come from mkdocs.yml, seeds/review.yaml and bib/."""

    targets: list[str]
    directions: list[str]
    claims: set[str]
    sections: list[str]
    keys: set[str]
    review_file: str = "seeds/review.yaml"   # named in hints
    review: dict = field(default_factory=dict)   # seeds/review.yaml as loaded (claim notes, dates, reviews)
    bibliography: object = None                  # citekit.Bibliography, for publication dates

    @property
    def claim_notes(self) -> dict[str, str]:
        """Claim ID -> the caveat seeds/review.yaml records for it (e.g. A6's pairing)."""
        return {str(c["id"]): str(c["note"]) for c in _list(self.review.get("claims"))
                if isinstance(c, dict) and "id" in c and c.get("note")}

    @property
    def reviews(self) -> set[str]:
        """Keys of review articles (seeds/review.yaml, review_articles): never primary evidence."""
        return {str(k) for k in _list(self.review.get("review_articles"))}


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


def check_utf8(path: str, data: bytes, report: Report) -> bool:
    """True when a page's bytes are UTF-8; otherwise one located error (never a UnicodeDecodeError)."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        report.add(path, line, f"the page is not UTF-8 (byte 0x{data[err.start]:02x} is not valid here)",
                   hint="Save the file as UTF-8 (in most editors: Save with encoding, UTF-8)")
        return False
    return True


def read(path: str, source: str, report: Report) -> FrontMatter | None:
    """Front matter with line numbers; None (and a located error) when it cannot be used.

    Rejected: YAML that does not parse, breaks a bound of `yamlbounds` (aliases, nesting,
    size), or repeats a key. Fields every page may carry (COMMON) are checked here too, so
    that a page outside the schemas cannot hand MkDocs a title that is a list, nor the theme
    a title, description, status or icon that it would insert unescaped (`themefields`).
    """
    front = _FRONT.match(source)
    control = _PAGE_CONTROL.search(source, front.end() if front else 0)   # YAML refuses them above
    if control:
        line = source.count("\n", 0, control.start()) + 1
        column = control.start() - (source.rfind("\n", 0, control.start()) + 1) + 1
        report.add(path, line, f"the page holds the control character '{shown(control.group())}'", column=column,
                   hint="Delete it (editors show it as a box, ^@ or <0x00>); it has no place in a page")
    m = _FRONT.match(source)
    if not m:
        if source.startswith("---\n") or source.startswith("---\r\n"):
            report.add(path, 1, "front matter is not closed", hint="End it with a line '---'")
            return None
        return FrontMatter({}, body=source)
    text = m.group(1) or ""
    body, offset = split(source)
    try:
        node, data = yamlbounds.compose(text)
    except yamlbounds.BoundError as err:
        line = err.problem_mark.line + 2 if err.problem_mark else 1
        report.add(path, line, f"front matter rejected: {err.problem}", hint=err.hint)
        return None
    except yaml.YAMLError as err:
        problem, hint = yamlbounds.explained(err, text)
        report.add(path, yamlbounds.error_line(err, text), f"invalid YAML front matter: {problem}", hint=hint)
        return None
    if node is not None:
        repeated = yamlbounds.duplicate_keys(node)
        for key, first, again in repeated:
            report.add(path, again + 1, f"front matter key '{shown(key)}' is given twice (lines {first + 1} "
                       f"and {again + 1}); YAML would silently keep only the second",
                       hint="Keep one of the two and merge what each says")
        if repeated:
            return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        report.add(path, 2, "front matter must be 'field: value' lines", hint="For example: title: My page")
        return None
    fm = FrontMatter(data, body=body, body_offset=offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            fm.lines.setdefault(key_node.value, key_node.start_mark.line + 2)
            if isinstance(value_node, yaml.SequenceNode):
                fm.item_lines[key_node.value] = [n.start_mark.line + 2 for n in value_node.value]
    _validate_fields(path, fm, COMMON, report)
    themefields.check(path, fm, report)
    return fm


def validate(path: str, kind: str, fm: FrontMatter, rules: Rules, report: Report) -> None:
    """Report every way the front matter misses its schema (COMMON fields were checked by `read`)."""
    schema = SCHEMAS[kind]
    allowed = {**COMMON, **schema}
    for name in fm.data:
        if name in allowed:
            continue
        line = _line(fm, name)
        elsewhere = [k for k, fields in SCHEMAS.items() if name in fields]
        if elsewhere:
            report.add(path, line, f"front matter field '{shown(name)}' belongs on {elsewhere[0]} pages, "
                       f"not on {kind} pages", hint=f"Remove it, or move the page to the {elsewhere[0]} section")
            continue
        close = difflib.get_close_matches(str(name), allowed, n=1)
        report.add(path, line, f"unknown front matter field '{shown(name)}'" +
                   (f" (did you mean '{close[0]}'?)" if close else ""),
                   hint=f"Fields of {_a(kind)} page: {', '.join(sorted(allowed))}")
    _validate_fields(path, fm, schema, report)
    misspelled = {close for name in fm.data if name not in allowed
                  for close in difflib.get_close_matches(str(name), allowed, n=1)}
    for name in REQUIRED[kind]:
        if name not in fm.data and name not in misspelled:   # a misspelling is reported once, above
            report.add(path, 1, f"missing front matter field '{name}'",
                       hint=f"Every {kind} page has: {', '.join(REQUIRED[kind])}")
    d = fm.data
    _one_of(path, fm, "target", rules.targets, "unknown target tissue", report,
            " (extra.effects.targets in mkdocs.yml)")
    _one_of(path, fm, "direction", rules.directions, "unknown direction", report)
    _one_of(path, fm, "review_stance", list(STANCES), "unknown review_stance", report,
            ": proposes when the review states the effect, asks when it only raises the question")
    if _text(d.get("review_section")) and d["review_section"] not in rules.sections:
        close = difflib.get_close_matches(d["review_section"], rules.sections, n=1)
        report.add(path, _line(fm, "review_section"), f"'{shown(d['review_section'])}' is not a heading of the "
                   "review" + (f" (did you mean '{close[0]}'?)" if close else ""),
                   hint=f"Copy the heading exactly from {rules.review_file} (sections)")
    if isinstance(d.get("claims"), list):
        _validate_claims(path, kind, fm, rules, report)
    if isinstance(d.get("evidence"), list):
        _validate_evidence(path, fm, rules, report)


def _validate_fields(path: str, fm: FrontMatter, schema: dict[str, object], report: Report) -> None:
    """Each field present in `schema` has the shape the schema gives."""
    for name, expected in schema.items():
        if name not in fm.data:
            continue
        value, line = fm.data[name], _line(fm, name)
        example = f" such as {_EXAMPLES[name]}" if name in _EXAMPLES else ""
        hint = f"Write: {name}: {_EXAMPLES.get(name, '...')}"
        if isinstance(expected, tuple) and expected[0] == "list":
            if not isinstance(value, list):
                report.add(path, line, f"front matter field '{name}' must be a list{example}, "
                           f"not {_describe(value)}", hint=hint)
                continue
            for i, item in enumerate(value):
                if not _text(item):
                    report.add(path, _item_line(fm, name, i), f"each item of '{name}' must be a text, "
                               f"not {_describe(item)}", hint=hint)
        elif isinstance(expected, tuple) and expected[0] == "mapping":
            if not isinstance(value, dict):
                report.add(path, line, f"front matter field '{name}' must be a mapping{example}, "
                           f"not {_describe(value)}", hint=hint)
                continue
            for sub, sub_value in value.items():
                if sub not in expected[1]:
                    report.add(path, line, f"unknown setting '{shown(sub)}' in '{name}'",
                               hint=f"'{name}' takes: {', '.join(expected[1])}")
                elif not _is(sub_value, expected[1][sub]):
                    report.add(path, line, f"'{name}: {sub}' must be {_TYPE_NAMES[expected[1][sub]]}, "
                               f"not {_describe(sub_value)}", hint=hint)
        elif not _is(value, expected) or (expected is str and not value.strip()):
            report.add(path, line, f"front matter field '{name}' must be {_TYPE_NAMES[expected]}{example}, "
                       f"not {_describe(value)}", hint=hint)


def _validate_claims(path: str, kind: str, fm: FrontMatter, rules: Rules, report: Report) -> None:
    claims = fm.data["claims"]
    for i, claim in enumerate(claims):
        if not isinstance(claim, str):
            report.add(path, _item_line(fm, "claims", i), f"each claim must be a claim ID such as A5, not "
                       f"{_describe(claim)}", hint="Write: claims: [A5, A6]")
        elif claim not in rules.claims:
            report.add(path, _item_line(fm, "claims", i), f"unknown claim ID '{shown(claim)}'",
                       hint=f"Claim IDs are listed in {rules.review_file}: {_claim_summary(rules.claims)}")
    if kind != "effect":
        return
    stance = fm.data.get("review_stance", "proposes")
    if not claims and stance == "proposes":
        report.add(path, _line(fm, "review_stance") if "review_stance" in fm.data else _line(fm, "claims"),
                   "the page names no claim of the review (claims: []), so the overview would show the review "
                   "proposing an effect that it does not state",
                   hint="Write review_stance: asks (the review raises the question), or list the claims")
    notes = rules.claim_notes
    for i, claim in enumerate(claims):
        if isinstance(claim, str) and claim in notes and not _text(fm.data.get("caveat")):
            report.add(path, _item_line(fm, "claims", i), f"claim {claim} carries a caveat in {rules.review_file} "
                       f"({shown(notes[claim], 120)}), which the overview must show",
                       hint="Add caveat: ... saying which part of this page's effect is this site's reading")
            break


def _validate_evidence(path: str, fm: FrontMatter, rules: Rules, report: Report) -> None:
    seen: dict[str, int] = {}
    reviews = rules.reviews
    for i, item in enumerate(fm.data["evidence"]):
        line = _item_line(fm, "evidence", i)
        if not isinstance(item, dict) or set(item) - {"key", "relation"} or not {"key", "relation"} <= set(item):
            report.add(path, line, _item_shape_problem(item),
                       hint="For example: - {key: stouthard1995, relation: supports}")
            continue
        if not _text(item["key"]) or not _text(item["relation"]):
            report.add(path, line, f"evidence key and relation must be texts, not {_describe(item['key'])} "
                       f"and {_describe(item['relation'])}", hint="For example: - {key: stouthard1995, "
                       "relation: supports}")
            continue
        key, relation = item["key"], item["relation"]
        if key not in rules.keys:
            unread = _unread_bib(rules)
            # A key in a .bib file that failed to load is not unknown: a did-you-mean would send the
            # contributor to another paper, and "add the entry" to a second copy of it.
            close = [] if unread else difflib.get_close_matches(key, rules.keys, n=1, cutoff=0.8)
            report.add(path, line, f"unknown reference key '{shown(key)}' in evidence" +
                       (f" (did you mean '{close[0]}'?)" if close else ""),
                       hint=f"It may be in an entry that could not be read ({unread}): fix the BibTeX errors "
                       "listed first" if unread else "" if close else
                       "Add the entry to a .bib file in bib/ or fix the key")
        if relation not in RELATIONS:
            report.add(path, line, f"unknown relation '{shown(relation)}' for '{shown(key)}'",
                       hint=f"Use one of: {', '.join(RELATIONS)}")
        elif key in reviews and relation != "review":
            report.add(path, line, f"'{key}' is a review article, listed as '{relation}' evidence",
                       hint=f"Write relation: review (reviews are listed apart from primary studies; "
                       f"{rules.review_file}, review_articles)")
        elif relation == "review" and key not in reviews and key in rules.keys:
            report.add(path, line, f"'{shown(key)}' is listed with relation: review, but {rules.review_file} "
                       "does not list it under review_articles",
                       hint="Use supports, compatible, contradicts or context for a primary study, or add the key "
                       "to review_articles if its source says it is a review")
        if key in seen:
            report.add(path, line, f"evidence key '{shown(key)}' is listed twice (first on line {seen[key]})",
                       hint="Keep one item per study")
        seen.setdefault(key, line)


def _item_shape_problem(item: object) -> str:
    """What is wrong with an evidence item that is not {key: ..., relation: ...}, naming the field."""
    if not isinstance(item, dict):
        return "each evidence item must be {key: ..., relation: ...}"
    for name in item:
        if name not in ("key", "relation"):
            close = difflib.get_close_matches(str(name), ["key", "relation"], n=1, cutoff=0.5)
            return (f"evidence item has an unknown field '{shown(name)}'" +
                    (f" (did you mean '{close[0]}'?)" if close else "") +
                    "; each evidence item must be {key: ..., relation: ...}")
    missing = [name for name in ("key", "relation") if name not in item]
    return f"evidence item has no '{missing[0]}'; each evidence item must be {{key: ..., relation: ...}}"


def _unread_bib(rules: Rules) -> str:
    """'bib/x.bib:LINE' of the first .bib file or entry that failed to load, or ''."""
    failed = getattr(rules.bibliography, "failed", None) or []
    return ", ".join(f"{file}:{line}" for file, line in failed[:3])


def _one_of(path: str, fm: FrontMatter, name: str, allowed: list[str], what: str, report: Report,
            why: str = "") -> None:
    value = fm.data.get(name)
    if _text(value) and value not in allowed:
        report.add(path, _line(fm, name), f"{what} '{shown(value)}'", hint=f"Use one of: {', '.join(allowed)}{why}")


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is(value: object, expected: object) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected == (int, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, expected)   # type: ignore[arg-type]


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _line(fm: FrontMatter, name: object) -> int:
    return fm.lines.get(name, 1) if isinstance(name, str) else 1


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _item_line(fm: FrontMatter, name: str, i: int) -> int:
    lines = fm.item_lines.get(name, [])
    return lines[i] if i < len(lines) else _line(fm, name)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text '{shown(value)}'" if value.strip() else "an empty text"
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), shown(type(value).__name__))


def _claim_summary(claims: set[str]) -> str:
    def order(claim: str) -> tuple:
        return claim[0] != "A", claim[0] != "I", claim[0], int(claim[1:]) if claim[1:].isdigit() else 0

    return ", ".join(sorted(claims, key=order))
