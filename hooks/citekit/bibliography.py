"""Parse BibTeX files into entries that remember where they were written.

The parser splits files with regular expressions and keeps field values raw;
LaTeX is decoded only when a field is read, so a large bibliography costs
little when a site cites a few of its entries. Every problem is recorded in a
Report with its file and line; a bad entry never hides the ones after it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import pickle
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .diagnostics import WARNING, Report, display_path
from .latex import decode
from .names import Person, parse_names

# Fields whose values are addresses or identifiers, never LaTeX.
VERBATIM_FIELDS = frozenset({"url", "doi", "file", "pmid", "pmcid", "eprint", "urldate"})
REQUIRED_FIELDS = ("author", "title", "year")
MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH_NAMES = ("January February March April May June July August September October "
                "November December").split()

_AT = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*")
_KEY = re.compile(r"[ \t\r\n]*([^\s,{}()=\"#%'~\\]+)[ \t\r\n]*")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z_][\w\-:.+]*)[ \t\r\n]*")
_WS = re.compile(r"(?:[ \t\r\n]+|%[^\n]*\n?)*")  # white space and % comment lines
# A line that starts a new entry cannot be inside a value: seeing one means a brace was not closed.
_BRACE = re.compile(r"[{}]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
_QUOTE_OR_BRACE = re.compile(r'[{}"]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]')
_NUMBER = re.compile(r"\d+")
_NEXT_ENTRY = re.compile(r"@[A-Za-z]+[ \t]*[{(]")
_NAME = re.compile(r"[A-Za-z_][\w\-:.+]*")


@dataclass
class Entry:
    key: str
    type: str
    path: str
    line: int
    raw: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    _decoded: dict[str, str] = field(default_factory=dict, repr=False)

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

    def __getstate__(self) -> dict:
        # What was decoded stays out of the disk cache: it is bulky, and the style keeps
        # what it needs in Bibliography.derived.
        return {name: self.__dict__[name] for name in ("key", "type", "path", "line", "raw", "lines")} | \
            {"_decoded": {}}

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
        return date[:4] if re.match(r"\d{4}", date) else ""

    @cached_property
    def month(self) -> int:
        text = self.get("month").strip().lower()[:3]
        if text.isdigit():
            return int(text)
        if text in MONTHS:
            return MONTHS[text]
        m = re.match(r"\d{4}-(\d{2})", self.get("date"))
        return int(m.group(1)) if m else 0

    @cached_property
    def day(self) -> int:
        m = re.match(r"\d{4}-\d{2}-(\d{2})", self.get("date"))
        if m:
            return int(m.group(1))
        return int(self.get("day")) if self.get("day").isdigit() else 0


@dataclass
class Bibliography:
    entries: dict[str, Entry] = field(default_factory=dict)
    preambles: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    sources: list[str] = field(default_factory=list)
    incomplete: bool = False   # some entry or file could not be read
    # What later stages compute from entries (the style's cards), saved with the parse by
    # `save_derived`, so that an unchanged bibliography is not formatted again next build.
    derived: dict[str, dict] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __len__(self) -> int:
        return len(self.entries)


def load(paths: Iterable[Path], root: Path | None = None) -> Bibliography:
    """Parse every file, in the order given; later files may use earlier @strings."""
    bib = Bibliography()
    macros = _month_macros()
    for path in paths:
        shown = display_path(path, root)
        bib.sources.append(shown)
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            bib.report.add(shown, 0, f"cannot read the file ({err.strerror})")
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            bib.incomplete = True
            bib.report.add(shown, line, f"the file is not UTF-8 (byte 0x{data[err.start]:02x} is not valid here)",
                           hint="Save it as UTF-8: in JabRef or Zotero choose the UTF-8 encoding when exporting")
            continue
        _Parser(text, shown, bib, macros).run()
    _resolve_crossrefs(bib)
    _check_required(bib)
    return bib


def parse_string(text: str, path: str = "<string>") -> Bibliography:
    """Parse BibTeX source held in memory (for tests and tools)."""
    bib = Bibliography()
    _Parser(text, path, bib, _month_macros()).run()
    _resolve_crossrefs(bib)
    _check_required(bib)
    return bib


def _month_macros() -> dict[str, str]:
    """BibTeX's predefined @strings: jan = "January", ..."""
    return {name: _MONTH_NAMES[n - 1] for name, n in MONTHS.items()}


