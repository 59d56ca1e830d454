"""mkdocs-macros entry point: registers Onward's macros and nothing else.

Loading and validation live in library.py, HTML in render.py; both are plain Python, so the
site can move to another engine (Zensical re-implements mkdocs-macros) without a rewrite.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

# Zensical executes this file by path on every page, without importing the package first, so
# the relative imports below would find no parent package. Register an empty one (once) whose
# __path__ is this folder; under MkDocs the package is already imported and this does nothing.
if __name__ not in sys.modules and __spec__ is not None:
    sys.modules[__name__] = importlib.util.module_from_spec(__spec__)

from .guard import PAGE_PROBLEMS, page_guard_problems, pages_guard_problems, settings_problems
from .library import cached_library
from .planner import render_planner
from .problems import Problem, ProblemsFound, did_you_mean
from .render import render_error, render_letter, render_list
from .site import guide_links, library_page, relative_url, source_link

try:  # A PluginError stops MkDocs with our message and no traceback.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # another engine
    BuildStop = RuntimeError

log = logging.getLogger("mkdocs.plugins.onward")


# The build guards itself: no page is rendered as a template before the scanner that
# `python -m macros check` uses (pages.page_problems) has passed it. Why this mechanism:
# - mkdocs-macros renders each page body, then its title, in its `on_page_markdown`, with a plain
#   (unsandboxed) Jinja Environment whose loader reads any file under docs_dir; a sandbox would
#   still hand `{{ config }}` and `{% include %}` to a page, and neither engine lets a module
#   swap the Environment (Zensical builds a new one per page).
# - `render_by_default: false` or other `j2_*` delimiters would stop our own macro calls too, or
#   only move the syntax; `force_render_paths` chooses pages, not constructs.
# - So: refuse, before rendering. MkDocs calls define_env from `on_config`, before any page is
#   even read: every page under docs_dir is scanned there, once per build (and per `serve`
#   rebuild). MkDocs also calls a module's `on_pre_page_macros` just before it renders each page
#   (body and title); that hook scans the exact text about to be rendered, which catches a file
#   changed since. Zensical has no such hook but calls define_env for each page before rendering
#   it, with `env.page` set: that page is scanned there.
# A refusal stops the build with the problems and no traceback (see `stop`).


def stop(report: str, *, zensical: bool) -> NoReturn:
    """End the build with `report`. MkDocs prints a PluginError as a message. Zensical prints a
    traceback for anything a module raises, burying the message, so say it and exit there."""
    if zensical:
        sys.stderr.write(f"Error: {report}\n")
        sys.stderr.flush()
        os._exit(1)
    raise BuildStop(report)


def guard(problems: list[Problem], *, zensical: bool) -> None:
    if problems:
        stop(ProblemsFound(problems, PAGE_PROBLEMS).report(), zensical=zensical)


def define_env(env) -> None:
    project = Path(env.project_dir)
    docs_dir = project / env.conf["docs_dir"]  # absolute under MkDocs, relative under Zensical
    page = getattr(env, "page", None)  # MkDocs: not yet ("Too early"); Zensical: this page
    zensical = page is not None and getattr(page, "file", None) is None
    guard(settings_problems(getattr(env, "config", None) or {}), zensical=zensical)
    if zensical:
        guard(page_guard_problems(docs_dir / page.path, docs_dir), zensical=True)
    else:
        guard(pages_guard_problems(docs_dir), zensical=False)
    try:
        library = cached_library(project / "snippets")
    except ProblemsFound as problems:
        stop(problems.report(), zensical=zensical)
    repo_url = env.conf.get("repo_url")

    def fail(call: str, message: str) -> str:
        # MkDocs: logged as an error, so `--strict` fails the build and `serve` shows it on the
        # page. Zensical's pages have no `.file` and its strict mode ignores Python logging: raise.
        file = getattr(env.page, "file", None)
        src_path = file.src_path if file else env.page.path
        source = (Path(file.abs_src_path) if file else docs_dir / src_path).read_text("utf-8")
        line = next((n for n, text in enumerate(source.splitlines(), 1) if call in text), 0)
        where = f"docs/{src_path}:{line}" if line else f"docs/{src_path}"
        if file is None:
            stop(f"{where}: {call}: {message}", zensical=True)
        log.error(f"{where}: {call}: {message}")
        return render_error(f"{call}: {message}")

    def unknown(call: str, wanted: str, pool, noun: str, owner: str) -> str:
        hint = did_you_mean(wanted, pool, '"{}"')
        return fail(call, f"no {noun} has this id{hint or ';'} ids are the snippets/ file name, "
                    f"a slash, and the {owner}'s id")

    @env.macro
    def letter(letter_id: str) -> str:
        """A letter card: {{ letter("rejection/thank-you") }}"""
        found = library.letters.get(letter_id)
        if found is None:
            return unknown(f'letter("{letter_id}")', letter_id, library.letters, "letter", "letter")
        return render_letter(found, source_url=source_link(repo_url, found.source))

    @env.macro
    def letter_library() -> str:
        """Every letter, grouped by situation, each linked to its guide: {{ letter_library() }}"""
        return library_page(library, docs_dir, env.page.url)

    @env.macro
    def planner() -> str:
        """The follow-up planner, from every letter's `send:` time: {{ planner() }}"""
        links = {letter_id: (relative_url(env.page.url, url), url)
                 for letter_id, (_title, url) in guide_links(docs_dir).items()}
        return render_planner(library.letters.values(), links, env.conf.get("site_url") or "")

    def item_list(kind: str, list_id: str) -> str:
        found = library.lists.get(list_id)
        if found is None or found.kind != kind:
            ids = [key for key, value in library.lists.items() if value.kind == kind]
            return unknown(f'{kind}("{list_id}")', list_id, ids, f"{kind} list", "list")
        return render_list(found)

    @env.macro
    def questions(list_id: str) -> str:
        """Interview questions, each copyable: {{ questions("questions/to-ask") }}"""
        return item_list("questions", list_id)

    @env.macro
    def checklist(list_id: str) -> str:
        """A checklist with real checkboxes: {{ checklist("checklists/resume") }}"""
        return item_list("checklist", list_id)


def on_pre_page_macros(env) -> None:
    """MkDocs, just before it renders a page: the text it is about to render passes the guard."""
    file = env.page.file
    guard(page_guard_problems(Path(file.abs_src_path), Path(env.conf["docs_dir"]),
                              rendered=env.markdown, meta=env.page.meta), zensical=False)
