"""Blocks generated into pages: the evidence overview, the glossary and inline figures."""

from __future__ import annotations

import posixpath
import re
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


def overview_table(rows: list[EffectRow], from_uri: str) -> str:
    """A Markdown table, one row per effect page, with narrative citations the citation hook renders."""
    if not rows:
        return "_No effect page yet._"
    head = ("| Effect | Target | Proposed effect | Review's claims | Supporting | Contradicting | Context |\n"
            "|---|---|---|---|---|---|---|")
    lines = [head]
    for row in sorted(rows, key=lambda r: r.title.casefold()):
        link = posixpath.relpath(row.src_uri, posixpath.dirname(from_uri) or ".")
        cells = [f"[{_cell(row.title)}]({link})", _cell(row.target),
                 f"{_cell(row.effect)} ({_cell(row.direction)})", ", ".join(row.claims) or "none readable"]
        for relation in ("supports", "contradicts", "context"):
            keys = [k for k, r in row.evidence if r == relation]
            cells.append("; ".join(f"@{k}" for k in keys) or "—")
        lines.append("| " + " | ".join(cells) + " |")
    return '<div class="effects-overview" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def glossary(abbreviations: str) -> str:
    """A definition list from Markdown abbreviation lines (`*[IL-6]: Interleukin-6`)."""
    items = sorted(((m.group("term"), m.group("definition")) for m in _ABBR.finditer(abbreviations)),
                   key=lambda t: (t[0].casefold(), t[0]))
    return "\n\n".join(f"{term}\n:   {definition}" for term, definition in items)


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
