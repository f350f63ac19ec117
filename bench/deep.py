"""The bench's slow measures, through run.py's one `launch`: instructions and profiles.

- `instructions`: instructions executed by one build of each configuration, counted by
  valgrind's callgrind (every thread, the Python interpreter and Zensical's Rust alike). The
  count of a build is the same every run, whatever else the machine does: the firm figure
  on a shared machine. Each site has been built before (run.py's unmeasured first builds),
  so our bibliography cache is warm, as on any machine that has built the site once.
- `profile`: one hook build and one floor build under cProfile; the hook's own functions by
  cumulative time, and the functions whose cumulative time grows most from the floor to the
  hook build (what the hook costs inside MkDocs, Python-Markdown and the search plugin).

    python bench/run.py --icount        # the table gains a column of instruction ratios
    python bench/run.py --profile       # N=100
    python bench/deep.py --profile 100:1000
    python bench/deep.py --icount 10:70 --kinds floor,hook
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is not a package)


def instructions(site: Path, configs: dict[str, Path], kinds: list[str]) -> dict[str, int | None]:
    """Instructions executed by one build of each kind (None if valgrind is missing or it failed)."""
    if shutil.which("valgrind") is None:
        print("note: valgrind is not installed; no instruction counts", file=sys.stderr)
        return {}
    counts: dict[str, int | None] = {}
    for kind in kinds:
        log = site / f"valgrind-{kind}.log"
        print(f"  callgrind {site.name} {kind}", file=sys.stderr)
        res = run.launch(configs[kind], run.output_dir(site, kind).with_name(f"site-{kind}-vg"), log,
                         wrapper=["valgrind", "--tool=callgrind", f"--callgrind-out-file={log.with_suffix('.out')}"])
        found = [ln for ln in log.read_text(errors="replace").splitlines() if "Collected :" in ln]
        digits = [int(ln.split(":")[-1]) for ln in found]
        counts[kind] = max(digits) if res["code"] == 0 and digits else None
    return counts


def _profile_one(site: Path, config: Path, kind: str) -> pstats.Stats:
    out = site / f"{kind}.prof"
    run.launch(config, site / f"site-{kind}-prof", site / f"profile-{kind}.log",
               python_args=["-m", "cProfile", "-o", str(out)])
    return pstats.Stats(str(out), stream=io.StringIO())


def profile(site: Path, configs: dict[str, Path], top: int = 25) -> str:
    """The hook's functions, and the functions that grow most from the floor build to the hook build."""
    hook, floor = _profile_one(site, configs["hook"], "hook"), _profile_one(site, configs["floor"], "floor")
    lines = [f"cProfile, {site.name}: hook build {hook.total_tt:.2f} s, floor build {floor.total_tt:.2f} s "
             "(profiled; about twice the real times)", "", "The hook's functions by cumulative time:"]
    own = sorted(((v[3], k) for k, v in hook.stats.items() if "/hooks/" in k[0]), reverse=True)[:top]
    lines += [f"  {cum:7.3f} s  {_name(k)}" for cum, k in own]
    lines += ["", "Cumulative time that grows most from the floor to the hook build (hook, floor):"]
    grown = sorted(((v[3] - floor.stats.get(k, (0, 0, 0, 0))[3], k) for k, v in hook.stats.items()
                    if "/hooks/" not in k[0]), reverse=True)[:top]
    lines += [f"  {d:+7.3f} s  ({hook.stats[k][3]:.3f}, {floor.stats.get(k, (0, 0, 0, 0))[3]:.3f})  {_name(k)}"
              for d, k in grown]
    return "\n".join(lines)


def _name(key: tuple) -> str:
    path, line, func = key
    parts = Path(path).parts
    short = "/".join(parts[-3:]) if len(parts) > 3 else path
    return f"{short}:{line}({func})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Instructions (valgrind) or profiles (cProfile) of bench builds.")
    ap.add_argument("--icount", default=None, help="N:M of the site to count, e.g. 10:70")
    ap.add_argument("--kinds", default="floor,hook,zfloor,zcite", help="configurations to count")
    ap.add_argument("--profile", default=None, help="N:M of the site to profile, e.g. 100:1000")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    for spec, action in ((args.icount, "icount"), (args.profile, "profile")):
        if spec is None:
            continue
        pages, entries = (int(x) for x in spec.split(":"))
        site, configs = run.site_for(pages, entries, args.seed)
        for kind in configs:   # warm: byte-compiled code and our bibliography cache, as run.py's first builds
            if kind != "bibtex":
                run.launch(configs[kind], run.output_dir(site, kind), site / f"build-{kind}.log")
        if action == "icount":
            counts = instructions(site, configs, args.kinds.split(","))
            for kind, count in counts.items():
                print(f"{site.name} {kind:7} {count if count is not None else 'n/a'}")
            for _, bottom, top in run.PAIRS:
                if counts.get(bottom) and counts.get(top):
                    print(f"{site.name} {top} ÷ {bottom}: {counts[top] / counts[bottom]:.3f}")
        else:
            print(profile(site, configs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
