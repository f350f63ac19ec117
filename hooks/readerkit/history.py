"""When a page last changed, where its history is, and where to report an error on it.

The date comes from git (`git log -1 --format=%cs -- <file>`); a copy without git history (a
tarball, a zip) gets `None` and the page says "date not recorded" rather than a guess such as
the file's modification time, which a copy or checkout resets.
"""

from __future__ import annotations

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
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name],
                              cwd=path.parent, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    day = proc.stdout.strip()
    return day if proc.returncode == 0 and _ISO_DAY.match(day) else None


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
