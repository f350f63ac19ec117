"""`scripts/build.py --host zensical`: a strict Zensical build into a folder of its own;
the raw-citation guard that ends every host's build (guard.py); and how advisories are
shown, as on MkDocs (hooks/buildreport.py): one summary line, listed with VERBOSE=1.

Zensical writes into the `site_dir` of its configuration, which must lie inside the
project. So the build goes into a fresh hidden folder beside the configuration (named
by a one-line configuration that inherits the real one), with Zensical's page cache
cleared so that every page is rendered, and checked, again; its result is moved to
where scripts/build.py asked for it. Nothing reaches that folder unless Zensical
exits 0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def zensical(config: Path, site_dir: Path, *, strict: bool = True) -> int:
    """Build `config` with Zensical into the (empty) folder `site_dir`; Zensical's exit status."""
    config = Path(config).resolve()
    root = config.parent
    if not preflight(config, strict=strict):
        return 1
    work = Path(tempfile.mkdtemp(prefix=".build-zensical-", dir=root))
    wrapper = work.with_suffix(".yml")
    try:
        wrapper.write_text(f"INHERIT: {config.name}\nsite_dir: {work.name}\n", encoding="utf-8")
        # The extension is `hooks.citekit_zensical`: found from this project's root, wherever the site is.
        project = str(Path(__file__).resolve().parent.parent.parent)
        path = os.pathsep.join(p for p in (project, os.environ.get("PYTHONPATH", "")) if p)
        # Messages name the real configuration, not the wrapper (see extension._config_file).
        env = {**os.environ, "PYTHONPATH": path, "CITEKIT_CONFIG": str(config),
               "CITEKIT_STRICT": "1" if strict else "0"}
        cmd = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(wrapper)]
        if strict:
            cmd.append("--strict")
        code = subprocess.call(cmd, cwd=root, env=env)
        if code != 0:
            return code
        site_dir.mkdir(parents=True, exist_ok=True)
        for item in work.iterdir():
            shutil.move(str(item), str(site_dir / item.name))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        wrapper.unlink(missing_ok=True)


def preflight(config: Path, *, strict: bool) -> bool:
    """The whole site's checks before Zensical starts; False (and every error shown) on a problem.

    Zensical itself stops with a traceback on some broken sources (invalid front matter),
    before any extension runs; so they are checked here first, with located messages."""
    from zensical.config import parse_config

    from .options import check_files
    from .sitefacts import SiteFacts
    # Zensical's own reading of the configuration raises on options that are not a mapping.
    errors = [d for d in check_files(Path(config)) if d.severity == "error"]
    if not errors:
        facts = SiteFacts.read(parse_config(str(config)), config, prepare=False)
        errors = facts.errors(strict)
    for diag in errors:
        print(f"ERROR   -  {diag}", file=sys.stderr)
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        print(f"ERROR   -  {count} in the sources (listed above); Zensical was not started", file=sys.stderr)
    return not errors


def guard(config: Path, site_dir: Path) -> int:
    """Print a located error for each built page that shows raw citations; 1 if any does, else 0."""
    from . import guard as raw_citations
    problems = raw_citations.check_build(site_dir, config)
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    return 1 if problems else 0


def verbose() -> bool:
    """VERBOSE=1 (any value but empty, 0, no, off, false): list advisories (buildreport.verbose)."""
    return os.environ.get("VERBOSE", "").lower() not in ("", "0", "no", "off", "false")


def advisory_lines(advice: list) -> list[str]:
    """What is printed of the advisories (which never fail a build): one line, or each with VERBOSE=1."""
    if not advice:
        return []
    if verbose():
        return [f"WARNING -  {diag} (advisory: does not fail the build)" for diag in advice]
    count = len(advice)
    return [f"INFO    -  {count} advisor{'ies' if count != 1 else 'y'} (they do not fail the build); "
            "run with VERBOSE=1 to list them"]
