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
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOOK = ROOT / "hooks" / "citations.py"

# --------------------------------------------------------------------------- names
# (LaTeX form as written in .bib files, plain Unicode form used in prose)
SURNAMES = [
    ("M{\\\"u}ller", "Müller"), ("Sch{\\\"o}nfeld", "Schönfeld"), ("Garc{\\'\\i}a", "García"),
    ("Gonz{\\'a}lez", "González"), ("J{\\o}rgensen", "Jørgensen"), ("S{\\o}rensen", "Sørensen"),
    ("{\\AA}kerstr{\\\"o}m", "Åkerström"), ("Pe{\\~n}a", "Peña"), ("Dvo{\\v{r}}{\\'a}k", "Dvořák"),
    ("Lef{\\`e}vre", "Lefèvre"), ("Br{\\\"u}nning", "Brünning"), ("Hjelmg{\\aa}rd", "Hjelmgård"),
    ("Ben\\'itez", "Benítez"), ("Rodr\\'iguez", "Rodríguez"), ("L{\\'o}pez", "López"),
    ("Fern{\\'a}ndez", "Fernández"), ("G{\\\"o}tze", "Götze"), ("Kr{\\\"u}ger", "Krüger"),
    ("Ha{\\ss}", "Haß"), ("Nystr{\\\"o}m", "Nyström"), ("Bj{\\o}rnsen", "Bjørnsen"),
    ("Dupr\\'e", "Dupré"), ("Ch{\\'e}nier", "Chénier"), ("{\\c{C}}elik", "Çelik"),
    ("Steensberg", "Steensberg"), ("Pedersen", "Pedersen"), ("Ostrowski", "Ostrowski"),
    ("Febbraio", "Febbraio"), ("Keller", "Keller"), ("Fischer", "Fischer"),
    ("Hiscock", "Hiscock"), ("Starkie", "Starkie"), ("Bruunsgaard", "Bruunsgaard"),
    ("Schjerling", "Schjerling"), ("Nielsen", "Nielsen"), ("Hansen", "Hansen"),
    ("Smith", "Smith"), ("Johnson", "Johnson"), ("Williams", "Williams"), ("Brown", "Brown"),
    ("Jones", "Jones"), ("Miller", "Miller"), ("Davis", "Davis"), ("Wilson", "Wilson"),
    ("Anderson", "Anderson"), ("Taylor", "Taylor"), ("Thomas", "Thomas"), ("Moore", "Moore"),
    ("Martin", "Martin"), ("Jackson", "Jackson"), ("Thompson", "Thompson"), ("White", "White"),
    ("Harris", "Harris"), ("Clark", "Clark"), ("Lewis", "Lewis"), ("Robinson", "Robinson"),
    ("Walker", "Walker"), ("Young", "Young"), ("Allen", "Allen"), ("King", "King"),
    ("Wright", "Wright"), ("Scott", "Scott"), ("Green", "Green"), ("Baker", "Baker"),
    ("Adams", "Adams"), ("Nelson", "Nelson"), ("Hill", "Hill"), ("Campbell", "Campbell"),
    ("Mitchell", "Mitchell"), ("Roberts", "Roberts"), ("Carter", "Carter"),
    ("Phillips", "Phillips"),
    ("Evans", "Evans"), ("Turner", "Turner"), ("Torres", "Torres"), ("Parker", "Parker"),
    ("Collins", "Collins"), ("Edwards", "Edwards"), ("Stewart", "Stewart"), ("Morris", "Morris"),
    ("Murphy", "Murphy"), ("Cook", "Cook"), ("Rogers", "Rogers"), ("Morgan", "Morgan"),
    ("Peterson", "Peterson"), ("Cooper", "Cooper"), ("Reed", "Reed"), ("Bailey", "Bailey"),
    ("Bell", "Bell"), ("Kelly", "Kelly"), ("Howard", "Howard"), ("Ward", "Ward"),
    ("Cox", "Cox"), ("Richardson", "Richardson"), ("Wood", "Wood"), ("Watson", "Watson"),
    ("Brooks", "Brooks"), ("Bennett", "Bennett"), ("Gray", "Gray"), ("James", "James"),
    ("Tanaka", "Tanaka"), ("Suzuki", "Suzuki"), ("Watanabe", "Watanabe"), ("Yamamoto", "Yamamoto"),
    ("Nakamura", "Nakamura"), ("Kobayashi", "Kobayashi"), ("Wang", "Wang"), ("Li", "Li"),
    ("Zhang", "Zhang"), ("Liu", "Liu"), ("Chen", "Chen"), ("Yang", "Yang"), ("Huang", "Huang"),
    ("Zhao", "Zhao"), ("Wu", "Wu"), ("Zhou", "Zhou"), ("Kim", "Kim"), ("Park", "Park"),
    ("Lee", "Lee"), ("Choi", "Choi"), ("Nguyen", "Nguyen"), ("Tran", "Tran"),
    ("Rossi", "Rossi"), ("Russo", "Russo"), ("Ferrari", "Ferrari"), ("Esposito", "Esposito"),
    ("Bianchi", "Bianchi"), ("Romano", "Romano"), ("Colombo", "Colombo"), ("Ricci", "Ricci"),
    ("Bartoccioni", "Bartoccioni"), ("Akira", "Akira"), ("Kishimoto", "Kishimoto"),
    ("Hoffman-Goetz", "Hoffman-Goetz"), ("van Hall", "van Hall"), ("de Vries", "de Vries"),
    ("van der Berg", "van der Berg"), ("Jansen", "Jansen"), ("Visser", "Visser"),
    ("Bakker", "Bakker"), ("Smit", "Smit"), ("Meijer", "Meijer"), ("Mulder", "Mulder"),
    ("Kowalski", "Kowalski"), ("Nowak", "Nowak"), ("Wi{\\'s}niewski", "Wiśniewski"),
    ("W{\\'o}jcik", "Wójcik"), ("Kami{\\'n}ski", "Kamiński"), ("Lewandowski", "Lewandowski"),
    ("Zieli{\\'n}ski", "Zieliński"), ("Szyma{\\'n}ski", "Szymański"), ("Wo{\\'z}niak", "Woźniak"),
    ("Ivanov", "Ivanov"), ("Petrov", "Petrov"), ("Sokolov", "Sokolov"), ("Popov", "Popov"),
    ("O'Brien", "O'Brien"), ("O'Neill", "O'Neill"), ("MacDonald", "MacDonald"),
    ("Gallagher", "Gallagher"), ("Doyle", "Doyle"), ("Byrne", "Byrne"), ("Ryan", "Ryan"),
    ("Andersson", "Andersson"), ("Johansson", "Johansson"), ("Karlsson", "Karlsson"),
    ("Lindqvist", "Lindqvist"), ("Lindstr{\\\"o}m", "Lindström"), ("Eriksson", "Eriksson"),
    ("Saltin", "Saltin"), ("Kjaer", "Kjaer"), ("Kj{\\ae}r", "Kjær"), ("Secher", "Secher"),
    ("Richter", "Richter"), ("Wojtaszewski", "Wojtaszewski"), ("Helge", "Helge"),
    ("Plomgaard", "Plomgaard"), ("Petersen", "Petersen"), ("Krogh-Madsen", "Krogh-Madsen"),
]

