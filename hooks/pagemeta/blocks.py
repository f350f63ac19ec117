"""Blocks generated into pages: the evidence overview, the glossary and inline figures."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

OVERVIEW_MARKER = "<!-- effects-overview -->"
GLOSSARY_MARKER = "<!-- glossary -->"
FIGURE_MARKER = re.compile(r"^<!--\s*figure:\s*(?P<path>[^\s>]+)\s*-->[ \t]*$", re.M)
_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$", re.M)


@dataclass(frozen=True)
class EffectRow:
    src_uri: str
    title: str
    target: str
    effect: str
    direction: str
    claims: tuple[str, ...]
    evidence: tuple[tuple[str, str], ...]   # (key, relation)
    stance: str = "proposes"                # what the review does with the effect: proposes | asks
    caveat: str = ""                        # which part of the row is this site's reading

    @classmethod
    def from_front_matter(cls, src_uri: str, data: dict) -> EffectRow:
        """The row of an effect page whose front matter has passed its schema's type checks."""
        evidence = tuple((str(e["key"]), str(e["relation"])) for e in data["evidence"]
                         if isinstance(e, dict) and "key" in e and "relation" in e)
        stance, caveat = data.get("review_stance", "proposes"), data.get("caveat", "")
        return cls(src_uri, data["title"], data["target"], data["effect"], data["direction"],
                   tuple(str(c) for c in data["claims"]), evidence,
                   stance if isinstance(stance, str) else "proposes", caveat if isinstance(caveat, str) else "")


# Evidence columns of the overview, in order: (relation, column heading).
EVIDENCE_COLUMNS = (("supports", "Supporting"), ("compatible", "Compatible"), ("contradicts", "Contradicting"),
                    ("context", "Context"), ("review", "Reviews"))


def overview_table(rows: list[EffectRow], from_uri: str) -> str:
    """A Markdown table, one row per effect page, with narrative citations the citation hook renders.

    The third column says what the review does with the effect: it *proposes* it (with the
    direction) or only *asks* about it (no direction: the review states none), followed by
    this site's reading where the page gives a caveat. Reviews get a column of their own.
    """
    if not rows:
        return "_No effect page yet._"
    columns = ["Effect", "Target", "What the review says", "Review's claims"] + [h for _, h in EVIDENCE_COLUMNS]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in sorted(rows, key=lambda r: r.title.casefold()):
        link = posixpath.relpath(row.src_uri, posixpath.dirname(from_uri) or ".")
        cells = [f"[{_cell(row.title)}]({link})", _cell(row.target), _stance_cell(row),
                 ", ".join(row.claims) or "none readable"]
        for relation, _ in EVIDENCE_COLUMNS:
            keys = [k for k, r in row.evidence if r == relation]
            cells.append("; ".join(f"@{k}" for k in keys) or "—")
        lines.append("| " + " | ".join(cells) + " |")
    return '<div class="effects-overview" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _stance_cell(row: EffectRow) -> str:
    if row.stance == "asks":
        text = f"Asks, does not claim: {_cell(row.effect)}"
    else:
        text = f"Proposes: {_cell(row.effect)} ({_cell(row.direction)})"
    return text + (f". *This site's reading:* {_cell(row.caveat)}" if row.caveat else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def glossary(abbreviations: str) -> str:
    """A definition list from Markdown abbreviation lines (`*[IL-6]: Interleukin-6`), in reading order."""
    items = sorted(((m.group("term"), m.group("definition")) for m in _ABBR.finditer(abbreviations)),
                   key=lambda t: reading_order(t[0]))
    return "\n\n".join(f"{term}\n:   {definition}" for term, definition in items)


_SORT_PART = re.compile(r"\d+|[^\W\d_]+")


def reading_order(term: str) -> tuple:
    """Sort key of a term by the letters and numbers a reader sees, word by word.

    Case, hyphens, dashes and other punctuation are ignored, and they separate words: `a–v`
    (a, v) comes before `AS160` (as, 160), as in a dictionary. Numbers compare by value
    (IL-6 before IL-10). A Greek letter reads as its name (TNF-α as "tnf alpha"), and sub- or
    superscript digits as digits (VO₂max as VO2max). Ties keep a fixed order (case, then text).
    """
    spelled = []
    for char in unicodedata.normalize("NFKD", term):
        name = unicodedata.name(char, "")
        if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
            spelled.append(" " + name.rsplit(" ", 1)[-1].lower() + " ")
        else:
            spelled.append(char)
    words = _SORT_PART.findall("".join(spelled).casefold())
    parts = tuple((0, int(w), "") if w.isdigit() else (1, 0, w) for w in words)
    return parts, term.casefold(), term


_SVG_LINK = re.compile(r'(?:xlink:)?href="([^"#:]+\.md)(?:#[^"]*)?"')


def svg_page_links(svg: str) -> list[tuple[int, str]]:
    """(line, docs-relative page) for every Markdown page an SVG links to."""
    return [(svg.count("\n", 0, m.start()) + 1, m.group(1)) for m in _SVG_LINK.finditer(svg)]


def inline_svg(svg: str, resolve: Callable[[str], str | None], on_missing: Callable[[str], None]) -> str:
    """The SVG as one HTML block; docs-relative `.md` links become the built pages' URLs."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)

    def swap(m: re.Match) -> str:
        url = resolve(m.group(2))
        if url is None:
            on_missing(m.group(2))
            return m.group(0)
        return f'{m.group(1)}="{url}{m.group(3) or ""}"'

    svg = re.sub(r'((?:xlink:)?href)="([^"#:]+\.md)(#[^"]*)?"', swap, svg)
    body = "\n".join(line for line in svg.strip().splitlines() if line.strip())
    return f'<div class="figure-svg">\n{body}\n</div>'
