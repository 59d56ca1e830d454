"""Every loader rule, shown failing with the exact message a contributor would read."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from macros.library import load_library
from macros.problems import ProblemsFound
from macros.schema import SchemaFileError
from tests.sitebuild import ROOT

FIELDS = """\
fields:
  your_name: {label: Your name, example: Jordan Lee}
  company: {label: Company, example: Northwind Traders}
  interviewer: {label: "Interviewer's name", example: Ms. Patel}
"""

GOOD_LETTER = """\
letters:
  - id: thank-you
    title: Thank them
    situation: You heard back.
    recipient: The hiring manager.
    timing: Within a day.
    channel: email
    tone: warm
    subject: Thank you, {interviewer}
    body: |
      Dear {interviewer},

      Thank you for your time at {company}.

      {your_name}
    tips:
      - Keep it short.
    tags: [rejection]
"""


def problems_for(tmp_path: Path, files: dict[str, str], fields: str = FIELDS) -> list[str]:
    """Load a library made of `files` (plus fields.yml and the real schema); the problem lines."""
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    shutil.copy(ROOT / "snippets" / "schema.json", snippets / "schema.json")
    (snippets / "fields.yml").write_text(fields, encoding="utf-8")
    for name, content in files.items():
        (snippets / name).write_text(textwrap.dedent(content), encoding="utf-8")
    try:
        load_library(snippets)
    except ProblemsFound as found:
        return [str(problem) for problem in found.problems]
    return []


def test_a_good_letter_loads(tmp_path: Path) -> None:
    assert problems_for(tmp_path, {"rejection.yml": GOOD_LETTER}) == []


def test_loaded_letter_has_full_id_fields_in_order_and_line(tmp_path: Path) -> None:
    snippets = tmp_path / "snippets"
    assert problems_for(tmp_path, {"rejection.yml": GOOD_LETTER}) == []
    letter = load_library(snippets).letters["rejection/thank-you"]
    assert letter.line == 2
    assert [field.key for field in letter.fields] == ["interviewer", "company", "your_name"]
    assert letter.anchor == "letter-rejection-thank-you"


def test_undeclared_placeholder_names_line_and_closest_field(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("at {company}.", "at {compnay}.")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:13: letters[0].body: placeholder {compnay} is not declared; "
        "did you mean {company}? Declare it under this letter's 'fields:' or in "
        "snippets/fields.yml."
    ]


def test_unused_local_field(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    tips:", "    fields:\n      team: {label: Team, example: the finance team}\n    tips:")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:17: letters[0].fields.team: is declared but not used; "
        "put {team} in the subject or body, or remove it"
    ]


def test_a_placeholder_key_must_be_snake_case(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    tips:", "    fields:\n      Team Name: {label: Team, "
                              "example: the finance team}\n    tips:")
    assert problems_for(tmp_path, {"rejection.yml": bad})[0] == (
        "snippets/rejection.yml:17: letters[0].fields.Team Name: 'Team Name' is not a valid "
        "placeholder key; use lowercase letters, digits and _ (like 'team_name')")


def test_local_field_may_not_shadow_a_shared_one(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    tips:", "    fields:\n      company: {label: Firm, example: Acme}\n    tips:")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:17: letters[0].fields.company: 'company' is already a shared "
        "field in snippets/fields.yml; remove it here (or give this one another name)"
    ]


def test_unbalanced_brace(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("Dear {interviewer},", "Dear {interviewer,")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:11: letters[0].body: unbalanced '{': a placeholder needs both "
        "braces, like {company}; to show a brace as text, rephrase without it"
    ]


def test_placeholder_with_invalid_name(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("Dear {interviewer},", "Dear {Interviewer Name},")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:11: letters[0].body: placeholder {Interviewer Name} is not a "
        "valid name; use lowercase letters, digits and _, like {interviewer_name}"
    ]


def test_email_needs_a_subject(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    subject: Thank you, {interviewer}\n", "")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:2: letters[0].subject: is missing; an email needs a subject "
        "line, so add 'subject:'"
    ]


def test_phone_script_has_no_subject(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("channel: email", "channel: phone")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:9: letters[0].subject: a phone script has no subject line; "
        "remove 'subject:'"
    ]


def test_duplicate_id_in_a_file(tmp_path: Path) -> None:
    twice = GOOD_LETTER + GOOD_LETTER.removeprefix("letters:\n")
    assert problems_for(tmp_path, {"rejection.yml": twice}) == [
        "snippets/rejection.yml:19: letters[1].id: 'thank-you' is already used at line 2; "
        "give this one a different id"
    ]


def test_ids_that_would_share_an_anchor_across_files(tmp_path: Path) -> None:
    one = GOOD_LETTER.replace("id: thank-you", "id: b-c")
    other = GOOD_LETTER.replace("id: thank-you", "id: c")
    assert problems_for(tmp_path, {"a.yml": one, "a-b.yml": other}) == [
        "snippets/a.yml:2: letters[0].id: 'a/b-c' gets the same page anchor as 'a-b/c' "
        "(snippets/a-b.yml:2); choose another id"
    ]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    title:", "    titel:")
    problems = problems_for(tmp_path, {"rejection.yml": bad})
    assert problems == [
        "snippets/rejection.yml:2: letters[0].title: is missing; add it (see snippets/_example.yml)",
        "snippets/rejection.yml:3: letters[0].titel: unknown key; did you mean 'title'? Allowed "
        "keys here: id, title, situation, recipient, timing, send, channel, tone, subject, "
        "body, fields, tips, tags.",
    ]


def test_wrong_enum_value(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("channel: email", "channel: mail")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:7: letters[0].channel: 'mail' is not allowed; did you mean "
        "'email'? Use one of: email, letter, note, linkedin, phone."
    ]


def test_wrong_type(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    tips:\n      - Keep it short.", "    tips: Keep it short.")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:16: letters[0].tips: should be a list (lines starting with "
        "'- '), not text"
    ]


def test_id_must_be_a_slug(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("id: thank-you", "id: Thank_You")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:2: letters[0].id: 'Thank_You' is not a lowercase slug; use "
        "letters, digits and hyphens, like 'thank-you'"
    ]


def test_empty_body(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    body: |\n      Dear {interviewer},\n\n      Thank you for your "
                              "time at {company}.\n\n      {your_name}\n", '    body: " "\n')
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:10: letters[0].body: is empty; write some text here, or remove "
        "the key"
    ]


def test_empty_value(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("timing: Within a day.", "timing:")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:6: letters[0].timing: is empty; write text here, or remove the key"
    ]


def test_a_date_is_not_text(tmp_path: Path) -> None:
    """YAML reads 2026-03-01 as a date, which the validator refuses to read: still one problem."""
    bad = GOOD_LETTER.replace("title: Thank them", "title: 2026-03-01")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:3: letters[0].title: should be text, not a date (quote it to make "
        "it text)"
    ]


def test_a_broken_schema_names_itself(tmp_path: Path) -> None:
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    schema = (ROOT / "snippets" / "schema.json").read_text(encoding="utf-8")
    (snippets / "schema.json").write_text(schema.replace('"type": "string"', '"type": "strin"', 1),
                                          encoding="utf-8")
    (snippets / "fields.yml").write_text(FIELDS, encoding="utf-8")
    with pytest.raises(SchemaFileError, match=r"^snippets/schema\.json: not a valid JSON Schema "
                       r"\(Draft 2020-12\): .*, at \$defs/slug/type$"):
        load_library(snippets)


def test_invalid_yaml_gives_line_and_column(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    title: Thank them", "    title: Thank them: a note")
    [problem] = problems_for(tmp_path, {"rejection.yml": bad})
    assert problem.startswith("snippets/rejection.yml:3:")
    assert problem.split(":")[2].isdigit()  # the column
    assert "invalid YAML: mapping values are not allowed in this context; check the indentation" in problem


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    bad = GOOD_LETTER.replace("    tone: warm\n", "    tone: warm\n    tone: brief\n")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:9: duplicate key 'tone' (first at line 8); keep only one of them"
    ]


def test_empty_file(tmp_path: Path) -> None:
    assert problems_for(tmp_path, {"rejection.yml": "# nothing yet\n"}) == [
        "snippets/rejection.yml: the file is empty; start it with 'letters:', 'lists:' or "
        "'fields:' (see snippets/_example.yml)"
    ]


def test_shared_fields_only_in_fields_yml(tmp_path: Path) -> None:
    bad = GOOD_LETTER + "fields:\n  team: {label: Team, example: finance}\n"
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        "snippets/rejection.yml:19: fields: shared fields belong in snippets/fields.yml; move "
        "them there, or put fields used by one letter under that letter"
    ]


def test_all_problems_of_a_run_are_reported(tmp_path: Path) -> None:
    first = GOOD_LETTER.replace("channel: email", "channel: mail")
    second = GOOD_LETTER.replace("at {company}.", "at {compnay}.")
    problems = problems_for(tmp_path, {"one.yml": first, "two.yml": second})
    assert [p.split(":")[0] for p in problems] == ["snippets/one.yml", "snippets/two.yml"]


@pytest.mark.parametrize("name", ["_example.yml"])
def test_the_annotated_example_is_valid(tmp_path: Path, name: str) -> None:
    example = (ROOT / "snippets" / name).read_text(encoding="utf-8")
    fields = (ROOT / "snippets" / "fields.yml").read_text(encoding="utf-8")
    assert problems_for(tmp_path, {"example.yml": example}, fields=fields) == []


def test_a_broken_letter_does_not_hide_problems_of_the_next(tmp_path: Path) -> None:
    broken = GOOD_LETTER.replace("channel: email", "channel: mail")
    second = GOOD_LETTER.removeprefix("letters:\n").replace("id: thank-you", "id: other")
    second = second.replace("at {company}.", "at {compnay}.")
    problems = problems_for(tmp_path, {"rejection.yml": broken + second})
    assert [p.split(": ")[1] for p in problems] == ["letters[0].channel", "letters[1].body"]


@pytest.mark.parametrize("article", ["a", "an", "A"])
def test_fixed_article_before_a_blank_is_refused(tmp_path: Path, article: str) -> None:
    bad = GOOD_LETTER.replace("Thank you for your time at {company}.",
                              f"Thank you for your time at {article} {{company}}.")
    assert problems_for(tmp_path, {"rejection.yml": bad}) == [
        f"snippets/rejection.yml:13: letters[0].body: '{article} {{company}}' fixes the article "
        "before what the reader types (it can read 'a accounts payable specialist'); rephrase "
        "so no 'a' or 'an' comes right before {company}, for example 'the {company} role' or "
        "'work as {company}' without an article"
    ]


def test_article_inside_a_word_is_not_mistaken_for_one(tmp_path: Path) -> None:
    fine = GOOD_LETTER.replace("at {company}.", "at the area {company}.")
    assert problems_for(tmp_path, {"rejection.yml": fine}) == []


@pytest.mark.parametrize(("channel", "limit"), [("email", 149), ("phone", 200)])
def test_body_word_limit_by_channel(tmp_path: Path, channel: str, limit: int) -> None:
    letter = GOOD_LETTER.replace("channel: email", f"channel: {channel}")
    if channel == "phone":
        letter = letter.replace("    subject: Thank you, {interviewer}\n", "")
    # The body has 10 words; pad it to the limit, then one past it.
    at_limit = letter.replace("      {your_name}\n", "      {your_name}\n      "
                              + "word " * (limit - 10) + "\n")
    body_line = 10 if channel == "email" else 9  # a phone script has no subject line
    (tmp_path / "at").mkdir()
    assert problems_for(tmp_path / "at", {"rejection.yml": at_limit}) == []
    over = at_limit.replace("word \n", "word word\n")
    (tmp_path / "over").mkdir()
    assert problems_for(tmp_path / "over", {"rejection.yml": over}) == [
        f"snippets/rejection.yml:{body_line}: letters[0].body: is {limit + 1} words; a {channel} letter "
        f"may have at most {limit}, so cut 1 or more (one idea per paragraph, no repeated thanks)"
    ]
