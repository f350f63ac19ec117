"""Maintainers only: compare bib/ and seeds/ with the source files kept outside the repository.

`make verify-sources` (SHARED=path, default ../shared). A contributor's clone does not have
these files and does not need them: `make test` checks bib/ against seeds/provenance.yaml,
inside the repository. This script checks that those records still equal the source files:
identifiers, authors and seen_in of every key, no bib key the sources do not know, every
source key in bib/, the seed byte-identical, and no page copying a paraphrased fact.
Exit 0 when all agree, 1 with one line per disagreement, 2 when the folder is not there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sourcecheck import ID_FIELDS, bib_authors, bib_entries, copied_runs, load_yaml, provenance

ROOT = Path(__file__).resolve().parent.parent
# Keys deliberately kept out of bib/ (the sources' README: nothing from it is used).
EXCLUDED_KEYS = {"pflugers2003review"}
_STATS = {"pg", "ml", "mg", "kg", "fold", "ci", "range", "p", "r", "vs", "h", "min", "n", "f", "sd",
          "se", "mean", "il", "tnf", "alpha", "beta", "and", "to", "from", "of", "at", "with", "by",
          "in", "or", "w", "max", "s"}


def expected_seen_in(item: dict) -> object:
    """A record's seen_in as copied: the item's own, or its `provenance` line under that name."""
    return item["seen_in"] if "seen_in" in item else {"provenance": item.get("provenance")}


def record_disagreements(lit: dict[str, dict]) -> list[str]:
    """bib/ and provenance.yaml against literature.yaml, key by key."""
    problems = []
    entries, records = bib_entries(ROOT), provenance(ROOT)
    for path, key, fields in entries:
        item = lit.get(key)
        if item is None:
            problems.append(f"{path.name}: {key}: not in literature.yaml")
            continue
        for f in ID_FIELDS:
            bib_v, lit_v = fields.get(f), item.get(f)
            if (bib_v, lit_v) != (None, None) and str(lit_v) != str(bib_v):
                problems.append(f"{path.name}: {key}: {f} {bib_v!r} in bib, {lit_v!r} in literature.yaml")
        names, complete = bib_authors(fields.get("author", ""))
        if (names, complete) != (item.get("authors"), item.get("authors_complete")):
            problems.append(f"{path.name}: {key}: authors {names} (complete: {complete}) in bib, "
                            f"{item.get('authors')} (complete: {item.get('authors_complete')}) in literature.yaml")
        rec = records.get(key) or {}
        if rec.get("seen_in") != expected_seen_in(item):
            problems.append(f"provenance.yaml: {key}: seen_in differs from literature.yaml")
    keys = {key for _, key, _ in entries}
    problems += [f"literature.yaml: {k}: not in bib/" for k in sorted(set(lit) - EXCLUDED_KEYS - keys)]
    return problems


def seed_disagreements(shared_seeds: Path) -> list[str]:
    originals = sorted(p for p in shared_seeds.iterdir() if p.is_file()) if shared_seeds.is_dir() else []
    if not originals:
        return [f"no seed files in {shared_seeds}"]
    problems = []
    for original in originals:
        copy = ROOT / "seeds" / original.name
        if not copy.is_file():
            problems.append(f"seeds/{original.name} is missing")
        elif copy.read_bytes() != original.read_bytes():
            problems.append(f"seeds/{original.name} differs from {original}")
    return problems


def copied_facts(lit: dict[str, dict]) -> list[str]:
    """The `facts` are paraphrases already; pages rephrase them again (numbers may repeat)."""
    problems = []
    for page in sorted((ROOT / "docs").glob("**/*.md")):
        text = page.read_text(encoding="utf-8")
        for key, item in lit.items():
            for fact in item.get("facts") or []:
                for run in copied_runs(text, fact):
                    if sum(1 for w in run.split() if not w.isdigit() and w not in _STATS) >= 4:
                        problems.append(f"{page.relative_to(ROOT)}: copies '{run}' from {key}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"),
                        help="the folder holding source/literature.yaml and seeds/ (default: ../shared)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    literature = shared / "source" / "literature.yaml"
    if not literature.is_file():
        print(f"verify-sources: {literature} not found; pass --shared (make verify-sources SHARED=...)",
              file=sys.stderr)
        return 2
    lit = {item["key"]: item for item in load_yaml(literature)}
    problems = record_disagreements(lit) + seed_disagreements(shared / "seeds") + copied_facts(lit)
    for line in problems:
        print(line)
    print(f"verify-sources: {len(problems)} disagreement(s) with {shared}" if problems
          else f"verify-sources: bib/ and seeds/ agree with {shared}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
