"""`history.last_changed` answers "never committed" from one listing per folder
(hooks/readerkit/history.py, `_never_in_history`): the same answers as `git log -1` for each file."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from readerkit import history


def _git(cwd: Path, *args: str, date: str = "2024-03-05T10:00:00+00:00") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _per_file(path: Path) -> str | None:
    proc = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                          capture_output=True, text=True)
    return proc.stdout.strip() or None


def test_listing_gives_the_answers_of_git_log_for_each_file(tmp_path: Path):
    _git(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("kept.md", "gone.md", "renamed.md", "ümlaut.md"):
        (docs / name).write_text(name + "\n")
    _git(tmp_path, "add", "docs")
    _git(tmp_path, "commit", "-qm", "first")
    _git(tmp_path, "rm", "-q", "docs/gone.md")
    _git(tmp_path, "mv", "docs/renamed.md", "docs/new-name.md")
    _git(tmp_path, "commit", "-qm", "second", date="2024-06-01T10:00:00+00:00")
    (docs / "gone.md").write_text("back, not committed\n")      # in history: the day it was deleted
    (docs / "renamed.md").write_text("back, not committed\n")   # the old name of a rename, likewise
    (docs / "never.md").write_text("never committed\n")
    (docs / "sp[e]cial.md").write_text("a name git reads as a pattern\n")
    names = ["kept.md", "gone.md", "renamed.md", "new-name.md", "ümlaut.md", "never.md", "sp[e]cial.md"]
    got = {n: history.last_changed(docs / n) for n in names}
    assert got == {n: _per_file(docs / n) for n in names}
    assert got["gone.md"] == got["renamed.md"] == "2024-06-01"
    assert got["kept.md"] == "2024-03-05" and got["never.md"] is None


def test_a_commit_is_seen_by_the_next_question(tmp_path: Path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_text("a\n")
    _git(tmp_path, "add", "a.md")
    _git(tmp_path, "commit", "-qm", "a")
    page = tmp_path / "b.md"
    page.write_text("b\n")
    assert history.last_changed(page) is None
    _git(tmp_path, "add", "b.md")
    _git(tmp_path, "commit", "-qm", "b", date="2024-07-01T10:00:00+00:00")
    assert history.last_changed(page) == "2024-07-01"
