"""The build's guard: the same page scan as `python -m macros check`, run by the engine edge
(macros/__init__.py) before any page is rendered as a template. No mkdocs import here."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .markup import markup_problems
from .pages import (
    JINJA_MARKERS,
    macro_calls,
    page_files,
    page_problems,
    read_page,
    read_source,
)
from .problems import Problem

PAGE_PROBLEMS = "in the pages (the build stops before running any page as a template)"
# mkdocs-macros settings the scanner depends on: it looks for Jinja's default delimiters.
JINJA_DEFAULTS = {
    "j2_block_start_string": "{%", "j2_block_end_string": "%}",
    "j2_variable_start_string": "{{", "j2_variable_end_string": "}}",
    "j2_comment_start_string": "{#", "j2_comment_end_string": "#}",
}


def settings_problems(config: Mapping[str, Any]) -> list[Problem]:
    """The macros plugin's settings in mkdocs.yml keep what the page scanner assumes."""
    problems = [Problem("mkdocs.yml", 0, f"macros: remove '{key}'; pages are checked for "
                        "Jinja's default delimiters") for key, default in JINJA_DEFAULTS.items()
                if config.get(key) not in (None, "", default)]
    for key in ("j2_extensions", "include_yaml"):
        if config.get(key):
            problems.append(Problem("mkdocs.yml", 0, f"macros: remove '{key}'; pages may only "
                                    "call the project's own macros"))
    return problems


def pages_guard_problems(docs_dir: Path) -> list[Problem]:
    """Every page under `docs_dir`, scanned before the build reads any of them."""
    files, problems = page_files(docs_dir)
    for path in files:
        problems.extend(read_page(path, docs_dir, docs_dir.parent)[1])
    return sorted(set(problems))


def page_guard_problems(path: Path, docs_dir: Path, *, rendered: str | None = None,
                        meta: Mapping[str, Any] | None = None) -> list[Problem]:
    """One page, just before it is rendered: its file, and (MkDocs) the body and front matter
    the engine is about to render, which may differ from the file if it changed since."""
    shown = path.relative_to(docs_dir.parent).as_posix() \
        if path.is_relative_to(docs_dir.parent) else str(path)
    if path.is_symlink():
        return [Problem(shown, 0, "is a symbolic link; replace it with the file itself")]
    source, problems = read_source(path, shown)
    if source is None:
        return problems
    _, body, _, found = page_problems(source, shown)
    problems.extend(found)
    if rendered is not None:
        # The body is the end of the file: the lines before it are the front matter's. MkDocs
        # also drops a page's leading blank lines (those after front matter are gone already).
        offset = source.count("\n", 0, len(source) - len(body))
        offset += len(body) - len(body.lstrip("\n"))
        problems.extend(macro_calls(rendered, shown, offset)[1])
        problems.extend(markup_problems(rendered, shown, offset))
    if meta is not None and not problems and _unsafe(meta):
        problems.append(Problem(shown, 1, "front matter may not hold '{{', '{%', '{#', '<', '>' "
                                "or '\"'; write plain text"))
    return sorted(set(problems))


def _unsafe(value: Any, depth: int = 0) -> bool:
    """A key or text anywhere in front matter that a template or the theme could run."""
    if depth > 20:
        return True
    if isinstance(value, str):
        return any(marker in value for marker in (*JINJA_MARKERS, "<", ">", '"'))
    if isinstance(value, Mapping):
        return any(_unsafe(key, depth + 1) or _unsafe(item, depth + 1)
                   for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return any(_unsafe(item, depth + 1) for item in value)
    return False
