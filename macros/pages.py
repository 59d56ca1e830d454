"""Read guide pages: front matter, title, and the macro calls they make.

mkdocs-macros renders every page (and its front-matter title) as an unsandboxed Jinja template,
so a page may only hold calls to the project's own macros with literal string arguments, its
front matter no Jinja and no markup at all, and neither may hold HTML that runs script. This is
the one scanner: `python -m macros check` and the build's guard (macros/__init__.py) both call
`page_problems`/`read_page`, so they print the same lines. The same scan tells the template
library which guide explains each letter.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

from .markup import markup_problems
from .problems import Problem, did_you_mean, printable
from .textfile import read_text
from .yamlsource import parse_yaml

# Macro name -> number of string arguments it takes.
MACROS = {"letter": 1, "letter_library": 0, "questions": 1, "checklist": 1, "planner": 0}
# Every suffix MkDocs reads as a page (mkdocs.utils.markdown_extensions; a test keeps them equal).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
# Front-matter keys a guide may set: what the theme and the checks read, nothing that changes how
# a page is rendered (render_macros, include_yaml, template) or hides a macro (letter: ...).
FRONT_MATTER_KEYS = ("title", "description", "tags", "hide", "search")
MAX_PAGE_BYTES = 512 * 1024  # the longest guide is about 20 KB
# Jinja's default delimiters; macros/__init__.py refuses a config that changes them.
JINJA_MARKERS = ("{{", "{%", "{#")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
ALLOWED_HELP = ('pages may only use {{ letter("file/id") }}, {{ letter_library() }}, '
                '{{ questions("file/id") }}, {{ checklist("file/id") }} and {{ planner() }}')


@dataclass(frozen=True)
class MacroCall:
    name: str
    argument: str | None
    line: int  # 1-based line in the page file
    start: int = 0  # where `{{` begins in the scanned text (a character offset)
    end: int = 0  # just after its `}}`


@dataclass(frozen=True)
class Page:
    path: str  # relative to the project root, e.g. "docs/rejection/index.md"
    src: str  # relative to docs/, e.g. "rejection/index.md"
    meta: dict[str, Any]
    calls: tuple[MacroCall, ...]


def split_front_matter(source: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, Markdown body, number of lines before the body)."""
    meta, body, offset, _ = read_front_matter(source, "")
    return meta, body, offset


def read_front_matter(source: str, path: str
                      ) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """(front matter, body, lines before the body, its problems), read as MkDocs does."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source, 0, []
    offset = source.count("\n", 0, match.end())
    # MkDocs drops the blank lines after the front matter before it renders the body; so does
    # this body, so the build's guard (guard.py) scans the same text and finds it remembered.
    after = source[match.end():]
    body = after.lstrip("\n")
    document, problems = parse_yaml(match.group(1), path, line_offset=1)
    if document is None:
        return {}, after, offset, problems
    if not isinstance(document.data, dict):
        problems.append(Problem(path, 2, "front matter must be 'key: value' lines (title, "
                                "description, tags); see CONTRIBUTING.md"))
        return {}, after, offset, problems
    offset += len(after) - len(body)
    problems.extend(Problem(path, 1 + document.line_of((key,), key=True),
                            f"front matter key '{printable(str(key))}' is not used here; keep to "
                            f"{', '.join(FRONT_MATTER_KEYS)}")
                    for key in document.data if key not in FRONT_MATTER_KEYS)
    for node in _scalars(document.root):
        line = 1 + node.start_mark.line + 1
        value = str(node.value)
        if any(marker in value for marker in JINJA_MARKERS):
            problems.append(Problem(path, line, "front matter may not hold '{{', '{%' or '{#': "
                                    "it is run as a template; write plain text"))
        if any(char in value for char in '<>"'):
            problems.append(Problem(path, line, "front matter is plain text: remove '<' and '>', "
                                    "and write double quotes as “ ”"))
    return document.data, body, offset, problems


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every key and value in a node tree (parse_yaml has refused aliases, so it is a tree)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)


def page_title(meta: dict[str, Any], body: str, path: Path) -> str:
    """The front matter's title, else the first heading, else the file name."""
    heading = FIRST_HEADING.search(body)
    return str(meta.get("title") or (heading.group(1) if heading else path.stem))


def page_problems(source: str, path: str
                  ) -> tuple[dict[str, Any], str, list[MacroCall], list[Problem]]:
    """Everything a page may not hold: (front matter, body, macro calls, problems)."""
    meta, body, offset, problems = read_front_matter(source, path)
    calls, found = macro_calls(body, path, offset)
    problems.extend(found)
    problems.extend(markup_problems(source, path))
    return meta, body, calls, problems