class _SyntaxProblem(Exception):
    def __init__(self, pos: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint


class _Parser:
    def __init__(self, text: str, path: str, bib: Bibliography, macros: dict[str, str]) -> None:
        self.s = text
        self.path = path
        self.bib = bib
        self.macros = macros
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self._newlines, pos - 1) + 1

    def run(self) -> None:
        s, pos = self.s, 0
        while True:
            at = s.find("@", pos)
            if at < 0:
                return
            # Text between entries is a comment, as in BibTeX; so is a line starting with %.
            line_start = s.rfind("\n", 0, at) + 1
            if s[line_start:at].lstrip().startswith("%"):
                pos = at + 1
                continue
            try:
                pos = self.item(at)
            except _SyntaxProblem as err:
                self.bib.incomplete = True
                self.bib.report.add(self.path, self.line(err.pos), err.message, hint=err.hint)
                pos = self._next_item(err.pos, at)

    def _next_item(self, pos: int, start: int) -> int:
        """Resume at the next line that starts with '@' (error recovery)."""
        m = re.compile(r"^[ \t]*@", re.M).search(self.s, max(pos, start + 1))
        if m is None:
            return len(self.s)
        # Never resume inside the failed entry's own first line.
        return m.end() - 1 if m.end() - 1 > start else start + 1

    def item(self, at: int) -> int:
        s = self.s
        m = _AT.match(s, at)
        if not m:
            raise _SyntaxProblem(at, "'@' is not followed by an entry type",
                                 "Write @article{key, ...}; to write a literal @ outside entries, drop it")
        kind = sys.intern(m.group(1).lower())
        pos = m.end()
        if kind == "comment":
            if pos < len(s) and s[pos] in "{(":
                return self._skip_group(pos, kind)
            return pos
        if pos >= len(s) or s[pos] not in "{(":
            raise _SyntaxProblem(at, f"expected '{{' or '(' after '@{m.group(1)}'",
                                 "An entry looks like @article{key, title = {...}}")
        close = "}" if s[pos] == "{" else ")"
        open_pos = pos
        pos += 1
        if kind == "preamble":
            value, pos = self.value(pos, open_pos)
            self.bib.preambles.append(value)
            return self._expect_close(pos, close, open_pos, "@preamble")
        if kind == "string":
            return self.string(pos, close, open_pos)
        km = _KEY.match(s, pos)
        if not km or s[km.end():km.end() + 1] not in (",", close):
            found = s[pos:pos + 20].split("\n")[0].strip()
            raise _SyntaxProblem(pos, f"entry '@{m.group(1)}' has no key (found '{found}')",
                                 "Write @" + m.group(1) + "{key, ...} with a key such as steensberg2000")
        key = km.group(1)
        entry = Entry(key=key, type=kind, path=self.path, line=self.line(at))
        pos = km.end()
        pos = self.fields(pos, close, open_pos, entry)
        self.add(entry)
        return pos

    def string(self, pos: int, close: str, open_pos: int) -> int:
        pos = _WS.match(self.s, pos).end()
        nm = _NAME.match(self.s, pos)
        if not nm:
            raise _SyntaxProblem(pos, "@string needs a name", "Write @string{jphysiol = {J Physiol}}")
        pos = _WS.match(self.s, nm.end()).end()
        if self.s[pos:pos + 1] != "=":
            raise _SyntaxProblem(pos, f"expected '=' after @string name '{nm.group()}'",
                                 "Write @string{name = {value}}")
        value, pos = self.value(pos + 1, open_pos)
        self.macros[nm.group().lower()] = value
        return self._expect_close(pos, close, open_pos, "@string")

    def fields(self, pos: int, close: str, open_pos: int, entry: Entry) -> int:
        s = self.s
        previous, previous_end = None, pos
        entry_value_start: dict[str, int] = {}
        while True:
            pos = _WS.match(s, pos).end()
            if pos >= len(s):
                raise _SyntaxProblem(open_pos, f"entry '{entry.key}' is not closed: the '{s[open_pos]}' on "
                                     f"line {self.line(open_pos)} has no matching '{close}'",
                                     f"Add the missing '{close}' at the end of the entry")
            ch = s[pos]
            if ch == close:
                return pos + 1
            if ch == ",":
                pos = _WS.match(s, pos + 1).end()
                if pos < len(s) and s[pos] == close:
                    return pos + 1
                fm = _FIELD.match(s, pos)
                if not fm:
                    raise _SyntaxProblem(pos, f"expected a field name in entry '{entry.key}', found "
                                         f"'{s[pos:pos + 15].splitlines()[0] if s[pos:pos + 15].strip() else s[pos]}'",
                                         "Fields look like: title = {...},")
                # Interned: thousands of entries then share one string per field name, in
                # memory and in the disk cache (pickle writes a shared object once).
                name = sys.intern(fm.group(1).lower())
                npos = _WS.match(s, fm.end()).end()
                if s[npos:npos + 1] != "=":
                    raise _SyntaxProblem(npos, f"expected '=' after field name '{fm.group(1)}' in entry "
                                         f"'{entry.key}'", "Fields look like: title = {...},")
                field_line = self.line(fm.start(1))
                entry_value_start[name] = npos + 1
                value, pos = self.value(npos + 1, open_pos, entry.key)
                if name in entry.raw:
                    self.bib.report.add(self.path, field_line,
                                        f"field '{name}' is given twice in entry '{entry.key}' "
                                        f"(first on line {entry.lines[name]})",
                                        severity=WARNING, hint="Keep one of them; the first is used")
                else:
                    entry.raw[name] = value
                    entry.lines[name] = field_line
                previous, previous_end = name, self.value_end
                continue
            if previous is None:
                raise _SyntaxProblem(pos, f"expected ',' after the key '{entry.key}'",
                                     "Write @article{key, title = {...}}")
            if _NEXT_ENTRY.match(s, pos):
                # The entry's own closing brace was used up by a '{' left open inside a value.
                raise _SyntaxProblem(entry_value_start.get(previous, previous_end),
                                     f"unbalanced braces in entry '{entry.key}': a '{{' in field '{previous}' "
                                     f"is never closed, so the entry runs into the next one",
                                     "Add the missing '}' in that field")
            word = s[pos:pos + 20].split()[0] if s[pos:pos + 20].split() else s[pos]
            # Point at the line where the comma belongs, not where the next field starts.
            raise _SyntaxProblem(previous_end, f"missing ',' after field '{previous}' in entry '{entry.key}' "
                                 f"(found '{word}')", "Put a comma between fields")

    def value(self, pos: int, open_pos: int, key: str = "") -> tuple[str, int]:
        """A field value: pieces joined with '#'. Returns (raw text, position after)."""
        s = self.s
        pieces = []
        while True:
            pos = _WS.match(s, pos).end()
            if pos >= len(s):
                raise _SyntaxProblem(open_pos, f"entry{' ' + repr(key) if key else ''} ends before its value",
                                     "Add the value and the closing brace")
            ch = s[pos]
            if ch == "{":
                end = self._balanced(pos, key)
                pieces.append(s[pos + 1:end])
                pos = end + 1
            elif ch == '"':
                end = self._quoted(pos, key)
                pieces.append(s[pos + 1:end])
                pos = end + 1
            elif (num := _NUMBER.match(s, pos)) is not None:
                pieces.append(num.group())
                pos = num.end()
            elif (nm := _NAME.match(s, pos)) is not None:
                name = nm.group().lower()
                if name not in self.macros:
                    self.bib.report.add(self.path, self.line(pos), f"undefined @string '{nm.group()}'",
                                        hint=f"Define it with @string{{{nm.group()} = {{...}}}} in a .bib file, "
                                             f"or write the value in braces: {{{nm.group()}}}")
                    pieces.append("")
                else:
                    pieces.append(self.macros[name])
                pos = nm.end()
            else:
                raise _SyntaxProblem(pos, f"expected a value in {{braces}}, \"quotes\", a number or a @string "
                                     f"name, found '{ch}'", "Write the value in braces: title = {...}")
            self.value_end = pos
            pos = _WS.match(s, pos).end()
            if s[pos:pos + 1] != "#":
                return "".join(pieces), pos
            pos += 1

    def _balanced(self, start: int, key: str) -> int:
        depth = 0
        for m in _BRACE.finditer(self.s, start):
            if m.group() == "{":
                depth += 1
            elif m.group() != "}":
                break
            else:
                depth -= 1
                if depth == 0:
                    return m.start()
        raise _SyntaxProblem(start, f"unbalanced braces{' in entry ' + repr(key) if key else ''}: the '{{' on "
                             f"line {self.line(start)} is never closed", "Add the missing '}' at the end of the value")

    def _quoted(self, start: int, key: str) -> int:
        depth = 0
        for m in _QUOTE_OR_BRACE.finditer(self.s, start + 1):
            c = m.group()
            if len(c) > 1:
                break
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            elif depth == 0:
                return m.start()
        raise _SyntaxProblem(start, f"the '\"' on line {self.line(start)} is never closed"
                             f"{' in entry ' + repr(key) if key else ''}", "Add the closing '\"'")

    def _expect_close(self, pos: int, close: str, open_pos: int, what: str) -> int:
        pos = _WS.match(self.s, pos).end()
        if self.s[pos:pos + 1] != close:
            raise _SyntaxProblem(pos, f"{what} is not closed with '{close}'", f"Add '{close}'")
        return pos + 1

    def _skip_group(self, pos: int, kind: str) -> int:
        close = "}" if self.s[pos] == "{" else ")"
        if close == "}":
            return self._balanced(pos, "") + 1
        end = self.s.find(")", pos)
        return len(self.s) if end < 0 else end + 1

    def add(self, entry: Entry) -> None:
        other = self.bib.entries.get(entry.key)
        if other is not None:
            self.bib.report.add(entry.path, entry.line,
                                f"duplicate key '{entry.key}': it is already defined at {other.path}:{other.line}",
                                hint="Rename one of the two entries or delete the copy; nothing was overwritten")
            return
        self.bib.entries[entry.key] = entry


