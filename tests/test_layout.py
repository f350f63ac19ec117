"""The project's own layout rule: every Python file under 400 lines (DEVELOPERS.md), so that
a file holds one concern and a reviewer can read it whole."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def test_every_python_file_is_under_the_line_limit():
    files = [p for folder in ("hooks", "bench", "scripts", "tests") for p in (ROOT / folder).rglob("*.py")
             if ".work" not in p.parts]
    assert len(files) > 50
    long = {str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) >= LIMIT}
    assert long == {}
