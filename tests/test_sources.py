"""Checks that the site's bibliographic data and text stay tied to the project's own records.

Everything read here lies inside the repository (a clone with nothing beside it passes):
(a) every entry of bib/*.bib has a record in seeds/provenance.yaml whose bib_file, authors,
    doi/pmid/pmcid equal the entry's, and which says where they were seen (`seen_in`);
(b) keys are unique; (c) every claim ID the docs use exists in seeds/review.yaml; (d) no run of
    8+ consecutive words of the seed's abstract appears in docs/**/*.md; (e) the seed in seeds/
    is unchanged (its SHA-256 equals seeds/SHA256SUMS).
The comparison with the maintainers' source files outside the repository is
`make verify-sources` (scripts/verify_sources.py), never part of `make test`.
The checks live in scripts/sourcecheck.py, which does not import hooks/.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sourcecheck import (  # noqa: E402
    RUN_LENGTH,
    bib_authors,
    bib_entries,
    copied_runs,
    load_yaml,
    provenance,
    provenance_problems,
    record_problems,
    seed_sum_problems,
    words,
)

SEEDS = ROOT / "seeds"
DOCS = ROOT / "docs"


def review_claim_ids() -> set[str]:
    return {c["id"] for c in load_yaml(SEEDS / "review.yaml")["claims"]}


def doc_pages() -> list[Path]:
    return sorted(DOCS.glob("**/*.md"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", text, re.DOTALL)
    return (yaml.safe_load(m.group(1)) or {}) if m else {}


def seed_file() -> Path:
    seeds = [p for p in sorted(SEEDS.glob("*.txt"))
             if "\nAbstract\n" in p.read_text(encoding="utf-8")]
    assert len(seeds) == 1, f"expected exactly one seed record with an Abstract in {SEEDS}, found {seeds}"
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


# --------------------------------------------------------------------------- (a) provenance
def test_bib_agrees_with_provenance_records():
    problems = provenance_problems(bib_entries(ROOT), provenance(ROOT), ROOT)
    assert not problems, "\n".join(problems)


GOOD_RECORD = {"bib_file": "bib/x.bib", "authors": ["Tester, A."], "authors_complete": True,
               "doi": "10.5555/x", "seen_in": {"all_fields": "https://example.org/x"}}


@pytest.mark.parametrize(("change", "expected"), [
    ({"seen_in": None}, "seeds/provenance.yaml: k: 'seen_in' is missing"),
    ({"seen_in": {"doi": "a colleague told me"}}, "seeds/provenance.yaml: k: every 'seen_in' value "
     "must give the public page address (http:// or https://) where the fields were read"),
    ({"seen_in": {}}, "seeds/provenance.yaml: k: every 'seen_in' value must give the public page "
     "address (http:// or https://) where the fields were read"),
    ({"authors": None}, "seeds/provenance.yaml: k: 'authors' is missing"),
    ({"seen-in": "https://example.org"}, "seeds/provenance.yaml: k: unknown field 'seen-in'; fields are: "
     "authors, authors_complete, bib_file, cited_in_review_text, doi, missing, pmcid, pmid, seen_in, "
     "source_notes"),
    ({"authors_complete": "yes"}, "seeds/provenance.yaml: k: 'authors_complete' must be true or false"),
])
def test_a_bad_record_is_named(change, expected):
    rec = {**GOOD_RECORD, **change}
    rec = {k: v for k, v in rec.items() if v is not None}
    assert record_problems("k", rec) == [expected]
    assert record_problems("k", GOOD_RECORD) == []


def _check(tmp_path: Path, bib: str, records: dict) -> list[str]:
    (tmp_path / "bib").mkdir(exist_ok=True)
    (tmp_path / "bib" / "x.bib").write_text(bib, encoding="utf-8")
    return provenance_problems(bib_entries(tmp_path), records, tmp_path)


ENTRY = "@article{k, author = {Tester, A.}, title = {T}, year = 2020, doi = {10.5555/x}}\n"


def test_bib_and_record_must_agree(tmp_path: Path):
    assert _check(tmp_path, ENTRY, {"k": GOOD_RECORD}) == []
    assert _check(tmp_path, ENTRY, {}) == [
        "bib/x.bib: k: no record in seeds/provenance.yaml; add one as CONTRIBUTING.md says "
        "(\"Adding a reference\", step 6)"]
    assert _check(tmp_path, ENTRY.replace("10.5555/x", "10.5555/y"), {"k": GOOD_RECORD}) == [
        "bib/x.bib: k: doi '10.5555/y' in bib, '10.5555/x' in its record"]
    assert _check(tmp_path, ENTRY.replace("}}", "}, pmid = {123}}"), {"k": GOOD_RECORD}) == [
        "bib/x.bib: k: pmid '123' is in bib but not in its record"]
    assert _check(tmp_path, ENTRY, {"k": {**GOOD_RECORD, "pmcid": "PMC1"}}) == [
        "bib/x.bib: k: pmcid 'PMC1' is in its record but not in bib"]
    assert _check(tmp_path, ENTRY.replace("Tester, A.", "Tester, B."), {"k": GOOD_RECORD}) == [
        "bib/x.bib: k: authors ['Tester, B.'] in bib, ['Tester, A.'] in its record"]
    assert _check(tmp_path, ENTRY.replace("Tester, A.", "Tester, A. and others"), {"k": GOOD_RECORD}) == [
        "bib/x.bib: k: author list ends with and others in bib, authors_complete: True in its record"]
    assert _check(tmp_path, ENTRY, {"k": {**GOOD_RECORD, "bib_file": "bib/y.bib"}}) == [
        "bib/x.bib: k: provenance.yaml says bib_file 'bib/y.bib'"]
    assert _check(tmp_path, ENTRY, {"k": GOOD_RECORD, "gone": GOOD_RECORD}) == [
        "seeds/provenance.yaml: gone: no entry with this key in bib/"]


def test_author_names_are_read_as_printed():
    assert bib_authors(r"Juchm{\`e}s-Ferir, A. and M{\o}ller, K. and Mu{\~n}oz-C{\'a}noves, P.") == \
        (["Juchmès-Ferir, A.", "Møller, K.", "Muñoz-Cánoves, P."], True)
    assert bib_authors("Carey, A. L. and\n   others") == (["Carey, A. L."], False)


# --------------------------------------------------------------------------- (b) keys
def test_bib_keys_unique():
    seen: dict[str, str] = {}
    dupes = []
    for path, key, _ in bib_entries(ROOT):
        if key in seen:
            dupes.append(f"{key} in {seen[key]} and {path.name}")
        seen[key] = path.name
    assert not dupes, "duplicate bib keys:\n" + "\n".join(dupes)


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
def test_seed_is_unchanged():
    assert not seed_sum_problems(SEEDS), "\n".join(seed_sum_problems(SEEDS))


def test_a_changed_seed_is_named(tmp_path: Path):
    (tmp_path / "seed.txt").write_text("as received\n", encoding="utf-8")
    (tmp_path / "SHA256SUMS").write_text(
        "0" * 64 + "  seed.txt\n" + "0" * 64 + "  gone.txt\n", encoding="utf-8")
    assert seed_sum_problems(tmp_path) == [
        "seeds/gone.txt is missing",
        "seeds/seed.txt was changed (its SHA-256 differs from seeds/SHA256SUMS)"]


def test_no_test_reads_outside_the_repository():
    """The suite passes in a clone with nothing beside it: no test names a folder outside."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\.\./shared", r"ROOT\.parent\b", r"/work/"):
            if re.search(pattern, text) and path.name != Path(__file__).name:
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not offenders, "\n".join(offenders)
