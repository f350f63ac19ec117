"""Checks of a parsed bibliography as a whole, and of each entry's fields.

Crossrefs are resolved here (bounded in depth, cycles reported), biblatex aliases
(`ids`) registered, and each field checked: markup (as written and once LaTeX is
decoded), web addresses, identifiers, months, required fields. Every message names the
file and line and echoes values escaped.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from . import identifiers
from .bibfix import CONTROL, shown
from .bibliography import REQUIRED_FIELDS, VERBATIM_FIELDS
from .diagnostics import ADVICE, WARNING
from .latex import unknown_macros
from .names import name_problems
from .syntax import KEY

if TYPE_CHECKING:
    from .bibliography import Bibliography, Entry

MAX_CROSSREF_DEPTH = 8
_CROSSREF_RENAME = {"title": "booktitle", "subtitle": "booksubtitle"}
_WEB_ADDRESS = re.compile(r"https?://\S+", re.I)
_LATEX = re.compile(r"[\\{}~$]")      # a value that decoding can change beyond white space
_MAY_HIDE_MARKUP = re.compile(r"[<=\\]")   # decoding can only make markup from '<', '=' or a macro
_CITABLE_KEY = re.compile(KEY)
_YEAR = re.compile(r"[0-9]{1,4}[a-z]?")   # ASCII digits; a letter is the style's to read (style.plain_year)
_MARKUP_HINT = ("BibTeX fields are plain text or LaTeX: remove the markup (write \\textit{...} for italics); "
                "it is shown as text, never run")


def check(bib: Bibliography) -> None:
    """Resolve aliases and crossrefs, then check every entry."""
    _register_aliases(bib)
    _resolve_crossrefs(bib)
    _keys_differing_in_case(bib)
    for entry in bib.entries.values():
        _check_key_citable(bib, entry)
        _check_markup(bib, entry)
        _check_macros(bib, entry)
        _check_identifiers(bib, entry)
        _check_month(bib, entry)
        _check_year_and_day(bib, entry)
        _check_names(bib, entry)
        _check_required(bib, entry)


def _register_aliases(bib: Bibliography) -> None:
    for entry in bib.entries.values():
        for alias in (a.strip() for a in entry.raw.get("ids", "").split(",")):
            if not alias or alias == entry.key:
                continue
            other = dict.get(bib.entries, alias) or bib.entries.get(alias)
            if other is not None or CONTROL.search(alias):
                where = f" (entry '{shown(other.key)}', {shown(other.path, 200)}:{other.line})" if other else ""
                bib.report.add(entry.path, entry.lines["ids"], f"alias '{shown(alias)}' of entry "
                               f"'{shown(entry.key)}' cannot be used: it is already a key{where}"
                               if other else f"alias '{shown(alias)}' holds a control character",
                               hint="Remove it from ids, or rename one of the entries")
                continue
            bib.entries.aliases[alias] = entry.key


def _resolve_crossrefs(bib: Bibliography) -> None:
    """Each entry takes the fields it lacks from its crossref, which may have one of its own."""
    done: set[str] = set()
    for start in bib.entries.values():
        chain: list[Entry] = []
        current = start
        while "crossref" in current.raw and current.key not in done:
            keys = [e.key for e in chain]
            if current.key in keys:
                cycle = chain[keys.index(current.key):] + [current]
                bib.report.add(current.path, current.lines["crossref"], "crossrefs form a cycle: " +
                               " → ".join(f"'{shown(e.key)}'" for e in cycle),
                               hint="A crossref names the book or proceedings that holds the entry; remove the "
                               "one that points back")
                done.update(e.key for e in cycle)
                chain = chain[:keys.index(current.key)]
                break
            if len(chain) == MAX_CROSSREF_DEPTH:
                bib.report.add(start.path, start.lines["crossref"], f"the crossrefs from entry '{shown(start.key)}' "
                               f"go more than {MAX_CROSSREF_DEPTH} deep", hint="Point the crossref at the entry "
                               "that holds this one directly")
                done.update(e.key for e in chain)
                chain = []
                break
            chain.append(current)
            target = current.raw["crossref"].strip()
            parent = bib.entries.get(target)
            if parent is None:
                bib.report.add(current.path, current.lines["crossref"], f"entry '{shown(current.key)}' has crossref "
                               f"'{shown(target)}', which is not in any loaded .bib file",
                               hint="Add the referenced entry or remove the crossref field")
                chain.pop()
                done.add(current.key)
                break
            current = parent
        for child in reversed(chain):   # the top of the chain first: what it inherited is passed on
            _inherit(child, bib.entries[child.raw["crossref"].strip()])
            done.add(child.key)


def _inherit(entry: Entry, parent: Entry) -> None:
    renames = parent.type in ("book", "proceedings", "collection", "mvbook")
    for name, value in parent.raw.items():
        name = _CROSSREF_RENAME.get(name, name) if renames else name
        if name not in entry.raw and name not in ("crossref", "ids"):
            entry.raw[name] = value
            entry.lines[name] = parent.lines.get(name, parent.line)
            entry.inherited.add(name)


def _check_key_citable(bib: Bibliography, entry: Entry) -> None:
    """A key that `[@key]` cannot name: a page citing it that way would keep the raw text."""
    if _CITABLE_KEY.fullmatch(entry.key):
        return
    key = shown(entry.key)
    bib.report.add(entry.path, entry.line, f"the key '{key}' cannot be cited as [@{key}]: a citation key is "
                   "letters, digits and _, with : . # $ % & - + ? < > ~ / only between them",
                   severity=WARNING, hint="Rename the key (and its citations) with letters and digits, "
                   "as in steensberg2000")


def _keys_differing_in_case(bib: Bibliography) -> None:
    first: dict[str, Entry] = {}
    for entry in bib.entries.values():
        other = first.setdefault(entry.key.casefold(), entry)
        if other is not entry:
            bib.report.add(entry.path, entry.line, f"key '{shown(entry.key)}' differs from '{shown(other.key)}' "
                           f"({shown(other.path, 200)}:{other.line}) only in case", severity=WARNING,
                           hint="BibTeX treats such keys as one: give this entry a key of its own in lower case "
                           "(a letter after the year for another paper) and leave the other key as it is, since "
                           "pages cite it")


def _check_markup(bib: Bibliography, entry: Entry) -> None:
    for name, value in entry.raw.items():
        if name in VERBATIM_FIELDS or name in entry.inherited:
            continue
        found = identifiers.MARKUP.search(value)
        how = "contains HTML"
        if found is None and _LATEX.search(value) and _MAY_HIDE_MARKUP.search(value):
            # Markup hidden behind braces or produced by a macro: `{<}script{>}` is as bad as `<script>`.
            found = identifiers.MARKUP.search(entry.get(name))
            how = "contains HTML once its LaTeX is decoded"
        if found is not None:
            bib.report.add(entry.path, entry.lines.get(name, entry.line), f"field '{name}' of entry "
                           f"'{shown(entry.key)}' {how} ('{shown(found.group(), 30)}')",
                           severity=WARNING, hint=_MARKUP_HINT)
    url = entry.raw.get("url", "").strip()
    if url and "url" not in entry.inherited and not _WEB_ADDRESS.fullmatch(url):
        bib.report.add(entry.path, entry.lines["url"],
                       f"field 'url' of entry '{shown(entry.key)}' is not an http(s) address ('{shown(url)}')",
                       severity=WARNING, hint="Write a full https:// address, or remove the field; "
                       "it will not be linked")


def _check_macros(bib: Bibliography, entry: Entry) -> None:
    """Macros the LaTeX decoder does not know print nothing: `Na\\char43` would read 'Na43'."""
    for name, value in entry.raw.items():
        if name in VERBATIM_FIELDS or name in entry.inherited or "\\" not in value:
            continue
        unknown = unknown_macros(value)
        if unknown:
            listed = ", ".join(f"\\{shown(macro, 30)}" for macro in unknown[:3]) + (", ..." if len(unknown) > 3 else "")
            bib.report.add(entry.path, entry.lines.get(name, entry.line), f"field '{name}' of entry "
                           f"'{shown(entry.key)}' uses LaTeX that this site does not know ({listed}); "
                           "it would be left out of the page", severity=WARNING,
                           hint="Write the character itself (the files are UTF-8), or a macro listed in "
                           "hooks/citekit/LATEX.md")


def _check_identifiers(bib: Bibliography, entry: Entry) -> None:
    key = shown(entry.key)
    for name, normalise in (("doi", identifiers.doi), ("pmid", identifiers.pmid), ("pmcid", identifiers.pmcid)):
        if name not in entry.raw or name in entry.inherited:
            continue
        written = entry.get(name)
        problem = normalise(written)[1]
        if problem is not None:
            bib.report.add(entry.path, entry.lines[name], f"field '{name}' of entry '{key}' {problem.message} "
                           f"('{shown(written)}')", severity=WARNING if problem.markup else ADVICE,
                           hint=problem.hint)
    note = entry.get("note") if "note" in entry.raw and "note" not in entry.inherited else ""
    for name, pattern in (("pmid", identifiers.NOTE_PMID), ("pmcid", identifiers.NOTE_PMCID)):
        found = pattern.search(note)
        if found and name not in entry.raw:
            value = found.group(1) if name == "pmid" else "PMC" + found.group(1)[3:]
            bib.report.add(entry.path, entry.lines["note"], f"entry '{key}' gives its {name.upper()} in field "
                           f"'note' ('{shown(found.group())}')", severity=ADVICE,
                           hint=f"Write it as {name} = {{{value}}}; it is linked meanwhile")


def _check_month(bib: Bibliography, entry: Entry) -> None:
    if "month" not in entry.raw or "month" in entry.inherited or entry.month:
        return
    written = entry.get("month").strip()
    if not written:
        return
    number = any(c.isdigit() for c in written)
    bib.report.add(entry.path, entry.lines["month"], f"field 'month' of entry '{shown(entry.key)}' is not a month "
                   f"('{shown(written)}')", severity=WARNING if number else ADVICE,
                   hint="Write a number from 1 to 12 or a month name, as in month = {mar}; it is not used until "
                   "then")


def _check_year_and_day(bib: Bibliography, entry: Entry) -> None:
    """A year that is not four digits and a day that is no day of its month were used silently
    (Arabic-Indic digits read as 2001, '²' or 31 February dropped or kept with no word)."""
    key = shown(entry.key)
    year = entry.raw.get("year", "").strip() if "year" not in entry.inherited else ""
    if year and not _YEAR.fullmatch(year):
        bib.report.add(entry.path, entry.lines.get("year", entry.line), f"field 'year' of entry '{key}' is not a "
                       f"year ('{shown(year)}')", severity=WARNING,
                       hint="Write the year in the digits 0-9, as in year = {2001}")
    day = entry.raw.get("day", "").strip() if "day" not in entry.inherited else ""
    if not day:
        return
    last = 31
    if entry.month and entry.year.strip()[:4].isascii() and entry.year.strip()[:4].isdigit():
        last = calendar.monthrange(int(entry.year.strip()[:4]), entry.month)[1]
    if not (day.isascii() and day.isdigit() and 1 <= int(day) <= last):
        month = f" of {calendar.month_name[entry.month]}" if entry.month else ""
        bib.report.add(entry.path, entry.lines.get("day", entry.line), f"field 'day' of entry '{key}' is not a "
                       f"day{month} ('{shown(day)}')", severity=WARNING,
                       hint=f"Write the day of the month as a number from 1 to {last}, as in day = {{15}}")


def _check_names(bib: Bibliography, entry: Entry) -> None:
    """`and and`, a stray `and`, too many commas: BibTeX would make people of them, silently."""
    for name in ("author", "editor"):
        if name not in entry.raw or name in entry.inherited:
            continue
        for problem in name_problems(entry.raw[name]):
            # The problem's own words end with how to fix it.
            bib.report.add(entry.path, entry.lines.get(name, entry.line),
                           f"field '{name}' of entry '{shown(entry.key)}': {problem}", severity=WARNING)


def _check_required(bib: Bibliography, entry: Entry) -> None:
    for name in REQUIRED_FIELDS:
        present = name in entry.raw or (name == "author" and "editor" in entry.raw) or \
            (name == "year" and "date" in entry.raw)
        if not present and name not in entry.missing:
            bib.report.add(entry.path, entry.line, f"entry '{shown(entry.key)}' has no {name}",
                           severity=WARNING,
                           hint=f"Add a {name} field, or mark the gap as deliberate with missing = {{{name}}}")
