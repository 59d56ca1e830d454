"""Check a snippet file against snippets/schema.json and word each error for a contributor."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema_rs import ValidationError
from jsonschema_rs import ValidationErrorKind as Kind

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


class SchemaFileError(ValueError):
    """snippets/schema.json itself is broken: a maintainer's mistake, not a contributor's."""


@dataclass(frozen=True)
class CompiledSchema:
    """The schema as read, to look up what an error's `schema_path` points at, and its
    validator."""

    schema: dict[str, Any]
    validator: jsonschema_rs.Validator


@cache
def validator_for(schema_path: Path, mtime_ns: int) -> CompiledSchema:
    """Compiled once per schema version; `mtime_ns` is part of the key so edits are picked up."""
    schema = _read_schema(schema_path)
    return CompiledSchema(schema, _compile(schema, schema_path))


def load_validator(schema_path: Path) -> CompiledSchema:
    return validator_for(schema_path, schema_path.stat().st_mtime_ns)


@cache
def letter_validator(schema_path: Path, mtime_ns: int) -> jsonschema_rs.Validator:
    """Checks one letter alone, so a file with one broken letter still gets the others checked."""
    schema = _read_schema(schema_path)
    return _compile({"$ref": "#/$defs/letter", "$defs": schema["$defs"]}, schema_path)


def _read_schema(schema_path: Path) -> dict[str, Any]:
    """The schema, checked against the JSON Schema meta-schema first, so a mistake in it is
    reported as such rather than as odd verdicts on the snippets."""
    shown = f"{schema_path.parent.name}/{schema_path.name}"
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema_rs.meta.validate(schema)
    except json.JSONDecodeError as error:
        raise SchemaFileError(f"{shown}: not valid JSON: {error}") from error
    except ValidationError as error:
        raise SchemaFileError(_schema_error(shown, error)) from error
    if not isinstance(schema, dict):
        raise SchemaFileError(f"{shown}: should be a JSON object")
    return schema


def _compile(schema: dict[str, Any], schema_path: Path) -> jsonschema_rs.Validator:
    try:
        # offline: a reference to another address fails here, as it did with Python jsonschema,
        # instead of fetching it during a build
        return jsonschema_rs.validator_for(schema, offline=True)
    except ValidationError as error:  # a pattern that is not a regex, a missing $defs entry
        raise SchemaFileError(_schema_error(f"{schema_path.parent.name}/{schema_path.name}",
                                            error)) from error


def _schema_error(shown: str, error: ValidationError) -> str:
    where = "/".join(str(part) for part in error.instance_path)
    return (f"{shown}: not a valid JSON Schema (Draft 2020-12): {error.message}"
            + (f", at {where}" if where else ""))


def sound_letter_indexes(document: YamlDocument, schema_path: Path) -> list[int]:
    """Indexes of the letters in a file that match the schema on their own."""
    letters = document.data.get("letters") if isinstance(document.data, dict) else None
    if not isinstance(letters, list):
        return []
    validator = letter_validator(schema_path, schema_path.stat().st_mtime_ns)
    return [index for index, letter in enumerate(letters) if _is_valid(validator, letter)]


def _is_valid(validator: jsonschema_rs.Validator, instance: Any) -> bool:
    try:
        return validator.is_valid(instance)
    except ValueError:  # a value JSON does not have (see _as_json)
        return validator.is_valid(_as_json(instance))


def field_path(path: tuple[PathPart, ...]) -> str:
    """('letters', 2, 'body') -> 'letters[2].body'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_problems(document: YamlDocument, compiled: CompiledSchema) -> list[Problem]:
    """Each schema error of `document`, worded for a contributor, once."""
    try:
        errors = list(compiled.validator.iter_errors(document.data))
    except ValueError:  # a value JSON does not have (see _as_json)
        errors = list(compiled.validator.iter_errors(_as_json(document.data)))
    problems: dict[Problem, None] = {}
    for error in errors:
        problems.update(dict.fromkeys(_explain(error, document, compiled.schema)))
    return list(problems)