GIVEN = [
    "Bente Klarlund", "Adam", "Jos{\\'e}", "Ren\\'e", "S{\\o}ren", "J{\\\"u}rgen",
    "Fran{\\c{c}}oise", "Zo{\\\"e}", "Mark A.", "Charlotte", "Kirsten", "Peter", "Anne",
    "Helle", "Jens", "Lars", "Mette", "Thomas", "Matthew J.", "Mark", "Christian P.",
    "Rebecca L.", "Nicola", "Kristian", "Henriette", "M{\\aa}rten", "{\\O}ystein", "Eva",
    "Gerrit", "Bengt", "Michael", "Sarah", "Wei", "Hiroshi", "Yuki", "Min-Jung", "Ana",
    "Luc{\\'\\i}a", "Giulia", "Marco", "Pawe{\\l}", "Agnieszka", "Dmitri", "Siobh{\\'a}n",
    "J. A.", "K. M.", "R. J.", "P. D.", "H. B.", "L. L.", "E. W.", "T.", "S. K.", "D. G.",
]

JOURNALS = [
    "J Physiol", "Am J Physiol Endocrinol Metab", "J Appl Physiol", "FASEB J", "Diabetes",
    "J Clin Endocrinol Metab", "Cytokine", "Eur J Appl Physiol", "Nature", "Science",
    "Med Sci Sports Exerc", "Exerc Immunol Rev", "Journal of Biological Chemistry",
    "Immunology Today", "Proceedings of the National Academy of Sciences of the {USA}",
    "American Journal of Physiology -- Regulatory, Integrative and Comparative Physiology",
    "Cell Metabolism", "Journal of Immunology", "Clinical Science", "Acta Physiol Scand",
    "Physiological Reviews", "Trends in Endocrinology {\\&} Metabolism", "Diabetologia",
    "Metabolism: Clinical and Experimental",
    "Scandinavian Journal of Medicine {\\&} Science in Sports",
    "Journal of Lipid Research", "Endocrinology", "Blood", "The Lancet", "BMJ",
    "Brain, Behavior, and Immunity", "Muscle {\\&} Nerve", "Journal of Cell Biology",
]

