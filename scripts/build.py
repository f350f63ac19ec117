"""Build the site strictly, and publish it only when the build succeeds.

MkDocs empties its output folder before it builds, so a failing build would leave
readers a half-built site. This wrapper builds into a fresh folder beside the
target and swaps it in only on success; `--check` builds, reports and discards.
`--host` picks the site generator: MkDocs (mkdocs.yml), ProperDocs (the same
mkdocs.yml) or Zensical (zensical.yml); every host's output is checked for
citations left as raw text before it is published.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
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

    out = (ROOT / args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out.parent if not args.check else None))
    started = time.monotonic()
    try:
        config = ROOT / (args.config or DEFAULT_CONFIG[args.host])
        code = build(config, staging, strict=args.strict, host=args.host)
        elapsed = time.monotonic() - started
        if code != 0:
            outcome = "see the problems above" if args.check else "nothing was published"
            print(f"build failed (exit {code}); {outcome}",
                  file=sys.stderr)
            return code
        if args.check:
            print(f"check: no errors ({elapsed:.1f} s)")
            return 0
        publish(staging, out)
        print(f"built {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} in {elapsed:.1f} s")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build(config: Path, site_dir: Path, strict: bool = True, host: str = "mkdocs") -> int:
    """Build with one host into `site_dir`; 0 only when it succeeds and no page shows a raw citation."""
    from citekit_zensical import hostbuild
    if host == "zensical":
        return hostbuild.zensical(config, site_dir, strict=strict) or hostbuild.guard(config, site_dir)
    # ProperDocs continues MkDocs 1.x: the same command line and configuration.
    cmd = [sys.executable, "-m", host, "build", "--strict" if strict else "--no-strict",
           "-f", str(config), "-d", str(site_dir)]
    return subprocess.call(cmd, cwd=ROOT) or hostbuild.guard(config, site_dir)


def publish(staging: Path, out: Path) -> None:
    """Swap the new build in; the old one is removed only after the new one is in place."""
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
