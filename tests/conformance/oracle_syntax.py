"""pandoc as the oracle of citation syntax: key, mode, prefix and suffix of every citation.

The corpus (`syntax_corpus.md`, written for this project) is a list of cases; single-line
cases marked `in contexts` are also placed in every context MkDocs and Material add
(heading, table, footnote, admonition, abbreviation, list, block quote, HTML block...).
pandoc reads the whole corpus in ONE run (`pandoc -f markdown -t json`, cases separated
by an HTML comment), and once more for the prefixes and suffixes the engine found, so that
both sides' raw Markdown is turned into text by the same reader.

A case tagged `[differs: reason]` is a deliberate difference (README, "Citation syntax:
where we differ from pandoc"): it is left out of the figure, and must still differ, so
that the list of exceptions cannot go stale.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "hooks"))
sys.path.insert(0, str(HERE))

from agreement import Agreement  # noqa: E402
from citekit.syntax import scan  # noqa: E402

CORPUS = HERE / "syntax_corpus.md"
ALONE: set[str] = set()   # cases that swallow what follows them (an unclosed fence or comment)
SEPARATOR = "<!-- citekit-case-separator -->"
_HEADER = re.compile(r"^%%% (?P<name>\S+)(?P<ctx> in contexts)?(?P<alone> alone)?"
                     r"(?: \[differs: (?P<why>[a-z-]+)\])?$")

# Where MkDocs pages put a line of text. `{}` stands for the case.
CONTEXTS = {
    "heading": "# {}",
    "heading2": "## Section {}",
    "table": "| a | b |\n|---|---|\n| {} | x |",
    "footnote": "Text.[^{id}]\n\n[^{id}]: {}",   # {id}: a label of its own for every case
    "admonition": "!!! note\n    {}",
    "admonition-title": '!!! note "Title"\n    {}',
    "collapsible": "??? tip\n    {}",
    "abbreviation": "*[IL-6]: {}",
    "list": "- {}",
    "numbered": "1. {}",
    "quote": "> {}",
    "html-block": "<div>\n{}\n</div>",
    "md-in-html": '<div markdown="1">\n{}\n</div>',
    "emphasis": "*{}*",
    "strong": "**{}**",
    "after-code": "`code` {}",
    "tab": '=== "Tab"\n    {}',
}
# A context in which a case differs from pandoc for a reason of its own (name -> reason).
CONTEXT_DIFFERS: dict[str, str] = {}


def pandoc() -> str:
    import pypandoc
    return pypandoc.get_pandoc_path()


def cases() -> list[tuple[str, str, str]]:
    """(name, markdown, why it differs or "") for every case, contexts included."""
    out: list[tuple[str, str, str]] = []
    name, ctx, why, lines = None, False, "", []

    def flush() -> None:
        if name is None:
            return
        body = "\n".join(lines).strip("\n")
        out.append((name, body, why))
        if ctx:
            for cname, template in CONTEXTS.items():
                template = template.replace("{id}", f"n{len(out)}")
                out.append((f"{name}@{cname}", template.replace("{}", body),
                            why or CONTEXT_DIFFERS.get(cname, "")))

    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if m:
            flush()
            name, ctx, why, lines = m["name"], bool(m["ctx"]), m["why"] or "", []
            ALONE.discard(m["name"])
            if m["alone"]:
                ALONE.add(m["name"])
        elif name is not None:
            lines.append(line)
    flush()
    return out


def _plain(inlines: list) -> str:
    out = []
    for il in inlines:
        t, c = il["t"], il.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            out.append(_plain(c))
        elif t == "Quoted":
            q = '"' if c[0]["t"] == "DoubleQuote" else "'"
            out.append(q + _plain(c[1]) + q)
        elif t in ("Code", "Math", "RawInline"):
            out.append(c[1] if t != "Math" else c[1])
        elif t in ("Link", "Image", "Span", "Cite"):
            out.append(_plain(c[1]))
    return " ".join("".join(out).replace("\xa0", " ").split())


def _cites(node, acc: list) -> None:
    """Every citation pandoc found, nested ones (in another's prefix or suffix) included."""
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            for ci in node["c"][0]:
                acc.append((ci["citationId"], ci["citationMode"]["t"],
                            _plain(ci["citationPrefix"]), _plain(ci["citationSuffix"])))
                _cites(ci["citationPrefix"], acc)
                _cites(ci["citationSuffix"], acc)
            return
        for v in node.values():
            _cites(v, acc)
    elif isinstance(node, list):
        for v in node:
            _cites(v, acc)


def run_pandoc(texts: list[str]) -> list[list[tuple[str, str, str, str]]]:
    """pandoc's citations of each text, from one run on all of them.

    A text that swallows the separator after it (an unclosed fence, a list that takes the
    separator in) is found by halving the batch until it is read alone."""
    doc = f"\n\n{SEPARATOR}\n\n".join(texts)
    res = subprocess.run([pandoc(), "-f", "markdown", "-t", "json"], input=doc, capture_output=True,
                         text=True, encoding="utf-8", check=True)
    per_case: list[list] = [[]]
    for block in json.loads(res.stdout)["blocks"]:
        if block["t"] == "RawBlock" and SEPARATOR in block["c"][1]:
            per_case.append([])
            continue
        _cites(block, per_case[-1])
    if len(per_case) == len(texts) or len(texts) == 1:
        return per_case if len(texts) > 1 else [sum(per_case, [])]
    half = len(texts) // 2
    return run_pandoc(texts[:half]) + run_pandoc(texts[half:])


def as_text(fragments: list[str]) -> dict[str, str]:
    """Raw Markdown fragments (the engine's prefixes and suffixes) as pandoc's plain text."""
    wanted = sorted({f for f in fragments if f})
    if not wanted:
        return {"": ""}
    doc = f"\n\n{SEPARATOR}\n\n".join("x " + f for f in wanted)   # 'x ': never a block marker
    res = subprocess.run([pandoc(), "-f", "markdown", "-t", "json"], input=doc, capture_output=True,
                         text=True, encoding="utf-8", check=True)
    texts, current = [], []
    for block in json.loads(res.stdout)["blocks"]:
        if block["t"] == "RawBlock" and SEPARATOR in block["c"][1]:
            texts.append(current)
            current = []
        elif block["t"] in ("Para", "Plain"):
            current.extend(block["c"])
    texts.append(current)
    out = {"": ""}
    for frag, inl in zip(wanted, texts, strict=True):
        out[frag] = _plain(inl)[1:].strip()
    return out


def engine(text: str) -> list[tuple[str, str, str, str]]:
    """The engine's citations: (key, mode, raw prefix, raw suffix)."""
    return [(item.key, mode, item.prefix, item.suffix)
            for c in scan(text).citations for item, mode in zip(c.items, c.modes(), strict=True)]


@lru_cache(maxsize=1)
def compare() -> list[tuple[str, str, str, bool, Counter, Counter]]:
    """(name, markdown, why, agrees, pandoc's, ours) for every case."""
    all_cases = cases()
    joined = [md for name, md, _ in all_cases if name not in ALONE]
    theirs_joined = iter(run_pandoc(joined))
    alone = {name: run_pandoc([md])[0] for name, md, _ in all_cases if name in ALONE}
    theirs = [alone[name] if name in ALONE else next(theirs_joined) for name, _, _ in all_cases]
    ours_raw = [engine(md) for _, md, _ in all_cases]
    text = as_text([f for cs in ours_raw for c in cs for f in c[2:]])
    out = []
    for (name, md, why), p, o in zip(all_cases, theirs, ours_raw, strict=True):
        pc = Counter(p)
        oc = Counter((k, m, text[pre], text[suf]) for k, m, pre, suf in o)
        out.append((name, md, why, pc == oc, pc, oc))
    return out


def measure() -> Agreement:
    rows = compare()
    counted = [r for r in rows if not r[2]]
    return Agreement(name="citation syntax", oracle="pandoc 3 (-f markdown)",
                     agreed=sum(r[3] for r in counted), total=len(counted), target=1.0,
                     exceptions=tuple(r[0] for r in rows if r[2]))


if __name__ == "__main__":
    for name, md, why, ok, pc, oc in compare():
        if ok == bool(why):
            print(f"--- {name} ({'differs: ' + why if why else 'should agree'})\n{md}\n"
                  f"  pandoc: {sorted(pc.elements())}\n  engine: {sorted(oc.elements())}")
    print(measure().line())