PUBLISHERS = [("Human Kinetics", "Champaign, IL"), ("Springer", "Berlin"),
              ("Academic Press", "San Diego"), ("Karger", "Basel"),
              ("Oxford University Press", "Oxford"), ("Wiley-Blackwell", "Hoboken, NJ")]

PROTECTED = ["{IL-6}", "{TNF}-$\\alpha$", "{IL-1ra}", "{IL-10}", "{mRNA}", "{AMPK}", "{STAT3}",
             "{GLUT4}", "{Danish}", "{NF-$\\kappa$B}", "{JAK}", "{CRP}", "{HPA}", "{VO$_2$max}",
             "{Type 2}", "{C2C12}", "{gp130}", "{PGC-1$\\alpha$}", "{SOCS3}", "{MAPK}"]

# ------------------------------------------------------------------------- prose
def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words("""
muscle fibre cytokine interleukin plasma concentration exercise bout contraction glycogen
glucose uptake lipolysis adipocyte hepatocyte liver output receptor signalling pathway
transcription expression release clearance infusion cohort participant volunteer subject
biopsy sample assay antibody response inflammation macrophage monocyte lymphocyte neutrophil
hormone insulin cortisol adrenaline catecholamine fatty acid triglyceride oxidation
mitochondrion capillary blood flow arteriovenous difference tracer turnover rate kinetics
intensity duration workload trial protocol intervention placebo control group baseline
recovery phase peak amplitude time course endurance training fitness capacity
metabolism homeostasis tissue compartment interstitium microdialysis catheter femoral
artery vein protein synthesis degradation damage repair regeneration satellite cell
myokine messenger mediator marker variable outcome estimate interval variance model
regression correlation mechanism hypothesis evidence observation finding limitation
""")

ADJECTIVES = _words("""
skeletal contracting resting systemic local circulating plasma arterial venous hepatic
muscular adipose inflammatory anti-inflammatory metabolic endocrine paracrine autocrine
prolonged acute chronic moderate intense eccentric concentric dynamic isometric
healthy trained untrained elderly young obese lean diabetic insulin-resistant
significant marked modest transient sustained rapid gradual exponential linear
independent dependent mechanistic experimental observational randomised controlled
crossover parallel human murine transgenic recombinant basal postprandial fasting
""")

VERBS = _words("""
increased decreased stimulated inhibited suppressed enhanced attenuated abolished
preceded followed accompanied mirrored exceeded paralleled predicted explained
modulated regulated induced reduced elevated restored maintained altered affected
""")