def _as_json(value: Any) -> Any:
    """`value` with what jsonschema-rs refuses to read (YAML dates, binary, sets) replaced by
    null, which fails the same keywords here. Only for files that hold one: it costs a walk."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_json(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return None


def _explain(error: ValidationError, document: YamlDocument,
             schema: dict[str, Any]) -> list[Problem]:
    path = tuple(error.instance_path)
    # The value as YAML read it: jsonschema-rs's copy has null for a date, inf or nan.
    instance = _value_at(document.data, path)
    kind = error.kind

    def at(where: tuple[PathPart, ...], message: str, *, key: bool = False) -> Problem:
        return Problem(document.path, document.line_of(where, key=key), message, field_path(where))

    if isinstance(kind, Kind.Required):  # one error for each missing key
        return [Problem(document.path, document.line_of(path), "is missing; add it "
                        "(see snippets/_example.yml)", field_path((*path, kind.property)))]
    if isinstance(kind, Kind.AdditionalProperties):
        node = _value_at(schema, tuple(error.schema_path[:-1]))
        allowed = list(node.get("properties", {})) if isinstance(node, dict) else []
        return [
            at((*path, name), f"unknown key{did_you_mean(name, allowed)} "
               f"Allowed keys here: {', '.join(allowed)}.", key=True)
            for name in kind.unexpected
        ]
    if isinstance(kind, Kind.Enum):
        choices = [str(choice) for choice in kind.options]
        hint = did_you_mean(str(instance), choices)
        use = f"{' U' if hint else '; u'}se one of: {', '.join(choices)}."
        return [at(path, f"'{instance}' is not allowed{hint}{use}")]
    if isinstance(kind, Kind.Type):
        wanted = " or ".join(JSON_TYPE_NAMES.get(name, name) for name in kind.types)
        if instance is None and not path:
            return [at(path, "the file is empty; start it with 'letters:', 'lists:' or 'fields:' "
                       "(see snippets/_example.yml)")]
        if instance is None:
            return [at(path, f"is empty; write {wanted} here, or remove the key")]
        return [at(path, f"should be {wanted}, not {_describe(instance)}")]
    if isinstance(kind, Kind.Pattern):
        return [at(path, _pattern_message(kind.pattern, instance, path))]
    if isinstance(kind, Kind.PropertyNames):  # a placeholder key under `fields:`
        name = str(kind.error.instance)
        return [at((*path, name), f"'{name}' is not a valid placeholder key; use lowercase "
                   "letters, digits and _ (like 'team_name')", key=True)]
    if (isinstance(kind, (Kind.Minimum, Kind.Maximum)) and path
            and path[-1] in ("days", "every")):
        low, high = (0, 365) if path[-1] == "days" else (7, 365)
        what = ("calendar days after the event (0 is the same day)" if path[-1] == "days"
                else "days between repeats")
        return [at(path, f"{instance} is out of range; write a whole number of {what} from "
                   f"{low} to {high}")]
    if isinstance(kind, Kind.MinItems):
        return [at(path, "is an empty list; add at least one item, or remove the key")]
    if isinstance(kind, Kind.UniqueItems):
        return [at(path, "lists the same item twice; remove the repeat")]
    if isinstance(kind, Kind.MinProperties):
        return [at(path, "the file is empty; start it with 'letters:', 'lists:' or 'fields:' "
                   "(see snippets/_example.yml)")]
    return [at(path, error.message)]


def _value_at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _pattern_message(pattern: str, instance: Any, path: tuple[PathPart, ...]) -> str:
    if pattern == "\\S":
        return "is empty; write some text here, or remove the key"
    if (path and path[-1] in ("id", "tags")) or (len(path) > 1 and path[-2] == "tags"):
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in str(instance))
                              .lower().split())
        return (f"'{instance}' is not a lowercase slug; use letters, digits and hyphens, "
                f"like '{suggestion or 'thank-you'}'")
    return f"'{instance}' does not match the pattern {pattern}"


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
