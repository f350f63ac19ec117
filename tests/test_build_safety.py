"""scripts/build.py never deletes sources, and a published site is always whole.

Refusals run on a copy of the project (git-tracked files): if a refusal ever failed, the copy's
sources would go, not the repository's. The swap is tested in-process with a signal sent in
its middle; kill tests stop real builds at a handful of moments.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent
OLD_MARKER = "OLD-SITE.txt"
HOW = "publishing replaces the output folder, so the sources would be deleted. " \
      "Use a folder of its own, e.g. --out site"


def load_build_module():
    spec = importlib.util.spec_from_file_location("build_script", ROOT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_script = load_build_module()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("copy") / "project")


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def run(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "scripts" / "build.py"), *args],
                          cwd=project, capture_output=True, text=True, timeout=timeout)


# --------------------------------------------------------------------------- refused folders
@pytest.mark.parametrize(("out", "why"), [
    ("docs", "it is the docs/ folder"),
    ("docs/", "it is the docs/ folder"),
    ("bib", "it is the bib/ folder"),
    ("seeds/site", "it lies inside the seeds/ folder"),
    ("hooks/citekit", "it lies inside the hooks/ folder"),
    (".", "it is the repository root"),
    ("..", "it holds the repository root"),
    ("docs/../bib", "it is the bib/ folder"),
])
def test_a_source_folder_is_refused(project: Path, out: str, why: str):
    before = tree(project)
    proc = run(project, "--out", out)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr == f"build.py: refusing --out {out}: {why}; {HOW}\n"
    assert proc.stdout == ""
    assert tree(project) == before


def test_a_folder_holding_a_source_folder_is_refused(tmp_path: Path):
    """A configuration elsewhere: its folder and its docs_dir are protected too."""
    (tmp_path / "src" / "pages" / "sub").mkdir(parents=True)
    config = tmp_path / "src" / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: !ENV [SITE_URL, 'http://x/']\ndocs_dir: pages\n",
                      encoding="utf-8")
    refuse = build_script.refuse_output
    docs_dir = (tmp_path / "src" / "pages").as_posix()
    assert refuse(tmp_path / "src" / "pages", config) == \
        f"it is the docs_dir of the configuration ({docs_dir}); {HOW}"
    assert refuse(tmp_path / "src" / "pages" / "sub", config) == \
        f"it lies inside the docs_dir of the configuration ({docs_dir}); {HOW}"
    assert refuse(tmp_path, config) == \
        f"it holds the folder of the configuration ({(tmp_path / 'src').as_posix()}); {HOW}"
    assert refuse(tmp_path / "src" / "site", config) == ""
    assert refuse(tmp_path / "elsewhere", config) == ""


def test_a_file_is_refused(project: Path):
    proc = run(project, "--out", "README.md")
    assert proc.returncode == 2
    assert proc.stderr == "build.py: refusing --out README.md: README.md is a file, not a folder. " \
        "Use a folder of its own, e.g. --out site\n"
    assert (project / "README.md").is_file()


def test_an_echoed_folder_name_cannot_forge_a_line(project: Path):
    name = "out\nINFO    -  Documentation built in 0.01 seconds\x1b[2J"
    proc = run(project, "--out", name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == \
        f"built out\\nINFO    -  Documentation built in 0.01 seconds\\x1b[2J in {proc.stdout.split()[-2]} s\n"
    assert "\x1b" not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- the swap
def fake_build(files: int):
    def build(config, site_dir, strict=True, host="mkdocs"):
        for i in range(files):
            (site_dir / f"page{i}.html").write_text("new\n", encoding="utf-8")
        return 0
    return build


def old_site(out: Path, files: int) -> None:
    out.mkdir()
    for i in range(files):
        (out / f"page{i}.html").write_text("old\n", encoding="utf-8")
    (out / OLD_MARKER).write_text("old\n", encoding="utf-8")


def test_a_signal_during_the_swap_lets_it_finish(tmp_path, monkeypatch):
    """SIGTERM between the two renames: the new site goes in place, whole, and nothing is left."""
    out = tmp_path / "site"
    old_site(out, 3)
    monkeypatch.setattr(build_script, "build", fake_build(5))
    real_replace = os.replace

    def replace_then_signal(src, dst):
        real_replace(src, dst)
        if Path(dst).name.endswith("-old"):   # the old site has just been moved away
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(build_script.os, "replace", replace_then_signal)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        code = build_script.run_guarded(tmp_path / "mkdocs.yml", out, check=False, strict=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert code == 0
    assert build_script.STOP.signum == signal.SIGTERM   # it came, and was only noted
    assert tree(out) == [f"page{i}.html" for i in range(5)]
    assert tree(tmp_path) == ["site"] + [f"site/page{i}.html" for i in range(5)]


def test_a_signal_during_the_build_publishes_nothing(tmp_path, monkeypatch, capsys):
    out = tmp_path / "site"
    old_site(out, 3)

    def build_then_signal(config, site_dir, strict=True, host="mkdocs"):
        fake_build(5)(config, site_dir)
        os.kill(os.getpid(), signal.SIGINT)
        return 0

    monkeypatch.setattr(build_script, "build", build_then_signal)
    previous = signal.getsignal(signal.SIGINT)
    try:
        code = build_script.run_guarded(tmp_path / "mkdocs.yml", out, check=False, strict=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert code == 128 + signal.SIGINT
    assert capsys.readouterr().err == "build.py: stopped by SIGINT; nothing was published and the " \
        "staging folder was removed\n"
    assert tree(tmp_path) == ["site", "site/OLD-SITE.txt"] + [f"site/page{i}.html" for i in range(3)]


def test_stale_staging_of_a_dead_build_is_removed(tmp_path: Path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f".build-{dead.pid}-abc" / "assets").mkdir(parents=True)
    (tmp_path / f".build-{dead.pid}-abc-old").mkdir()
    live = tmp_path / f".build-{os.getppid()}-xyz"
    live.mkdir()
    (tmp_path / ".build-notours").mkdir()
    build_script.remove_stale_staging(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, ".build-notours"]


# --------------------------------------------------------------------------- killed builds
@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> tuple[Path, Path]:
    """A two-page site of its own and its mkdocs.yml (built in about a second)."""
    src = tmp_path_factory.mktemp("kill") / "src"
    (src / "docs").mkdir(parents=True)
    (src / "bib").mkdir()
    (src / "bib" / "refs.bib").write_text(
        "@article{tester2020, author = {Tester, A.}, title = {A test paper}, journal = {J Test},\n"
        "  year = 2020, doi = {10.5555/test}}\n", encoding="utf-8")
    (src / "docs" / "index.md").write_text("# Home\n\nAs shown [@tester2020].\n", encoding="utf-8")
    (src / "docs" / "second.md").write_text("# Second\n\nAgain [@tester2020].\n", encoding="utf-8")
    hook = (ROOT / "hooks" / "citations.py").as_posix()
    (src / "mkdocs.yml").write_text(
        "site_name: Kill test\nsite_url: http://127.0.0.1:8000/\nstrict: true\n"
        "theme: {name: material, font: false}\n"
        f"hooks: [\"{hook}\"]\nextra: {{citations: {{bibliography: [\"bib/*.bib\"]}}}}\n"
        "plugins: [search]\nmarkdown_extensions: [attr_list, toc]\n", encoding="utf-8")
    return src, src / "mkdocs.yml"


def start(config: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--config",
                             str(config), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_killed_build_leaves_the_old_or_the_new_site_whole(small_project):
    src, config = small_project
    out = src.parent / "site"
    began = time.monotonic()
    assert start(config, out).wait(timeout=120) == 0
    duration = time.monotonic() - began
    new_count = len(tree(out))
    (out / OLD_MARKER).write_text("old\n", encoding="utf-8")
    # Kill points: at once, early (imports), during the build, around its end (the swap).
    moments = [0.0, 0.05, 0.3, 0.5 * duration, 0.8 * duration, 0.95 * duration, 1.02 * duration]
    seen = set()
    for i, delay in enumerate(moments):
        signum = (signal.SIGTERM, signal.SIGINT)[i % 2]
        proc = start(config, out)
        time.sleep(delay)
        proc.send_signal(signum)
        proc.wait(timeout=60)   # any exit: a signal after the swap may end it either way
        files = tree(out)
        if OLD_MARKER in files:
            assert len(files) == new_count + 1, f"old site not whole after a kill at {delay:.2f} s"
            seen.add("old")
        else:
            assert len(files) == new_count, f"new site not whole after a kill at {delay:.2f} s"
            (out / OLD_MARKER).write_text("old\n", encoding="utf-8")
            seen.add("new")
        leftovers = sorted(p.name for p in src.parent.iterdir() if p.name not in ("src", "site"))
        assert not leftovers, f"kill at {delay:.2f} s left {leftovers}"
    assert "old" in seen, "no kill landed before publishing: the moments are wrong"


def test_an_interrupted_check_leaves_no_staging_folder(small_project, tmp_path: Path):
    """`--check` stages in the temporary folder: a SIGINT there removes it too."""
    _, config = small_project
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--config",
                             str(config), "--check"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".build-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGINT, err
    assert "build.py: stopped by SIGINT; nothing was published and the staging folder was removed" in err
    assert list(tmp_path.iterdir()) == []
