"""Reference export: the entries a page cites, as files reference managers import.

Three formats, each made from the same parsed entries:

- BibTeX, re-emitted from the fields as written (after `@string` expansion), so that a
  reader's BibTeX or biber sees what our parser saw;
- RIS, by its tag grammar (`TY  - ` first, `ER  - ` last, one tag a line);
- CSL-JSON, the data model of citeproc (Zotero, Mendeley, pandoc).

Only bibliographic fields are exported: a contributor's local `file` path, our own
`missing` marker and any other field outside `EXPORTED_FIELDS` stay in bib/.

Where the files go in a built site (the same on every host, with or without directory URLs,
so that a link made from a page's URL also works from disk):

- `references/all.bib|.ris|.json`: every entry of the site-wide list (the References page);
- `references/pages/<page path without .md>.bib|.ris|.json`: exactly the entries a page's own
  reference list holds (`references/pages/production/kinetics.bib`); a page without a list has none.

`site_files` makes them; `page_downloads` and `site_downloads` make the links that stand above a
list ("Download these references: BibTeX · RIS · CSL-JSON"), given the host's `link(path)`,
which maps a path in the site to a link from the page. `coins` is the entry as a COinS query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring as _json_string
from typing import NamedTuple
from urllib.parse import quote, urlencode

from .bibliography import Entry
from .encode import attr, clean, text
from .names import parse_names

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
    return "\n".join(map(_bibtex_block, entries))


def _bibtex_block(entry: Entry) -> str:
    fields = [(name, entry.raw[name]) for name in EXPORTED_FIELDS if entry.raw.get(name, "").strip()]
    body = "".join(f"  {name} = {{{balanced_braces(_one_line(value))}}},\n" for name, value in fields)
    return f"@{entry.type}{{{entry.key},\n{body}}}\n"


def ris(entries: Iterable[Entry]) -> str:
    """The entries as an RIS file (CRLF-free; RIS readers accept LF)."""
    return "\n".join(map(_ris_record, entries))


def _ris_record(entry: Entry) -> str:
    lines = [("TY", _RIS_TYPES.get(entry.type, "GEN"))]
    people, complete = entry.authors
    role = "AU" if "author" in entry.raw or "editor" not in entry.raw else "A2"
    lines += [(role, _ris_name(p)) for p in people]
    lines += [("A2", _ris_name(p)) for p in _editors_beside_authors(entry)]
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
    return body + "ER  - \n"


def csl_json(entries: Iterable[Entry]) -> str:
    """The entries as a CSL-JSON array (UTF-8 text, one item per entry)."""
    return _csl_array(list(map(_csl_element, entries)))


def _csl_element(entry: Entry) -> str:
    """One item as json.dumps(items, ensure_ascii=False, indent=2) writes it inside the array."""
    return "  " + _indented(csl_item(entry), "  ")


def _indented(value, indent: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) for a value at `indent`, for the types a CSL
    item holds (str, int, list, dict with str keys; anything else goes to json.dumps itself).

    json.dumps with an indent runs its pure-Python encoder; this one calls the C string encoder
    and writes the same text (checked against json.dumps on every entry of the bench's sites and
    in tests/test_export_records.py). Measured, `csl_json` of the bench's 1000 entries at N=100
    (in-process CPU, best of 5): 36.8 ms -> 26.4 ms."""
    if isinstance(value, str):
        return _json_string(value)
    inner = indent + "  "
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if not value:
            return "{}"
        items = ",\n".join(f"{inner}{_json_string(k)}: {_indented(v, inner)}" for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + "\n" + indent + "]"
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _csl_array(elements: list[str]) -> str:
    """json.dumps(items, ensure_ascii=False, indent=2) + "\n", from each item's element text."""
    return ("[\n" + ",\n".join(elements) + "\n]\n") if elements else "[]\n"


def csl_item(entry: Entry) -> dict:
    """One entry in CSL's data model."""
    item: dict = {"id": entry.key, "type": _CSL_TYPES.get(entry.type, "document")}
    people, _complete = entry.authors
    role = "author" if "author" in entry.raw or "editor" not in entry.raw else "editor"
    if people:
        item[role] = [_csl_name(p) for p in people]
    if _editors_beside_authors(entry):
        item["editor"] = [_csl_name(p) for p in _editors_beside_authors(entry)]
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
    """Values stay on one line: a line break would end a RIS tag or split a BibTeX field oddly.
    Control characters go; what UTF-8 cannot carry (a lone surrogate) becomes U+FFFD."""
    return clean(" ".join(_CONTROL.sub("", value).split()))


def balanced_braces(value: str) -> str:
    """The value with braces that pair: a quoted BibTeX value (or a page title, hooks/citethispage.py)
    may hold a lone '}' or '{', which inside the braces written around it would end the field
    early or take in the next one."""
    if "{" not in value and "}" not in value:
        return value
    out, opened = [], []   # opened: where each '{' still open stands in out
    for char in value:
        if char == "}" and not opened:
            continue
        if char == "{":
            opened.append(len(out))
        elif char == "}":
            opened.pop()
        out.append(char)
    for at in reversed(opened):
        del out[at]
    return "".join(out)


def _editors_beside_authors(entry: Entry) -> list:
    """The editors of an entry that has authors too (a chapter in an edited book, often inherited
    by crossref): `entry.authors` names only the authors then, and the editors were left out."""
    if "author" not in entry.raw or not entry.raw.get("editor", "").strip():
        return []
    return parse_names(entry.raw["editor"])[0]


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


# ---- each entry's records, made once --------------------------------------------

# What `record` makes of an entry: its COinS query and its record in each exported format.
_MAKERS: dict[str, Callable[[Entry], str]] = {"coins": coins, "bib": _bibtex_block, "ris": _ris_record,
                                              "json": _csl_element}
RECORD_KINDS = tuple(_MAKERS)


def record(entry: Entry, kind: str) -> str:
    """`coins(entry)` (kind "coins") or the entry's record in an exported format ("bib", "ris",
    "json"), made once per entry and kept with it (`Entry.exported`), also in the bibliography's
    disk cache (bibcache.py), where they are made for every entry when the cache is written.

    Measured (cProfile, the bench's N=100 MkDocs build, 7.25 s profiled against 4.13 s for
    the floor): the COinS queries took 0.45 s and the exported files 0.31 s of the 3.1 s that
    citations add; a build with a warm cache makes neither."""
    made = entry.exported.get(kind)
    if made is None:
        made = entry.exported[kind] = _MAKERS[kind](entry)
    return made


# ---- the files of a built site, and the links to them -----------------------------

class Format(NamedTuple):
    extension: str
    name: str          # what the link says
    media_type: str    # the link's `type` (a hint: the download attribute does the work)
    write: Callable[[Iterable[Entry]], str]


FORMATS = (Format("bib", "BibTeX", "application/x-bibtex", bibtex),
           Format("ris", "RIS", "application/x-research-info-systems", ris),
           Format("json", "CSL-JSON", "application/vnd.citationstyles.csl+json", csl_json))
# extension -> one entry's record, and how a file joins them (the same text as FORMATS' writers)
_RECORDS = (("bib", _bibtex_block, "\n".join), ("ris", _ris_record, "\n".join), ("json", _csl_element, _csl_array))
assert [r[0] for r in _RECORDS] == [f.extension for f in FORMATS]
FOLDER = "references"
SITE_BASE = f"{FOLDER}/all"        # the site-wide list; page files live apart, under pages/
_PAGES = f"{FOLDER}/pages/"
_SITE_FILES = tuple(f"{SITE_BASE}.{fmt.extension}" for fmt in FORMATS)
_SLUG = re.compile(r"[^a-z0-9]+")


def page_base(page_path: str) -> str:
    """Where a page's files go, without the extension: `production/kinetics.md` ->
    `references/pages/production/kinetics` (docs-relative path, as every host has it)."""
    stem = page_path[:-3] if page_path.endswith(".md") else page_path
    return _PAGES + stem.strip("/")


def site_files(pages: Mapping[str, Iterable[Entry]], listed: Iterable[Entry]) -> dict[str, str]:
    """Every exported file of a site: path in the site -> text. `pages` maps a page's docs-relative
    path to the entries of its reference list, `listed` is the site-wide list."""
    groups = {page_base(path): list(entries) for path, entries in pages.items()}
    groups[SITE_BASE] = list(listed)
    # Each entry's record made once (`record`), then joined per file as `bibtex`, `ris` and
    # `csl_json` join them: a site's files hold every cited entry at least twice (its pages', the
    # site-wide list). Measured on the bench's N=100 bibliography (100 pages of 15 entries and a
    # site-wide list of 700; in-process CPU, best of 3): 0.146 s -> 0.057 s with `_indented`, the
    # same files byte for byte.
    out = {}
    for base, entries in groups.items():
        if not entries:
            continue
        for ext, _, join in _RECORDS:
            out[f"{base}.{ext}"] = join([record(entry, ext) for entry in entries])
    return out


def taken_by_export(site_path: str) -> bool:
    """Whether a file of docs/ (a page too, by the path it is published at) would land where the
    export writes (`references/all.bib`, anything under `references/pages/`) or in a folder of
    that name: the export would replace it, or could not be written."""
    # A page published as `references/all.bib/index.html` needs a folder where the file goes.
    return site_path.startswith(_PAGES) or any(site_path == f or site_path.startswith(f + "/") for f in _SITE_FILES)


def taken_message(site_path: str) -> tuple[str, str]:
    """(message, hint) for a docs/ file at `site_path`, where the reference export writes."""
    return (f"this file would be published as {site_path}, where the reference export writes its files "
            f"(every page's references, {FOLDER}/all.* and {_PAGES}); the export would replace it",
            f"Move or rename the file: nothing of docs/ may go in {_PAGES} or be named {SITE_BASE}.*")


def build_files(build, paths: Mapping[str, str]) -> dict[str, str]:
    """`site_files` of a `citekit.SiteBuild`: `paths` maps each page (the host's key) to its
    docs-relative path; pages not in `paths` are left out."""
    entries = build.site.bib.entries
    pages = {paths[page]: [entries[k] for k in done.references]
             for page, done in build.pages.items() if page in paths}
    return site_files(pages, [entries[k] for k in build.site.listed_keys()])


def link_from(page_url: str, path: str) -> str:
    """A link to `path` (in the site) from the page at `page_url` (`production/kinetics/`, or
    `production/kinetics.html` without directory URLs): up to the site's root, then down, as
    Zensical writes it (the article HTML is then the same on every host), and valid from disk."""
    return "../" * page_url.count("/") + path


def page_downloads(page_path: str, link: Callable[[str], str], site_name: str) -> str:
    """The links to a page's own files, for the top of its reference list."""
    stem = page_path[:-3] if page_path.endswith(".md") else page_path
    if stem == "index" or stem.endswith("/index"):   # a folder's page is named by its folder
        stem = stem[:-len("index")]
    name = _slug(site_name, "site") + "-" + _slug(stem, "home")
    return _downloads("Download these references", page_base(page_path), name, link)


def site_downloads(link: Callable[[str], str], site_name: str) -> str:
    """The links to the site-wide files, for the top of the site-wide list."""
    return _downloads("Download every reference", SITE_BASE, _slug(site_name, "site") + "-references", link)


def _downloads(lead: str, base: str, name: str, link: Callable[[str], str]) -> str:
    # data-search-exclude as on the lists: the file names are nothing to search for. The path is
    # percent-encoded: a page named `a#b.md` or `a%20b.md` has files of that name, which a link
    # written as is would miss (the browser reads '#b.bib' as a fragment, '%20' as a space).
    links = " · ".join(f'<a class="reference-download" href="{attr(link(quote(f"{base}.{fmt.extension}")))}" '
                       f'download="{attr(f"{name}.{fmt.extension}")}" type="{fmt.media_type}">{fmt.name}</a>'
                       for fmt in FORMATS)
    return f'<p class="reference-downloads" data-search-exclude>{text(lead)}: {links}</p>'


def _slug(value: str, empty: str) -> str:
    """A file-name part: lower-case letters and digits joined by '-' (`empty` when none is left)."""
    return _SLUG.sub("-", value.lower()).strip("-") or empty