_CROSSREF_RENAME = {"title": "booktitle", "subtitle": "booksubtitle"}


def _resolve_crossrefs(bib: Bibliography) -> None:
    for entry in bib.entries.values():
        target = entry.raw.get("crossref")
        if target is None:
            continue
        parent = bib.entries.get(target.strip())
        if parent is None:
            bib.report.add(entry.path, entry.lines["crossref"],
                           f"entry '{entry.key}' has crossref '{target}', which is not in any loaded .bib file",
                           hint="Add the referenced entry or remove the crossref field")
            continue
        for name, value in parent.raw.items():
            name = _CROSSREF_RENAME.get(name, name) if parent.type in ("book", "proceedings", "collection") else name
            if name not in entry.raw and name not in ("crossref", "ids"):
                entry.raw[name] = value
                entry.lines[name] = parent.lines.get(name, parent.line)


_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|\bon[a-z]+\s*=", re.I)
_WEB_ADDRESS = re.compile(r"https?://\S+", re.I)


def _check_required(bib: Bibliography) -> None:
    for entry in bib.entries.values():
        for name, value in entry.raw.items():
            if name not in VERBATIM_FIELDS and (m := _MARKUP.search(value)):
                bib.report.add(entry.path, entry.lines.get(name, entry.line),
                               f"field '{name}' of entry '{entry.key}' contains HTML ('{m.group()[:30]}')",
                               severity=WARNING, hint="BibTeX fields are plain text or LaTeX: remove the markup "
                               "(write \\textit{...} for italics); it is shown as text, never run")
        url = entry.raw.get("url", "").strip()
        if url and not _WEB_ADDRESS.fullmatch(url):
            bib.report.add(entry.path, entry.lines["url"],
                           f"field 'url' of entry '{entry.key}' is not an http(s) address ('{url[:40]}')",
                           severity=WARNING, hint="Write a full https:// address, or remove the field; "
                           "it will not be linked")
        for name in REQUIRED_FIELDS:
            present = name in entry.raw or (name == "author" and "editor" in entry.raw) or \
                (name == "year" and "date" in entry.raw)
            if not present and name not in entry.missing:
                bib.report.add(entry.path, entry.line, f"entry '{entry.key}' has no {name}",
                               severity=WARNING,
                               hint=f"Add a {name} field, or mark the gap as deliberate with missing = {{{name}}}")


