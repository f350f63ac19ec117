"""Synthetic MkDocs sites for benchmarking the citation hook.

`generate(dest, pages=N, entries=M, seed=0)` writes, deterministically for a seed:

- ``dest/docs/index.md`` and ``N - 1`` topic pages (``N`` pages in all), each
  ~800-1500 words of plausible physiology prose built from a word list, with H2/H3
  headings every few paragraphs, sometimes a fenced code block, inline code, a
  table, a link to another page or an e-mail address, and ~15 citations in every
  pandoc syntax: ``[@k]``, ``[@a; @b]``, ``[see @k, p. 33]``,
  ``[@k, pp. 3-5; also @o]``, ``[-@k]`` and narrative ``@k``;
- ``dest/bib/refs.bib`` with ``M`` entries (mostly articles, a few books, chapters
  and proceedings): 1-12 authors whose accents are written in LaTeX (``{\\"u}``,
  ``\\'e``, ``{\\o}``), titles with ``{protected}`` words and ``--``, journals,
  volumes, issues, pages, DOIs and PMIDs for most, PMCIDs and abstracts for some;
- configurations that differ only in how citations are rendered:
  ``mkdocs-hook.yml`` (our hook), ``mkdocs-floor.yml`` (no citation processing at
  all: the cost of MkDocs + Material alone) and ``mkdocs-bibtex.yml`` (the
  mkdocs-bibtex plugin, pybtex footnotes since no CSL file is given); and for
  Zensical ``zensical-cite.yml`` (our extension, hooks/citekit_zensical) and
  ``zensical-floor.yml`` (none), which inherit the hook's and the floor's files.

Keys are letters and digits only (``muller2003b``), which both tools accept.
Run as a script to write one site: ``python bench/generate.py DEST --pages 10 --entries 70``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlist  # noqa: E402  (bench/ is not a package)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOOK = ROOT / "hooks" / "citations.py"


@dataclass
class Entry:
    key: str
    first_surname: str      # Unicode, for prose ("Müller and colleagues")
    n_authors: int
    year: int
    bibtex: str = field(repr=False)


def _title(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(6, 14)):
        r = rng.random()
        if r < 0.12:
            words.append(rng.choice(wordlist.PROTECTED))
        elif r < 0.45:
            words.append(rng.choice(wordlist.ADJECTIVES))
        elif r < 0.55:
            words.append(rng.choice(wordlist.PREPS))
        else:
            words.append(rng.choice(wordlist.NOUNS))
    title = " ".join(words)
    if rng.random() < 0.3:
        a, b = sorted(rng.sample(range(1960, 2024), 2))
        title += f" in {a}--{b}"
    if rng.random() < 0.25:
        title = title.replace(" ", "--", 1) if rng.random() < 0.5 else title + ": a " + \
            rng.choice(["review", "randomised trial", "cohort study", "meta-analysis"])
    if rng.random() < 0.2:
        title += " in {Danish} men"
    return title[0].upper() + title[1:]


def _abstract(rng: random.Random) -> str:
    return " ".join(_sentence(rng, units=wordlist.UNITS) for _ in range(rng.randint(3, 6)))


def make_bibliography(entries: int, rng: random.Random) -> list[Entry]:
    used: dict[str, int] = {}
    out: list[Entry] = []
    for _ in range(entries):
        n_auth = min(12, max(1, int(rng.expovariate(1 / 4.0)) + 1))
        authors = []
        for _ in range(n_auth):
            latex, uni = rng.choice(wordlist.SURNAMES)
            authors.append((latex, uni, rng.choice(wordlist.GIVEN)))
        year = rng.randint(1965, 2024)
        base = wordlist.ascii_letters(authors[0][1]) + str(year)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base + wordlist.key_suffix(n)
        author_field = " and ".join(f"{latex}, {given}" for latex, _, given in authors)
        r = rng.random()
        fields: list[tuple[str, str]] = [("author", author_field), ("title", _title(rng))]
        if r < 0.88:
            kind = "article"
            first = rng.randint(1, 2400)
            pages = (f"{first}--{first + rng.randint(2, 18)}" if rng.random() < 0.9
                     else f"e{rng.randint(10000, 99999)}")
            fields += [("journal", rng.choice(wordlist.JOURNALS)), ("year", str(year)),
                       ("volume", str(rng.randint(1, 650)))]
            if rng.random() < 0.75:
                fields.append(("number", str(rng.randint(1, 24))))
            fields.append(("pages", pages))
            if rng.random() < 0.4:
                fields.append(("month", rng.choice(["jan", "feb", "mar", "apr", "may", "jun", "jul",
                                                    "aug", "sep", "oct", "nov", "dec"])))
        elif r < 0.94:
            kind = "book"
            pub, addr = rng.choice(wordlist.PUBLISHERS)
            fields += [("publisher", pub), ("address", addr), ("year", str(year))]
            if rng.random() < 0.5:
                fields.append(("edition", rng.choice(["2nd", "3rd", "4th"])))
        elif r < 0.97:
            kind = "incollection"
            pub, addr = rng.choice(wordlist.PUBLISHERS)
            ed_latex, ed_given = rng.choice(wordlist.SURNAMES)[0], rng.choice(wordlist.GIVEN)
            first = rng.randint(1, 600)
            fields += [("booktitle", _title(rng)), ("editor", f"{ed_latex}, {ed_given}"),
                       ("publisher", pub), ("address", addr), ("year", str(year)),
                       ("pages", f"{first}--{first + rng.randint(8, 40)}")]
        else:
            kind = "inproceedings"
            first = rng.randint(1, 900)
            fields += [("booktitle", "Proceedings of the " + rng.choice(
                ["International Congress of Physiological Sciences",
                 "Annual Meeting of the {European College of Sport Science}",
                 "{ISEI} Symposium on Exercise Immunology"])),
                       ("year", str(year)), ("pages", f"{first}--{first + rng.randint(1, 6)}")]
        if kind == "article" and rng.random() < 0.9 or rng.random() < 0.3:
            prefix = rng.choice(["10.1113", "10.1152", "10.1096", "10.2337", "10.1016", "10.1038"])
            suffix = f"{wordlist.ascii_letters(rng.choice(wordlist.NOUNS))}.{year}.{rng.randint(100, 99999)}"
            fields.append(("doi", f"{prefix}/{suffix}"))
        if kind == "article" and rng.random() < 0.85:
            fields.append(("pmid", str(rng.randint(1000000, 39999999))))
            if rng.random() < 0.25:
                fields.append(("pmcid", f"PMC{rng.randint(100000, 11999999)}"))
        if rng.random() < 0.25:
            fields.append(("abstract", _abstract(rng)))
        if rng.random() < 0.15:
            fields.append(("keywords", ", ".join(rng.sample(wordlist.NOUNS, 4))))
        if rng.random() < 0.1:
            fields.append(("url", f"https://www.example.org/articles/{key}"))
        body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in fields)
        bib = f"@{kind}{{{key},\n{body}\n}}\n"
        out.append(Entry(key=key, first_surname=authors[0][1], n_authors=n_auth, year=year,
                         bibtex=bib))
    return out


# ------------------------------------------------------------------------- pages
def _sentence(rng: random.Random, units=wordlist.UNITS_MD) -> str:
    parts = []
    if rng.random() < 0.25:
        parts.append(rng.choice(wordlist.CONNECTORS))
    det = rng.choice(["the", "a", "this", "each", "the"])
    parts += [det, rng.choice(wordlist.ADJECTIVES), rng.choice(wordlist.NOUNS), rng.choice(wordlist.VERBS)]
    parts += [rng.choice(["the", "its", "a"]), rng.choice(wordlist.ADJECTIVES), rng.choice(wordlist.NOUNS)]
    for _ in range(rng.randint(0, 3)):
        parts += [rng.choice(wordlist.PREPS), rng.choice(["the", "a", "their"]), rng.choice(wordlist.NOUNS)]
        if rng.random() < 0.3:
            parts += ["and", rng.choice(wordlist.ADJECTIVES), rng.choice(wordlist.NOUNS)]
    if rng.random() < 0.3:
        parts += ["by", f"{rng.randint(2, 120)}-fold" if rng.random() < 0.5 else
                  f"{rng.uniform(0.5, 60):.1f} {rng.choice(units)}"]
    if rng.random() < 0.15:
        parts += [f"(P < 0.0{rng.randint(1, 5)})"]
    for i in range(len(parts) - 1):
        if parts[i] == "a" and parts[i + 1][0] in "aeio":
            parts[i] = "an"
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _locator(rng: random.Random) -> str:
    a = rng.randint(2, 600)
    return rng.choice([f"p. {a}", f"pp. {a}-{a + rng.randint(1, 9)}", f"chap. {rng.randint(1, 12)}",
                       f"fig. {rng.randint(1, 6)}", f"table {rng.randint(1, 4)}"])


def _cite(rng: random.Random, pick) -> tuple[str, str]:
    """(kind, text): a parenthetical citation to put before the full stop, or a narrative one."""

    def distinct(n: int) -> list[Entry]:
        out: list[Entry] = []
        while len(out) < n:
            e = pick()
            if all(e.key != o.key for o in out):
                out.append(e)
        return out

    r = rng.random()
    if r < 0.38:
        return "paren", f"[@{pick().key}]"
    if r < 0.58:
        keys = [e.key for e in distinct(rng.randint(2, 4))]
        return "paren", "[" + "; ".join(f"@{k}" for k in keys) + "]"
    if r < 0.68:
        return "paren", f"[{rng.choice(['see', 'e.g.', 'cf.'])} @{pick().key}, {_locator(rng)}]"
    if r < 0.76:
        a, b = distinct(2)
        return "paren", f"[@{a.key}, {_locator(rng)}; also @{b.key}]"
    if r < 0.86:
        e = pick()
        who = e.first_surname + (" and colleagues" if e.n_authors > 2 else "")
        return "lead", f"{who} [-@{e.key}]"
    e = pick()
    return "lead", f"@{e.key}"


def _add_citation(rng: random.Random, sentence: str, pick) -> str:
    kind, text = _cite(rng, pick)
    if kind == "paren":
        return sentence[:-1] + " " + text + "."
    verb = rng.choice(["showed that", "reported that", "found that", "argued that",
                       "observed that"])
    lead = ""
    for c in wordlist.CONNECTORS:
        if sentence.startswith(c + " "):
            lead, sentence = c + " ", sentence[len(c) + 1:]
            break
    return f"{lead}{text} {verb} {sentence[0].lower()}{sentence[1:]}"


def make_page(rng: random.Random, index: int, n_pages: int, pick, title: str) -> str:
    """One page: ~800-1500 words of prose in paragraphs, ~15 citations spread over them."""
    target_words = rng.randint(800, 1500)
    n_cites = rng.randint(12, 18)
    paragraphs: list[list[str]] = []
    words = 0
    while words < target_words:
        par = [_sentence(rng) for _ in range(rng.randint(4, 7))]
        words += sum(len(x.split()) for x in par)
        paragraphs.append(par)
    for _ in range(n_cites):
        par = rng.choice(paragraphs)
        i = rng.randrange(len(par))
        par[i] = _add_citation(rng, par[i], pick)
    for par in paragraphs:
        if rng.random() < 0.2:
            i = rng.randrange(len(par))
            par[i] = par[i][:-1] + f", stored as {rng.choice(wordlist.INLINE_CODE)}."
        if rng.random() < 0.08:
            i = rng.randrange(len(par))
            par[i] = par[i][:-1] + f" (*{rng.choice(wordlist.NOUNS)}*, **{rng.choice(wordlist.ADJECTIVES)}**)."

    lines = ["---", f"title: {title}",
             f"description: Synthetic benchmark page {index} about {rng.choice(wordlist.NOUNS)}.", "---", "",
             f"# {title}", ""]
    headings = rng.sample(wordlist.HEADINGS, k=len(wordlist.HEADINGS))
    since_heading = 0
    next_heading = rng.randint(2, 4)
    extras = {"code": 0.25, "table": 0.15, "link": 0.3, "email": 0.12}  # chance per page
    extras = {k: v / len(paragraphs) for k, v in extras.items()}
    for p, par in enumerate(paragraphs):
        if p > 0 and since_heading >= next_heading:
            level = "###" if rng.random() < 0.3 else "##"
            lines += [f"{level} {headings[p % len(headings)]}", ""]
            since_heading, next_heading = 0, rng.randint(2, 4)
        lines += [" ".join(par), ""]
        since_heading += 1
        if rng.random() < extras["code"]:
            lang, code = rng.choice(wordlist.CODE_BLOCKS)
            lines += [f"```{lang}", code.rstrip("\n"), "```", ""]
        if rng.random() < extras["table"]:
            lines += ["| Time (min) | IL-6 (pg/ml) | Glucose (mmol/l) |", "|---:|---:|---:|"]
            for t in (0, 60, 120, 180):
                lines.append(f"| {t} | {rng.uniform(0.5, 30):.1f} | {rng.uniform(3.5, 7):.1f} |")
            lines.append("")
        if n_pages > 1 and rng.random() < extras["link"]:
            other = rng.randrange(1, n_pages)
            lines += [f"See also [the page on topic {other}](topic-{other:04d}.md).", ""]
        if rng.random() < extras["email"]:
            name = wordlist.ascii_letters(rng.choice(wordlist.SURNAMES)[1])
            lines += [f"Correspondence about this section: {name}@{rng.choice(wordlist.EMAIL_DOMAINS)}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ----------------------------------------------------------------------- configs
MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
"""


