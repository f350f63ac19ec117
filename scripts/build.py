"""Build the site strictly, and publish it only when the build succeeds.

MkDocs empties its output folder before it builds, so a failing build would leave
readers a half-built site, and an output folder that holds the sources would lose them.
This wrapper refuses an output folder that is, holds or lies inside a source folder,
builds into a staging folder `.build-PID-XXXX/` beside the target, and swaps it in with
two renames that no signal can split (signals are noted, not raised); `--check` builds,
reports and discards. An interrupted build (SIGTERM, SIGINT) removes its staging folder,
and every build first removes the staging folders that builds killed outright left behind.
`--host` picks the site generator: MkDocs (mkdocs.yml), ProperDocs (the same mkdocs.yml) or
Zensical (zensical.yml); every host's output is checked for citations left as raw text
before it is published.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from citekit.diagnostics import safe_text  # noqa: E402

STAGING_PREFIX = ".build-"
STAGING_NAME = re.compile(r"^\.build-(\d+)-\w+(-old)?$")
SOURCE_FOLDERS = ("docs", "bib", "seeds", "hooks")   # never written, emptied or replaced
SIGNALS = (signal.SIGTERM, signal.SIGINT)
EXIT_REFUSED = 2
HOSTS = ("mkdocs", "properdocs", "zensical")
DEFAULT_CONFIG = {"mkdocs": "mkdocs.yml", "properdocs": "mkdocs.yml", "zensical": "zensical.yml"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", choices=HOSTS, default="mkdocs", help="site generator (default: mkdocs)")
    parser.add_argument("--config", help="configuration file (default: zensical.yml for Zensical, else mkdocs.yml)")
    parser.add_argument("--out", default="site", help="folder to publish into (replaced on success)")
    parser.add_argument("--check", action="store_true", help="build, report every problem, keep nothing")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="preview a work in progress: warnings do not stop the build (errors still do)")
    args = parser.parse_args(argv)

    config = (ROOT / (args.config or DEFAULT_CONFIG[args.host])).resolve()
    out = (ROOT / args.out).resolve()
    if not args.check:
        refusal = refuse_output(out, config)
        if refusal:
            print(f"build.py: refusing --out {safe_text(args.out)}: {refusal}", file=sys.stderr)
            return EXIT_REFUSED
        out.parent.mkdir(parents=True, exist_ok=True)
    outside = links_out_of_the_project(config)
    for line in outside:
        print(f"ERROR   -  {line}", file=sys.stderr)
    if outside:
        print(f"build failed (exit 1): {len(outside)} link{'s' if len(outside) != 1 else ''} out of the project; "
              "nothing was built", file=sys.stderr)
        return 1
    remove_stale_staging(Path(tempfile.gettempdir()) if args.check else out.parent)
    return run_guarded(config, out, check=args.check, strict=args.strict, host=args.host)


# --------------------------------------------------------------------------- what may be replaced
def refuse_output(out: Path, config: Path) -> str:
    """Why `out` must not be replaced by a build (empty: it may be)."""
    # A project folder may hold the output (site/), never be or lie inside it; a source
    # folder may not even hold it, since MkDocs would then walk into its own output.
    projects = [(ROOT, "the repository root"),
                (config.parent, f"the folder of the configuration ({_shown(config.parent)})")]
    sources = [(ROOT / name, f"the {name}/ folder") for name in SOURCE_FOLDERS]
    docs_dir = configured_docs_dir(config)
    if docs_dir is not None:
        sources.append((docs_dir, f"the docs_dir of the configuration ({_shown(docs_dir)})"))
    for folder, what in projects:
        if out == folder or folder.is_relative_to(out):
            return (f"it {'is' if out == folder else 'holds'} {what}; "
                    f"publishing replaces the output folder, so the sources would be deleted. "
                    f"Use a folder of its own, e.g. --out site")
    for folder, what in sources:
        if out == folder or folder.is_relative_to(out) or out.is_relative_to(folder):
            relation = "is" if out == folder else "holds" if folder.is_relative_to(out) else "lies inside"
            return (f"it {relation} {what}; publishing replaces the output "
                    f"folder, so the sources would be deleted. Use a folder of its own, e.g. --out site")
    if out.exists() and not out.is_dir():
        return f"{_shown(out)} is a file, not a folder. Use a folder of its own, e.g. --out site"
    return ""


def _shown(path: Path) -> str:
    """A path as this script's messages show it: relative to the repository when inside it."""
    text = "." if path == ROOT else path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) \
        else path.as_posix()
    return safe_text(text)


