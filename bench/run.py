"""Speed of the citation hook, printed as ratios (what `make bench` runs).

For each scale (pages N, bibliography entries M) a synthetic site is generated
into bench/.work/ (see bench/generate.py) and built with three configurations
that differ only in how citations are handled:

  floor   MkDocs + Material + search, no citation processing (the `[@key]` stay as text)
  hook    the same plus our hook, hooks/citations.py
  bibtex  the same plus the mkdocs-bibtex plugin (pybtex, footnotes)

Every build is `python -m mkdocs build -q -f CONFIG -d OUT` in a fresh subprocess of
this same interpreter. In each repetition the floor and hook builds run one right after
the other (which goes first alternates), so that each pair meets the machine in the
same state. The table shows the median wall-clock seconds (and the minimum), the ratio
of medians and the median of the paired ratios, and the peak resident memory of each
build process (from wait4's rusage).

Targets are printed next to the numbers; nothing here fails on time.

    python bench/run.py              # N=10/M=70, N=100/M=1000, N=500/M=5000, 3 repetitions
    python bench/run.py --quick      # N=10 only, one repetition
    python bench/run.py --reps 5
    python bench/run.py --profile    # also cProfile one N=100 hook build (top 20 cumulative)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import importlib
import io
import json
import os
import platform
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
KINDS = ["floor", "hook", "bibtex"]
TARGET_HOOK_FLOOR = 1.10   # hook ÷ floor at most this, every scale
TARGET_BIBTEX_HOOK = 2.5   # mkdocs-bibtex ÷ hook at least this, N >= 100


# ------------------------------------------------------------------------ builds
def build_env() -> dict[str, str]:
    """The environment of every measured build: no MkDocs 2 banner, .pyc files kept."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # any value, even "0", would stop .pyc files being kept
    return env


def build(config: Path, out: Path, log: Path) -> dict:
    """One build in a subprocess: wall seconds, CPU seconds, peak RSS (MiB), exit code."""
    env = build_env()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    with open(log, "wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=config.parent, stdout=fh, stderr=subprocess.STDOUT,
                                env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024, "code": proc.returncode}


def check_output(out: Path, kind: str) -> str:
    """A cheap sanity check that the build really rendered citations (or, for floor, did not)."""
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"]
    text_left = spans = footnotes = 0
    for p in pages:
        html = p.read_text(encoding="utf-8", errors="replace")
        text_left += html.count("[@")
        spans += html.count('class="citation')
        footnotes += html.count('class="footnote-ref"')
    marks = {"hook": f"{spans} citation spans", "bibtex": f"{footnotes} footnote refs",
             "floor": "no processing"}[kind]
    return f"{len(pages)} pages, {marks}, {text_left} '[@' left"


def measure_scale(pages: int, entries: int, reps: int, kinds: list[str], seed: int,
                  cold_reps: int = 1) -> dict:
    site = WORK / f"n{pages}-m{entries}"
    t0 = time.perf_counter()
    configs = generate(site, pages=pages, entries=entries, seed=seed, hook_path=HOOK)
    gen_s = time.perf_counter() - t0
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    # Not counted: one build of each configuration (byte-compiled code, the page cache, and
    # the hook's bibliography cache, as on any machine that has built the site before).
    for k in kinds:
        build(configs[k], site / f"site-{k}", site / f"build-{k}.log")
    # Counted apart: the hook's first build after a .bib change (parse and format, then save).
    cold = []
    if "hook" in kinds:
        for _ in range(cold_reps):
            shutil.rmtree(site / ".cache" / "citekit", ignore_errors=True)
            cold.append(build(configs["hook"], site / "site-hook", site / "build-hook.log"))
    for r in range(reps):
        for k in rep_order(kinds, r):
            res = build(configs[k], site / f"site-{k}", site / f"build-{k}.log")
            runs[k].append(res)
            status = ("" if res["code"] == 0
                      else f"  EXIT {res['code']} (see {site / f'build-{k}.log'})")
            print(f"  N={pages:<4} rep {r + 1}/{reps} {k:6} {res['wall']:7.2f} s "
                  f"{res['rss_mib']:7.1f} MiB{status}", file=sys.stderr, flush=True)
    checks = {}
    for k in kinds:
        if runs[k] and runs[k][-1]["code"] == 0:
            checks[k] = check_output(site / f"site-{k}", k)
        else:
            log = (site / f"build-{k}.log").read_text(errors="replace").strip().splitlines()
            checks[k] = "FAILED: " + (log[-1] if log else "no output")
    return {"pages": pages, "entries": entries, "generate_s": gen_s, "runs": runs, "checks": checks,
            "cold": cold}


