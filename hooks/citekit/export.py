"""Reference export: the entries a page cites, as files reference managers import.

Three formats, each made from the same parsed entries:

- BibTeX, re-emitted from the fields as written (after `@string` expansion), so that a
  reader's BibTeX or biber sees what our parser saw;
- RIS, by its tag grammar (`TY  - ` first, `ER  - ` last, one tag a line);
- CSL-JSON, the data model of citeproc (Zotero, Mendeley, pandoc).

Only bibliographic fields are exported: a contributor's local `file` path, our own
`missing` marker and any other field outside `EXPORTED_FIELDS` stay in bib/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import urlencode

from .bibliography import Entry

# Fields a reader needs to find and cite the work; anything else (local file paths, notes to
# ourselves) is not published.
EXPORTED_FIELDS = ("author", "editor", "title", "booktitle", "journal", "journaltitle", "year", "month",
                   "date", "volume", "number", "issue", "pages", "edition", "publisher", "address",
                   "institution", "school", "series", "doi", "pmid", "pmcid", "isbn", "issn", "url")

_RIS_TYPES = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "inbook": "CHAP",
              "inproceedings": "CPAPER", "proceedings": "CONF", "phdthesis": "THES",
              "mastersthesis": "THES", "techreport": "RPRT", "misc": "GEN", "online": "ELEC"}
_CSL_TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter",
              "inbook": "chapter", "inproceedings": "paper-conference", "proceedings": "book",
              "phdthesis": "thesis", "mastersthesis": "thesis", "techreport": "report",
              "misc": "document", "online": "webpage"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def bibtex(entries: Iterable[Entry]) -> str:
    """The entries as a .bib file, fields in a fixed order, values brace-delimited."""
    blocks = []
    for entry in entries:
        fields = [(name, entry.raw[name]) for name in EXPORTED_FIELDS if entry.raw.get(name, "").strip()]
        body = "".join(f"  {name} = {{{_one_line(value)}}},\n" for name, value in fields)
        blocks.append(f"@{entry.type}{{{entry.key},\n{body}}}\n")
    return "\n".join(blocks)


def ris(entries: Iterable[Entry]) -> str:
    """The entries as an RIS file (CRLF-free; RIS readers accept LF)."""
    records = []
    for entry in entries:
        lines = [("TY", _RIS_TYPES.get(entry.type, "GEN"))]
        people, complete = entry.authors
        role = "AU" if "author" in entry.raw or "editor" not in entry.raw else "A2"
        lines += [(role, _ris_name(p)) for p in people]
        lines += [("TI", entry.get("title")),
                  ("T2", entry.get("journal") or entry.get("journaltitle") or entry.get("booktitle")),
                  ("PY", entry.year), ("DA", _ris_date(entry)), ("VL", entry.get("volume")),
                  ("IS", entry.get("number") or entry.get("issue"))]
        first, last = _page_range(entry.get("pages"))
        lines += [("SP", first), ("EP", last), ("ET", entry.get("edition")), ("PB", entry.get("publisher")),
                  ("CY", entry.get("address")), ("SN", entry.get("issn") or entry.get("isbn")),
                  ("DO", entry.get("doi"))]
        if entry.get("pmid"):
            lines.append(("AN", f"PMID: {entry.get('pmid')}"))
        if entry.get("pmcid"):
            lines.append(("N1", f"PMCID: {entry.get('pmcid')}"))
        if not complete:
            lines.append(("N1", "Author list incomplete in the source; further authors not listed."))
        lines.append(("ID", entry.key))
        body = "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines if value)
        records.append(body + "ER  - \n")
    return "\n".join(records)


def csl_json(entries: Iterable[Entry]) -> str:
    """The entries as a CSL-JSON array (UTF-8 text, one item per entry)."""
    return json.dumps([csl_item(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def csl_item(entry: Entry) -> dict:
    """One entry in CSL's data model."""
    item: dict = {"id": entry.key, "type": _CSL_TYPES.get(entry.type, "document")}
    people, _complete = entry.authors
    role = "author" if "author" in entry.raw or "editor" not in entry.raw else "editor"
    if people:
        item[role] = [_csl_name(p) for p in people]
    simple = {"title": entry.get("title"),
              "container-title": entry.get("journal") or entry.get("journaltitle") or entry.get("booktitle"),
              "volume": entry.get("volume"), "issue": entry.get("number") or entry.get("issue"),
              "page": "-".join(p for p in _page_range(entry.get("pages")) if p),
              "edition": entry.get("edition"), "publisher": entry.get("publisher"),
              "publisher-place": entry.get("address"), "ISSN": entry.get("issn"), "ISBN": entry.get("isbn"),
              "DOI": entry.get("doi"), "PMID": entry.get("pmid"), "PMCID": entry.get("pmcid"),
              "URL": entry.get("url")}
    item.update({name: _one_line(value) for name, value in simple.items() if value})
    parts = [int(p) for p in (entry.year, entry.month, entry.day) if p and str(p).isdigit() and int(p)]
    if parts:
        item["issued"] = {"date-parts": [parts[:1] + parts[1:2] + (parts[2:3] if len(parts) > 1 else [])]}
    return item


