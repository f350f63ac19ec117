"""The words, names and snippets that bench/generate.py builds its synthetic sites from.

Names come in two forms: as written in a .bib file (LaTeX accents) and as plain Unicode for
the prose. Everything here is made up for the benchmark; nothing is a real study.
"""

from __future__ import annotations

import unicodedata

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


def ascii_letters(text: str) -> str:
    """Plain lowercase ASCII letters of a surname (for cite keys and e-mail addresses)."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("æ", "ae")
    text = text.replace("ł", "l").replace("å", "a").replace("Å", "A")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if ch.isascii() and ch.isalpha()).lower()


def key_suffix(n: int) -> str:
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
