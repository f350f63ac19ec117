"""What Material's search plugin spends reading the markup that citations add to a page.

The search plugin parses every page's HTML with its own `HTMLParser` (in `on_page_context`),
the reference lists, "Cite this page" and the COinS spans included: they are marked
`data-search-exclude`, so it skips them, but only after tokenizing them tag by tag. This
script takes one bench site (bench/run.py builds it), parses the built pages' articles with
the plugin's own parser, and prints each reading's CPU time as a share of one floor build's
CPU time, measured in the same run:

  floor     the floor's pages (the `[@key]` as text)
  hook      the hook's pages, as built
  - ...     the hook's pages with one more part of the citation markup taken out

    python bench/search_share.py 100:1000
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is not a package)

# Each step takes one more part of the hook's markup out of the pages (in this order):
# (what is taken out, the pattern, what it is replaced with).
STEPS = [
    ("- previews (title of each citation link)",
     re.compile(r'(<a class="citation-ref" href="[^"]*") title="[^"]*"'), r"\1"),
    ("- COinS spans", re.compile(r'<span class="Z3988"[^>]*></span>'), ""),
    ("- reference lists and their downloads",
     re.compile(r'<p class="reference-downloads".*?</p>|<ul class="references".*?</ul>', re.S), ""),
    ('- "Cite this page"', re.compile(r'<section class="cite-this-page".*?</section>', re.S), ""),
]


def articles(folder: Path) -> list[str]:
    """The <article> of every built page (what the search plugin is given, near enough)."""
    found = []
    for path in sorted(folder.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if start >= 0 and end > start:
            found.append(html[start:end])
    return found


def parse_seconds(pages: list[str], repeats: int = 5) -> float:
    """CPU seconds of the search plugin's parser reading every page (the best of `repeats`)."""
    from material.plugins.search.plugin import Parser
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for html in pages:
            parser = Parser()
            parser.feed(html)
            parser.close()
        best = min(best, time.process_time() - start)
    return best


def share(pages: int, entries: int, seed: int = 0, builds: int = 3) -> str:
    site, configs = run.site_for(pages, entries, seed)
    for kind in ("floor", "hook"):   # warm, and the pages to read
        run.launch(configs[kind], run.output_dir(site, kind), site / f"build-{kind}.log")
    floor_cpu = statistics.median(
        run.launch(configs["floor"], run.output_dir(site, "floor"), site / "build-floor.log")["cpu"]
        for _ in range(builds))
    readings = [("floor", articles(run.output_dir(site, "floor")))]
    hook = articles(run.output_dir(site, "hook"))
    readings.append(("hook", hook))
    for name, pattern, replacement in STEPS:
        hook = [pattern.sub(replacement, html) for html in hook]
        readings.append((name, hook))
    lines = [f"{site.name}: a floor build takes {floor_cpu:.2f} s of CPU (median of {builds}); the search "
             "plugin's parser on the built pages, CPU seconds and share of that build:"]
    for name, texts in readings:
        seconds = parse_seconds(texts)
        lines.append(f"  {name:44} {seconds:6.3f} s  {seconds / floor_cpu:6.1%}  "
                     f"({sum(map(len, texts)) / 1e6:.1f} MB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="The search plugin's parse of citation markup, as a share of a build.")
    ap.add_argument("scales", nargs="?", default="10:70,100:1000", help="N:M pairs, e.g. 100:1000")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    for spec in args.scales.split(","):
        pages, entries = (int(x) for x in spec.split(":"))
        print(share(pages, entries, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
