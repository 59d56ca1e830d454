"""The personalizer's form as docs/assets/letters.js builds it from a card's data-fields, in
Debian's Chromium: cards rendered by macros/render.py (test letters, hostile ones too) on a
blank page with letters.js. Moved from tests/test_render_form.py, which tested the same markup
when the server rendered it; the assertions are the same, made on the DOM the script builds."""

from __future__ import annotations

import pytest

from macros.models import Field
from macros.render import RECOMMENDED_WORDS, render_letter
from tests import helpers
from tests.sitebuild import ROOT
from tests.test_render_form import ATTACK, make_letter

pytestmark = pytest.mark.browser

LETTERS_JS = ROOT / "docs" / "assets" / "letters.js"


@pytest.fixture(scope="module")
def blank(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def built(page, *letters) -> str:
    """The cards' HTML once letters.js has set them up (outerHTML of each, joined)."""
    html = "".join(render_letter(letter) for letter in letters)
    page.set_content(f"<!doctype html><html><body><div class='md-typeset'>{html}</div></body>"
                     "</html>")
    page.add_script_tag(path=str(LETTERS_JS))
    page.locator("fieldset.onward-form").first.wait_for(state="attached")
    return "".join(page.locator("article.onward-letter").evaluate_all(
        "cards => cards.map(card => card.outerHTML)"))


def attributes(html: str, selector: str) -> list[dict[str, str | None]]:
    """The attributes of each element `selector` matches in `html` (tests/helpers.py: html),
    in document order; `[class="a b"]` matches the exact attribute value."""
    return [node.attributes for node in helpers.html(html).css(selector)]


def test_one_labeled_input_per_placeholder_in_order_of_use(blank) -> None:
    html = built(blank, make_letter())
    inputs = [a for a in attributes(html, "input") if a.get("type") != "checkbox"]
    assert [a["name"] for a in inputs] == ["interviewer", "team", "your_name"]
    assert [a["id"] for a in inputs] == [
        "letter-rejection-thank-you-field-interviewer",
        "letter-rejection-thank-you-field-team",
        "letter-rejection-thank-you-field-your_name",
    ]
    assert [a["placeholder"] for a in inputs] == [
        "e.g. Ms. Patel", "e.g. the finance team", "e.g. Jordan Lee"]
    assert ('<label for="letter-rejection-thank-you-field-interviewer">Interviewer\'s name'
            "</label>") in html
    assert '<label for="letter-rejection-thank-you-field-team">Team you met</label>' in html


def test_form_is_shown_by_the_script_and_is_not_a_real_form(blank) -> None:
    html = built(blank, make_letter())
    assert '<fieldset class="onward-form" id="letter-rejection-thank-you-form">' in html
    assert "<legend>Fill in the blanks</legend>" in html
    assert "<form" not in html, "nothing may ever be submitted"
    assert html.index("onward-form") < html.index('data-part="subject"'), "form before letter"
    assert {a["class"] for a in attributes(html, "[hidden]")} == set()


def test_remember_and_forget_controls(blank) -> None:
    html = built(blank, make_letter())
    assert ('<input type="checkbox" class="onward-remember" '
            'id="letter-rejection-thank-you-remember"><label '
            'for="letter-rejection-thank-you-remember">Remember on this device</label>') in html
    assert ('<button type="button" class="md-button onward-forget">Forget my details</button>'
            in html)


def test_every_id_in_a_card_is_unique_even_for_a_field_named_like_a_part(blank) -> None:
    letter = make_letter(subject=None, channel="note", body="{subject} {body} {title}", fields=(
        Field("subject", "Topic", "x"), Field("body", "Body", "y"), Field("title", "Title", "z")))
    ids = [a["id"] for a in attributes(built(blank, letter), "[id]")]
    assert len(ids) == len(set(ids)), ids
    assert "letter-rejection-thank-you-field-subject" in ids


def test_labels_examples_and_keys_are_escaped(blank) -> None:
    letter = make_letter(fields=(Field("interviewer", ATTACK, ATTACK),
                                 Field("team", "Team", "t"), Field("your_name", "Name", "n")))
    html = built(blank, letter)
    assert not attributes(html, "script")
    assert blank.locator(".onward-letter script").count() == 0
    (first,) = attributes(html, 'input[name="interviewer"]')
    assert first["placeholder"] == f"e.g. {ATTACK}"  # the parser unescapes: it was an attribute
    assert f'<label for="letter-rejection-thank-you-field-interviewer">{ATTACK}' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</label>" in html


@pytest.mark.parametrize(("channel", "words"), [
    ("email", 150), ("note", 100), ("linkedin", 100), ("letter", 200), ("phone", 120)])
def test_recommended_length_per_channel_is_a_data_attribute(blank, channel: str,
                                                             words: int) -> None:
    subject = "Hi {interviewer}" if channel == "email" else None
    html = built(blank, make_letter(channel=channel, subject=subject))
    (progress,) = attributes(html, 'p[class="onward-letter__progress"]')
    assert progress["data-max-words"] == str(words) == str(RECOMMENDED_WORDS[channel])


def test_email_link_only_for_email_letters(blank) -> None:
    email = attributes(built(blank, make_letter()), 'a[class="md-button onward-email"]')
    assert len(email) == 1
    assert email[0]["href"].startswith("mailto:")
    assert email[0]["aria-describedby"] == "letter-rejection-thank-you-title"
    note = built(blank, make_letter(channel="note", subject=None))
    assert "onward-email" not in note


def test_download_button_names_the_file_after_the_letter(blank) -> None:
    (button,) = attributes(built(blank, make_letter()),
                           'button[class="md-button onward-download"]')
    assert button["data-filename"] == "rejection-thank-you.txt"
    assert button["type"] == "button"


def test_autocomplete_only_for_the_readers_own_details(blank) -> None:
    letter = make_letter(body="{your_name} {your_email} {company}", subject=None, channel="note",
                         fields=(Field("your_name", "Your name", "J"),
                                 Field("your_email", "Your email", "j@example.com"),
                                 Field("company", "Company", "N")))
    found = attributes(built(blank, letter), "input")
    assert [(a["name"], a["type"], a["autocomplete"]) for a in found
            if a.get("type") != "checkbox"] == [
        ("your_name", "text", "name"), ("your_email", "email", "email"),
        ("company", "text", "off")]