CONNECTORS = ["In contrast,", "However,", "Moreover,", "Consistent with this,", "Notably,",
              "Taken together,", "Similarly,", "By comparison,", "In addition,", "Thus,",
              "At the same time,", "Importantly,", "Nevertheless,", "Accordingly,"]

PREPS = ["during", "after", "before", "in", "within", "across", "despite", "with", "without",
         "relative to", "compared with", "throughout"]

UNITS = ["pg ml$^{-1}$", "ng l$^{-1}$", "mmol l$^{-1}$", "min", "h", "\\% of VO2max", "W", "kg"]
UNITS_MD = ["pg/ml", "ng/l", "mmol/l", "min", "h", "% of VO2max", "W", "kg", "µmol/min"]

HEADINGS = ["Background", "Study design", "Participants and protocol", "Measurements",
            "Plasma kinetics", "Sources of the cytokine", "Signalling in the fibre",
            "Effects on the liver", "Effects on adipose tissue", "Immune effects",
            "Dose and duration", "Carbohydrate availability", "Training status",
            "Methodological considerations", "Limitations", "Interpretation",
            "Open questions", "Comparison with other cytokines", "Time course",
            "Receptor expression", "Transcriptional control", "Summary of findings"]

CODE_BLOCKS = [
    ("python", ("import numpy as np\n\nconc = np.array([1.4, 2.9, 8.7, 19.5])  # pg/ml\n"
                "fold = conc / conc[0]\nprint(fold.round(1))\n")),
    ("r", "fit <- lm(il6 ~ duration + intensity, data = trials)\nsummary(fit)\n"),
    ("bash", "mkdir -p results\npython analyse.py --input samples.csv --out results/\n"),
    ("text", ("time (min)  IL-6 (pg/ml)\n0           1.2\n60          4.8\n120         11.6\n"
              "180         23.0\n")),
    ("yaml", "protocol:\n  mode: knee-extensor\n  duration_min: 180\n  intensity: 25% of max\n"),
]

INLINE_CODE = ["`il6_plasma`", "`--normalise`", "`fold_change()`", "`VO2max`", "`t_half = 1.5`",
               "`samples.csv`", "`lm()`", "`np.log2`", "`AUC`", "`id=42`"]

EMAIL_DOMAINS = ["example.org", "lab.example.edu", "physiol.example.dk", "uni.example.de"]


