"""`mkdocs serve` shows the sources' problems in the browser, and recovers by itself once fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, wanted, timeout: float = 60) -> BeautifulSoup:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        text = _fetch(url)
        if text is not None:
            last = BeautifulSoup(text, "html.parser")
            if wanted(last):
                return last
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed what was expected; last page:\n{last}")


def _problems(soup: BeautifulSoup) -> list[str]:
    panel = soup.select_one("div.il6site-problems")
    return [li.get_text() for li in panel.select("li")] if panel else []


def test_serve_shows_the_problems_on_every_page_until_they_are_fixed(small_site: Path):
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f'hooks: ["{(HOOKS / "citations.py").as_posix()}"]',
        f'hooks: ["{(HOOKS / "buildreport.py").as_posix()}", "{(HOOKS / "citations.py").as_posix()}"]'),
        encoding="utf-8")
    (small_site / "docs" / "other.md").write_text("# Other\n\nNothing cited.\n", encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CITATIONS", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "-f", str(config)], cwd=small_site, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    home, other = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/other/"
    index = small_site / "docs" / "index.md"
    try:
        page = _wait_for(home, lambda s: s.select_one("span.citation") is not None)
        assert _problems(page) == []
        index.write_text("# Home\n\nAs shown [@nobody1999].\n", encoding="utf-8")
        wanted = ["docs/index.md:3:12: unknown citation key 'nobody1999'. "
                  "Check the key, or add the entry to a .bib file in bib/"]
        assert _problems(_wait_for(home, _problems)) == wanted
        assert _problems(_wait_for(other, _problems)) == wanted   # every page shows them
        index.write_text("# Home\n\nAs shown [@smith2000y].\n", encoding="utf-8")
        fixed = _wait_for(home, lambda s: not _problems(s) and s.select_one("span.citation") is not None)
        assert fixed.select_one("span.citation").get_text() == "(Smith, 2000)"
        assert _problems(_wait_for(other, lambda s: not _problems(s))) == []
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert "Traceback" not in server.stderr.read()
