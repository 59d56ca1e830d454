"""`python -m mkdocs ARGS`, the real command line, without paying for its imports on every run.

A forkserver process imports MkDocs, Material, mkdocs-macros and the Markdown extensions once;
each run is a fresh child forked from it that calls MkDocs' own `cli` with the same arguments,
working directory and environment as the command, its stdout and stderr redirected at the file
descriptor level. It returns what `subprocess.run(..., capture_output=True, text=True)` does.

The project's `macros` package is never preloaded: each child imports it from the project it
builds (mkdocs-macros puts the project's folder first on sys.path), as the command does.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Third-party modules a build of this site imports (-X importtime), heavy ones first. A name that
# fails to import is skipped by the forkserver; the child then imports it itself.
PRELOAD = [
    "textstat", "requests", "pygments", "pygments.formatters.html",
    "pygments.lexers", "babel", "jinja2", "jsonschema_rs", "yaml", "markdown", "markupsafe",
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.plugins",
    "mkdocs.structure.files", "mkdocs.structure.nav", "mkdocs.structure.pages",
    "mkdocs.contrib.search",
    "material.plugins.search.plugin", "material.plugins.tags.plugin",
    "material.plugins.offline.plugin", "material.extensions.emoji",
    "mkdocs_macros.plugin",
    "markdown.extensions.abbr", "markdown.extensions.admonition",
    "markdown.extensions.attr_list", "markdown.extensions.md_in_html",
    "markdown.extensions.tables", "markdown.extensions.toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.emoji",
    __name__,  # this module, so a child need not import it
]
PROJECT_PACKAGE = "macros"

_context: multiprocessing.context.ForkServerContext | None = None


def _forkserver() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _exit_code(error: SystemExit) -> int:
    """The exit status Python gives `sys.exit(code)`."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    print(error.code, file=sys.stderr)
    return 1


def _child(args: list[str], cwd: str, env: dict[str, str], path: list[str],
           stdout: str, stderr: str) -> None:
    # What `python -m mkdocs` starts with: the working directory first on sys.path, the
    # command's environment, and stdout/stderr going where the caller reads them.
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.path[:] = [cwd, *path]
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, name in ((1, stdout), (2, stderr)):
        target = os.open(name, os.O_WRONLY | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    code = 1
    try:
        if PROJECT_PACKAGE in sys.modules:  # it would shadow the project's own package
            raise RuntimeError(f"the forkserver imported {PROJECT_PACKAGE!r}")
        import mkdocs.__main__

        sys.argv = [mkdocs.__main__.__file__, *args]
        try:
            mkdocs.__main__.cli.main(args=args, prog_name="python -m mkdocs")
            code = 0
        except SystemExit as error:
            code = _exit_code(error)
    except BaseException:  # what the interpreter prints for an uncaught exception
        import traceback

        traceback.print_exc()
    finally:
        import logging

        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def mkdocs(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
           timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs ARGS` run in `cwd` with `env` (default: this process's): the exit code,
    stdout and stderr, as `subprocess.run(..., capture_output=True, text=True)` gives them.
    Raises subprocess.TimeoutExpired after `timeout` seconds, the child killed."""
    command = [sys.executable, "-m", "mkdocs", *args]
    here = {"", str(Path.cwd()), str(Path(__file__).resolve().parent.parent)}
    path = [entry for entry in sys.path if entry not in here]  # no test-runner additions
    with tempfile.TemporaryDirectory(prefix="mkdocs-cli-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        out.touch()
        err.touch()
        process = _forkserver().Process(
            target=_child, args=(args, str(cwd), dict(os.environ if env is None else env), path,
                                 str(out), str(err)))
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(command, timeout or 0, out.read_text(),
                                            err.read_text())
        # Text as subprocess decodes it: the locale's encoding, universal newlines.
        return subprocess.CompletedProcess(command, process.exitcode, out.read_text(),
                                           err.read_text())