def _ascii(text: str) -> str:
    """Plain lowercase ASCII letters of a surname (for cite keys and e-mail addresses)."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("æ", "ae")
    text = text.replace("ł", "l").replace("å", "a").replace("Å", "A")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if ch.isascii() and ch.isalpha()).lower()


def _key_suffix(n: int) -> str:
    """'' for the first, then a, b, ..., z, aa, ab, ... (letters only)."""
    if n == 0:
        return ""
    n -= 1
    out = ""
    while True:
        out = chr(ord("a") + n % 26) + out
        n = n // 26 - 1
        if n < 0:
            return out


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
            words.append(rng.choice(PROTECTED))
        elif r < 0.45:
            words.append(rng.choice(ADJECTIVES))
        elif r < 0.55:
            words.append(rng.choice(PREPS))
        else:
            words.append(rng.choice(NOUNS))
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
    return " ".join(_sentence(rng, units=UNITS) for _ in range(rng.randint(3, 6)))


def make_bibliography(entries: int, rng: random.Random) -> list[Entry]:
    used: dict[str, int] = {}
    out: list[Entry] = []
    for _ in range(entries):
        n_auth = min(12, max(1, int(rng.expovariate(1 / 4.0)) + 1))
        authors = []
        for _ in range(n_auth):
            latex, uni = rng.choice(SURNAMES)
            authors.append((latex, uni, rng.choice(GIVEN)))
        year = rng.randint(1965, 2024)
        base = _ascii(authors[0][1]) + str(year)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base + _key_suffix(n)
        author_field = " and ".join(f"{latex}, {given}" for latex, _, given in authors)
        r = rng.random()
        fields: list[tuple[str, str]] = [("author", author_field), ("title", _title(rng))]
        if r < 0.88:
            kind = "article"
            first = rng.randint(1, 2400)
            pages = (f"{first}--{first + rng.randint(2, 18)}" if rng.random() < 0.9
                     else f"e{rng.randint(10000, 99999)}")
            fields += [("journal", rng.choice(JOURNALS)), ("year", str(year)),
                       ("volume", str(rng.randint(1, 650)))]
            if rng.random() < 0.75:
                fields.append(("number", str(rng.randint(1, 24))))
            fields.append(("pages", pages))
            if rng.random() < 0.4:
                fields.append(("month", rng.choice(["jan", "feb", "mar", "apr", "may", "jun", "jul",
                                                    "aug", "sep", "oct", "nov", "dec"])))
        elif r < 0.94:
            kind = "book"
            pub, addr = rng.choice(PUBLISHERS)
            fields += [("publisher", pub), ("address", addr), ("year", str(year))]
            if rng.random() < 0.5:
                fields.append(("edition", rng.choice(["2nd", "3rd", "4th"])))
        elif r < 0.97:
            kind = "incollection"
            pub, addr = rng.choice(PUBLISHERS)
            ed_latex, ed_given = rng.choice(SURNAMES)[0], rng.choice(GIVEN)
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
            suffix = f"{_ascii(rng.choice(NOUNS))}.{year}.{rng.randint(100, 99999)}"
            fields.append(("doi", f"{prefix}/{suffix}"))
        if kind == "article" and rng.random() < 0.85:
            fields.append(("pmid", str(rng.randint(1000000, 39999999))))
            if rng.random() < 0.25:
                fields.append(("pmcid", f"PMC{rng.randint(100000, 11999999)}"))
        if rng.random() < 0.25:
            fields.append(("abstract", _abstract(rng)))
        if rng.random() < 0.15:
            fields.append(("keywords", ", ".join(rng.sample(NOUNS, 4))))
        if rng.random() < 0.1:
            fields.append(("url", f"https://www.example.org/articles/{key}"))
        body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in fields)
        bib = f"@{kind}{{{key},\n{body}\n}}\n"
        out.append(Entry(key=key, first_surname=authors[0][1], n_authors=n_auth, year=year,
                         bibtex=bib))
    return out


# ------------------------------------------------------------------------- pages
def _sentence(rng: random.Random, units=UNITS_MD) -> str:
    parts = []
    if rng.random() < 0.25:
        parts.append(rng.choice(CONNECTORS))
    det = rng.choice(["the", "a", "this", "each", "the"])
    parts += [det, rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(VERBS)]
    parts += [rng.choice(["the", "its", "a"]), rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    for _ in range(rng.randint(0, 3)):
        parts += [rng.choice(PREPS), rng.choice(["the", "a", "their"]), rng.choice(NOUNS)]
        if rng.random() < 0.3:
            parts += ["and", rng.choice(ADJECTIVES), rng.choice(NOUNS)]
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
    for c in CONNECTORS:
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
            par[i] = par[i][:-1] + f", stored as {rng.choice(INLINE_CODE)}."
        if rng.random() < 0.08:
            i = rng.randrange(len(par))
            par[i] = par[i][:-1] + f" (*{rng.choice(NOUNS)}*, **{rng.choice(ADJECTIVES)}**)."

    lines = ["---", f"title: {title}",
             f"description: Synthetic benchmark page {index} about {rng.choice(NOUNS)}.", "---", "",
             f"# {title}", ""]
    headings = rng.sample(HEADINGS, k=len(HEADINGS))
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
            lang, code = rng.choice(CODE_BLOCKS)
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
            name = _ascii(rng.choice(SURNAMES)[1])
            lines += [f"Correspondence about this section: {name}@{rng.choice(EMAIL_DOMAINS)}.", ""]
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
    extension = "markdown_extensions:\n  - hooks.citekit_zensical\n" if kind == "zcite" else ""
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

    titles = [f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} and {rng.choice(NOUNS)}"
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
