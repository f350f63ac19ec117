"""Speed of the citation hook, printed as ratios to the same site built without it (`make bench`).

For each scale (N pages, M bibliography entries) a synthetic site is generated into
bench/.work/ (bench/generate.py) and built in pairs that differ only in citations:

  MkDocs    floor   MkDocs + Material + search, no citation processing (the `[@key]` stay text)
            hook    the same plus our hooks (hooks/citations.py; the report's hook joins by itself)
  Zensical  zfloor  Zensical 0.0.73 on the floor's configuration
            zcite   the same plus our extension (hooks/citekit_zensical)
  bibtex    (--bibtex) MkDocs with the mkdocs-bibtex plugin, for comparison

Every build is launched the same way, by `launch`: the host's build command in a fresh
subprocess of this interpreter (under valgrind or cProfile for bench/deep.py). In each
repetition the two builds of a pair run back to back (which goes first alternates), so each
pair meets the machine in the same state; 'paired' is the median of the pairs' ratios.
Targets: with ÷ without citations <= 1.10 in wall time, <= 1.05 in instructions.

    python bench/run.py                 # N=10, 100, 500; 3 repetitions; both hosts
    python bench/run.py --quick         # N=10, one repetition
    python bench/run.py --icount        # also instructions executed (valgrind), one build each
    python bench/run.py --profile       # also where the hook's time goes (cProfile), N=100
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = Path(os.environ.get("BENCH_WORK") or HERE / ".work").resolve()   # another folder: two runs side by side
HOOK = ROOT / "hooks" / "citations.py"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (bench/ is not a package)

SCALES = [(10, 70), (100, 1000), (500, 5000)]
# (host, build without citations, build with them)
PAIRS = [("MkDocs", "floor", "hook"), ("Zensical", "zfloor", "zcite")]
TARGET_WALL = 1.10
TARGET_INSTRUCTIONS = 1.05


def launch(config: Path, out: Path, log: Path, wrapper: list[str] = (), python_args: list[str] = ()) -> dict:
    """One build in a subprocess: wall and CPU seconds, peak RSS (MiB), exit code."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # keep .pyc files, as any second build would
    if config.name.startswith("zensical"):
        # Writes into the config's site_dir; --clean empties Zensical's page cache, so that every
        # page is built (our bibliography cache is in .citekit-cache/, which it leaves alone).
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        build = ["-m", "zensical", "build", "--clean", "-f", str(config)]
    else:
        build = ["-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    with open(log, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen([*wrapper, sys.executable, *python_args, *build], cwd=config.parent,
                                stdout=fh, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "code": os.waitstatus_to_exitcode(status)}


def output_dir(site: Path, kind: str) -> Path:
    return site / f"site-{kind}"   # for Zensical, the site_dir its configuration names


def rep_order(kinds: list[str], rep: int) -> list[str]:
    """One repetition's builds: each pair next to each other, taking turns to go first."""
    paired = [[k for k in (bottom, top) if k in kinds] for _, bottom, top in PAIRS]
    paired = [p for p in paired if p]
    others = [k for k in kinds if not any(k in p for p in paired)]
    if rep % 2:
        return others + [k for p in reversed(paired) for k in reversed(p)]
    return [k for p in paired for k in p] + others


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
    for k in kinds:   # not counted: byte-compiled code, the page cache, our bibliography cache
        launch(configs[k], output_dir(site, k), site / f"build-{k}.log")
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for r in range(reps):
        for k in rep_order(kinds, r):
            res = launch(configs[k], output_dir(site, k), site / f"build-{k}.log")
            runs[k].append(res)
            failed = "" if res["code"] == 0 else f"  EXIT {res['code']} (see {site / f'build-{k}.log'})"
            print(f"  N={pages:<4} rep {r + 1}/{reps} {k:6} {res['wall']:7.2f} s{failed}", file=sys.stderr)
    left = {k: sum(p.read_text(encoding="utf-8").count("[@") for p in output_dir(site, k).rglob("*.html"))
            for k in kinds if k in ("hook", "zcite")}
    return {"pages": pages, "entries": entries, "runs": runs, "left": left}


