"""mkdocs-macros entry point: registers Onward's macros and nothing else.

Loading and validation live in library.py, HTML in render.py; both are plain Python, so the
site can move to another engine (Zensical re-implements mkdocs-macros) without a rewrite.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

# Zensical executes this file by path on every page, without importing the package first, so
# the relative imports below would find no parent package. Register an empty one (once) whose
# __path__ is this folder; under MkDocs the package is already imported and this does nothing.
if __name__ not in sys.modules and __spec__ is not None:
    sys.modules[__name__] = importlib.util.module_from_spec(__spec__)

from .library import cached_library
from .problems import ProblemsFound, did_you_mean
from .render import render_error, render_letter, render_list
from .site import library_page, source_link

try:  # A PluginError stops MkDocs with our message and no traceback.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # another engine
    BuildStop = RuntimeError

log = logging.getLogger("mkdocs.plugins.onward")


def define_env(env) -> None:
    project = Path(env.project_dir)
    try:
        library = cached_library(project / "snippets")
    except ProblemsFound as problems:
        raise BuildStop(problems.report()) from None
    docs_dir = project / env.conf["docs_dir"]  # absolute under MkDocs, relative under Zensical
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
            raise BuildStop(f"{where}: {call}: {message}")
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
