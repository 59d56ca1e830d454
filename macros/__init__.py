"""mkdocs-macros entry point: registers Onward's macros and nothing else.

Loading and validation live in library.py, HTML in render.py; whatever differs between MkDocs
and Zensical (which re-implements mkdocs-macros) lives in engine.py, so the rest of the package
is plain Python that serves both.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Zensical executes this file by path on every page, without importing the package first, so
# the relative imports below would find no parent package. Register an empty one (once) whose
# __path__ is this folder; under MkDocs the package is already imported and this does nothing.
# (The one engine difference that cannot live in engine.py: it must run before any import.)
if __name__ not in sys.modules and __spec__ is not None:
    sys.modules[__name__] = importlib.util.module_from_spec(__spec__)

from . import rawhtml
from .engine import GUIDE_LINKS, SNIPPETS, Engine
from .guard import PAGE_PROBLEMS, page_guard_problems, pages_guard_problems, settings_problems
from .pages import page_problems
from .planner import PLANNER_SCRIPT, render_planner
from .problems import Problem, ProblemsFound, unknown_id
from .render import render_error, render_letter, render_list
from .site import library_page, relative_url, source_link

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
# A refusal stops the build with the problems and no traceback (engine.Engine.stop).


def define_env(env: Any) -> None:
    engine = Engine.of(env)
    macro: Callable[[Callable[..., str]], Callable[..., str]] = env.macro
    docs_dir = engine.docs_dir
    guard(engine, settings_problems(getattr(env, "config", None) or {}))
    if engine.page_path is not None:  # Zensical: this page, just before it is rendered
        guard(engine, page_guard_problems(engine.page_path, docs_dir))
    else:  # MkDocs: every page, before any is read
        guard(engine, pages_guard_problems(docs_dir))
    try:
        library = SNIPPETS.get(Path(env.project_dir) / "snippets")
    except ProblemsFound as problems:
        engine.stop(problems.report())
    repo_url = env.conf.get("repo_url")
    # Card, list and library templates (macros/templates/onward/) can be overridden from the
    # theme's custom_dir, like a Material partial: overrides/onward/card.html.
    overrides = engine.custom_dir
    # MkDocs: our finished HTML skips a second parse by Markdown (rawhtml.py).
    finished = rawhtml.mark if engine.pass_html_through(env.conf) else str

    def unknown(macro: str, wanted: str, pool: Any) -> str:
        """The check's own problem line for this call (same wording, same line), reported the
        engine's way, and a visible error box in place of the card."""
        src_path, source = engine.page_source(env.page)
        shown = f"docs/{src_path}"
        calls = page_problems(source.read_text(encoding="utf-8"), shown)[2]
        line = next((call.line for call in calls
                     if call.name == macro and call.argument == wanted), 0)
        message = unknown_id(macro, wanted, pool)
        engine.macro_error(str(Problem(shown, line, message)))
        return render_error(message)

    @macro
    def letter(letter_id: str) -> str:
        """A letter card: {{ letter("rejection/thank-you") }}"""
        found = library.letters.get(letter_id)
        if found is None:
            return unknown("letter", letter_id, library.letters)
        return finished(render_letter(found, source_url=source_link(repo_url, found.source),
                                      overrides=overrides))

    @macro
    def letter_library() -> str:
        """Every letter, grouped by situation, each linked to its guide: {{ letter_library() }}"""
        return finished(library_page(library, docs_dir, env.page.url, overrides=overrides,
                                     links=GUIDE_LINKS.get(docs_dir)))

    @macro
    def planner() -> str:
        """The follow-up planner, from every letter's `send:` time: {{ planner() }}"""
        links = {letter_id: (relative_url(env.page.url, url), url)
                 for letter_id, (_title, url) in GUIDE_LINKS.get(docs_dir).items()}
        return finished(render_planner(
            library.letters.values(), links, env.conf.get("site_url") or "", env.page.url,
            script=relative_url(env.page.url, PLANNER_SCRIPT)))

    def item_list(kind: str, list_id: str) -> str:
        found = library.lists.get(list_id)
        if found is None or found.kind != kind:
            ids = [key for key, value in library.lists.items() if value.kind == kind]
            return unknown(kind, list_id, ids)
        return finished(render_list(found, overrides=overrides))

    @macro
    def questions(list_id: str) -> str:
        """Interview questions, each copyable: {{ questions("questions/to-ask") }}"""
        return item_list("questions", list_id)

    @macro
    def checklist(list_id: str) -> str:
        """A checklist with real checkboxes: {{ checklist("checklists/resume") }}"""
        return item_list("checklist", list_id)


def guard(engine: Engine, problems: list[Problem]) -> None:
    """Stop the build with the pages' problems, worded and listed as `python -m macros check`."""
    if problems:
        engine.stop(ProblemsFound(problems, PAGE_PROBLEMS).report())


def on_pre_page_macros(env: Any) -> None:
    """MkDocs, just before it renders a page: the text it is about to render passes the guard."""
    engine = Engine.of(env)
    _, source = engine.page_source(env.page)
    guard(engine, page_guard_problems(source, engine.docs_dir, rendered=env.markdown,
                                      meta=env.page.meta))