def _config(site_name: str, kind: str, hook_path: Path) -> str:
    head = f"site_name: {site_name}\ndocs_dir: docs\nstrict: false\ntheme:\n  name: material\n"
    if kind == "bibtex":
        plugins = ("plugins:\n  - search\n  - bibtex:\n      bib_file: bib/refs.bib\n"
                   "      bib_by_default: true\n")
    else:
        plugins = "plugins:\n  - search\n"
    hooks = f"hooks:\n  - {hook_path}\n" if kind == "hook" else ""
    extra = "extra:\n  citations:\n    bibliography: [bib/*.bib]\n"
    return head + plugins + hooks + extra + MARKDOWN_EXTENSIONS


CONFIGS = {"floor": "mkdocs-floor.yml", "hook": "mkdocs-hook.yml", "bibtex": "mkdocs-bibtex.yml",
           "zfloor": "zensical-floor.yml", "zcite": "zensical-cite.yml"}


def _zensical_config(kind: str) -> str:
    """Zensical on the MkDocs configuration, as zensical.yml does it: with our extension or without.

    Zensical writes into site_dir, which must lie inside the project: one folder per configuration."""
    inherit = "mkdocs-hook.yml" if kind == "zcite" else "mkdocs-floor.yml"
    # Citations only, as the MkDocs hook configuration (which does not load hooks/effects.py).
    extension = ("markdown_extensions:\n  - hooks.citekit_zensical:\n      page_checks: false\n"
                 if kind == "zcite" else "")
    return f"INHERIT: {inherit}\nsite_dir: site-{kind}\ntheme:\n  variant: classic\n" + extension


