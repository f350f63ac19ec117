"""Speed of the citation hook, printed as hook ÷ floor ratios (what `make bench` runs).

For each scale (N pages, M bibliography entries) a synthetic site is generated into
bench/.work/ (bench/generate.py) and built two ways that differ only in citations:

  floor   MkDocs + Material + search, no citation processing (the `[@key]` stay text)
  hook    the same plus our hooks (hooks/citations.py; the report's hook joins by itself)
  bibtex  (--bibtex) the same plus the mkdocs-bibtex plugin, for comparison

Every build is launched the same way, by `launch`: `python -m mkdocs build -q` in a
fresh subprocess of this interpreter, optionally under valgrind (--icount) or cProfile
(--profile). In each repetition floor and hook run back to back (which goes first
alternates), so each pair meets the machine in the same state; 'paired' is the median
of the pairs' ratios. Targets: hook ÷ floor <= 1.10 in wall time, <= 1.05 in instructions.

    python bench/run.py                 # N=10, 100, 500; 3 repetitions
    python bench/run.py --quick         # N=10, one repetition
    python bench/run.py --icount        # also instructions executed (valgrind), one build each
    python bench/run.py --profile       # also the hook build's top functions (cProfile), N=100
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
HOOK = ROOT / "hooks" / "citations.py"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (bench/ is not a package)

SCALES = [(10, 70), (100, 1000), (500, 5000)]
TARGET_WALL = 1.10
TARGET_INSTRUCTIONS = 1.05


def launch(config: Path, out: Path, log: Path, wrapper: list[str] = (), python_args: list[str] = ()) -> dict:
    """One build in a subprocess: wall and CPU seconds, peak RSS (MiB), exit code, and the output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # keep .pyc files, as any second build would
    cmd = [*wrapper, sys.executable, *python_args, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    with open(log, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=config.parent, stdout=fh, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "code": os.waitstatus_to_exitcode(status)}


def rep_order(kinds: list[str], rep: int) -> list[str]:
    """One repetition's builds: floor and hook next to each other, taking turns to go first."""
    pair = [k for k in ("floor", "hook") if k in kinds]
    others = [k for k in kinds if k not in pair]
    return others + pair[::-1] if rep % 2 else pair + others


def paired_ratio(res: dict, top: str = "hook", bottom: str = "floor", key: str = "wall") -> float | None:
    """Median over repetitions of top ÷ bottom built one right after the other (None if any failed)."""
    tops, bottoms = res["runs"].get(top, []), res["runs"].get(bottom, [])
    pairs = [(t[key], b[key]) for t, b in zip(tops, bottoms, strict=False) if t["code"] == 0 and b["code"] == 0]
    if not pairs or len(pairs) < len(tops):
        return None
    return statistics.median(t / b for t, b in pairs)


def site_for(pages: int, entries: int, seed: int) -> tuple[Path, dict[str, Path]]:
    site = WORK / f"n{pages}-m{entries}"
    return site, generate(site, pages=pages, entries=entries, seed=seed, hook_path=HOOK)


def measure(pages: int, entries: int, reps: int, kinds: list[str], seed: int) -> dict:
    site, configs = site_for(pages, entries, seed)
    for k in kinds:   # not counted: byte-compiled code and the page cache, as on any machine
        launch(configs[k], site / f"site-{k}", site / f"build-{k}.log")
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for r in range(reps):
        for k in rep_order(kinds, r):
            res = launch(configs[k], site / f"site-{k}", site / f"build-{k}.log")
            runs[k].append(res)
            failed = "" if res["code"] == 0 else f"  EXIT {res['code']} (see {site / f'build-{k}.log'})"
            print(f"  N={pages:<4} rep {r + 1}/{reps} {k:6} {res['wall']:7.2f} s{failed}", file=sys.stderr)
    left = sum(p.read_text(encoding="utf-8").count("[@") for p in (site / "site-hook").rglob("*.html")) \
        if "hook" in kinds else 0
    return {"pages": pages, "entries": entries, "runs": runs, "left": left}


def instructions(pages: int, entries: int, seed: int) -> dict[str, int | None]:
    """Instructions executed by one floor and one hook build (valgrind: the same every run)."""
    site, configs = site_for(pages, entries, seed)
    counts: dict[str, int | None] = {}
    for kind in ("floor", "hook"):
        log = site / f"valgrind-{kind}.log"
        res = launch(configs[kind], site / f"site-{kind}-vg", log,
                     wrapper=["valgrind", "--tool=callgrind", f"--callgrind-out-file={log.with_suffix('.out')}"])
        found = [ln for ln in log.read_text(errors="replace").splitlines() if "Collected :" in ln]
        digits = [int(ln.split(":")[-1]) for ln in found]
        counts[kind] = max(digits) if res["code"] == 0 and digits else None
    return counts


def profile(pages: int, entries: int, seed: int, top: int = 25) -> str:
    site, configs = site_for(pages, entries, seed)
    out = site / "hook.prof"
    launch(configs["hook"], site / "site-hook-prof", site / "profile.log",
           python_args=["-m", "cProfile", "-o", str(out)])
    stats = pstats.Stats(str(out), stream=(buf := _Lines()))
    stats.sort_stats("cumulative").print_stats(r"hooks/", top)
    return "".join(buf.lines)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.append(text)


def _median(runs: list[dict], key: str = "wall") -> float | None:
    ok = [r[key] for r in runs if r["code"] == 0]
    return statistics.median(ok) if ok and len(ok) == len(runs) else None


def _fmt(x: float | None, form: str = "{:.3f}") -> str:
    return "n/a" if x is None else form.format(x)


def table(results: list[dict], counts: dict[int, dict]) -> str:
    head = ["N", "M", "floor s", "hook s", "hook/floor", "paired", "CPU paired", "instr. ratio", "target", "[@ left"]
    rows = [head]
    for res in results:
        floor, hook = _median(res["runs"]["floor"]), _median(res["runs"].get("hook", []))
        ratio = hook / floor if hook and floor else None
        paired, cpu = paired_ratio(res), paired_ratio(res, key="cpu")
        c = counts.get(res["pages"], {})
        instr = c["hook"] / c["floor"] if c.get("hook") and c.get("floor") else None
        met = paired is not None and ratio is not None and max(paired, ratio) <= TARGET_WALL and \
            (instr is None or instr <= TARGET_INSTRUCTIONS)
        rows.append([str(res["pages"]), str(res["entries"]), _fmt(floor, "{:.2f}"), _fmt(hook, "{:.2f}"),
                     _fmt(ratio), _fmt(paired), _fmt(cpu), _fmt(instr), "met" if met else "MISSED",
                     str(res["left"])])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join(" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the citation hook against MkDocs alone.")
    ap.add_argument("--quick", action="store_true", help="N=10 only, one repetition")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per configuration (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scales", default=None, help="N:M pairs, e.g. 10:70,100:1000")
    ap.add_argument("--bibtex", action="store_true", help="also build with the mkdocs-bibtex plugin")
    ap.add_argument("--icount", action="store_true", help="also count instructions with valgrind (slow)")
    ap.add_argument("--profile", action="store_true", help="also profile one hook build at N=100 (cProfile)")
    args = ap.parse_args(argv)
    reps = args.reps or (1 if args.quick else 3)
    scales = ([tuple(int(x) for x in s.split(":")) for s in args.scales.split(",")] if args.scales
              else SCALES[:1] if args.quick else SCALES)
    kinds = ["floor", "hook"] + (["bibtex"] if args.bibtex else [])
    WORK.mkdir(parents=True, exist_ok=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results = [measure(n, m, reps, kinds, args.seed) for n, m in scales]
    counts = {}
    if args.icount:
        if shutil.which("valgrind") is None:
            print("note: valgrind is not installed; no instruction counts", file=sys.stderr)
        else:
            counts = {n: instructions(n, m, args.seed) for n, m in scales}
    print(f"Citation hook benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {os.cpu_count()} cores, "
          f"load average before {load}, after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"Median of {reps} repetition(s); 'paired' is the median of each repetition's hook ÷ floor. "
          f"Target: <= {TARGET_WALL} wall (both estimates), <= {TARGET_INSTRUCTIONS} instructions.")
    print(table(results, counts))
    if args.bibtex:
        for res in results:
            print(f"  N={res['pages']}: mkdocs-bibtex ÷ hook {_fmt(paired_ratio(res, 'bibtex', 'hook'), '{:.2f}')}")
    if args.profile:
        print(profile(100, 1000, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
