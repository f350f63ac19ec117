"""LaTeX decoding against pandoc's BibTeX reader, on bib/*.bib and a corpus of our own.

Every value becomes the `note` of one entry of a single .bib; one pandoc process reads it
(`-f bibtex`) and, through a small Lua filter, writes each note as plain text (`-t plain`), so
math is shown as pandoc shows it to a reader (texmath's Unicode). Both sides are then
normalised the same way: the thin and medium spaces pandoc puts around math operators are
removed (`2 × 10⁵` and `2×10⁵` read the same), mathematical italic letters become the plain
letters (`𝛤` -> `Γ`), Unicode NFC, runs of white space one space.

Values in `DIFFERENCES` are decoded differently on purpose; each holds our expected text and
the reason (`LATEX.md` lists them). They are checked exactly and left out of the figure.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(HERE)]

from agreement import Agreement  # noqa: E402
from citekit.bibliography import VERBATIM_FIELDS, parse_string  # noqa: E402
from citekit.latex import decode  # noqa: E402
from latex_differences import DIFFERENCES  # noqa: E402

_LUA = """
function Pandoc(doc)
  local blocks = pandoc.List()
  for _, ref in ipairs(doc.meta.references or {}) do
    blocks:insert(pandoc.Para({pandoc.Str("@@" .. pandoc.utils.stringify(ref.id) .. "@@")}))
    blocks:insert(pandoc.Plain(ref.note or {}))
  end
  return pandoc.Pandoc(blocks, {})
end
"""
_MARKER = re.compile(r"^@@v(\d+)@@$", re.M)
_OPERATOR_SPACES = re.compile("[\u2000-\u200a]")


def own_corpus() -> list[str]:
    """Our own values, one a line in latex_corpus.txt."""
    lines = (HERE / "latex_corpus.txt").read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip()]


def project_values() -> list[str]:
    """Every decoded field value of the project's bib/*.bib (names fields included)."""
    values = []
    for path in sorted((ROOT / "bib").glob("*.bib")):
        bib = parse_string(path.read_text(encoding="utf-8"), str(path.name))
        for entry in bib.entries.values():
            values.extend(v for k, v in entry.raw.items() if k not in VERBATIM_FIELDS)
    return values


def corpus() -> list[str]:
    """Project values and our own, each once, in a stable order."""
    return list(dict.fromkeys(project_values() + own_corpus()))


def _pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_plain(values: list[str]) -> list[str]:
    """Each value as pandoc's BibTeX reader and plain writer show it; one pandoc run for all."""
    bib = "".join(f"@misc{{v{i},\n  note = {{{value}}}\n}}\n" for i, value in enumerate(values))
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp) / "notes.lua"
        lua.write_text(_LUA, encoding="utf-8")
        proc = subprocess.run([_pandoc_path(), "-f", "bibtex", "-t", "plain", "--wrap=none",
                               "--lua-filter", str(lua)], input=bib, capture_output=True,
                              text=True, encoding="utf-8", check=True)
    pieces = _MARKER.split(proc.stdout)
    found = {int(pieces[i]): pieces[i + 1].strip("\n") for i in range(1, len(pieces), 2)}
    return [found.get(i, "") for i in range(len(values))]


def _plain_letter(char: str) -> str:
    """A mathematical italic or bold letter as the letter it styles (𝜚 -> ϱ, 𝛤 -> Γ)."""
    name = unicodedata.name(char, "")
    if not name.startswith("MATHEMATICAL "):
        return char
    words = name.split()[1:]
    while words and words[0] in ("BOLD", "ITALIC", "SANS-SERIF", "SCRIPT", "FRAKTUR",
                                 "DOUBLE-STRUCK", "MONOSPACE"):
        words.pop(0)
    rest = " ".join(words)
    for candidate in (f"GREEK {rest}".replace("SMALL ", "SMALL LETTER ").replace("CAPITAL ", "CAPITAL LETTER "),
                      f"GREEK {rest}", f"LATIN {rest}".replace("SMALL ", "SMALL LETTER ")
                      .replace("CAPITAL ", "CAPITAL LETTER ")):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return unicodedata.normalize("NFKC", char)


def normalise(text: str) -> str:
    """What both sides are compared as (see the module docstring)."""
    text = _OPERATOR_SPACES.sub("", text)
    text = "".join(_plain_letter(c) if ord(c) >= 0x1D400 else c for c in text)
    return " ".join(unicodedata.normalize("NFC", text).split())


def compare() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(value, ours, pandoc's) where they differ: (outside DIFFERENCES, documented ones off)."""
    values = corpus()
    theirs = pandoc_plain(values)
    differ, documented_wrong = [], []
    for value, pandoc_text in zip(values, theirs, strict=True):
        ours = decode(value)
        if value in DIFFERENCES:
            if ours != DIFFERENCES[value][0]:
                documented_wrong.append((value, ours, DIFFERENCES[value][0]))
        elif normalise(ours) != normalise(pandoc_text):
            differ.append((value, ours, pandoc_text))
    return differ, documented_wrong


def measure() -> Agreement:
    """How many values decode as pandoc shows them, documented differences left out."""
    values = corpus()
    differ, _ = compare()
    total = len([v for v in values if v not in DIFFERENCES])
    return Agreement("LaTeX to Unicode", "pandoc 3.9 BibTeX reader", total - len(differ), total,
                     0.99, tuple(v for v in values if v in DIFFERENCES))


if __name__ == "__main__":   # the list of disagreements, for working on the decoder
    for value, ours, pandoc_text in compare()[0]:
        print(f"{value!r}\n    ours   {ours!r}\n    pandoc {pandoc_text!r}")
    print(measure().line())
