"""Checks that the site's bibliographic data and text stay tied to the shared sources.

(a) every doi/pmid/pmcid in bib/*.bib is recorded for that key in seeds/provenance.yaml and equals
    literature.yaml's value; (b) every bib key is a literature.yaml key; (c) every claim ID the docs use
    exists in seeds/review.yaml; (d) no run of 8+ consecutive words of the seed's abstract appears in
    docs/**/*.md; (e) the seed in seeds/ is byte-identical to ../shared/seeds/.

The project root is the parent of this file's folder; the shared sources are looked up in ../shared
beside it. The BibTeX reader below is deliberately self-contained (it does not import hooks/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LITERATURE = SHARED / "source" / "literature.yaml"
SHARED_SEEDS = SHARED / "seeds"
BIB_DIR = ROOT / "bib"
SEEDS = ROOT / "seeds"
DOCS = ROOT / "docs"

ID_FIELDS = ("doi", "pmid", "pmcid")
RUN_LENGTH = 8
# Keys deliberately kept out of bib/ (sources README / task brief: nothing from it is used).
EXCLUDED_KEYS = {"pflugers2003review"}


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
    text = path.read_text(encoding="utf-8")
    entries = []
    for m in re.finditer(r"@\s*(\w+)\s*[{(]", text):
        etype = m.group(1).lower()
        if etype in ("comment", "string", "preamble"):
            continue
        km = re.compile(r"\s*([^,\s]+)\s*,").match(text, m.end())
        assert km, f"{path.name}: entry without key at offset {m.start()}"
        key, i, fields = km.group(1), km.end(), {}
        while True:
            fm = re.compile(r"\s*([A-Za-z][\w-]*)\s*=").match(text, i)
            if not fm:
                break
            value, i = _read_value(text, fm.end())
            name = fm.group(1).lower()
            assert name not in fields, f"{path.name}: {key}: field {name} given twice"
            fields[name] = value.strip()
            if text[i] == ",":
                i += 1
        end = re.compile(r"\s*[})]").match(text, i)
        assert end, (
            f"{path.name}: {key}: cannot read field at offset {i}: {text[i : i + 40]!r}"
        )
        entries.append((etype, key, fields))
    return entries


def bib_entries() -> list[tuple[Path, str, dict[str, str]]]:
    files = sorted(BIB_DIR.glob("*.bib"))
    assert files, f"no .bib files in {BIB_DIR}"
    return [(f, key, fields) for f in files for _, key, fields in read_bib(f)]


# --------------------------------------------------------------------------- other sources
def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def literature() -> dict[str, dict]:
    if not LITERATURE.is_file():
        pytest.skip(
            f"shared sources not found at {LITERATURE}; cannot compare with literature.yaml"
        )
    return {item["key"]: item for item in load_yaml(LITERATURE)}


def provenance() -> dict[str, dict]:
    return load_yaml(SEEDS / "provenance.yaml")["entries"]


def review_claim_ids() -> set[str]:
    return {c["id"] for c in load_yaml(SEEDS / "review.yaml")["claims"]}


def doc_pages() -> list[Path]:
    return sorted(DOCS.glob("**/*.md"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", text, re.DOTALL)
    return (yaml.safe_load(m.group(1)) or {}) if m else {}


def seed_file() -> Path:
    seeds = [
        p
        for p in sorted(SEEDS.glob("*.txt"))
        if "\nAbstract\n" in p.read_text(encoding="utf-8")
    ]
    assert len(seeds) == 1, (
        f"expected exactly one seed record with an Abstract in {SEEDS}, found {seeds}"
    )
    return seeds[0]


def seed_abstract() -> str:
    """The Abstract paragraph of the seed (PubMed record): lines after 'Abstract' up to 'PubMed Disclaimer'."""
    lines = seed_file().read_text(encoding="utf-8").splitlines()
    start = lines.index("Abstract") + 1
    body = []
    for line in lines[start:]:
        if line.strip() in ("PubMed Disclaimer", "Figures", "Keywords"):
            break
        body.append(line.strip())
    abstract = " ".join(x for x in body if x)
    assert len(words(abstract)) > 50, f"abstract extraction looks wrong: {abstract!r}"
    return abstract


def words(text: str) -> list[str]:
    """Case- and punctuation-insensitive word list."""
    return re.findall(r"[^\W_]+", text.casefold())


def runs(text: str, n: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def copied_runs(text: str, abstract: str, n: int = RUN_LENGTH) -> list[str]:
    # citations, HTML tags and comments would otherwise split a copied run in two
    text = re.sub(r"<!--.*?-->|<[^>]+>|\[[^\]\[]*@[^\]]*\]", " ", text, flags=re.DOTALL)
    return sorted(" ".join(r) for r in runs(text, n) & runs(abstract, n))


# --------------------------------------------------------------------------- (a) identifiers
def test_bib_identifiers_are_in_provenance():
    prov = provenance()
    problems = []
    for path, key, fields in bib_entries():
        rec = prov.get(key)
        if rec is None:
            problems.append(f"{path.name}: {key}: no entry in seeds/provenance.yaml")
            continue
        for f in ID_FIELDS:
            bib_v, prov_v = fields.get(f), rec.get(f)
            if bib_v is not None and str(prov_v) != bib_v:
                problems.append(
                    f"{path.name}: {key}: {f} {bib_v!r} in bib, {prov_v!r} in provenance.yaml"
                )
            if bib_v is None and prov_v is not None:
                problems.append(
                    f"{path.name}: {key}: {f} {prov_v!r} in provenance.yaml but not in bib"
                )
    bib_keys = {key for _, key, _ in bib_entries()}
    problems += [
        f"provenance.yaml: {k}: not in bib/" for k in sorted(set(prov) - bib_keys)
    ]
    assert not problems, "\n".join(problems)


def test_bib_identifiers_equal_literature():
    lit = literature()
    problems = []
    for path, key, fields in bib_entries():
        item = lit.get(key)
        if item is None:
            continue  # reported by test_bib_keys_are_literature_keys
        for f in ID_FIELDS:
            bib_v, lit_v = fields.get(f), item.get(f)
            if bib_v is not None and (lit_v is None or str(lit_v) != bib_v):
                problems.append(
                    f"{path.name}: {key}: {f} {bib_v!r} in bib, {lit_v!r} in literature.yaml"
                )
            if bib_v is None and lit_v is not None:
                problems.append(
                    f"{path.name}: {key}: {f} {lit_v!r} in literature.yaml is missing from bib"
                )
    assert not problems, "\n".join(problems)


def test_provenance_seen_in_copied_from_literature():
    lit, prov = literature(), provenance()
    problems = []
    for key, rec in prov.items():
        item = lit.get(key, {})
        for f in ("seen_in", "provenance"):
            if rec.get(f) != item.get(f):
                problems.append(
                    f"provenance.yaml: {key}: {f} differs from literature.yaml"
                )
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- (b) keys
def test_bib_keys_are_literature_keys():
    lit = literature()
    unknown = [f"{p.name}: {k}" for p, k, _ in bib_entries() if k not in lit]
    assert not unknown, "bib keys not in literature.yaml:\n" + "\n".join(unknown)


def test_bib_keys_unique():
    seen: dict[str, str] = {}
    dupes = []
    for path, key, _ in bib_entries():
        if key in seen:
            dupes.append(f"{key} in {seen[key]} and {path.name}")
        seen[key] = path.name
    assert not dupes, "duplicate bib keys:\n" + "\n".join(dupes)


def test_bib_covers_literature():
    expected = set(literature()) - EXCLUDED_KEYS
    keys = {key for _, key, _ in bib_entries()}
    assert keys == expected, (
        f"missing from bib: {sorted(expected - keys)}; unexpected: {sorted(keys - expected)}"
    )


# --------------------------------------------------------------------------- (c) claim IDs
CLAIM_MENTION = re.compile(
    r"\bclaims?\s+([AIC]\d+(?:\s*(?:,|and|or|to|-|–)\s*[AIC]\d+)*)"
)


def test_front_matter_claim_ids_exist():
    known = review_claim_ids()
    problems = []
    for page in doc_pages():
        claims = front_matter(page).get("claims") or []
        if not isinstance(claims, list):
            problems.append(
                f"{page.relative_to(ROOT)}: claims must be a list, got {claims!r}"
            )
            continue
        problems += [
            f"{page.relative_to(ROOT)}: unknown claim ID {c!r}"
            for c in claims
            if str(c) not in known
        ]
    assert not problems, "\n".join(problems)


def test_claim_ids_named_in_text_exist():
    known = review_claim_ids()
    problems = []
    for page in doc_pages():
        for m in CLAIM_MENTION.finditer(page.read_text(encoding="utf-8")):
            problems += [
                f"{page.relative_to(ROOT)}: '{m.group(0)}' names unknown claim {c}"
                for c in re.findall(r"[AIC]\d+", m.group(1))
                if c not in known
            ]
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- (d) no copied abstract
def test_run_detector_catches_a_copy():
    abstract = seed_abstract()
    copied = " ".join(words(abstract)[10 : 10 + RUN_LENGTH]).upper() + "!"
    assert copied_runs(f"Some text; {copied} more text.", abstract)
    shorter = " ".join(words(abstract)[10 : 10 + RUN_LENGTH - 1])
    assert not copied_runs(f"Some text; {shorter} more text.", abstract)


def test_docs_do_not_copy_the_abstract():
    abstract = seed_abstract()
    problems = []
    for page in doc_pages():
        for run in copied_runs(page.read_text(encoding="utf-8"), abstract):
            problems.append(f"{page.relative_to(ROOT)}: copies '{run}'")
    assert not problems, (
        f"runs of {RUN_LENGTH}+ words from the seed's abstract:\n" + "\n".join(problems)
    )


def test_review_yaml_paraphrases_do_not_copy_the_abstract():
    abstract = seed_abstract()
    review = load_yaml(SEEDS / "review.yaml")
    texts = [c["text"] for c in review["claims"]] + [
        review["figure_1"]["legend_paraphrase"]
    ]
    problems = [run for t in texts for run in copied_runs(t, abstract)]
    assert not problems, "seeds/review.yaml copies the abstract:\n" + "\n".join(
        problems
    )


# --------------------------------------------------------------------------- (e) seed unchanged
def test_seed_is_byte_identical_to_shared():
    if not SHARED_SEEDS.is_dir():
        pytest.skip(
            f"{SHARED_SEEDS} not found; cannot compare the seed with the shared copy"
        )
    originals = sorted(p for p in SHARED_SEEDS.iterdir() if p.is_file())
    assert originals, f"no files in {SHARED_SEEDS}"
    problems = []
    for original in originals:
        copy = SEEDS / original.name
        if not copy.is_file():
            problems.append(f"seeds/{original.name} is missing")
        elif copy.read_bytes() != original.read_bytes():
            problems.append(f"seeds/{original.name} differs from {original}")
    assert not problems, "\n".join(problems)


def test_docs_do_not_copy_the_studies_facts():
    """The `facts` in literature.yaml are paraphrases already; pages rephrase them again."""
    facts = {f"{key}: {fact}": fact for key, item in literature().items() for fact in item.get("facts") or []}
    problems = []
    for page in doc_pages():
        text = page.read_text(encoding="utf-8")
        for name, fact in facts.items():
            for run in copied_runs(text, fact):
                if _mostly_numbers(run):
                    continue   # numbers, units and statistics stay exact by rule
                problems.append(f"{page.relative_to(ROOT)}: copies '{run}' from {name[:40]}")
    assert not problems, f"runs of {RUN_LENGTH}+ words from literature.yaml facts:\n" + "\n".join(problems)


_STATS = {"pg", "ml", "mg", "kg", "fold", "ci", "range", "p", "r", "vs", "h", "min", "n", "f", "sd", "se", "mean",
          "il", "tnf", "alpha", "beta", "and", "to", "from", "of", "at", "with", "by", "in", "or", "w", "max", "s"}


def _mostly_numbers(run: str) -> bool:
    """A run that is numbers and units with fewer than four real words in it."""
    return sum(1 for w in run.split() if not w.isdigit() and w not in _STATS) < 4
