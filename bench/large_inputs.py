"""Time and peak memory on hostile or very large inputs: is the work linear, and under 1 GB?

    .venv/bin/python bench/large_inputs.py [--timeout 300] [--rows bib,at-signs,backticks]

Rows (each measured at full size and at half size, each in a fresh process, so that the
peak memory, from resource.getrusage's ru_maxrss, is that input's alone):

  bib        parse_string on a 50 MB .bib (the benchmark's generated entries, keys made unique)
  at-signs   parse_string on a 6 MB '%' comment line of '@' signs
  backticks  citekit.syntax.scan on a 2 MB line of repeated backtick triples (with one citation)

Times are processor seconds of the work alone. The "full/half" column is the ratio of the
two times: about 2 means linear, about 4 quadratic. It prints figures only; it never fails on them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = {"bib": 50_000_000, "at-signs": 6_000_000, "backticks": 2_000_000}


def make_input(row: str, size: int) -> str:
    """The input of a row, about `size` characters long."""
    if row == "bib":
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import make_bibliography
        block = "\n".join(e.bibtex for e in make_bibliography(2000, random.Random(0)))
        copies = max(1, size // len(block))
        entry_start = re.compile(r"^(@\w+\{)([^,]+),", re.M)
        return "\n".join(entry_start.sub(rf"\g<1>\g<2>c{n},", block) for n in range(copies))
    if row == "at-signs":
        return "% " + "@" * size + "\n@article{k, author = {A, B}, title = {T}, year = 2000}\n"
    if row == "backticks":
        return "```" * (size // 3) + " [@k]\n"
    raise ValueError(row)


def measure(row: str, size: int) -> dict:
    """Run one row in this process: seconds of the work itself, and this process's peak memory."""
    sys.path.insert(0, str(ROOT / "hooks"))
    text = make_input(row, size)
    if row == "backticks":
        from citekit.syntax import scan
        work = lambda: scan(text)   # noqa: E731
    else:
        from citekit.bibliography import parse_string
        work = lambda: parse_string(text, "large.bib")   # noqa: E731
    start = time.process_time()   # processor time: other processes on a busy machine do not count
    result = work()
    seconds = time.process_time() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = len(result) if row != "backticks" else len(result.citations)
    return {"chars": len(text), "seconds": seconds, "peak_mib": peak_kib / 1024, "count": count}


def run_child(row: str, size: int, timeout: float) -> dict | None:
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", row, str(size)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(f"{row} at {size}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--rows", default=",".join(ROWS))
    parser.add_argument("--child", nargs=2, metavar=("ROW", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0
    print(f"{'row':<10} {'MB':>6} {'s':>8} {'half s':>8} {'full/half':>9} {'peak MiB':>9} {'items':>8}")
    for row in args.rows.split(","):
        full, half = run_child(row, ROWS[row], args.timeout), run_child(row, ROWS[row] // 2, args.timeout)
        if full is None or half is None:
            print(f"{row:<10} timed out after {args.timeout:.0f} s")
            continue
        ratio = full["seconds"] / half["seconds"] if half["seconds"] > 0 else float("nan")
        print(f"{row:<10} {full['chars'] / 1e6:6.1f} {full['seconds']:8.2f} {half['seconds']:8.2f} {ratio:9.2f} "
              f"{full['peak_mib']:9.0f} {full['count']:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
