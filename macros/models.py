"""Immutable objects the snippet library is made of. Rendering reads only these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# A placeholder is {key}, key in lowercase snake_case.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


# Events a letter's send time can follow, in the order they usually happen: key -> (what the
# reader ticks on the planner, "N days <after>", "on <the day>"). snippets/schema.json lists the
# same keys.
EVENTS: Mapping[str, tuple[str, str, str]] = {
    "applied": ("You applied", "after you applied", "the day you applied"),
    "invited": ("They invited you to an interview", "after the invitation",
                "the day of the invitation"),
    "interviewed": ("You had the interview", "after the interview", "the day of the interview"),
    "answer-date": ("The day they said you would hear back", "after the answer date",
                    "the answer date"),
    "heard-back": ("They told you no", "after you heard no", "the day you heard no"),
    "offer": ("You got an offer", "after the offer", "the day of the offer"),
    "met": ("You met someone at an event", "after the event", "the day of the event"),
}


@dataclass(frozen=True)
class Send:
    """A letter's send time as data: `days` calendar days after the event `after`, and then
    every `every` days (stay-in-touch letters) when set."""
    after: str  # a key of EVENTS
    days: int  # 0 = on the day of the event
    every: int | None = None


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
    send: Send | None = None  # when to send it, as data (the planner); None: no fixed day

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


def anchor_for(kind: str, full_id: str) -> str:
    """'rejection/thank-you' -> 'letter-rejection-thank-you': stable, shareable, valid as an id."""
    return f"{kind}-{full_id.replace('/', '-')}"
