"""CONTRIBUTING.md's "Adding a reference", followed to the letter in a fresh copy of the project.

The copy holds the git-tracked files only, in an empty temporary folder (nothing beside it, so
none of the maintainers' source files). A made-up paper (tests/fixtures/contributing/fictitious-zotero.bib, exported as
Zotero's Better BibTeX does) is added with the code blocks the instructions show, marked
`<!-- check: NAME -->` there: if the instructions change, this test follows them or breaks.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sourcecheck import bib_authors, provenance_problems, read_bib, read_bib_text  # noqa: E402

GUIDE = ROOT / "CONTRIBUTING.md"
FICTITIOUS = ROOT / "tests" / "fixtures" / "contributing" / "fictitious-zotero.bib"
EFFECT_PAGE = "docs/effects/adipose-tissue-lipolysis.md"
LATER_HEADING = "### Later evidence (published after the review)"
TEST_PAGE_ADDRESS = "https://example.org/ctb-fictitious-test-paper (TEST DATA: a made-up page)"


def guide_blocks() -> dict[str, str]:
    """The code blocks of CONTRIBUTING.md marked `<!-- check: NAME -->`, by NAME."""
    text = GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- check: ([\w-]+) -->\n```\w*\n(.*?)\n```", text, re.DOTALL))


def fields_to_delete() -> list[str]:
    line = next(line for line in GUIDE.read_text(encoding="utf-8").splitlines()
                if "<!-- check: delete-fields -->" in line)
    return re.findall(r"`(\w+)`", line.split("if the export")[0])


def example_record() -> tuple[str, dict]:
    ((key, record),) = yaml.safe_load(guide_blocks()["provenance-record"]).items()
    return key, record


# --------------------------------------------------------------------------- the example is true
def test_the_guide_shows_every_block():
    assert set(guide_blocks()) >= {"bib-entry", "provenance-record", "evidence-item", "citation"}
    assert fields_to_delete() == ["file", "abstract", "keywords", "urldate"]


def test_the_example_is_the_real_entry_and_record(tmp_path: Path):
    key, record = example_record()
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "evidence.bib").write_text(guide_blocks()["bib-entry"], encoding="utf-8")
    assert provenance_problems([(tmp_path / "bib" / "evidence.bib", k, f) for _, k, f in
                                read_bib(tmp_path / "bib" / "evidence.bib")], {key: record}, tmp_path) == []
    real_entries = {k: f for _, k, f in read_bib(ROOT / record["bib_file"])}
    assert [f for _, _, f in read_bib(tmp_path / "bib" / "evidence.bib")] == [real_entries[key]]
    real = yaml.safe_load((ROOT / "seeds" / "provenance.yaml").read_text(encoding="utf-8"))["entries"][key]
    assert {f: v for f, v in record.items() if f != "seen_in"} == \
        {f: v for f, v in real.items() if f in record and f != "seen_in"}
    assert record["seen_in"].items() <= real["seen_in"].items()


# --------------------------------------------------------------------------- a new reference
def exported_entry() -> str:
    """The fictitious export without its comment lines (a contributor pastes the entry)."""
    return "".join(line for line in FICTITIOUS.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("%"))


def follow_steps_1_to_6(entry: str) -> tuple[str, str]:
    """Key set to firstauthorYEAR, the fields the guide names deleted; (key, entry)."""
    guide = GUIDE.read_text(encoding="utf-8")
    assert "`firstauthorYEAR`" in guide
    ((_, _, fields),) = read_bib_text(entry)
    surname = bib_authors(fields["author"])[0][0].split(",")[0]
    key = re.sub(r"[^a-z]", "", surname.lower()) + fields["year"]
    entry = re.sub(r"@article\{[^,]+,", f"@article{{{key},", entry, count=1)
    for name in fields_to_delete():
        entry = re.sub(rf"(?m)^\s*{name}\s*=.*\n", "", entry)
    return key, entry


def record_as_the_guide_says(key: str, entry: str) -> tuple[str, dict]:
    """Step 7: the example record's fields, each given the new reference's value."""
    example_key, example = example_record()
    ((_, _, fields),) = read_bib_text(entry)
    names, complete = bib_authors(fields["author"])
    values = {"bib_file": example["bib_file"], "authors": names, "authors_complete": complete,
              "cited_in_review_text": "unknown", "seen_in": {"all_fields": TEST_PAGE_ADDRESS},
              "doi": fields.get("doi"), "pmid": fields.get("pmid"), "pmcid": fields.get("pmcid")}
    unknown = set(example) - set(values)
    assert not unknown, f"the guide's record has fields this walk-through cannot fill: {unknown}"
    record = {name: values[name] for name in example if values[name] is not None}
    return example_key, record


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("clone")
    project = copy_project(parent / "muscle-il6")
    assert list(parent.iterdir()) == [project], "something lies beside the copy"
    return project


def test_a_new_reference_added_as_the_guide_says_passes(fresh_clone: Path):
    project = fresh_clone
    blocks = guide_blocks()
    key, entry = follow_steps_1_to_6(exported_entry())
    example_key, record = record_as_the_guide_says(key, entry)
    bib = project / record["bib_file"]
    bib.write_text(bib.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")

    # Step 8: the evidence item and a citation on an effect page.
    page = project / EFFECT_PAGE
    text = page.read_text(encoding="utf-8")
    item = blocks["evidence-item"].replace(example_key, key)
    sentence = blocks["citation"].replace(example_key, key)
    assert text.count("\nevidence:\n") == 1 and text.count(f"\n{LATER_HEADING}\n") == 1
    text = text.replace("\nevidence:\n", f"\nevidence:\n{item}\n", 1)
    text = text.replace(f"\n{LATER_HEADING}\n", f"\n{LATER_HEADING}\n\n{sentence}\n", 1)
    page.write_text(text, encoding="utf-8")

    # Without its record (step 7), the source tests name the key and say what to do.
    proc = run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_sources.py")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{record['bib_file']}: {key}: no record in seeds/provenance.yaml; add one as " \
        "CONTRIBUTING.md says" in proc.stdout

    # Step 7: the record, appended under `entries:` as the example is indented.
    text = yaml.safe_dump({key: record}, allow_unicode=True, sort_keys=False, width=200)
    provenance = project / "seeds" / "provenance.yaml"
    provenance.write_text(provenance.read_text(encoding="utf-8")
                          + "".join(f"  {line}\n" for line in text.splitlines()), encoding="utf-8")

    proc = run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", "tests/test_sources.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "skipped" not in proc.stdout, proc.stdout
    proc = run(project, "scripts/build.py", "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("check: no errors"), proc.stdout
    assert f"'{key}'" not in proc.stderr, "the new entry drew a message: " + proc.stderr
