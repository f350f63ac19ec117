"""When a page last changed, where its history is, and where to report an error on it.

The date comes from git (`git log -1 --format=%cs -- <file>`); a copy without git history (a
tarball, a zip) gets `None` and the page says "date not recorded" rather than a guess such as
the file's modification time, which a copy or checkout resets.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode

NOT_RECORDED = "date not recorded"
DEFAULT_BRANCH = "main"
DEFAULT_DOCS_DIR = "docs/"
# "edit/main/docs/" or "blob/main/docs/" (GitHub, and GitLab's "-/edit/main/docs/").
_EDIT_URI = re.compile(r"^(?:-/)?(?:edit|blob)/(?P<branch>[^/]+)/(?P<dir>.*)$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def last_changed(path: Path) -> str | None:
    """The day (YYYY-MM-DD) of the last commit that changed `path`, or None without history.

    None when git is missing, the file is outside a repository, or it was never committed.
    """
    if _never_in_history(path):
        return None
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name],
                              cwd=path.parent, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    day = proc.stdout.strip()
    return day if proc.returncode == 0 and _ISO_DAY.match(day) else None


# folder -> (the repository's HEAD reflog as stat saw it, every path under the folder that any
# commit of HEAD's history touched). Measured: one `git log` costs about 3.6 ms of CPU in its
# own process (outside the build's instruction count), and every page asks once; the bench's
# pages are not committed, so at N=100 that was about 0.36 s of CPU against some 2 s for the
# whole build without citations. One listing per folder answers "never committed" for them all.
_touched: dict[str, tuple[tuple, frozenset[str]]] = {}


def _never_in_history(path: Path) -> bool:
    """True only when no commit of HEAD's history touches `path`, so that `git log -1 -- name`
    would print nothing; False whenever that cannot be told for sure (then git is asked).

    The listing (`--full-history -m`: every commit, merges against each parent, no rename
    pairing) holds every path that the per-file log could show a commit for. It is kept until
    the repository's HEAD reflog changes (a commit, checkout or reset)."""
    if any(c in path.name for c in "*?[\\:!") or "GIT_DIR" in os.environ:   # a pathspec, not a name
        return False
    stamp = _history_stamp(path.parent)
    if stamp is None:
        return False
    folder = str(path.parent)
    known = _touched.get(folder)
    if known is None or known[0] != stamp:
        try:
            proc = subprocess.run(["git", "log", "--format=", "--name-only", "-z", "--no-renames",
                                   "--full-history", "-m", "--relative", "--", "."],
                                  cwd=path.parent, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return False
        if proc.returncode != 0:
            return False
        names = frozenset(n.strip(b"\n").decode("utf-8", "surrogateescape") for n in proc.stdout.split(b"\0"))
        known = _touched[folder] = (stamp, names)
    return path.name not in known[1]


def _history_stamp(folder: Path) -> tuple | None:
    """The size and time of the repository's HEAD reflog (it grows with every move of HEAD);
    None when there is no repository or no reflog to tell a change by."""
    for parent in (folder, *folder.parents):
        dot_git = parent / ".git"
        if dot_git.is_dir():
            git_dir = dot_git
        elif dot_git.is_file():   # a worktree or submodule: "gitdir: <path>"
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if not text.startswith("gitdir:"):
                return None
            git_dir = (parent / text[len("gitdir:"):].strip()).resolve()
        else:
            continue
        try:
            log, head = (git_dir / "logs" / "HEAD").stat(), (git_dir / "HEAD").stat()
        except OSError:
            return None
        return (str(git_dir), log.st_mtime_ns, log.st_size, head.st_mtime_ns, head.st_size)
    return None


def shown_date(day: str | None) -> str:
    """What the page says: the day, or that no date is recorded."""
    return day or NOT_RECORDED


def _branch_and_dir(edit_uri: str | None) -> tuple[str, str]:
    match = _EDIT_URI.match((edit_uri or "").strip("/") + "/")
    if not match:
        return DEFAULT_BRANCH, DEFAULT_DOCS_DIR
    folder = match.group("dir").strip("/")
    return match.group("branch"), (folder + "/" if folder else "")


def history_url(repo_url: str | None, edit_uri: str | None, src_uri: str) -> str | None:
    """The repository's list of commits that changed the page's source, or None without a repository.

    The branch and docs folder are read from `edit_uri` ("edit/main/docs/"); without one, the
    branch `main` and the folder `docs/` are assumed.
    """
    if not repo_url:
        return None
    branch, folder = _branch_and_dir(edit_uri)
    return f"{repo_url.rstrip('/')}/commits/{quote(branch)}/{quote(folder + src_uri)}"


def report_url(repo_url: str | None, page_url: str, page_title: str,
               template: str = "correction.yml") -> str | None:
    """The repository's correction issue form with the page filled in, or None without a repository.

    GitHub fills an issue form's fields from query parameters named by the field ids: the form
    `.github/ISSUE_TEMPLATE/correction.yml` has the field `page`.
    """
    if not repo_url:
        return None
    query = urlencode({"template": template, "title": f"[Correction]: {page_title}", "page": page_url})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"
