"""Author-year style as The Journal of Physiology printed it in 2001.

In text: "(Steensberg et al. 2000)", "(Pedersen & Hoffman-Goetz, 2000)",
"(Akira, 1993)"; narrative "Steensberg et al. (2000)". Papers that share a
first-author label and year get a, b, c by date, then title, assigned once for
the whole site. References: "Ostrowski K, Rohde T & Pedersen BK (1998a). Title.
Journal 508, 949–953." sorted by first author, then number of authors (one,
two, more), then second author for pairs, then year and letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .bibliography import Bibliography, Entry

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def author_label(entry: Entry) -> str:
    people, complete = entry.authors
    if not people:
        words = entry.get("title").split()
        return " ".join(words[:3]) + ("…" if len(words) > 3 else "") if words else entry.key
    if len(people) >= 3 or not complete:
        return f"{people[0].family} et al."
    if len(people) == 2:
        return f"{people[0].family} & {people[1].family}"
    return people[0].family


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Labels:
    """Whole-site facts: each cited key's in-text label, computed once."""

    authors: dict[str, str]
    years: dict[str, str]   # year with its a/b letter

    def year(self, key: str) -> str:
        return self.years[key]

    def separator(self, key: str) -> str:
        # J Physiol 2001: "Pedersen & Hoffman-Goetz, 2000" but "Ostrowski et al. 1998a".
        return " " if self.authors[key].endswith("et al.") else ", "

    def parenthetical(self, key: str) -> str:
        return f"{self.authors[key]}{self.separator(key)}{self.years[key]}"

    def narrative(self, key: str) -> str:
        return f"{self.authors[key]} ({self.years[key]})"


def assign_labels(bib: Bibliography, cited: Iterable[str], cards: dict[str, Card] | None = None) -> Labels:
    """Author labels and years with a/b letters, over the keys cited anywhere on the site.

    `cards` holds cards made earlier (kept between builds); new ones are added to it.
    """
    cards = {} if cards is None else cards
    keys = sorted(set(cited) & bib.entries.keys())
    made = {k: card_of(bib.entries, k, cards) for k in keys}
    authors = {k: made[k].author_label for k in keys}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        groups[(authors[k], made[k].year)].append(k)
    years = {}
    for (_, year), members in groups.items():
        year = year or "n.d."
        if len(members) == 1:
            years[members[0]] = year
            continue
        members.sort(key=lambda k: (made[k].month, made[k].day, made[k].title_fold, k))
        for i, k in enumerate(members):
            years[k] = year + _LETTERS[i % 26] * (i // 26 + 1)
    return Labels(authors, years)


def sort_key(entry: Entry, labels: Labels, made: Card | None = None) -> tuple:
    made = made or card(entry)
    return *made.sort_names, labels.years.get(entry.key, ""), entry.key


# ---- reference entries -----------------------------------------------------

class Part(NamedTuple):
    """A piece of a formatted reference: text with an optional emphasis."""

    text: str
    style: str = ""  # "" | "italic" | "bold"


class Card(NamedTuple):
    """What the style needs of an entry, whatever letter its year gets.

    Making it means decoding LaTeX and parsing names, the costly part of formatting;
    cards are kept with the parsed bibliography, so an unchanged entry is made once.
    """

    author_label: str
    sort_names: tuple[str, int, str]   # first author (folded), 1/2/3 = one, two, more, second author
    names: str                         # the reference's author list
    year: str
    month: int
    day: int
    title_fold: str


def card(entry: Entry) -> Card:
    people, complete = entry.authors
    first = _fold(people[0].family) if people else _fold(entry.get("title"))
    count = 3 if (len(people) >= 3 or not complete) else len(people)
    second = _fold(people[1].family) if count == 2 else ""
    return Card(author_label(entry), (first, count, second), format_names(entry), entry.year, entry.month,
                entry.day, _fold(entry.get("title")))


def card_of(entries: dict[str, Entry], key: str, cards: dict[str, Card]) -> Card:
    made = cards.get(key)
    if made is None:
        made = cards[key] = card(entries[key])
    return made


def format_names(entry: Entry) -> str:
    people, complete = entry.authors
    names = [f"{p.family} {p.initials}".strip() + (f" {p.jr}" if p.jr else "") for p in people]
    if not names:
        return ""
    if not complete:
        return ", ".join(names) + " et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " & " + names[-1]


_PAGES_DASH = re.compile(r"(?<=\w)\s*(?:-{1,2}|–)\s*(?=\w)")


def format_pages(pages: str) -> str:
    return _PAGES_DASH.sub("–", pages)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def format_reference(entry: Entry, labels: Labels, made: Card | None = None) -> list[Part]:
    """The reference as styled parts, without links (render adds those)."""
    made = made or card(entry)
    year = labels.years.get(entry.key) or made.year or "n.d."
    # The rest is made only here: once an entry's HTML is made and kept (see render.Resolver), a
    # build does not need it, and a card without it is faster to read back from the disk cache.
    return [Part(f"{made.names} ({year}). " if made.names else f"({year}). "), *_body(entry)]


def _body(entry: Entry) -> list[Part]:
    parts: list[Part] = []
    if entry.get("title"):
        parts.append(Part(_sentence(entry.get("title")) + " "))
    container = entry.get("journal") or entry.get("journaltitle")
    volume, pages = entry.get("volume"), format_pages(entry.get("pages"))
    if container:
        parts.append(Part(container, "italic"))
        if volume:
            parts.append(Part(" "))
            parts.append(Part(volume, "bold"))
        parts.append(Part((f", {pages}." if pages else ".") if volume or pages else "."))
    else:
        extra = []
        if entry.get("booktitle"):
            extra.append(f"In {entry.get('booktitle')}")
        for name in ("edition", "publisher", "organization", "institution", "school", "address",
                     "howpublished", "type", "number"):
            if entry.get(name):
                extra.append(entry.get(name))
        if volume:
            extra.append(f"vol. {volume}")
        if pages:
            extra.append(f"pp. {pages}")
        if extra:
            parts.append(Part(_sentence(", ".join(extra))))
    if entry.get("note"):
        parts.append(Part(" " + _sentence(entry.get("note"))))
    return [p for p in parts if p.text]


def plain_text(parts: list[Part]) -> str:
    return " ".join("".join(p.text for p in parts).split())


def plain_reference(entry: Entry, labels: Labels) -> str:
    return plain_text(format_reference(entry, labels))
