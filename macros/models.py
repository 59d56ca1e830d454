"""Immutable objects the snippet library is made of. Rendering reads only these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# A placeholder is {key}, key in lowercase snake_case.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    example: str


@dataclass(frozen=True)
class Letter:
    id: str  # full id: "<file stem>/<id in file>"
    source: str  # e.g. "snippets/rejection.yml"
    line: int
    title: str
    situation: str
    recipient: str
    timing: str
    channel: str
    tone: str
    subject: str | None
    body: str
    fields: tuple[Field, ...]  # every placeholder the letter uses, in order of first use
    tips: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return anchor_for("letter", self.id)

    @property
    def group(self) -> str:
        return self.id.split("/", 1)[0]

    def field(self, key: str) -> Field:
        return next(field for field in self.fields if field.key == key)


@dataclass(frozen=True)
class ListItem:
    text: str
    note: str | None


@dataclass(frozen=True)
class ListGroup:
    title: str
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class ItemList:
    id: str
    source: str
    line: int
    title: str
    kind: str  # "questions" | "checklist"
    intro: str | None
    groups: tuple[ListGroup, ...]

    @property
    def anchor(self) -> str:
        return anchor_for("list", self.id)


@dataclass(frozen=True)
class Library:
    letters: Mapping[str, Letter]  # by full id, in file order
    lists: Mapping[str, ItemList]
    fields: Mapping[str, Field]  # shared placeholders from fields.yml


def anchor_for(kind: str, full_id: str) -> str:
    """'rejection/thank-you' -> 'letter-rejection-thank-you': stable, shareable, valid as an id."""
    return f"{kind}-{full_id.replace('/', '-')}"
