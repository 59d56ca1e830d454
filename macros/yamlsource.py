"""Read a YAML file once, keeping the node tree so every value can be traced to its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Problem

# libyaml's parser is several times faster than the pure-Python one; both are safe loaders.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits that keep a hostile file from hanging or crashing the build: far above what a snippet
# file or a page's front matter needs (the largest snippet file is about 16 KB, 5 levels deep).
MAX_YAML_BYTES = 256 * 1024
MAX_YAML_DEPTH = 20

PathPart = str | int


@dataclass(frozen=True)
class YamlDocument:
    path: str
    data: Any
    root: yaml.Node | None

    def node_at(self, path: tuple[PathPart, ...]) -> yaml.Node | None:
        """The deepest node along `path` (keys and list indexes) that exists."""
        node = self.root
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node

    def line_of(self, path: tuple[PathPart, ...], *, key: bool = False) -> int:
        """1-based line of the value at `path`, or of its key when `key` is set."""
        if key and path:
            parent = self.node_at(path[:-1])
            if isinstance(parent, yaml.MappingNode):
                for key_node, _ in parent.value:
                    if key_node.value == path[-1]:
                        return int(key_node.start_mark.line) + 1
        node = self.node_at(path)
        return int(node.start_mark.line) + 1 if node is not None else 0

    def line_in_text(self, path: tuple[PathPart, ...], offset: int) -> int:
        """1-based line of character `offset` inside the string value at `path`.

        Exact for literal blocks (`body: |`), which is how letters are written; other styles
        point at the value's first line.
        """
        node = self.node_at(path)
        if not isinstance(node, yaml.ScalarNode):
            return self.line_of(path)
        first = int(node.start_mark.line) + 1
        if node.style == "|":
            return first + 1 + str(node.value).count("\n", 0, offset)
        return first


def _child(node: yaml.Node | None, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node  # type: ignore[no-any-return]  # PyYAML's nodes are untyped
    elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
          and 0 <= part < len(node.value)):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def parse_yaml(text: str, path: str, line_offset: int = 0
               ) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` with a safe loader. Syntax errors come back as problems with line and column.

    `line_offset` is added to every line reported (front matter starts below the `---` line).
    """
    problems = shape_problems(text, path, line_offset)
    if problems:
        return None, problems
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        problems = _key_problems(root, path, line_offset)
        if any(problem.message.startswith(KEY_NOT_TEXT) for problem in problems):
            return None, problems
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, path, line_offset)]
    except yaml.YAMLError as error:
        return None, [Problem(path, 0, f"invalid YAML: {error}")]
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        return None, [Problem(path, 0, "holds a number too long to read; put quotes around it")]
    finally:
        loader.dispose()
    return YamlDocument(path, data, root), problems


def shape_problems(text: str, path: str, line_offset: int = 0) -> list[Problem]:
    """Size, anchors and aliases, nesting depth: checked on the event stream, before any tree is
    built. An alias makes a tree a graph: ten nested aliases of ten make 10^10 values for every
    later walk (the "billion laughs"), and deep nesting overflows the recursive constructor."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        return [Problem(path, 0, f"is {size // 1024} KB; YAML here may be at most "
                        f"{MAX_YAML_BYTES // 1024} KB, so split it into smaller files")]
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            line = line_offset + (event.start_mark.line if event.start_mark else 0) + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return [Problem(path, line, "YAML anchors and aliases ('&name', '*name') are not "
                                "allowed; write the value out in full")]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return [Problem(path, line, f"YAML is nested more than {MAX_YAML_DEPTH} "
                                    "levels deep; flatten it")]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        return [_syntax_problem(error, path, line_offset)]
    except yaml.reader.ReaderError as error:
        line = line_offset + text.count("\n", 0, error.position) + 1
        return [Problem(path, line, f"holds a character YAML does not allow ({error.reason}); "
                        "is it a binary file? Save it as UTF-8 text")]
    except yaml.YAMLError as error:
        return [Problem(path, 0, f"invalid YAML: {error}")]
    return []


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, line_offset: int = 0) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (line_offset + mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = error.problem or "invalid YAML"
    if error.context:
        what = f"{error.context}, {what}"
    hint = ("check the indentation (spaces only), and put quotes around text that contains "
            "': ' or ' #'")
    if "\\t" in str(error.problem) or "tab" in str(error.problem):
        hint = "indent with spaces, not tabs"
    return Problem(path, line, f"invalid YAML: {what}; {hint}", column=column)


KEY_NOT_TEXT = "keys must be text"


def _key_problems(node: yaml.Node | None, path: str, line_offset: int = 0) -> list[Problem]:
    """Keys that are not text (`1:`, `true:`, `~:`, a date), and duplicate keys, which PyYAML
    keeps silently (the last wins); a contributor almost never means either."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = key_node.value
                line = line_offset + key_node.start_mark.line + 1
                if key_node.tag != "tag:yaml.org,2002:str":
                    problems.append(Problem(path, line, f"{KEY_NOT_TEXT}: put quotes around "
                                            "this key, or rename it"))
                elif key in seen:
                    problems.append(
                        Problem(path, line, f"duplicate key '{key}' (first at line {seen[key]}); "
                                "keep only one of them")
                    )
                if isinstance(key, str):
                    seen.setdefault(key, line)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems
