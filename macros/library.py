"""Load and validate the snippet library: snippets/*.yml -> an immutable `Library`.

Structure is checked against snippets/schema.json; the rules that span fields or files
(placeholders, ids, subjects) live in rules.py. Every problem of a run is collected and
reported together, each with file, line and field. No mkdocs import here.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .models import PLACEHOLDER, Field, ItemList, Letter, Library, ListGroup, ListItem, Send
from .problems import Problem, ProblemsFound
from .rules import cross_file_problems, letter_problems
from .schema import load_validator, schema_problems, sound_letter_indexes
from .textfile import read_text
from .yamlsource import MAX_YAML_BYTES, YamlDocument, parse_yaml

SHARED_FIELDS_FILE = "fields.yml"
SCHEMA_FILE = "schema.json"


# A snippet file's stem is the first half of every id in it, so it is a lowercase ASCII slug.
SNIPPET_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.yml")


def snippet_files(snippets_dir: Path) -> list[Path]:
    """Library files in a stable order; files starting with '_' (the example) are not published."""
    return snippet_paths(snippets_dir)[0]


def snippet_paths(snippets_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The library files, and a problem for each `.yml` entry that cannot be one: a badly named
    file, a folder, or a symbolic link (which could point outside the project)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(snippets_dir.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        shown = f"{snippets_dir.name}/{path.name}"
        if path.is_symlink():
            problems.append(Problem(shown, 0, "is a symbolic link; replace it with the file "
                                    "itself"))
        elif not path.is_file():
            problems.append(Problem(shown, 0, "is not a file; snippet files are YAML text files"))
        elif not SNIPPET_NAME.fullmatch(path.name):
            problems.append(Problem(shown, 0, "rename it: a snippet file name is lowercase "
                                    "a-z, 0-9 and dashes, like after-interview.yml"))
        else:
            files.append(path)
    return files, problems


def read_document(path: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    text, problems = read_text(path, shown, max_bytes=MAX_YAML_BYTES, noun="a snippet file",
                               kind="YAML")
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


def check_documents(documents: list[YamlDocument],
                    schema_path: Path) -> tuple[Library, list[Problem]]:
    """Validate parsed documents and build the library from the parts that are sound."""
    problems: list[Problem] = []
    sound: list[YamlDocument] = []
    partly_sound: list[YamlDocument] = []  # schema errors, yet some letters can be checked
    for document in documents:
        found = schema_problems(document, load_validator(schema_path))
        problems.extend(found)
        (partly_sound if found else sound).append(document)

    shared_docs = [d for d in sound if Path(d.path).name == SHARED_FIELDS_FILE]
    shared = _fields(shared_docs[0].data.get("fields", {})) if shared_docs else {}
    letters: dict[str, Letter] = {}
    lists: dict[str, ItemList] = {}
    for document in sound:
        problems.extend(_placement_problems(document))
        stem = Path(document.path).stem
        for index, raw in enumerate(document.data.get("letters", [])):
            found = letter_problems(document, index, raw, shared)
            problems.extend(found)
            if not found:
                letter = _letter(document, stem, index, raw, shared)
                letters.setdefault(letter.id, letter)
        for index, raw in enumerate(document.data.get("lists", [])):
            item_list = _item_list(document, stem, index, raw)
            lists.setdefault(item_list.id, item_list)
    problems.extend(cross_file_problems(sound))
    for document in partly_sound:  # report their placeholder and subject problems too
        for index in sound_letter_indexes(document, schema_path):
            problems.extend(letter_problems(document, index, document.data["letters"][index],
                                            shared))
    library = Library(MappingProxyType(letters), MappingProxyType(lists))
    return library, problems


def load_library(snippets_dir: Path) -> Library:
    """The whole library, or `ProblemsFound` listing every problem in every file."""
    root = snippets_dir.parent
    documents: list[YamlDocument] = []
    paths, problems = snippet_paths(snippets_dir)
    for path in paths:
        document, found = read_document(path, root)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    library, found = check_documents(documents, snippets_dir / SCHEMA_FILE)
    problems.extend(found)
    if problems:
        raise ProblemsFound(problems)
    return library


def _placement_problems(document: YamlDocument) -> list[Problem]:
    """Shared fields belong in fields.yml and nowhere else."""
    is_shared = Path(document.path).name == SHARED_FIELDS_FILE
    keys = set(document.data)
    misplaced = keys - {"fields"} if is_shared else keys & {"fields"}
    where = (f"only 'fields:' belongs in snippets/{SHARED_FIELDS_FILE}; move it to another file"
             if is_shared else
             f"shared fields belong in snippets/{SHARED_FIELDS_FILE}; move them there, or put "
             "fields used by one letter under that letter")
    return [Problem(document.path, document.line_of((key,), key=True), where, key)
            for key in sorted(misplaced)]


def _fields(raw: dict[str, Any]) -> dict[str, Field]:
    return {key: Field(key, value["label"].strip(), value["example"].strip())
            for key, value in raw.items()}


def _letter(document: YamlDocument, stem: str, index: int, raw: dict[str, Any],
            shared: dict[str, Field]) -> Letter:
    local = _fields(raw.get("fields", {}))
    text = (raw.get("subject") or "") + "\n" + raw["body"]
    used = dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text))
    return Letter(
        id=f"{stem}/{raw['id']}",
        source=document.path,
        line=document.line_of(("letters", index)),
        title=raw["title"].strip(),
        situation=raw["situation"].strip(),
        recipient=raw["recipient"].strip(),
        timing=raw["timing"].strip(),
        channel=raw["channel"],
        tone=raw["tone"],
        subject=raw["subject"].strip() if raw.get("subject") else None,
        body=raw["body"].strip(),
        fields=tuple(local.get(key) or shared[key] for key in used),
        tips=tuple(tip.strip() for tip in raw["tips"]),
        tags=tuple(raw["tags"]),
        send=Send(raw["send"]["after"], raw["send"]["days"], raw["send"].get("every"))
        if raw.get("send") else None,
    )


def _item_list(document: YamlDocument, stem: str, index: int, raw: dict[str, Any]) -> ItemList:
    groups = tuple(
        ListGroup(group["title"].strip(), tuple(
            ListItem(item["text"].strip(), item["note"].strip() if item.get("note") else None)
            for item in group["items"]))
        for group in raw["groups"]
    )
    return ItemList(
        id=f"{stem}/{raw['id']}",
        source=document.path,
        line=document.line_of(("lists", index)),
        title=raw["title"].strip(),
        kind=raw["kind"],
        intro=raw["intro"].strip() if raw.get("intro") else None,
        groups=groups,
    )