def rep_order(kinds: list[str], rep: int) -> list[str]:
    """The configurations of one repetition: floor and hook always next to each other (so that
    each hook build has a floor build under the same conditions), which goes first alternating,
    the other configurations after the pair and before it in turn."""
    pair = [k for k in ("floor", "hook") if k in kinds]
    others = [k for k in kinds if k not in pair]
    if rep % 2:
        return others + pair[::-1]
    return pair + others


def paired_ratio(res: dict, top: str = "hook", bottom: str = "floor", key: str = "wall") -> float | None:
    """Median over repetitions of top ÷ bottom built one right after the other."""
    tops, bottoms = res["runs"].get(top, []), res["runs"].get(bottom, [])
    pairs = [(t[key], b[key]) for t, b in zip(tops, bottoms, strict=False)
             if t["code"] == 0 and b["code"] == 0 and b[key]]
    if not pairs or len(pairs) < len(tops):
        return None
    return statistics.median(t / b for t, b in pairs)


def summary(runs: list[dict]) -> dict | None:
    ok = [r for r in runs if r["code"] == 0]
    if not ok or len(ok) < len(runs):
        return None
    walls = [r["wall"] for r in ok]
    return {"median": statistics.median(walls), "min": min(walls),
            "cpu": statistics.median(r["cpu"] for r in ok),
            "rss": statistics.median(r["rss_mib"] for r in ok)}


# ---------------------------------------------------------------- parse timing
def parse_timing(bib_path: Path, reps: int) -> list[str]:
    """Time the engine's BibTeX parser (and pybtex's, which mkdocs-bibtex uses) on one file."""
    lines = []
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        bibmod = importlib.import_module("citekit.bibliography")
    except (ImportError, SyntaxError) as err:  # the engine may not exist yet
        bibmod = None
        lines.append(f"citekit parse: skipped (cannot import citekit.bibliography: {err!r})")
    finally:
        sys.path.remove(str(ROOT / "hooks"))

    def timed(fn) -> tuple[float, float, object]:
        times, result = [], None
        for _ in range(max(3, reps)):
            t = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times), min(times), result

    if bibmod is not None:
        if hasattr(bibmod, "load"):
            def fn():
                return bibmod.load([bib_path])
        elif hasattr(bibmod, "parse_string"):
            def fn():
                return bibmod.parse_string(bib_path.read_text(encoding="utf-8"))
        else:
            fn = None
            lines.append("citekit parse: skipped "
                         "(no load() or parse_string() in citekit.bibliography)")
        if fn is not None:
            med, lo, bib = timed(fn)
            n = len(bib) if hasattr(bib, "__len__") else "?"
            errs = len(getattr(getattr(bib, "report", None), "errors", []) or [])
            lines.append(f"citekit parse          {med * 1000:8.1f} ms median "
                         f"({lo * 1000:.1f} min), {n} entries, {errs} errors")
            entries = getattr(bib, "entries", {})
            if entries and all(hasattr(e, "raw") and hasattr(e, "get") for e in entries.values()):
                def decode_all():
                    fresh = fn()
                    t = time.perf_counter()
                    for e in fresh.entries.values():
                        for name in e.raw:
                            e.get(name)
                        if hasattr(e, "authors"):
                            e.authors  # noqa: B018  (parses the names)
                    return time.perf_counter() - t
                dec = statistics.median(decode_all() for _ in range(max(3, reps)))
                lines.append(f"citekit decode all     {dec * 1000:8.1f} ms (every field and name "
                             "of every entry; a build decodes only cited entries)")
    try:
        from pybtex.database import parse_file
        med, lo, data = timed(lambda: parse_file(str(bib_path)))
        lines.append(f"pybtex parse_file      {med * 1000:8.1f} ms median ({lo * 1000:.1f} min), "
                     f"{len(data.entries)} entries (what mkdocs-bibtex does on every build)")
    except (ImportError, OSError, ValueError) as err:
        lines.append(f"pybtex parse_file: skipped ({err!r})")
    return lines