def links_out_of_the_project(config: Path) -> list[str]:
    """A located problem line for each symbolic link in the docs_dir that leads out of the project.

    MkDocs follows links: a page or folder in docs/ that points at a file of the machine that
    builds a pull request would publish that file on the site."""
    docs_dir = configured_docs_dir(config)
    project = config.parent.resolve()
    if docs_dir is None or not docs_dir.is_dir() or not docs_dir.is_relative_to(project):
        return []
    found = []
    for folder, subfolders, files in os.walk(docs_dir):   # links are looked at, not followed
        subfolders.sort()
        for name in sorted(subfolders) + sorted(files):
            path = Path(folder, name)
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(project):
                shown = safe_text(path.relative_to(project).as_posix())
                found.append(f"{shown}:1: this is a symbolic link to a place outside the project; MkDocs would "
                             "publish what it points to. Put the file itself in the project, not a link to it")
    return found


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for docs_dir only: MkDocs' own tags (!ENV, !relative) become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_docs_dir(config: Path) -> Path | None:
    """The docs_dir the configuration names (MkDocs' default `docs`), or None if unreadable."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None   # MkDocs reports the broken file itself
    docs_dir = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    return (config.parent / docs_dir).resolve() if isinstance(docs_dir, str) else None


# --------------------------------------------------------------------------- staging folders
def remove_stale_staging(parent: Path) -> None:
    """Remove `.build-PID-*` folders whose build process is gone (killed outright)."""
    for path in parent.glob(STAGING_PREFIX + "*"):
        match = STAGING_NAME.match(path.name)
        if match and path.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True   # someone else's live process
    return True


class Stop:
    """SIGTERM and SIGINT, noted rather than raised, so that no step is cut in the middle.

    The handler records the first signal and stops the build process; the script then checks
    the note between steps (after creating the staging folder, after the build, before the
    swap) and cleans up. A signal that comes once the swap has begun lets it finish: the site
    is then the new one, whole. The build process inherits the default handlers, so Ctrl+C in
    a terminal stops it directly as well.
    """

    def __init__(self) -> None:
        self.signum = 0
        self.child: subprocess.Popen | None = None

    def handler(self, signum: int, _frame) -> None:
        self.signum = self.signum or signum
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    def stopped(self) -> int:
        print(f"build.py: stopped by {signal.Signals(self.signum).name}; nothing was published "
              "and the staging folder was removed", file=sys.stderr)
        return 128 + self.signum


STOP = Stop()


def run_guarded(config: Path, out: Path, *, check: bool, strict: bool, host: str = "mkdocs") -> int:
    """Build, publish unless checking, and leave no staging folder whatever happens."""
    STOP.__init__()
    previous = {s: signal.signal(s, STOP.handler) for s in SIGNALS}
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-",
                                        dir=None if check else out.parent))
        if STOP.signum:
            return STOP.stopped()
        started = time.monotonic()
        code = build(config, staging, strict=strict, host=host)
        elapsed = time.monotonic() - started
        if STOP.signum:
            return STOP.stopped()
        if code != 0:
            outcome = "see the problems above" if check else "nothing was published"
            print(f"build failed (exit {code}); {outcome}", file=sys.stderr)
            return code
        if check:
            records = provenance_problems(config.parent)
            for problem in records:
                print(f"ERROR   -  {safe_text(problem)}", file=sys.stderr)
            if records:
                print(f"ERROR   -  {len(records)} problem{'s' if len(records) > 1 else ''} in the sources (listed "
                      "above): bib/ and seeds/provenance.yaml disagree", file=sys.stderr)
                return 1
            print(f"check: no errors ({elapsed:.1f} s)")
            return 0
        publish(staging, out)
        print(f"built {_shown(out)} in {elapsed:.1f} s")
        return 0
    finally:
        child = STOP.child
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(_old_name(staging), ignore_errors=True)
        for s, handler in previous.items():
            signal.signal(s, handler)


def provenance_problems(root: Path) -> list[str]:
    """bib/ against seeds/provenance.yaml (scripts/sourcecheck.py), for a project that keeps the records.

    Run by `--check` after a build without errors (so every .bib file parsed): a contributor sees
    in `make check` what `make test` would say about a new reference, located, and CI annotates it.
    """
    if not (root / "seeds" / "provenance.yaml").is_file() or not (root / "bib").is_dir():
        return []
    import sourcecheck
    try:
        return sourcecheck.provenance_problems(sourcecheck.bib_entries(root), sourcecheck.provenance(root), root)
    except (AssertionError, AttributeError, OSError, UnicodeError, LookupError, TypeError, ValueError,
            yaml.YAMLError) as err:
        return [f"seeds/provenance.yaml:1: the records could not be compared with bib/ ({err}). Check that "
                "the file starts with 'entries:' and each record is indented under it as CONTRIBUTING.md shows"]


# --------------------------------------------------------------------------- building and publishing
def build_command(config: Path, site_dir: Path, strict: bool = True, host: str = "mkdocs") -> list[str]:
    """The command that builds `config` into `site_dir` with MkDocs or ProperDocs.

    ProperDocs continues MkDocs 1.x: the same command line and configuration."""
    return [sys.executable, "-m", host, "build", "--strict" if strict else "--no-strict",
            "-f", str(config), "-d", str(site_dir)]


def build(config: Path, site_dir: Path, strict: bool = True, host: str = "mkdocs") -> int:
    """Build with one host and wait for it; 0 only when it succeeds and no page shows a raw citation.

    A SIGTERM or SIGINT to this script stops the build (see Stop)."""
    from citekit_zensical import hostbuild
    if host == "zensical":
        return hostbuild.zensical(config, site_dir, strict=strict) or hostbuild.guard(config, site_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    STOP.child = subprocess.Popen(build_command(config, site_dir, strict, host), cwd=ROOT, env=env)
    if STOP.signum:   # the signal came while the process was being started
        STOP.child.terminate()
    return STOP.child.wait() or hostbuild.guard(config, site_dir)


def _old_name(staging: Path) -> Path:
    return staging.with_name(staging.name + "-old")


def publish(staging: Path, out: Path) -> None:
    """Swap the new build in: the two renames run with signals held, so `out` is always whole."""
    old = _old_name(staging)
    shutil.rmtree(out.with_name(out.name + ".old"), ignore_errors=True)   # earlier releases' spare
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)   # a signal in between is only noted: this line always runs
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