@dataclass
class _Held:
    """A bibliography kept in memory, the disk file it came from, and how much of it is saved."""

    bib: Bibliography
    file: Path | None
    saved: int = 0   # size of bib.derived when last read or written


_CACHE: dict[tuple, _Held] = {}
_FORMAT = "citekit-bibliography-2"   # change when Entry or Bibliography change shape


def load_cached(paths: Iterable[Path], root: Path | None = None, cache_dir: Path | None = None) -> Bibliography:
    """`load`, reused while no file changed.

    In memory, keyed by modification times (so `mkdocs serve` does not parse again); on
    disk in `cache_dir`, keyed by the files' contents and the engine's code (so a fresh
    build of an unchanged bibliography skips parsing). A cache that cannot be read or
    written is ignored.
    """
    paths = [Path(p) for p in paths]
    stamp = []
    for p in paths:
        try:
            st = p.stat()
            stamp.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append((str(p), None, None))
    signature = (str(root), tuple(stamp))
    if signature not in _CACHE:
        _CACHE.clear()
        bib, file = _load_from_disk_cache(paths, root, cache_dir)
        _CACHE[signature] = _Held(bib, file, _derived_size(bib))
    return _CACHE[signature].bib


def save_derived(bib: Bibliography) -> None:
    """Write a cached bibliography back to disk if later stages have added to `derived`."""
    held = next((h for h in _CACHE.values() if h.bib is bib), None)
    if held is None or held.file is None or _derived_size(bib) == held.saved:
        return
    _write(held.file, bib)
    held.saved = _derived_size(bib)