def read_source(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A page's text, or the problem that stops it being read as UTF-8 text."""
    return read_text(path, shown, max_bytes=MAX_PAGE_BYTES, noun="a page", kind="plain",
                     binary_hint="is a binary file, not Markdown text; remove it from docs/ "
                     "(images go in docs/assets/)")


def read_page(path: Path, docs_dir: Path, root: Path) -> tuple[Page | None, list[Problem]]:
    shown = path.relative_to(root).as_posix()
    source, problems = read_source(path, shown)
    if source is None:
        return None, problems
    meta, _body, calls, problems = page_problems(source, shown)
    page = Page(shown, path.relative_to(docs_dir).as_posix(), meta, tuple(calls))
    return page, problems


def page_files(docs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every file MkDocs reads as a page (dot-files it skips), and a problem per symbolic link:
    a link can point outside the project (`x.md -> /etc/passwd`) and MkDocs follows it."""
    root = docs_dir.parent
    files: list[Path] = []
    problems: list[Problem] = []
    for folder, dirs, names in os.walk(docs_dir):
        here = Path(folder)
        for name in sorted(dirs + names):
            path = here / name
            if path.is_symlink():
                problems.append(Problem(path.relative_to(root).as_posix(), 0,
                                        "is a symbolic link; replace it with the file itself"))
            elif name in names and not name.startswith(".") and \
                    name.lower().endswith(MARKDOWN_SUFFIXES):
                files.append(path)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
    return sorted(files), problems


def scan_pages(docs_dir: Path) -> tuple[list[Page], list[Problem]]:
    root = docs_dir.parent
    pages: list[Page] = []
    files, problems = page_files(docs_dir)
    for path in files:
        page, found = read_page(path, docs_dir, root)
        if page is not None:
            pages.append(page)
        problems.extend(found)
    return pages, problems


def macro_calls(markdown: str, path: str, line_offset: int = 0
                ) -> tuple[list[MacroCall], list[Problem]]:
    """The one macro-call scanner (build, check, guide links, tests and bench all use it): the
    page's calls, each with its line and place in `markdown`, and a problem for any Jinja that
    is not one of them. Each `{{ ... }}` is found by Jinja's own lexer and parsed by Jinja.
    A build asks about the same page several times (guard, library, planner): remembered."""
    calls, problems = _scan(markdown, path, line_offset)
    return list(calls), list(problems)


# One entry per page a build reads (306 at twenty times the site), and a few per edit in `serve`.
@functools.lru_cache(maxsize=4096)
def _scan(markdown: str, path: str, line_offset: int
          ) -> tuple[tuple[MacroCall, ...], tuple[Problem, ...]]:
    calls, problems = _scan_uncached(markdown, path, line_offset)
    return tuple(calls), tuple(problems)


def _scan_uncached(markdown: str, path: str, line_offset: int
                   ) -> tuple[list[MacroCall], list[Problem]]:
    problems: list[Problem] = []
    for match in re.finditer(r"\{%", markdown):
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        problems.append(Problem(path, line, "'{% ... %}' statements are not allowed: "
                                f"{ALLOWED_HELP}"))
    environment = Environment()
    try:
        template = environment.parse(markdown)
    except TemplateSyntaxError as error:
        problems.append(Problem(path, line_offset + (error.lineno or 1),
                                f"broken macro call ({error.message}); {ALLOWED_HELP}"))
        return [], problems
    except RecursionError:  # thousands of nested brackets
        line = line_offset + markdown.count("\n", 0, markdown.find("{{")) + 1
        problems.append(Problem(path, line, f"broken macro call (nested too deeply); "
                                f"{ALLOWED_HELP}"))
        return [], problems
    # Each `{{ ... }}` is one expression in the parsed page, in the order the lexer meets them.
    # With `{% ... %}` statements (refused above) the tree nests; there, parse each block alone.
    expressions: list[nodes.Node] = [
        expression for output in template.body if isinstance(output, nodes.Output)
        for expression in output.nodes if not isinstance(expression, nodes.TemplateData)]
    blocks = list(_output_blocks(environment, markdown))
    if len(expressions) != len(blocks) or len(template.body) > 1:
        expressions = [_parse_block(environment, markdown[start:end])
                       for _, start, end in blocks]
    calls: list[MacroCall] = []
    for (lineno, start, end), expression in zip(blocks, expressions, strict=True):
        line = line_offset + lineno
        call, problem = _macro_call(expression, line, start, end)
        if call:
            calls.append(call)
        if problem:
            problems.append(Problem(path, line, problem))
    return calls, problems


def _parse_block(environment: Environment, block: str) -> nodes.Node:
    output = environment.parse(block).body[0]
    assert isinstance(output, nodes.Output)
    return output.nodes[0]


def replace_calls(markdown: str, replacement: Callable[[MacroCall], str | None]) -> str:
    """`markdown` with each macro call replaced by `replacement(call)`, or kept as written where
    that is None (tests and bench pre-render pages with it); ValueError if the page holds
    anything but valid calls."""
    calls, problems = macro_calls(markdown, "<page>")
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    parts, done = [], 0
    for call in calls:
        replaced = replacement(call)
        parts += [markdown[done:call.start], markdown[call.start:call.end] if replaced is None
                  else replaced]
        done = call.end
    return "".join([*parts, markdown[done:]])


def _output_blocks(environment: Environment, markdown: str) -> Iterator[tuple[int, int, int]]:
    """(line, start, end) of each `{{ ... }}` in `markdown`. Jinja's lexer reads the text with
    every line break as '\\n', so offsets are counted back onto the text as written."""
    position, start, start_line = 0, 0, 0
    for lineno, token, value in environment.lexer.tokeniter(markdown, None):
        if token == "variable_begin":
            start, start_line = position, lineno
        if "\r" in markdown:
            for char in value:
                position += 2 if char == "\n" and markdown.startswith("\r\n", position) else 1
        else:
            position += len(value)
        if token == "variable_end":
            yield start_line, start, position


def _macro_call(expression: nodes.Node, line: int, start: int, end: int
                ) -> tuple[MacroCall | None, str | None]:
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
    first = arguments[0] if arguments else None
    argument = first.value if isinstance(first, nodes.Const) else None
    return MacroCall(name, argument, line, start, end), None


def _describe(expression: nodes.Node) -> str:
    if isinstance(expression, nodes.Name):
        return expression.name
    if isinstance(expression, nodes.Filter):
        return f"... | {expression.name}"
    if isinstance(expression, nodes.Getattr):
        return f"{_describe(expression.node)}.{expression.attr}"
    if isinstance(expression, nodes.Getitem):
        return f"{_describe(expression.node)}[...]"
    if isinstance(expression, nodes.Call):
        return f"{_describe(expression.node)}(...)"
    return type(expression).__name__.lower()
