"""The bibliography: entries that remember where they were written, read from .bib files.

`load` reads files in order (later files may use earlier @strings), `bibparse` parses
each, and `bibcheck` checks the whole (crossrefs, aliases, required fields, markup,
identifiers). LaTeX is decoded only when a field is read, so a large bibliography costs
little when a site cites a few of its entries. Every problem is in `Bibliography.report`
with its file and line; files or entries that could not be read are in
`Bibliography.failed`, so that citations of their keys can be reported as unchecked
rather than unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import bibcache, identifiers
from .bibfix import shown
from .diagnostics import ADVICE, Report, display_path
from .latex import decode
from .names import Person, parse_names
from .sources import SourceList, find_sources

# Fields compared and shown as written (no LaTeX decoding), and the fields every entry needs;
# defined here and used by bibcheck, which (with bibparse) is imported only when .bib files are
# parsed: a build that reads the disk cache needs neither. Measured (callgrind, PYTHONHASHSEED=0,
# MkDocs + Material imported first, then hooks/citations.py): 893.7 M -> 866.0 M instructions,
# 0.9 % of an N=10 bench build without citations (3.12 G).
VERBATIM_FIELDS = frozenset({"url", "doi", "file", "pmid", "pmcid", "eprint", "urldate"})
REQUIRED_FIELDS = ("author", "title", "year")

__all__ = ["REQUIRED_FIELDS", "VERBATIM_FIELDS", "Bibliography", "Entry", "find_sources", "load", "load_cached",
           "parse_string"]

MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_TWO_DIGITS = re.compile(r"[0-9]{1,2}")


@dataclass
class Entry:
    key: str
    type: str
    path: str
    line: int
    raw: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    inherited: set[str] = field(default_factory=set)   # fields taken from the crossref'd entry
    _decoded: dict[str, str] = field(default_factory=dict, repr=False)
    # The entry as the reference export writes it (export.record): made once, kept on disk.
    exported: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def get(self, name: str, default: str = "") -> str:
        """The field as Unicode text (LaTeX decoded, except for identifiers and URLs)."""
        if name not in self.raw:
            return default
        if name not in self._decoded:
            value = self.raw[name]
            self._decoded[name] = " ".join(value.split()) if name in VERBATIM_FIELDS else decode(value)
        return self._decoded[name]

    def __contains__(self, name: str) -> bool:
        return name in self.raw

    @cached_property
    def authors(self) -> tuple[list[Person], bool]:
        """(people, complete): complete is False when the list ends with 'and others'."""
        source = "author" if "author" in self.raw else "editor"
        return parse_names(self.raw.get(source, ""))

    @cached_property
    def missing(self) -> frozenset[str]:
        """Fields the contributor marked as deliberately absent (`missing = {title}`)."""
        return frozenset(p.strip().lower() for p in self.get("missing").split(",") if p.strip())

    @cached_property
    def year(self) -> str:
        if "year" in self.raw:
            return self.get("year")
        date = self.get("date")
        return date[:4] if re.match(r"[0-9]{4}", date) else ""

    @cached_property
    def month(self) -> int:
        """1-12, or 0 when the entry gives no month that can be read (bibcheck reports it)."""
        text = self.get("month").strip()
        if _TWO_DIGITS.fullmatch(text):
            return int(text) if 1 <= int(text) <= 12 else 0
        if text[:3].lower() in MONTHS:
            return MONTHS[text[:3].lower()]
        m = re.match(r"[0-9]{4}-([0-9]{2})", self.get("date"))
        return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else 0

    @cached_property
    def day(self) -> int:
        m = re.match(r"[0-9]{4}-[0-9]{2}-([0-9]{2})", self.get("date"))
        if m:
            return int(m.group(1))
        day = self.get("day").strip()
        return int(day) if _TWO_DIGITS.fullmatch(day) else 0

    # Identifiers, normalised; "" when absent or not fit to link (bibcheck says why).
    @cached_property
    def doi(self) -> str:
        return identifiers.doi(self.get("doi"))[0]

    @cached_property
    def pmid(self) -> str:
        if "pmid" in self.raw:
            return identifiers.pmid(self.get("pmid"))[0]
        found = identifiers.NOTE_PMID.search(self.get("note"))   # Zotero's habit: note = {PMID: ...}
        return found.group(1) if found else ""

    @cached_property
    def pmcid(self) -> str:
        if "pmcid" in self.raw:
            return identifiers.pmcid(self.get("pmcid"))[0]
        found = identifiers.NOTE_PMCID.search(self.get("note"))
        return "PMC" + found.group(1)[3:] if found else ""


class EntryTable(dict):
    """Entries by key; a biblatex alias (`ids = {...}`) finds its entry too, but is never listed."""

    def __init__(self) -> None:
        super().__init__()
        self.aliases: dict[str, str] = {}

    def __missing__(self, key: str) -> Entry:
        return dict.__getitem__(self, self.aliases[key])

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.aliases

    def get(self, key: str, default: Entry | None = None) -> Entry | None:
        return self[key] if key in self else default


@dataclass
class Bibliography:
    entries: EntryTable = field(default_factory=EntryTable)
    preambles: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    sources: list[str] = field(default_factory=list)
    # (file as shown, line): files or entries that could not be read; entries from there on may be missing.
    failed: list[tuple[str, int]] = field(default_factory=list)
    # Keys defined more than once: what a citation of one says about its paper is not known.
    duplicated: set[str] = field(default_factory=set)
    # What later stages compute from entries alone, kept with them ("cards": style.card of each
    # key), in memory and in the disk cache (bibcache.py).
    derived: dict[str, dict] = field(default_factory=dict)

    @property
    def incomplete(self) -> bool:
        """Some file or entry could not be read."""
        return bool(self.failed)

    def canonical(self, key: str) -> str:
        """The entry's own key, for a key or one of its aliases."""
        return self.entries.aliases.get(key, key)

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __len__(self) -> int:
        return len(self.entries)