# --------------------------------------------------------------------- profile
# Runs `mkdocs build` under cProfile with a CPU-time clock, so that other work on
# the machine inflates the numbers as little as possible.
_PROFILE = """\
import cProfile, runpy, sys, time
out = sys.argv.pop(1)
sys.argv[0] = "mkdocs"
prof = cProfile.Profile(time.process_time)
prof.enable()
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    prof.disable()
    prof.dump_stats(out)
"""


def _profile_one(config: Path, out_dir: Path, prof: Path) -> None:
    cmd = [sys.executable, "-c", _PROFILE, str(prof), "build", "-q", "-f", str(config),
           "-d", str(out_dir)]
    env = build_env()
    subprocess.run(cmd, cwd=config.parent, env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _short(func: tuple) -> str:
    path, line, name = func
    path = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
    return f"{path}:{line}({name})" if line else name


def profile_build(pages: int, entries: int, seed: int, top: int = 20) -> str:
    """Profile one hook build and one floor build; the top of the hook build by cumulative
    time, the hook's own functions, and the functions whose time grows most with the hook."""
    site = WORK / f"n{pages}-m{entries}"
    configs = generate(site, pages=pages, entries=entries, seed=seed, hook_path=HOOK)
    profs = {}
    for kind in ("floor", "hook"):
        profs[kind] = site / f"{kind}.prof"
        _profile_one(configs[kind], site / f"site-{kind}-prof", profs[kind])
    buf = io.StringIO()
    hook = pstats.Stats(str(profs["hook"]), stream=buf)
    floor = pstats.Stats(str(profs["floor"]), stream=buf)
    buf.write(f"CPU seconds under the profiler: floor {floor.total_tt:.2f}, "
              f"hook {hook.total_tt:.2f}\n")
    hook.sort_stats("cumulative").print_stats(top)
    buf.write("--- the hook's own functions (cumulative) ---\n")
    hook.print_stats(r"hooks/", top)
    buf.write(f"--- where the extra time goes: cumulative seconds, hook build minus floor build "
              f"(top {top}) ---\n")
    fcum = {f: v[3] for f, v in floor.stats.items()}
    deltas = sorted(((v[3] - fcum.get(f, 0.0), fcum.get(f, 0.0), v[3], f)
                     for f, v in hook.stats.items()), reverse=True)
    skip = ("runpy", "<string>", "click/core.py", "mkdocs/__main__.py", "builtins.exec",
            "cProfile", "commands/build.py:249")
    shown = 0
    buf.write(f"{'delta':>8} {'floor':>8} {'hook':>8}  function\n")
    for d, a, b, f in deltas:
        name = _short(f)
        if any(s in name for s in skip):
            continue
        buf.write(f"{d:8.3f} {a:8.3f} {b:8.3f}  {name}\n")
        shown += 1
        if shown >= top:
            break
    return buf.getvalue()


# Low-overhead attribution: the build runs normally, only a few functions are
# wrapped with CPU-time counters (nested ones are counted in both).
_ATTRIBUTE = """\
import collections, functools, json, runpy, sys, time
out = sys.argv.pop(1)
sys.argv[0] = "mkdocs"
acc = collections.defaultdict(float)
calls = collections.Counter()

def timed(label, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[label] += time.process_time() - t
            calls[label] += 1
    return wrapper

def patch(obj, name, label):
    setattr(obj, name, timed(label, getattr(obj, name)))

import markdown, jinja2
from markdown.extensions import md_in_html
from mkdocs import plugins
from mkdocs.structure import pages
from material.plugins.search import plugin as search
patch(markdown.Markdown, "convert", "Python-Markdown: convert (whole page)")
patch(md_in_html.HtmlBlockPreprocessor, "run", "Python-Markdown: md_in_html HTML-block parse")
patch(pages._RawHTMLPreprocessor, "run", "MkDocs: raw-HTML anchor scan of the Markdown")
patch(jinja2.Template, "render", "Jinja: theme templates")
patch(search.SearchIndex, "add_entry_from_context", "Material search: index a page")
patch(search.SearchIndex, "generate_search_index", "Material search: write the index")

register = plugins.PluginCollection._register_event
def _register_event(self, event_name, method, plugin_name=None):
    if not isinstance(method, plugins.CombinedEvent):
        method = timed(f"event {event_name}: {plugin_name or '?'}", method)
    return register(self, event_name, method, plugin_name=plugin_name)
plugins.PluginCollection._register_event = _register_event

start = time.process_time()
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    acc["TOTAL (process CPU)"] = time.process_time() - start
    with open(out, "w") as fh:
        json.dump({"seconds": acc, "calls": calls}, fh)
"""


def attribute(pages: int, entries: int, seed: int, reps: int = 3) -> str:
    """CPU seconds per category for floor and hook builds (median of `reps` each)."""
    site = WORK / f"n{pages}-m{entries}"
    configs = generate(site, pages=pages, entries=entries, seed=seed, hook_path=HOOK)
    env = build_env()
    data: dict[str, list[dict]] = {"floor": [], "hook": []}
    for _ in range(reps):
        for kind in ("floor", "hook"):
            out = site / f"attribute-{kind}.json"
            cmd = [sys.executable, "-c", _ATTRIBUTE, str(out), "build", "-q", "-f",
                   str(configs[kind]), "-d", str(site / f"site-{kind}-attr")]
            subprocess.run(cmd, cwd=site, env=env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            data[kind].append(json.loads(out.read_text())["seconds"])
    labels = sorted({k for runs in data.values() for r in runs for k in r})

    def med(kind: str, label: str) -> float:
        return statistics.median(r.get(label, 0.0) for r in data[kind])

    rows = sorted(((med("hook", lb) - med("floor", lb), lb) for lb in labels), reverse=True)
    lines = [f"{'floor':>7} {'hook':>7} {'extra':>7}  CPU seconds, median of {reps} "
             f"(nested items are also inside their parents)"]
    for delta, lb in rows:
        lines.append(f"{med('floor', lb):7.2f} {med('hook', lb):7.2f} {delta:+7.2f}  {lb}")
    return "\n".join(lines)


# ------------------------------------------------------------ instruction counts
def instructions(config: Path, out: Path, log: Path) -> int | None:
    """Instructions executed by one build, counted by valgrind (deterministic, unlike time)."""
    env = build_env()
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={log.with_suffix('.callgrind')}",
           sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    proc = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    found = [line for line in proc.stderr.splitlines() if "Collected :" in line]
    return int(found[-1].split(":")[-1]) if proc.returncode == 0 and found else None


def count_instructions(pages: int, entries: int, seed: int) -> dict:
    """Floor and hook builds under valgrind, side by side (one core each), caches warm."""
    site = WORK / f"n{pages}-m{entries}"
    configs = generate(site, pages=pages, entries=entries, seed=seed, hook_path=HOOK)
    build(configs["hook"], site / "site-hook", site / "build-hook.log")   # the hook's cache, as in the timings
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {k: pool.submit(instructions, configs[k], site / f"site-{k}-valgrind", site / f"valgrind-{k}.log")
                for k in ("floor", "hook")}
        return {"pages": pages, "entries": entries, **{k: job.result() for k, job in jobs.items()}}


def icount_table(counts: list[dict]) -> str:
    head = ["N pages", "floor instructions", "hook instructions", "hook/floor"]
    rows = []
    for c in counts:
        r = c["hook"] / c["floor"] if c["hook"] and c["floor"] else None
        rows.append([str(c["pages"])] + ["n/a" if c[k] is None else f"{c[k] / 1e9:.2f} G" for k in ("floor", "hook")]
                    + ["n/a" if r is None else f"{r:.3f}"])
    return _grid(head, rows)


# ----------------------------------------------------------------------- table
def fmt_s(s: dict | None) -> str:
    return "n/a" if s is None else f"{s['median']:.2f} ({s['min']:.2f})"


def ratio(a: dict | None, b: dict | None, key: str = "median") -> float | None:
    if a is None or b is None or not b[key]:
        return None
    return a[key] / b[key]


def table(results: list[dict]) -> str:
    head = ["N pages", "M entries", "floor s", "hook s", "hook/floor", "paired", "target",
            "bibtex s", "bibtex/hook", "target", "RSS floor MiB", "RSS hook MiB", "RSS hook/floor"]
    rows = []
    for res in results:
        s = {k: summary(v) for k, v in res["runs"].items()}
        floor, hook, bib = s.get("floor"), s.get("hook"), s.get("bibtex")
        hf, bh, rss = ratio(hook, floor), ratio(bib, hook), ratio(hook, floor, "rss")
        paired = paired_ratio(res)
        # Met only when both estimates are: the ratio of medians and the median of paired ratios.
        t1 = ("n/a" if hf is None or paired is None
              else f"<=1.10 {'met' if max(hf, paired) <= TARGET_HOOK_FLOOR else 'MISSED'}")
        if res["pages"] >= 100:
            t2 = "n/a" if bh is None else f">=2.5 {'met' if bh >= TARGET_BIBTEX_HOOK else 'MISSED'}"
        else:
            t2 = "(none)"
        rows.append([str(res["pages"]), str(res["entries"]), fmt_s(floor), fmt_s(hook),
                     "n/a" if hf is None else f"{hf:.3f}", "n/a" if paired is None else f"{paired:.3f}",
                     t1, fmt_s(bib),
                     "n/a" if bh is None else f"{bh:.2f}", t2,
                     "n/a" if floor is None else f"{floor['rss']:.0f}",
                     "n/a" if hook is None else f"{hook['rss']:.0f}",
                     "n/a" if rss is None else f"{rss:.3f}"])
    return _grid(head, rows)


def cpu_table(results: list[dict]) -> str:
    """CPU seconds (user + system) of the build process: much less sensitive than wall-clock time
    to other work on the machine, which a 2-core box shared with tests and browsers always has."""
    head = ["N pages", "floor CPU s", "hook CPU s", "hook/floor", "paired", "bibtex CPU s", "bibtex/hook"]
    rows = []
    for res in results:
        s = {k: summary(v) for k, v in res["runs"].items()}
        floor, hook, bib = s.get("floor"), s.get("hook"), s.get("bibtex")
        hf, bh = ratio(hook, floor, "cpu"), ratio(bib, hook, "cpu")
        paired = paired_ratio(res, key="cpu")
        rows.append([str(res["pages"])] + [
            "n/a" if x is None else f"{x['cpu']:.2f}" for x in (floor, hook)] + [
            "n/a" if hf is None else f"{hf:.3f}", "n/a" if paired is None else f"{paired:.3f}",
            "n/a" if bib is None else f"{bib['cpu']:.2f}",
            "n/a" if bh is None else f"{bh:.2f}"])
    return _grid(head, rows)


def cold_table(results: list[dict]) -> str:
    """The hook's first build after a .bib change: it parses the files and formats every cited
    entry, where the builds above read both from the hook's cache (.cache/citekit)."""
    head = ["N pages", "hook cold s", "cold/floor", "hook cold CPU s", "cold/floor CPU"]
    rows = []
    for res in results:
        cold, floor = summary(res.get("cold") or []), summary(res["runs"].get("floor") or [])
        wall, cpu = ratio(cold, floor), ratio(cold, floor, "cpu")
        rows.append([str(res["pages"]), fmt_s(cold), "n/a" if wall is None else f"{wall:.3f}",
                     "n/a" if cold is None else f"{cold['cpu']:.2f}", "n/a" if cpu is None else f"{cpu:.3f}"])
    return _grid(head, rows)


def _grid(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))

    out = [line(head), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def hook_version() -> str:
    """A digest of the hook's sources, so that a table can be matched to the code it measured."""
    files = [HOOK, ROOT / "hooks" / "buildreport.py", *sorted((ROOT / "hooks" / "citekit").glob("*.py"))]
    digest = hashlib.sha256()
    newest = 0.0
    for f in files:
        if f.exists():
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
            newest = max(newest, f.stat().st_mtime)
    if not newest:
        return "no hook"
    when = dt.datetime.fromtimestamp(newest).astimezone()
    return f"sha256 {digest.hexdigest()[:12]} of hooks/citations.py, buildreport.py, citekit/*.py (newest {when:%H:%M})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Benchmark the citation hook against MkDocs alone and mkdocs-bibtex.")
    ap.add_argument("--quick", action="store_true", help="N=10 only, one repetition")
    ap.add_argument("--reps", type=int, default=None,
                    help="repetitions per configuration (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scales", default=None,
                    help="comma-separated N:M pairs, e.g. 10:70,100:1000 "
                         "(default: the three standard scales)")
    ap.add_argument("--profile", action="store_true",
                    help="also cProfile one hook build at N=100/M=1000 "
                         "and print the top 20 cumulative")
    ap.add_argument("--no-parse", action="store_true", help="skip the bibliography parse timing")
    ap.add_argument("--icount", action="store_true",
                    help="also count the instructions of a floor and a hook build at each scale with "
                         "valgrind (slow: about 15 minutes at N=500)")
    args = ap.parse_args(argv)

    reps = args.reps or (1 if args.quick else 3)
    if args.scales:
        scales = [tuple(int(x) for x in pair.split(":")) for pair in args.scales.split(",")]
    else:
        scales = SCALES[:1] if args.quick else SCALES
    kinds = list(KINDS)
    if not HOOK.exists():
        print(f"note: {HOOK.relative_to(ROOT)} does not exist yet; "
              "measuring floor and mkdocs-bibtex only", file=sys.stderr)
        kinds.remove("hook")
    WORK.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    version_before = hook_version()
    results = []
    for n, m in scales:
        print(f"scale N={n} M={m}: {reps} repetition(s) of {', '.join(kinds)}",
              file=sys.stderr, flush=True)
        results.append(measure_scale(n, m, reps, kinds, args.seed, cold_reps=max(1, reps // 2)))

    parse_lines: list[str] = []
    if not args.no_parse:
        bib_path = WORK / "n500-m5000" / "bib" / "refs.bib"
        if not bib_path.exists():
            generate(WORK / "n500-m5000", pages=500, entries=5000, seed=args.seed, hook_path=HOOK)
        parse_lines = parse_timing(bib_path, reps)

    print()
    print(f"Citation hook benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"Machine: {machine()}")
    print(f"Hook: {version_before}" + ("" if version_before == hook_version()
                                        else "  (CHANGED during the run: numbers are mixed)"))
    print(f"Builds: median wall seconds (min) of {reps} repetition(s) each; in every repetition the "
          "floor and hook builds run one right after the other. hook/floor is the ratio of medians, "
          "'paired' the median of each repetition's hook ÷ floor (the machine's drift cancels); the "
          "target counts as met when both are. RSS is the build process's peak resident memory (median).")
    print()
    print(table(results))
    print()
    print("CPU time of the same builds (median user+system seconds; ratios of medians):")
    print(cpu_table(results))
    print()
    print("First hook build after a .bib change (no .cache/citekit: parse, format, save), "
          "median (min); ÷ the floor's median:")
    print(cold_table(results))
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average (1, 5, 15 min) before / after: {load_before} / {load_after}")
    print()
    print("Output checks (last build of each configuration):")
    for res in results:
        for k, c in res["checks"].items():
            print(f"  N={res['pages']:<4} {k:6} {c}")
    print("  (mkdocs-bibtex renders narrative @key as the full reference text, not a footnote,")
    print("   and warns for every locator or prefix: 'Affixes not supported in simple mode'.)")
    if parse_lines:
        print()
        print("Bibliography parse, M=5000 (bench/.work/n500-m5000/bib/refs.bib, in this process):")
        for ln in parse_lines:
            print("  " + ln)
    counts = []
    if args.icount:
        if shutil.which("valgrind") is None:
            print("\nInstruction counts: valgrind is not installed (apt-get install valgrind).")
        else:
            for n, m in scales:
                print(f"instruction count N={n} M={m} (valgrind)", file=sys.stderr, flush=True)
                counts.append(count_instructions(n, m, args.seed))
            print()
            print("Instructions executed (valgrind --tool=callgrind; the same every run, so this ratio")
            print("does not move with the machine's load the way seconds do):")
            print(icount_table(counts))
    if args.profile:
        print()
        print("Profile of one hook build and one floor build, N=100 M=1000 "
              "(cProfile, CPU-time clock):")
        print("Where the hook's time goes, without a profiler (N=100 M=1000):")
        print(attribute(100, 1000, args.seed))
        print()
        print(profile_build(100, 1000, args.seed))
    print(f"(total {time.perf_counter() - started:.0f} s; "
          f"sites and logs in {WORK.relative_to(ROOT)}/)")

    record = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": machine(), "hook": version_before, "reps": reps, "results": results, "parse": parse_lines,
              "instructions": counts}
    (WORK / "last-run.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
