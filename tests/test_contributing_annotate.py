"""scripts/annotate.py: `make check` problems as GitHub annotations, on exact inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from annotate import annotations, escape_data, escape_property  # noqa: E402

CHECK_OUTPUT = """\
INFO    -  Cleaning site directory
WARNING -  bib/evidence.bib:101: entry 'kern2001' has neither a DOI nor a PMID. Add doi = {...} or pmid = {...} if the paper has one (advisory: does not fail the build)
ERROR   -  docs/effects/adipose-tissue-lipolysis.md:7: unknown direction 'raises'. Use one of: increases, decreases, inhibits, modulates
ERROR   -  docs/effects/adipose-tissue-lipolysis.md:74:144: unknown citation key 'stouthard1996' (did you mean 'stouthard1995'?)
WARNING -  Doc file 'index.md' contains a link 'x.md', but the target is not found.
ERROR   -  2 problems in the sources (listed above); nothing was built
build failed (exit 1); see the problems above
"""


def test_every_problem_becomes_one_command():
    assert annotations(CHECK_OUTPUT.splitlines()) == [
        "::notice file=bib/evidence.bib,line=101,title=make check::entry 'kern2001' has neither a DOI "
        "nor a PMID. Add doi = {...} or pmid = {...} if the paper has one",
        "::error file=docs/effects/adipose-tissue-lipolysis.md,line=7,title=make check::unknown "
        "direction 'raises'. Use one of: increases, decreases, inhibits, modulates",
        "::error file=docs/effects/adipose-tissue-lipolysis.md,line=74,col=144,title=make check::"
        "unknown citation key 'stouthard1996' (did you mean 'stouthard1995'?)",
        "::warning title=make check::Doc file 'index.md' contains a link 'x.md', but the target is not found.",
    ]


def test_escaping_follows_the_workflow_command_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("%0A stays text") == "%250A stays text"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_a_message_cannot_end_the_command_early():
    line = "ERROR   -  docs/a,b:c.md:3: 50% of '::error::' and a\rreturn"
    assert annotations([line]) == [
        "::error file=docs/a%2Cb%3Ac.md,line=3,title=make check::50%25 of '::error::' and a%0Dreturn"]


def test_escaped_names_are_kept_as_printed():
    r"""The build prints a newline in a file name as `\n`: the annotation keeps those two characters."""
    line = "ERROR   -  bib/more\\nINFO.bib:1: duplicate key 'k\\x1b[2J'"
    assert annotations([line]) == [
        "::error file=bib/more\\nINFO.bib,line=1,title=make check::duplicate key 'k\\x1b[2J'"]


def test_the_script_reads_a_file_and_standard_input(tmp_path: Path):
    log = tmp_path / "check.log"
    log.write_text(CHECK_OUTPUT, encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "annotate.py")]
    from_file = subprocess.run([*script, str(log)], capture_output=True, text=True, check=True)
    from_stdin = subprocess.run(script, input=CHECK_OUTPUT, capture_output=True, text=True, check=True)
    assert from_file.stdout == from_stdin.stdout == "\n".join(annotations(CHECK_OUTPUT.splitlines())) + "\n"


def test_a_real_failing_build_becomes_annotations(tmp_path: Path):
    """A corpus case built as CI builds it: each located error is one ::error on its line."""
    from test_bad_input import build_case

    proc, _ = build_case("ctb_bib_key_clears_the_screen", tmp_path)
    assert proc.returncode != 0
    # Errors only: how advisories are summarised is not this test's concern.
    errors = [a for a in annotations((proc.stdout + proc.stderr).splitlines()) if a.startswith("::error")]
    assert errors == [
        f"::error file=bib/esc.bib,line={line},title=make check::the key 'evil\\x1b[2Jkey' holds a "
        "control character. Keys are letters, digits and - _ : . /; retype the key" for line in (1, 9)]