def load(paths: Iterable[Path], root: Path | None = None) -> Bibliography:
    """Parse every file, in the order given; later files may use earlier @strings."""
    paths = paths if isinstance(paths, SourceList) else [Path(p) for p in paths]
    return _load(paths, [_read(p) for p in paths], root)


def parse_string(text: str, path: str = "<string>") -> Bibliography:
    """Parse BibTeX source held in memory (for tests and tools)."""
    from . import bibcheck
    bib = Bibliography()
    _parse_into(bib, text, path, month_macros(), {})
    bibcheck.check(bib)
    return bib


def month_macros() -> dict[str, str]:
    """BibTeX's predefined @strings: jan = "January", ..."""
    names = "January February March April May June July August September October November December".split()
    return {name[:3].lower(): name for name in names}


_memo: list[tuple[tuple, Bibliography]] = []


def load_cached(paths: Iterable[Path], root: Path | None = None) -> Bibliography:
    """`load`, reused while no file's content changed: in memory (`mkdocs serve` rebuilds in
    one process) and, under `root`, on disk between builds (bibcache.py says why and how).

    The files are read each time and compared, byte for byte, with what was parsed.
    """
    paths = paths if isinstance(paths, SourceList) else [Path(p) for p in paths]
    contents = [_read(p) for p in paths]
    problems = tuple(getattr(paths, "problems", ()))
    signature = (str(root), tuple(map(str, paths)), tuple(c if isinstance(c, bytes) else str(c) for c in contents),
                 problems)
    if not _memo or _memo[0][0] != signature:
        _memo[:] = [(signature, _load_through_disk(paths, contents, root))]
    return _memo[0][1]


def _load_through_disk(paths: list[Path], contents: list[bytes | OSError], root: Path | None) -> Bibliography:
    if root is None or not all(isinstance(c, bytes) for c in contents):
        return _load(paths, contents, root)   # a file that cannot be read: reported afresh every time
    key = bibcache.cache_key(root, paths, contents, list(getattr(paths, "problems", ())))
    path = bibcache.cache_file(root)
    bib = bibcache.read(path, key, display_path(path, root))
    if bib is None:
        bib = _load(paths, contents, root)
        bibcache.write(path, key, bib)
    return bib


def _read(path: Path) -> bytes | OSError:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        return err


def _load(paths: list[Path], contents: list[bytes | OSError], root: Path | None) -> Bibliography:
    from . import bibcheck
    bib = Bibliography()
    bib.report.items.extend(getattr(paths, "problems", ()))
    macros, depths = month_macros(), {}
    for path, data in zip(paths, contents, strict=True):
        where = display_path(path, root)
        bib.sources.append(where)
        text = _text(bib, path, where, data)
        if text is not None:
            _parse_into(bib, text, where, macros, depths)
    bibcheck.check(bib)
    return bib


def _text(bib: Bibliography, path: Path, where: str, data: bytes | OSError) -> str | None:
    """The file's text, or None (reported, and recorded as failed) when it cannot be read."""
    if isinstance(data, OSError):
        if Path(path).is_symlink() and not Path(path).exists():
            bib.report.add(where, 1, "cannot read the file: it is a symbolic link to a file that does not exist",
                           hint="Point the link at an existing .bib file, or delete the link")
        else:
            bib.report.add(where, 1, f"cannot read the file ({data.strerror or type(data).__name__})",
                           hint="Check that the file exists and can be read")
        bib.failed.append((where, 1))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bib.failed.append((where, 1))
        bib.report.add(where, line, f"the file is not UTF-8 (byte 0x{data[err.start]:02x} is not valid here)",
                       hint="Save it as UTF-8: in JabRef or Zotero choose the UTF-8 encoding when exporting")
        return None
    return text


def _parse_into(bib: Bibliography, text: str, where: str, macros: dict[str, str], depths: dict[str, int]) -> None:
    if "\r" in text.replace("\r\n", ""):
        # Line breaks of classic Mac OS: read as line breaks (a '%' line would otherwise hide the file).
        bib.report.add(where, 1, "the file ends its lines with a lone carriage return (CR); they were read as "
                       "line breaks", severity=ADVICE, hint="Save the file with LF line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    from .bibparse import parse
    result = parse(text, where, bib.report, macros, depths)
    bib.preambles.extend(result.preambles)
    bib.failed.extend((where, line) for line in result.failed_lines)
    for raw in result.entries:
        entry = Entry(key=raw.key, type=raw.type, path=where, line=raw.line, raw=raw.raw, lines=raw.lines)
        other = dict.get(bib.entries, entry.key)
        if other is not None:
            bib.report.add(entry.path, entry.line, f"duplicate key '{shown(entry.key)}': it is already defined at "
                           f"{shown(other.path, 200)}:{other.line}",
                           hint="Delete this copy if it is the same paper; if it is another paper, give this entry "
                           "a key of its own (a letter after the year) and leave the other key as it is, since "
                           "pages cite it; nothing was overwritten")
            bib.duplicated.add(entry.key)
            continue
        bib.entries[entry.key] = entry

