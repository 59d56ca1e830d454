"""Read guide pages: front matter, title, and the macro calls they make.

mkdocs-macros renders every page as an unsandboxed Jinja template, so a page may only hold
calls to the project's own macros with literal string arguments; anything else is a problem.
The same scan tells the template library which guide explains each letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

from .problems import Problem, did_you_mean
from .yamlsource import SafeLoader

# Macro name -> number of string arguments it takes.
MACROS = {"letter": 1, "letter_library": 0, "questions": 1, "checklist": 1}
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
ALLOWED_HELP = ('pages may only use {{ letter("file/id") }}, {{ letter_library() }}, '
                '{{ questions("file/id") }} and {{ checklist("file/id") }}')


@dataclass(frozen=True)
class MacroCall:
    name: str
    argument: str | None
    line: int  # 1-based line in the page file


@dataclass(frozen=True)
class Page:
    path: str  # relative to the project root, e.g. "docs/rejection/index.md"
    src: str  # relative to docs/, e.g. "rejection/index.md"
    title: str
    meta: dict[str, Any]
    calls: tuple[MacroCall, ...]


def split_front_matter(source: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, Markdown body, number of lines the front matter took)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source, 0
    try:
        meta = yaml.load(match.group(1), Loader=SafeLoader) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), source[match.end():], \
        source.count("\n", 0, match.end())


def page_title(meta: dict[str, Any], body: str, path: Path) -> str:
    """The front matter's title, else the first heading, else the file name."""
    heading = FIRST_HEADING.search(body)
    return str(meta.get("title") or (heading.group(1) if heading else path.stem))


def read_page(path: Path, docs_dir: Path, root: Path) -> tuple[Page, list[Problem]]:
    shown = path.relative_to(root).as_posix()
    source = path.read_text(encoding="utf-8")
    meta, body, offset = split_front_matter(source)
    calls, problems = macro_calls(body, shown, offset)
    title = page_title(meta, body, path)
    page = Page(shown, path.relative_to(docs_dir).as_posix(), title, meta, tuple(calls))
    return page, problems


def scan_pages(docs_dir: Path) -> tuple[list[Page], list[Problem]]:
    root = docs_dir.parent
    pages: list[Page] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        page, found = read_page(path, docs_dir, root)
        pages.append(page)
        problems.extend(found)
    return pages, problems


def macro_calls(markdown: str, path: str, line_offset: int = 0
                ) -> tuple[list[MacroCall], list[Problem]]:
    """The page's macro calls, and a problem for any Jinja that is not one of them."""
    problems: list[Problem] = []
    for match in re.finditer(r"\{%", markdown):
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        problems.append(Problem(path, line, "'{% ... %}' statements are not allowed: "
                                f"{ALLOWED_HELP}"))
    try:
        template = Environment().parse(markdown)
    except TemplateSyntaxError as error:
        problems.append(Problem(path, line_offset + (error.lineno or 1),
                                f"broken macro call ({error.message}); {ALLOWED_HELP}"))
        return [], problems
    calls: list[MacroCall] = []
    for output in template.find_all(nodes.Output):
        for expression in output.nodes:
            if isinstance(expression, nodes.TemplateData):
                continue
            line = line_offset + expression.lineno
            call, problem = _macro_call(expression, line)
            if call:
                calls.append(call)
            if problem:
                problems.append(Problem(path, line, problem))
    return calls, problems


def _macro_call(expression: nodes.Node, line: int) -> tuple[MacroCall | None, str | None]:
    if not (isinstance(expression, nodes.Call) and isinstance(expression.node, nodes.Name)):
        return None, f"'{{{{ {_describe(expression)} }}}}' is not allowed: {ALLOWED_HELP}"
    name = expression.node.name
    if name not in MACROS:
        return None, f"unknown macro '{name}'{did_you_mean(name, MACROS)} {ALLOWED_HELP}"
    arguments = expression.args
    literal = all(isinstance(a, nodes.Const) and isinstance(a.value, str) for a in arguments)
    if (expression.kwargs or expression.dyn_args or expression.dyn_kwargs or not literal
            or len(arguments) != MACROS[name]):
        wanted = '"file/id"' if MACROS[name] else ""
        return None, (f"write the call as {{{{ {name}({wanted}) }}}} with a quoted id and "
                      "nothing else")
    argument = arguments[0].value if arguments else None
    return MacroCall(name, argument, line), None


def _describe(expression: nodes.Node) -> str:
    if isinstance(expression, nodes.Name):
        return expression.name
    if isinstance(expression, nodes.Filter):
        return f"... | {expression.name}"
    if isinstance(expression, nodes.Getattr):
        return f"{_describe(expression.node)}.{expression.attr}"
    return type(expression).__name__.lower()
