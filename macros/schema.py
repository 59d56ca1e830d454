"""Check a snippet file against snippets/schema.json and word each error for a contributor."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem, did_you_mean
from .yamlsource import PathPart, YamlDocument

JSON_TYPE_NAMES = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "a set of 'key: value' lines",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@cache
def validator_for(schema_path: Path, mtime_ns: int) -> Draft202012Validator:
    """Compiled once per schema version; `mtime_ns` is part of the key so edits are picked up."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(inline_refs(schema))


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with each local `{"$ref": "#/$defs/name", ...}` replaced by that definition,
    merged with the keywords beside it. Same verdicts and errors; half the time, because
    jsonschema no longer resolves a reference for every value of every letter. A reference that
    is recursive, or whose definition shares a keyword with its neighbors, stays as it is
    (`$defs` is kept, so it still resolves)."""
    definitions = schema.get("$defs", {})

    def inline(node: Any, seen: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: (value if key == "$defs" else inline(value, seen))
               for key, value in node.items()}
        ref = out.get("$ref")
        name = ref.removeprefix("#/$defs/") if isinstance(ref, str) else ""
        if name in definitions and name not in seen:
            target = inline(definitions[name], seen | {name})
            beside = {key: value for key, value in out.items() if key != "$ref"}
            if isinstance(target, dict) and not (set(target) & set(beside)
                                                 - {"description", "examples"}):
                out = {**target, **beside}
        return out

    return cast("dict[str, Any]", inline(schema, frozenset()))


def load_validator(schema_path: Path) -> Draft202012Validator:
    return validator_for(schema_path, schema_path.stat().st_mtime_ns)


@cache
def letter_validator(schema_path: Path, mtime_ns: int) -> Draft202012Validator:
    """Checks one letter alone, so a file with one broken letter still gets the others checked."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return Draft202012Validator(inline_refs({"$ref": "#/$defs/letter", "$defs": schema["$defs"]}))


def sound_letter_indexes(document: YamlDocument, schema_path: Path) -> list[int]:
    """Indexes of the letters in a file that match the schema on their own."""
    letters = document.data.get("letters") if isinstance(document.data, dict) else None
    if not isinstance(letters, list):
        return []
    validator = letter_validator(schema_path, schema_path.stat().st_mtime_ns)
    return [index for index, letter in enumerate(letters) if validator.is_valid(letter)]


def field_path(path: tuple[PathPart, ...]) -> str:
    """('letters', 2, 'body') -> 'letters[2].body'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_problems(document: YamlDocument, validator: Draft202012Validator) -> list[Problem]:
    """Each schema error of `document`, worded for a contributor, once (jsonschema reports a
    missing key once for every key the same object is missing)."""
    problems: dict[Problem, None] = {}
    for error in validator.iter_errors(document.data):
        problems.update(dict.fromkeys(_explain(error, document)))
    return list(problems)


def _explain(error: ValidationError, document: YamlDocument) -> list[Problem]:
    path = tuple(error.absolute_path)
    instance: Any = error.instance
    kind = error.validator
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}

    def at(where: tuple[PathPart, ...], message: str, *, key: bool = False) -> Problem:
        return Problem(document.path, document.line_of(where, key=key), message, field_path(where))

    if kind == "required":
        missing = [name for name in _values(error) if name not in instance]
        return [
            Problem(document.path, document.line_of(path), "is missing; add it "
                    "(see snippets/_example.yml)", field_path((*path, name)))
            for name in missing
        ]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [name for name in instance if name not in allowed]
        return [
            at((*path, name), f"unknown key{did_you_mean(str(name), allowed)} "
               f"Allowed keys here: {', '.join(allowed)}.", key=True)
            for name in extras
        ]
    if kind == "enum":
        choices = [str(choice) for choice in _values(error)]
        hint = did_you_mean(str(instance), choices)
        use = f"{' U' if hint else '; u'}se one of: {', '.join(choices)}."
        return [at(path, f"'{instance}' is not allowed{hint}{use}")]
    if kind == "type":
        wanted = JSON_TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        if instance is None and not path:
            return [at(path, "the file is empty; start it with 'letters:', 'lists:' or 'fields:' "
                       "(see snippets/_example.yml)")]
        if instance is None:
            return [at(path, f"is empty; write {wanted} here, or remove the key")]
        return [at(path, f"should be {wanted}, not {_describe(instance)}")]
    if kind == "pattern":
        return [at(path, _pattern_message(error, path))]
    if kind == "propertyNames":
        return [at((*path, str(instance)), f"'{instance}' is not a valid placeholder key; "
                   "use lowercase letters, digits and _ (like 'team_name')", key=True)]
    if kind in ("minimum", "maximum") and path and path[-1] in ("days", "every"):
        low, high = (0, 365) if path[-1] == "days" else (7, 365)
        what = ("calendar days after the event (0 is the same day)" if path[-1] == "days"
                else "days between repeats")
        return [at(path, f"{instance} is out of range; write a whole number of {what} from "
                   f"{low} to {high}")]
    if kind == "minItems":
        return [at(path, "is an empty list; add at least one item, or remove the key")]
    if kind == "uniqueItems":
        return [at(path, "lists the same item twice; remove the repeat")]
    if kind == "minProperties":
        return [at(path, "the file is empty; start it with 'letters:', 'lists:' or 'fields:' "
                   "(see snippets/_example.yml)")]
    return [at(path, error.message)]


def _values(error: ValidationError) -> list[Any]:
    """The list a `required` or `enum` keyword holds (jsonschema types it loosely)."""
    return list(cast("list[Any]", error.validator_value))


def _pattern_message(error: ValidationError, path: tuple[PathPart, ...]) -> str:
    if error.validator_value == "\\S":
        return "is empty; write some text here, or remove the key"
    if (path and path[-1] in ("id", "tags")) or (len(path) > 1 and path[-2] == "tags"):
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in str(error.instance))
                              .lower().split())
        return (f"'{error.instance}' is not a lowercase slug; use letters, digits and hyphens, "
                f"like '{suggestion or 'thank-you'}'")
    return f"'{error.instance}' does not match the pattern {error.validator_value}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (quote it if you meant text)"
    if isinstance(value, (int, float)):
        return f"the number {value} (quote it if you meant text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__} (quote it to make it text)"
