"""The renderer on its own: hooks scripts rely on, and escaping of everything from YAML."""

from __future__ import annotations

import re

import pytest

from macros.models import Field, ItemList, ListGroup, ListItem
from macros.render import render_letter, render_list
from tests import helpers
from tests.factories import make_letter

ATTACK = '<script>alert("x")</script>'


def has_script(html: str) -> bool:
    """Whether the HTML, parsed as a browser parses it, holds any <script> element."""
    return bool(helpers.html(html).css("script"))


def reader_text(html: str) -> str:
    """What a reader sees: the text of the parsed HTML, entities decoded."""
    return helpers.html(html).body.text(deep=True)


def test_card_hooks() -> None:
    html = render_letter(make_letter())
    assert html.startswith('<article class="onward-letter" id="letter-rejection-thank-you" '
                           'data-letter="rejection/thank-you"')
    assert "\n" not in html, "one line, so Markdown passes it through untouched"
    assert html.count('data-field="interviewer"') == 2  # subject and body
    assert ('<span class="onward-field" data-field="your_name">[Your name]</span>') in html
    assert 'id="letter-rejection-thank-you-title">Thank them</h3>' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-body"' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-subject"' in html


def test_body_keeps_paragraphs_and_line_breaks() -> None:
    html = render_letter(make_letter())
    body = re.search(r'data-part="body">(.*?)</div>', html).group(1)
    assert body.count("<p>") == 3
    assert "Thank you.<br>Really." in body


def test_phone_script_has_no_subject_or_subject_copy() -> None:
    html = render_letter(make_letter(channel="phone", subject=None))
    assert 'data-part="subject"' not in html
    assert "Copy subject" not in html


@pytest.mark.parametrize("field", ["title", "situation", "recipient", "timing", "subject",
                                   "body", "tips", "tags", "label", "id"])
def test_script_in_any_yaml_field_comes_out_as_text(field: str) -> None:
    changes: dict[str, object] = {
        "title": {"title": ATTACK}, "situation": {"situation": ATTACK},
        "recipient": {"recipient": ATTACK}, "timing": {"timing": ATTACK},
        "subject": {"subject": ATTACK + " {interviewer}"},
        "body": {"body": ATTACK + "\n{interviewer} {your_name}"},
        "tips": {"tips": (ATTACK,)}, "tags": {"tags": (ATTACK,)},
        "label": {"fields": (Field("interviewer", ATTACK, ATTACK),
                             Field("your_name", "Your name", "x"))},
        "id": {"id": 'rejection/"><script>alert(1)</script>'},
    }[field]
    html = render_letter(make_letter(**changes))
    assert not has_script(html)
    if field not in ("tags", "id"):  # those two live in attributes, not in the text
        text = reader_text(html)
        assert ATTACK in text or f"[{ATTACK}]" in text


def test_list_items_are_escaped_and_checklists_use_checkboxes() -> None:
    checklist = ItemList("checklists/resume", "snippets/checklists.yml", 2, "Resume", "checklist",
                         None, (ListGroup("Basics", (ListItem(ATTACK, None),)),))
    html = render_list(checklist)
    assert not has_script(html)
    assert '<input type="checkbox" id="list-checklists-resume-1-1">' in html
    assert '<label for="list-checklists-resume-1-1">' in html


def test_question_lists_are_copyable() -> None:
    questions = ItemList("questions/to-ask", "snippets/questions.yml", 2, "Ask", "questions",
                         "Pick some.", (ListGroup("Role", (ListItem("What is hard here?", "x"),)),))
    html = render_list(questions)
    assert 'data-clipboard-target="#list-questions-to-ask-1-1"' in html
    assert '<span class="onward-item__text" id="list-questions-to-ask-1-1">What is hard here?' in html


def test_a_site_overrides_a_template_from_its_custom_dir(tmp_path) -> None:
    """Like a Material partial: overrides/onward/card.html replaces the package's card.html;
    the others still come from the package. Values stay escaped, lines are joined."""
    (tmp_path / "onward").mkdir()
    (tmp_path / "onward" / "card.html").write_text(
        '<article class="my-card" id="{{ anchor }}">\n  <h3>{{ letter.title }}</h3>\n'
        "</article>\n", encoding="utf-8")
    html = render_letter(make_letter(title=ATTACK), overrides=tmp_path)
    assert html == ('<article class="my-card" id="letter-rejection-thank-you"><h3>'
                    "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</h3></article>")
    assert render_letter(make_letter()).startswith('<article class="onward-letter"')
    questions = ItemList("questions/to-ask", "snippets/questions.yml", 2, "Ask", "questions",
                         None, (ListGroup("Role", (ListItem("Why?", None),)),))
    assert render_list(questions, overrides=tmp_path) == render_list(questions)