def _median(runs: list[dict], key: str = "wall") -> float | None:
    ok = [r[key] for r in runs if r["code"] == 0]
    return statistics.median(ok) if ok and len(ok) == len(runs) else None


def _fmt(x: float | None, form: str = "{:.3f}") -> str:
    return "n/a" if x is None else form.format(x)


def table(results: list[dict], counts: dict[tuple[int, str], int | None]) -> str:
    head = ["N", "M", "host", "without s", "with s", "ratio", "paired", "CPU paired", "instr. ratio", "target",
            "[@ left"]
    rows = [head]
    for res in results:
        for host, bottom, top in PAIRS:
            if top not in res["runs"]:
                continue
            low, high = _median(res["runs"][bottom]), _median(res["runs"][top])
            ratio = high / low if high and low else None
            paired, cpu = paired_ratio(res, top, bottom), paired_ratio(res, top, bottom, key="cpu")
            c_low, c_high = counts.get((res["pages"], bottom)), counts.get((res["pages"], top))
            instr = c_high / c_low if c_high and c_low else None
            met = paired is not None and ratio is not None and max(paired, ratio) <= TARGET_WALL and \
                (instr is None or instr <= TARGET_INSTRUCTIONS)
            rows.append([str(res["pages"]), str(res["entries"]), host, _fmt(low, "{:.2f}"), _fmt(high, "{:.2f}"),
                         _fmt(ratio), _fmt(paired), _fmt(cpu), _fmt(instr), "met" if met else "MISSED",
                         str(res["left"].get(top, "n/a"))])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join(" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the citation hook against the same build without it.")
    ap.add_argument("--quick", action="store_true", help="N=10 only, one repetition")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per configuration (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scales", default=None, help="N:M pairs, e.g. 10:70,100:1000")
    ap.add_argument("--hosts", default="mkdocs,zensical", help="mkdocs, zensical or both (default)")
    ap.add_argument("--bibtex", action="store_true", help="also build with the mkdocs-bibtex plugin")
    ap.add_argument("--icount", action="store_true", help="also count instructions with valgrind (slow)")
    ap.add_argument("--profile", action="store_true", help="also profile the hook at N=100 (cProfile)")
    args = ap.parse_args(argv)
    reps = args.reps or (1 if args.quick else 3)
    scales = ([tuple(int(x) for x in s.split(":")) for s in args.scales.split(",")] if args.scales
              else SCALES[:1] if args.quick else SCALES)
    hosts = {h.strip().lower() for h in args.hosts.split(",")}
    kinds = [k for host, bottom, top in PAIRS if host.lower() in hosts for k in (bottom, top)]
    kinds += ["bibtex"] if args.bibtex else []
    WORK.mkdir(parents=True, exist_ok=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results = [measure(n, m, reps, kinds, args.seed) for n, m in scales]
    counts = {}
    if args.icount:
        import deep
        counted = [k for k in kinds if k != "bibtex"]
        counts = {(n, k): c for n, m in scales
                  for k, c in deep.instructions(*site_for(n, m, args.seed), counted).items()}
    print(f"Citation benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {os.cpu_count()} cores, "
          f"load average before {load}, after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"Median of {reps} repetition(s); 'ratio' is with ÷ without citations, 'paired' the median of each "
          f"repetition's. Target: <= {TARGET_WALL} wall (both), <= {TARGET_INSTRUCTIONS} instructions.")
    print(table(results, counts))
    if args.bibtex:
        for res in results:
            print(f"  N={res['pages']}: mkdocs-bibtex ÷ hook {_fmt(paired_ratio(res, 'bibtex', 'hook'), '{:.2f}')}")
    if args.profile:
        import deep
        print(deep.profile(*site_for(100, 1000, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