def _derived_size(bib: Bibliography) -> int:
    return sum(len(v) for v in bib.derived.values())


def _load_from_disk_cache(paths: list[Path], root: Path | None,
                          cache_dir: Path | None) -> tuple[Bibliography, Path | None]:
    """The bibliography, and the file that holds it on disk (None: not cached)."""
    if cache_dir is None:
        return load(paths, root), None
    # Resolved, so that `-f mkdocs.yml` and `-f /abs/path/mkdocs.yml` share one cache entry.
    digest = hashlib.sha256(f"{_FORMAT}\0{_engine_digest()}\0{Path(root).resolve() if root else ''}".encode())
    for p in paths:
        digest.update(str(p.resolve()).encode() + b"\0")
        try:
            digest.update(p.read_bytes())
        except OSError:
            return load(paths, root), None
    cached = Path(cache_dir) / f"{digest.hexdigest()[:32]}.pickle"
    bib = None
    try:
        with cached.open("rb") as fh:
            bib = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    if not isinstance(bib, Bibliography):
        bib = load(paths, root)
        _write(cached, bib, replacing="*.pickle")
    return bib, cached


def _write(cached: Path, bib: Bibliography, replacing: str = "") -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(replacing) if replacing else ():
            old.unlink(missing_ok=True)
        temporary = cached.with_suffix(".tmp")
        with temporary.open("wb") as fh:
            pickle.dump(bib, fh, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cached)
    except OSError:
        pass


@functools.cache
def _engine_digest() -> str:
    """A digest of this package's code: what it saved is only valid for the code that made it."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def find_sources(root: Path, patterns: Iterable[str]) -> list[Path]:
    """Files matching the glob patterns (relative to root), sorted, each once."""
    found: list[Path] = []
    for pattern in patterns:
        for p in sorted(Path(root).glob(pattern)):
            if p.is_file() and p not in found:
                found.append(p)
    return found
