"""Build the real site, or a copy of it, with MkDocs exactly as `make build` does, or with
Zensical exactly as `make zensical` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "docs", "snippets", "macros", "overrides"]


def mkdocs_build(project: Path, site_dir: Path, *, preloaded: bool = False,
                 ) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` into `site_dir`; output captured for assertions.
    `preloaded`: the same command line in a process that starts with MkDocs and its plugins
    imported (tests/mkdocscli.py), for the tests; bench/ times the plain command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    args = ["build", "--strict", "--clean",
            "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)]
    if preloaded:
        from tests.mkdocscli import mkdocs

        return mkdocs(args, cwd=project, env=env)
    return subprocess.run([sys.executable, "-m", "mkdocs", *args],
                          cwd=project, env=env, capture_output=True, text=True, check=False)


def copy_project(target: Path) -> Path:
    """What a build reads (config, pages, snippets, macros, theme overrides), copied to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, target / part)
    return target


def zensical_executable() -> str | None:
    """The `zensical` command of this virtualenv (the console script a maintainer types)."""
    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.exists() else shutil.which("zensical")


def zensical_build(project: Path, *, strict: bool = True, clean: bool = True,
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`zensical build --strict --clean` of `project` into `project/site`.

    Zensical has no --site-dir flag and keeps site_dir (and its .cache/) inside the project, so
    build a copy (`copy_project`) to put the output elsewhere. Run from outside the project, so
    nothing depends on the working directory.
    """
    executable = zensical_executable()
    if executable is None:
        raise FileNotFoundError("zensical is not installed (pip install --group zensical)")
    command = [executable, "build", "--config-file", str(project / "mkdocs.yml")]
    command += ["--strict"] * strict + ["--clean"] * clean
    return subprocess.run(command, cwd=project.parent, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, check=False)
