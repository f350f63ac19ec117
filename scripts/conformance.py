"""Print every conformance figure (tests/conformance/oracle_*.py) in one table.

Each oracle module (its `measure()` and any `measure_<what>()`) measures the engine against an outside program on a corpus of our own;
the tests assert the targets, this prints the figures together. Exit 1 if one is below target.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "conformance"
sys.path[:0] = [str(ROOT / "hooks"), str(HERE)]


def main() -> int:
    rows = []
    for path in sorted(HERE.glob("oracle_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        # measure() and any further measure_<what>() (e.g. the style's in-text labels).
        rows += [getattr(module, name)() for name in sorted(dir(module))
                 if name == "measure" or name.startswith("measure_")]
    if not rows:
        print("conformance: no oracle modules found in tests/conformance/")
        return 1
    width, oracles = max(len(r.name) for r in rows), max(len(r.oracle) for r in rows)
    print(f"{'what':<{width}}  {'oracle':<{oracles}} {'agreed':>12} {'share':>7} {'target':>7}")
    for r in rows:
        print(f"{r.name:<{width}}  {r.oracle:<{oracles}} {f'{r.agreed}/{r.total}':>12} "
              f"{100 * r.share:6.1f}% {100 * r.target:6.0f}%")
    below = [r.name for r in rows if r.share < r.target]
    if below:
        print(f"below target: {', '.join(below)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
