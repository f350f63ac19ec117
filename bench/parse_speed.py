"""Parse speed: our BibTeX parser against pybtex's, on the same generated .bib, in one run.

    .venv/bin/python bench/parse_speed.py [--entries 5000] [--repeat 5]

The .bib comes from bench/generate.py (the synthetic bibliography of the site benchmark).
Each parser reads the text held in memory; the figure is the least processor time of
`--repeat` runs (processor time, so that other processes on a busy machine do not count).
Ours includes the checks that `parse_string` runs (crossrefs, markup, identifiers,
required fields); pybtex's is `Parser().parse_string`. It prints the figures and the
ratio (target: ours at least 1.5 times faster); it never fails on a figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from citekit.bibliography import parse_string  # noqa: E402
from generate import make_bibliography  # noqa: E402


def generated_bib(entries: int, seed: int = 0) -> str:
    """The benchmark's synthetic bibliography of `entries` entries, as one string."""
    return "\n".join(e.bibtex for e in make_bibliography(entries, random.Random(seed)))


def best_time(run, repeat: int) -> float:
    """The least processor time of `repeat` runs: other processes on the machine do not count."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = generated_bib(args.entries)
    bib = parse_string(text, "bench.bib")
    assert len(bib) == args.entries, (len(bib), [str(d) for d in bib.report.errors[:3]])
    ours = best_time(lambda: parse_string(text, "bench.bib"), args.repeat)
    try:
        from pybtex.database.input.bibtex import Parser
    except ImportError:
        print(f"ours: {ours * 1000:.1f} ms for {args.entries} entries ({len(text) / 1e6:.2f} MB); "
              "pybtex is not installed")
        return 0
    theirs = best_time(lambda: Parser().parse_string(text), args.repeat)
    print(f"{args.entries} entries, {len(text) / 1e6:.2f} MB, least processor time of {args.repeat} runs")
    print(f"  ours   {ours * 1000:8.1f} ms")
    print(f"  pybtex {theirs * 1000:8.1f} ms")
    print(f"  ratio  {theirs / ours:8.2f}x faster (target >= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
