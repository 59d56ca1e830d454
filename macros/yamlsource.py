"""Read a YAML file once, keeping the node tree so every value can be traced to its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Problem

# libyaml's parser is several times faster than the pure-Python one; both are safe loaders.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
                        return key_node.start_mark.line + 1
        node = self.node_at(path)
        return node.start_mark.line + 1 if node is not None else 0

    def line_in_text(self, path: tuple[PathPart, ...], offset: int) -> int:
        """1-based line of character `offset` inside the string value at `path`.

        Exact for literal blocks (`body: |`), which is how letters are written; other styles
        point at the value's first line.
        """
        node = self.node_at(path)
        if not isinstance(node, yaml.ScalarNode):
            return self.line_of(path)
        first = node.start_mark.line + 1
        if node.style == "|":
            return first + 1 + node.value.count("\n", 0, offset)
        return first


def _child(node: yaml.Node | None, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
    elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
          and 0 <= part < len(node.value)):
        return node.value[part]
    return None


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` with a safe loader. Syntax errors come back as problems with line and column."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, path)]
    except yaml.YAMLError as error:
        return None, [Problem(path, 0, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    return YamlDocument(path, data, root), _duplicate_keys(root, path)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = error.problem or "invalid YAML"
    if error.context:
        what = f"{error.context}, {what}"
    hint = ("check the indentation (spaces only), and put quotes around text that contains "
            "': ' or ' #'")
    if "\\t" in str(error.problem) or "tab" in str(error.problem):
        hint = "indent with spaces, not tabs"
    return Problem(path, line, f"invalid YAML: {what}; {hint}", column=column)


def _duplicate_keys(node: yaml.Node | None, path: str) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; a contributor almost never means that."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = key_node.value
                line = key_node.start_mark.line + 1
                if isinstance(key, str) and key in seen:
                    problems.append(
                        Problem(path, line, f"duplicate key '{key}' (first at line {seen[key]}); "
                                "keep only one of them")
                    )
                seen.setdefault(key, line)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems
