"""Checks of bib/ against the project's own records of where each fact was seen.

Used by tests/test_sources.py (inside the repository only) and by scripts/verify_sources.py
(the maintainers' comparison with the source files outside it). Deliberately independent of
hooks/: a second, small BibTeX reader, so that a bug in the engine cannot hide a bad record.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import yaml

ID_FIELDS = ("doi", "pmid", "pmcid")
RECORD_FIELDS = frozenset({"bib_file", "authors", "authors_complete", *ID_FIELDS, "seen_in",
                           "missing", "cited_in_review_text", "source_notes"})
REQUIRED_FIELDS = ("bib_file", "authors", "authors_complete", "seen_in")
RUN_LENGTH = 8
SEED_SUMS = "SHA256SUMS"

Entry = tuple[Path, str, dict[str, str]]


# --------------------------------------------------------------------------- BibTeX reader
def _read_value(text: str, i: int) -> tuple[str, int]:
    """Read one field value starting at text[i]; return (raw value, index after it)."""
    parts = []
    while True:
        while text[i].isspace():
            i += 1
        ch = text[i]
        if ch == "{":
            depth, j = 0, i
            while True:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            parts.append(text[i + 1 : j])
            i = j + 1
        elif ch == '"':
            depth, j = 0, i + 1
            while text[j] != '"' or depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            parts.append(text[i + 1 : j])
            i = j + 1
        else:
            m = re.compile(r"[^\s,#}]+").match(text, i)
            parts.append(m.group(0))  # number or macro (e.g. month = may)
            i = m.end()
        while text[i].isspace():
            i += 1
        if text[i] != "#":
            return "".join(parts), i
        i += 1


def read_bib(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    """Return [(entry type, key, {field: raw value})] for every entry of a .bib file."""
    return read_bib_text(path.read_text(encoding="utf-8"), path.name)


def read_bib_text(text: str, name: str = "<text>") -> list[tuple[str, str, dict[str, str]]]:
    """`read_bib` of BibTeX text; `name` is what assertion messages call it."""
    entries = []
    for m in re.finditer(r"@\s*(\w+)\s*[{(]", text):
        etype = m.group(1).lower()
        if etype in ("comment", "string", "preamble"):
            continue
        km = re.compile(r"\s*([^,\s]+)\s*,").match(text, m.end())
        assert km, f"{name}: entry without key at offset {m.start()}"
        key, i, fields = km.group(1), km.end(), {}
        while True:
            fm = re.compile(r"\s*([A-Za-z][\w-]*)\s*=").match(text, i)
            if not fm:
                break
            value, i = _read_value(text, fm.end())
            field = fm.group(1).lower()
            assert field not in fields, f"{name}: {key}: field {field} given twice"
            fields[field] = value.strip()
            if text[i] == ",":
                i += 1
        end = re.compile(r"\s*[})]").match(text, i)
        assert end, f"{name}: {key}: cannot read field at offset {i}: {text[i : i + 40]!r}"
        entries.append((etype, key, fields))
    return entries


def bib_entries(root: Path) -> list[Entry]:
    """(file, key, fields) of every entry in root/bib/*.bib."""
    files = sorted((root / "bib").glob("*.bib"))
    assert files, f"no .bib files in {root / 'bib'}"
    return [(f, key, fields) for f in files for _, key, fields in read_bib(f)]


# --------------------------------------------------------------------------- authors
_ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "c": "\u0327", "u": "\u0306", "v": "\u030c",
            "H": "\u030b", "r": "\u030a", "k": "\u0328"}
_LETTERS = {"o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ", "aa": "å", "AA": "Å",
            "l": "ł", "L": "Ł", "i": "ı"}
_ACCENTED = re.compile(r"\{?\\([`'^\"~=.]|[cuvHrk](?=[\s{]))\s*\{?([A-Za-z])\}?\}?")
_LETTER = re.compile(r"\{\\(ss|ae|AE|aa|AA|o|O|l|L|i)\}|\\(ss|ae|AE|aa|AA|o|O|l|L|i)\b\s?")


def decode_name(text: str) -> str:
    """The accents and letters BibTeX names use, as Unicode; other braces dropped."""
    text = _ACCENTED.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]),
                         text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1) or m.group(2)], text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def bib_authors(field: str) -> tuple[list[str], bool]:
    """(names as written, complete?) of an author field; `and others` means incomplete."""
    names = [decode_name(n) for n in re.split(r"\s+and\s+", field.strip()) if n.strip()]
    complete = not names or names[-1].lower() != "others"
    return (names if complete else names[:-1]), complete


# --------------------------------------------------------------------------- provenance records
def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def provenance(root: Path) -> dict[str, dict]:
    return load_yaml(root / "seeds" / "provenance.yaml")["entries"]


def _names_a_place(text: object) -> bool:
    return isinstance(text, str) and ("http://" in text or "https://" in text or "the seed" in text)


def record_problems(key: str, rec: object) -> list[str]:
    """What is wrong with one record on its own (fields, types, seen_in)."""
    where = f"seeds/provenance.yaml: {key}"
    if not isinstance(rec, dict):
        return [f"{where}: a record is a mapping of fields (bib_file, authors, ...)"]
    problems = [f"{where}: unknown field '{f}'; fields are: {', '.join(sorted(RECORD_FIELDS))}"
                for f in rec if f not in RECORD_FIELDS]
    problems += [f"{where}: '{f}' is missing" for f in REQUIRED_FIELDS if f not in rec]
    authors = rec.get("authors")
    if "authors" in rec and not (isinstance(authors, list) and authors
                                 and all(isinstance(a, str) and a.strip() for a in authors)):
        problems.append(f"{where}: 'authors' must be a list of names like \"Surname, I.\"")
    if "authors_complete" in rec and not isinstance(rec["authors_complete"], bool):
        problems.append(f"{where}: 'authors_complete' must be true or false")
    seen = rec.get("seen_in")
    if "seen_in" in rec:
        places = seen.values() if isinstance(seen, dict) else [seen]
        if not places or not all(_names_a_place(p) for p in places):
            problems.append(f"{where}: every 'seen_in' value must give the public page address "
                            "(http:// or https://) where the fields were read")
    return problems


def provenance_problems(entries: list[Entry], records: dict[str, object], root: Path) -> list[str]:
    """Every disagreement between bib/ and seeds/provenance.yaml, one line each."""
    problems: list[str] = []
    for path, key, fields in entries:
        bib = path.relative_to(root).as_posix()
        rec = records.get(key)
        if rec is None:
            problems.append(f"{bib}: {key}: no record in seeds/provenance.yaml; add one as "
                            "CONTRIBUTING.md says (\"Adding a reference\", step 6)")
            continue
        problems += record_problems(key, rec)
        if not isinstance(rec, dict):
            continue
        if "bib_file" in rec and rec["bib_file"] != bib:
            problems.append(f"{bib}: {key}: provenance.yaml says bib_file {rec['bib_file']!r}")
        for f in ID_FIELDS:
            bib_v, rec_v = fields.get(f), rec.get(f)
            if bib_v is not None and rec_v is None:
                problems.append(f"{bib}: {key}: {f} {bib_v!r} is in bib but not in its record")
            elif bib_v is None and rec_v is not None:
                problems.append(f"{bib}: {key}: {f} {str(rec_v)!r} is in its record but not in bib")
            elif bib_v is not None and str(rec_v) != bib_v:
                problems.append(f"{bib}: {key}: {f} {bib_v!r} in bib, {str(rec_v)!r} in its record")
        if isinstance(rec.get("authors"), list) and "author" in fields:
            names, complete = bib_authors(fields["author"])
            if names != rec["authors"]:
                problems.append(f"{bib}: {key}: authors {names} in bib, {rec['authors']} in its record")
            if complete != rec.get("authors_complete", complete):
                problems.append(f"{bib}: {key}: author list {'complete' if complete else 'ends with and others'}"
                                f" in bib, authors_complete: {rec.get('authors_complete')} in its record")
    keys = {key for _, key, _ in entries}
    problems += [f"seeds/provenance.yaml: {k}: no entry with this key in bib/"
                 for k in sorted(set(records) - keys)]
    return problems


# --------------------------------------------------------------------------- the seed
def seed_sum_problems(seeds: Path) -> list[str]:
    """The seed files are unchanged: their SHA-256 equals seeds/SHA256SUMS."""
    sums = {}
    for line in (seeds / SEED_SUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    problems = []
    for name, digest in sorted(sums.items()):
        path = seeds / name
        if not path.is_file():
            problems.append(f"seeds/{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"seeds/{name} was changed (its SHA-256 differs from seeds/{SEED_SUMS})")
    return problems


# --------------------------------------------------------------------------- copied words
def words(text: str) -> list[str]:
    """Case- and punctuation-insensitive word list."""
    return re.findall(r"[^\W_]+", text.casefold())


def runs(text: str, n: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def copied_runs(text: str, original: str, n: int = RUN_LENGTH) -> list[str]:
    """Runs of n words of `original` that `text` repeats."""
    # citations, HTML tags and comments would otherwise split a copied run in two
    text = re.sub(r"<!--.*?-->|<[^>]+>|\[[^\]\[]*@[^\]]*\]", " ", text, flags=re.DOTALL)
    return sorted(" ".join(r) for r in runs(text, n) & runs(original, n))
