"""Fixtures of the browser tests: Debian's Chromium through Playwright, a hosted build of the
site served on 127.0.0.1, and the offline copy unzipped into a folder whose path has a space,
each built once per session by MkDocs and by Zensical (`--host zensical`). A test takes `site`
for the two MkDocs builds, `zensical_build` for the two Zensical builds, `any_site` for all four.

Without /usr/bin/chromium the tests fail when CI=true, and are skipped otherwise, loudly: the
terminal summary then ends with "BROWSER TESTS SKIPPED: <reason>".
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile

import pytest
from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS, MKDOCS_SITES, ROOT, ZENSICAL_SITES, Guard, Site

SKIP_REASON = (f"Chromium not found at {CHROMIUM}: install Debian's chromium "
               "(apt-get install chromium) to run the browser tests")
# The hosted build is made as the deploy workflow makes it, with a repository URL, so that
# the header's repository link and the edit buttons are present (and checked for requests).
HOSTED_ENV_DEFAULTS = {"REPO_URL": "https://github.com/example/muscle-il6", "EDIT_URI": "edit/main/docs/"}

_skipped: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or _in_ci():
        return
    marker = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(marker)


def pytest_runtest_logreport(report):
    if report.skipped and "browser" in report.keywords and SKIP_REASON in str(report.longrepr):
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED: {SKIP_REASON} "
                                    f"({len(_skipped)} tests)", red=True, bold=True)


# ---------------------------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"CI=true but {SKIP_REASON.split(':')[0]}; .ci/run installs it with "
                        "`apt-get install chromium` before the tests", pytrace=False)
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_context(browser):
    """Factory: a fresh browser context whose requests are guarded; closed after the test."""
    contexts = []

    def make(color_scheme: str = "light", **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(color_scheme=color_scheme, **options)
        context.set_default_timeout(15_000)
        guard = Guard()
        guard.attach(context)
        contexts.append(context)
        return context, guard

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def guarded_page(open_context):
    """A page in a fresh light-scheme context, and its guard."""
    context, guard = open_context()
    page = context.new_page()
    return page, guard


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Built sites
# ---------------------------------------------------------------------------------------------

def _run(cmd: list[str], env: dict | None = None) -> None:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        pytest.fail(f"`{' '.join(cmd)}` failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}",
                    pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _hosted(tmp_path_factory, host: str):
    """The site built as for hosting (scripts/build.py --host HOST) and served on 127.0.0.1."""
    out = tmp_path_factory.mktemp(f"hosted-{host}") / "site"
    env = {**HOSTED_ENV_DEFAULTS, **os.environ}
    _run([sys.executable, "scripts/build.py", "--host", host, "--out", str(out)], env=env)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"site-server-{host}", daemon=True)
    thread.start()
    try:
        yield Site("hosted", out, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _offline(tmp_path_factory, host: str):
    """The offline copy (scripts/offline.py --host HOST), unzipped into a folder with a space in its path."""
    work = tmp_path_factory.mktemp(f"offline-{host}")
    archive = work / "muscle-il6-offline.zip"
    _run([sys.executable, "scripts/offline.py", "--host", host, "--zip", str(archive)])
    target = work / "offline copy"
    with zipfile.ZipFile(archive) as z:
        tops = {name.split("/", 1)[0] for name in z.namelist()}
        assert tops == {"muscle-il6-offline"}, f"the zip must have one top folder, has {sorted(tops)}"
        z.extractall(target)
    root = target / "muscle-il6-offline"
    yield Site("offline", root, root.as_uri() + "/")
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory, browser):
    """The MkDocs build, hosted."""
    yield from _hosted(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, browser):
    """The MkDocs offline copy."""
    yield from _offline(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_hosted_site(tmp_path_factory, browser):
    """The Zensical build (zensical.yml), hosted."""
    yield from _hosted(tmp_path_factory, "zensical")


@pytest.fixture(scope="session")
def zensical_offline_site(tmp_path_factory, browser):
    """The Zensical offline copy (zensical-offline.yml)."""
    yield from _offline(tmp_path_factory, "zensical")


@pytest.fixture(params=MKDOCS_SITES)
def site(request) -> Site:
    """Each MkDocs build in turn."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(params=MKDOCS_SITES + ZENSICAL_SITES)
def any_site(request) -> Site:
    """Each build in turn, MkDocs and Zensical: for what a reader does the same way on both."""
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(params=ZENSICAL_SITES)
def zensical_build(request) -> Site:
    """Each Zensical build in turn: for what only Zensical's theme does (its search dialog)."""
    return request.getfixturevalue(f"{request.param}_site")
