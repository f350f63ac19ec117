"""The scan's work grows linearly with the page, also on pages written to make it slow.

No timing: the Python lines the scan executes are counted (a deterministic measure, the
same on any machine), for a page of n characters and of 2n. A quadratic path (issue 16:
a line of backtick triples took 53 s per 2 MB) doubles n and quadruples the count.
The regular expressions and string searches it calls run in C, where a line counter sees
nothing (the old scan's 53 s were an `rfind` per backtick triple): for the inputs where C
does the work, valgrind counts the machine instructions of each scan, also deterministic.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from citekit import syntax

HOOKS = Path(__file__).resolve().parent.parent / "hooks"

HOSTILE = {
    "backtick triples": "``` ",
    "mixed backtick runs": "` `` ``` ",
    "unclosed backtick runs": "x```` ",
    "open brackets": "[",
    "open brackets then a key": "[x ",
    "unclosed citation lists": "[@a; ",
    "nested brackets": "[[@a]",
    "close brackets": "]",
    "at signs": "@",
    "keys": "@a ",
    "suppressed keys": "-@a ",
    "narrative locators": "@a [p. ",
    "braced keys": "@{",
    "backslashes": "\\",
    "escaped brackets": "\\[@a",
    "dollars": "$1",
    "display math": "$$ ",
    "angle brackets": "<a ",
    "comments": "<!--",
    "script tags": "<script>",
    "link destinations": "](",
    "images": "![",
    "footnote markers": "[^",
    "semicolons": "[@a ;",
    "attribute lists": "{:",
    "unclosed fences": "````x\n",
    "list items": "- [@a\n",
    "indented lines": "\n    x [@a\n",
    "headings": "# [@a\n",
    "urls": "http://x.org/@a ",
    "mixed": "[see `a` @k, $x$ <b>p.</b> 3; -@j] @m [p. 2] \\@n ",
}


def lines_executed(text: str) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        syntax.scan(text)
        syntax.mask_code(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_work_doubles_when_the_page_doubles(unit):
    small = unit * (1500 // len(unit)) + " [@k]"
    large = unit * (3000 // len(unit)) + " [@k]"
    a, b = lines_executed(small), lines_executed(large)
    assert b <= 2.25 * a + 200, f"{a} lines for {len(small)} characters, {b} for {len(large)}"


def test_the_counter_sees_a_quadratic_scan():
    """The measure itself can fail: a scan that rereads the page for every '[' is caught."""
    def quadratic(text: str) -> None:
        for i, ch in enumerate(text):
            if ch == "[":
                text.find("]", i)
                for _ in text[i:i + 50 + i // 10]:
                    pass

    def count(text: str) -> int:
        n = 0

        def tracer(frame, event, arg):
            nonlocal n
            n += event == "line"
            return tracer
        sys.settrace(tracer)
        try:
            quadratic(text)
        finally:
            sys.settrace(None)
        return n
    assert count("[" * 3000) > 2.25 * count("[" * 1500) + 200


# Inputs whose work lies in regular expressions and string searches (C code).
C_HEAVY = ["backtick triples", "mixed backtick runs", "unclosed backtick runs", "comments", "script tags",
           "angle brackets", "braced keys", "link destinations", "dollars", "display math",
           "attribute lists", "unclosed fences", "headings", "indented lines", "urls",
           "open brackets then a key"]

# The child scans each text inside functools.reduce, a C function that nothing else calls:
# callgrind counts only while it runs and writes one count each time it returns.
_CHILD = """
import functools, json, sys
sys.path.insert(0, sys.argv[1])
from citekit import syntax
syntax.scan("warm up [@a] `b` $c$ <d>")
for text in json.load(open(sys.argv[2], encoding="utf-8")):
    functools.reduce(lambda _, t: (syntax.scan(t), syntax.mask_code(t)), [text], None)
"""


def instructions(texts: list[str], tmp: Path) -> list[int]:
    data = tmp / "texts.json"
    data.write_text(json.dumps(texts), encoding="utf-8")
    out = tmp / "cg.out"
    subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                    "--dump-after=functools_reduce", f"--callgrind-out-file={out}", sys.executable, "-c", _CHILD,
                    str(HOOKS), str(data)], check=True, capture_output=True, timeout=900)
    counts = {}
    for dump in tmp.glob("cg.out.*"):
        total = re.search(r"^totals: (\d+)", dump.read_text(encoding="utf-8", errors="replace"), re.M)
        counts[int(dump.suffix[1:])] = int(total.group(1))
    return [counts[i] for i in sorted(counts)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_machine_instructions_double_when_the_page_doubles(tmp_path):
    texts = []
    for name in C_HEAVY:
        unit = HOSTILE[name]
        size = 10_000 if name == "backtick triples" else 4000   # the old scan's 'rfind' shows from 10 000
        texts += [unit * (size // len(unit)) + " [@k]", unit * (2 * size // len(unit)) + " [@k]"]
    counts = instructions(texts, tmp_path)
    assert len(counts) == len(texts)
    slow = [f"{name}: {a} then {b} instructions" for name, a, b in zip(C_HEAVY, counts[::2], counts[1::2], strict=True)
            if b > 2.3 * a + 100_000]
    assert not slow, slow