def generate(dest, pages: int = 10, entries: int = 70, seed: int = 0,
             hook_path: Path | str | None = None) -> dict[str, Path]:
    """Write a synthetic site into `dest` (replacing dest/docs and dest/bib).

    Returns {"floor"|"hook"|"bibtex": path of its mkdocs config}.
    """
    if pages < 1 or entries < 5:
        raise ValueError("need at least 1 page and 5 bibliography entries")
    dest = Path(dest).resolve()
    hook_path = Path(hook_path or DEFAULT_HOOK).resolve()
    rng = random.Random(f"bench-{seed}-{pages}-{entries}")
    for sub in ("docs", "bib"):
        shutil.rmtree(dest / sub, ignore_errors=True)
        (dest / sub).mkdir(parents=True)

    bib = make_bibliography(entries, rng)
    (dest / "bib" / "refs.bib").write_text(
        "% Synthetic bibliography for benchmarking; every entry is fictitious.\n\n"
        + "\n".join(e.bibtex for e in bib), encoding="utf-8")

    # A few references are cited much more often than the rest, as in real sites.
    popular = bib[: max(3, len(bib) // 20)]

    def pick() -> Entry:
        return rng.choice(popular) if rng.random() < 0.3 else rng.choice(bib)

    nouns = wordlist.NOUNS
    titles = [f"{rng.choice(wordlist.ADJECTIVES).capitalize()} {rng.choice(nouns)} and {rng.choice(nouns)}"
              for _ in range(pages)]
    for i in range(pages):
        name = "index.md" if i == 0 else f"topic-{i:04d}.md"
        text = make_page(rng, i, pages, pick, titles[i])
        (dest / "docs" / name).write_text(text, encoding="utf-8")

    # Our Zensical extension also runs the page checks of hooks/effects.py, which read the
    # review's claims: none here (the MkDocs configurations do not load that hook).
    (dest / "seeds").mkdir(exist_ok=True)
    (dest / "seeds" / "review.yaml").write_text("claims: []\nsections: []\n", encoding="utf-8")
    paths = {}
    for kind, fname in CONFIGS.items():
        p = dest / fname
        text = _zensical_config(kind) if kind.startswith("z") else \
            _config(f"Bench {pages} pages / {entries} entries ({kind})", kind, hook_path)
        p.write_text(text, encoding="utf-8")
        paths[kind] = p
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic MkDocs site for benchmarking.")
    ap.add_argument("dest")
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--entries", type=int, default=70)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hook", default=None,
                    help="path of the citation hook (default: hooks/citations.py)")
    args = ap.parse_args(argv)
    paths = generate(args.dest, pages=args.pages, entries=args.entries, seed=args.seed,
                     hook_path=args.hook)
    for kind, p in paths.items():
        print(f"{kind:7} {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