# ---- helpers ------------------------------------------------------------------

def _one_line(value: str) -> str:
    """Values stay on one line: a line break would end a RIS tag or split a BibTeX field oddly."""
    return " ".join(_CONTROL.sub("", value).split())


def _page_range(pages: str) -> tuple[str, str]:
    first, _, last = re.sub(r"\s*[-\u2013\u2014]+\s*", "-", pages.strip()).partition("-")
    return first, last


def _ris_name(person) -> str:
    return f"{person.family}, {person.first}".strip(", ") + (f", {person.jr}" if person.jr else "")


def _csl_name(person) -> dict:
    # BibTeX's von part ("van der", "de la") is CSL's particle, kept with the family name when
    # the name is shown ("van der Poll T"), as this site's style does.
    name = {"family": person.last} if person.von else {"family": person.family}
    if person.von:
        name["non-dropping-particle"] = person.von
    if person.first:
        name["given"] = person.first
    if person.jr:
        name["suffix"] = person.jr
    return name


def _ris_date(entry: Entry) -> str:
    if not entry.year:
        return ""
    month = f"{entry.month:02d}" if entry.month else ""
    day = f"{entry.day:02d}" if entry.day and month else ""
    return f"{entry.year}/{month}/{day}/"


def coins(entry: Entry) -> str:
    """The entry as an OpenURL ContextObject (COinS), the `title` of a `span.Z3988`.

    Zotero's connector and other reference managers find these on a page and offer to save
    them. The value is a URL query; the renderer escapes it for the attribute it lands in.
    """
    journal = entry.type == "article"
    book = entry.type == "book"
    pairs = [("ctx_ver", "Z39.88-2004"),
             ("rft_val_fmt", "info:ofi/fmt:kev:mtx:" + ("journal" if journal else "book")),
             ("rft.genre", "article" if journal else "book" if book else "bookitem"),
             ("rft.btitle" if book else "rft.atitle", entry.get("title")),
             ("rft.jtitle" if journal else "rft.btitle",
              "" if book else entry.get("journal") or entry.get("journaltitle") or entry.get("booktitle")),
             ("rft.date", entry.year), ("rft.volume", entry.get("volume")),
             ("rft.issue", entry.get("number") or entry.get("issue"))]
    first, last = _page_range(entry.get("pages"))
    pairs += [("rft.spage", first), ("rft.epage", last)]
    people, _ = entry.authors
    pairs += [("rft.au", f"{p.family}, {p.first}".strip(", ")) for p in people]
    if entry.get("doi"):
        pairs.append(("rft_id", "info:doi/" + entry.get("doi")))
    if entry.get("pmid"):
        pairs.append(("rft_id", "info:pmid/" + entry.get("pmid")))
    return urlencode([(k, _one_line(v)) for k, v in pairs if v])
