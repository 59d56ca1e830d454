"""Rules JSON Schema cannot express: placeholders, subjects by channel, ids across files.

Each rule returns problems worded for a contributor: the field, what is wrong, how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .models import PLACEHOLDER, Field, anchor_for
from .problems import Problem, did_you_mean
from .schema import field_path
from .yamlsource import YamlDocument

# A brace-delimited token, or a lone brace; used to find malformed placeholders.
BRACE_TOKEN = re.compile(r"\{[^{}\n]*\}|[{}]")
# "a {role}" reads "a accounts payable specialist": the article depends on what is typed.
ARTICLE_BEFORE_BLANK = re.compile(r"\b(an?)\s+(\{[a-z0-9_]+\})", re.IGNORECASE)
# Longest body, in words, by channel: short enough to read on a phone. Phone scripts and
# printed letters may run longer (ARCHITECTURE.md, "Content style").
MAX_WORDS = {"email": 149, "linkedin": 149, "note": 149, "phone": 200, "letter": 200}


def letter_problems(document: YamlDocument, index: int, raw: dict[str, Any],
                    shared: dict[str, Field]) -> list[Problem]:
    """Problems of one letter that already matches the schema."""
    base = ("letters", index)
    local = raw.get("fields", {})
    known = {**shared, **local}
    problems: list[Problem] = []
    used: set[str] = set()

    for part in ("subject", "body"):
        text = raw.get(part)
        if text is None:
            continue
        path = (*base, part)
        for token in BRACE_TOKEN.finditer(text):
            line = document.line_in_text(path, token.start())
            problem = _placeholder_problem(token.group(), known)
            if problem:
                problems.append(Problem(document.path, line, problem, field_path(path)))
            match = PLACEHOLDER.fullmatch(token.group())
            if match:
                used.add(match.group(1))
        for article in ARTICLE_BEFORE_BLANK.finditer(text):
            line = document.line_in_text(path, article.start())
            problems.append(Problem(document.path, line, _article_problem(*article.groups()),
                                    field_path(path)))

    words = len(str(raw.get("body", "")).split())
    limit = MAX_WORDS.get(raw["channel"])
    if limit and words > limit:
        problems.append(Problem(
            document.path, document.line_of((*base, "body")),
            f"is {words} words; a {raw['channel']} letter may have at most {limit}, so cut "
            f"{words - limit} or more (one idea per paragraph, no repeated thanks)",
            field_path((*base, "body"))))

    for key in local:
        where = (*base, "fields", key)
        if key in shared:
            problems.append(Problem(
                document.path, document.line_of(where, key=True),
                f"'{key}' is already a shared field in snippets/fields.yml; remove it here "
                "(or give this one another name)", field_path(where)))
        elif key not in used:
            problems.append(Problem(
                document.path, document.line_of(where, key=True),
                f"is declared but not used; put {{{key}}} in the subject or body, or remove it",
                field_path(where)))

    channel = raw["channel"]
    if channel == "email" and "subject" not in raw:
        problems.append(Problem(document.path, document.line_of(base), "is missing; an email "
                                "needs a subject line, so add 'subject:'",
                                field_path((*base, "subject"))))
    if channel == "phone" and "subject" in raw:
        problems.append(Problem(document.path, document.line_of((*base, "subject"), key=True),
                                "a phone script has no subject line; remove 'subject:'",
                                field_path((*base, "subject"))))
    return problems


def _article_problem(article: str, blank: str) -> str:
    return (f"'{article} {blank}' fixes the article before what the reader types (it can read "
            f"'a accounts payable specialist'); rephrase so no 'a' or 'an' comes right before "
            f"{blank}, for example 'the {blank} role' or 'work as {blank}' without an article")


def _placeholder_problem(token: str, known: dict[str, Any]) -> str | None:
    if token in ("{", "}"):
        return (f"unbalanced '{token}': a placeholder needs both braces, like {{company}}; "
                "to show a brace as text, rephrase without it")
    match = PLACEHOLDER.fullmatch(token)
    if not match:
        name = token[1:-1]
        fixed = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_") or "company"
        return (f"placeholder {token} is not a valid name; use lowercase letters, digits and _, "
                f"like {{{fixed}}}")
    key = match.group(1)
    if key in known:
        return None
    hint = did_you_mean(key, known, "{{{}}}")
    return (f"placeholder {token} is not declared{hint} Declare it under this letter's "
            "'fields:' or in snippets/fields.yml." if hint else
            f"placeholder {token} is not declared; declare it under this letter's 'fields:' "
            "or in snippets/fields.yml")


def cross_file_problems(documents: list[YamlDocument]) -> list[Problem]:
    """Duplicate ids in a file, and different ids that would share one page anchor."""
    problems: list[Problem] = []
    anchors: dict[str, tuple[str, str, int]] = {}
    for document in documents:
        stem = Path(document.path).stem
        for kind in ("letters", "lists"):
            seen: dict[str, int] = {}
            for index, raw in enumerate(document.data.get(kind, [])):
                where = (kind, index, "id")
                line = document.line_of(where)
                local_id = raw["id"]
                if local_id in seen:
                    problems.append(Problem(
                        document.path, line, f"'{local_id}' is already used at line "
                        f"{seen[local_id]}; give this one a different id", field_path(where)))
                    continue
                seen[local_id] = line
                full_id = f"{stem}/{local_id}"
                anchor = anchor_for(kind.rstrip("s"), full_id)
                if anchor in anchors and anchors[anchor][0] != full_id:
                    other, other_path, other_line = anchors[anchor]
                    problems.append(Problem(
                        document.path, line, f"'{full_id}' gets the same page anchor as "
                        f"'{other}' ({other_path}:{other_line}); choose another id",
                        field_path(where)))
                anchors.setdefault(anchor, (full_id, document.path, line))
    return problems
