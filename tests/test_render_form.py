"""The personalizer's server-side markup in each letter card (macros/render.py), as HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from macros.models import Field, Letter
from macros.render import RECOMMENDED_WORDS, download_name, render_letter
from tests.factories import make_letter as base_letter

ATTACK = '"><script>alert(1)</script>'


def make_letter(**changes: object) -> Letter:
    """The shared test letter, with a third placeholder only it uses."""
    values: dict[str, object] = dict(
        body="Dear {interviewer},\n\nThank you for {team}.\n\n{your_name}",
        fields=(Field("interviewer", "Interviewer's name", "Ms. Patel"),
                Field("team", "Team you met", "the finance team"),
                Field("your_name", "Your name", "Jordan Lee")),
        tags=("rejection",),
    )
    values.update(changes)
    return base_letter(**values)


class Elements(HTMLParser):
    """Every start tag as (tag, attributes), in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.found
                if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_one_labeled_input_per_placeholder_in_order_of_use() -> None:
    html = render_letter(make_letter())
    inputs = [a for a in elements(html).all("input") if a.get("type") != "checkbox"]
    assert [a["name"] for a in inputs] == ["interviewer", "team", "your_name"]
    assert [a["id"] for a in inputs] == [
        "letter-rejection-thank-you-field-interviewer",
        "letter-rejection-thank-you-field-team",
        "letter-rejection-thank-you-field-your_name",
    ]
    assert [a["placeholder"] for a in inputs] == [
        "e.g. Ms. Patel", "e.g. the finance team", "e.g. Jordan Lee"]
    assert ('<label for="letter-rejection-thank-you-field-interviewer">Interviewer&#x27;s name'
            "</label>") in html
    assert '<label for="letter-rejection-thank-you-field-team">Team you met</label>' in html


def test_form_is_hidden_until_the_script_runs_and_is_not_a_real_form() -> None:
    html = render_letter(make_letter())
    assert ('<fieldset class="onward-form" id="letter-rejection-thank-you-form" '
            'data-search-exclude hidden>') in html
    assert "<legend>Fill in the blanks</legend>" in html
    assert "<form" not in html, "nothing may ever be submitted"
    assert html.index("onward-form") < html.index('data-part="subject"'), "form before letter"
    # Script-only controls are hidden too; the letter itself is not.
    hidden = {a["class"] for _, a in elements(html).found if "hidden" in a}
    assert hidden == {"onward-form", "md-button onward-email", "md-button onward-download",
                      "onward-letter__progress"}


def test_remember_and_forget_controls() -> None:
    html = render_letter(make_letter())
    assert ('<input type="checkbox" class="onward-remember" '
            'id="letter-rejection-thank-you-remember"><label '
            'for="letter-rejection-thank-you-remember">Remember on this device</label>') in html
    assert ('<button type="button" class="md-button onward-forget">Forget my details</button>'
            in html)


def test_every_id_in_a_card_is_unique_even_for_a_field_named_like_a_part() -> None:
    letter = make_letter(subject=None, channel="note", body="{subject} {body} {title}", fields=(
        Field("subject", "Topic", "x"), Field("body", "Body", "y"), Field("title", "Title", "z")))
    ids = [a["id"] for _, a in elements(render_letter(letter)).found if "id" in a]
    assert len(ids) == len(set(ids)), ids
    assert "letter-rejection-thank-you-field-subject" in ids


def test_labels_examples_and_keys_are_escaped() -> None:
    letter = make_letter(fields=(Field("interviewer", ATTACK, ATTACK),
                                 Field("team", "Team", "t"), Field("your_name", "Name", "n")))
    html = render_letter(letter)
    found = elements(html)
    assert not found.all("script")
    (first,) = found.all("input", name="interviewer")
    assert first["placeholder"] == f"e.g. {ATTACK}"  # the parser unescapes: it was an attribute
    assert f'<label for="letter-rejection-thank-you-field-interviewer">{ATTACK}' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</label>" in html


@pytest.mark.parametrize(("channel", "words"), [
    ("email", 150), ("note", 100), ("linkedin", 100), ("letter", 200), ("phone", 120)])
def test_recommended_length_per_channel_is_a_data_attribute(channel: str, words: int) -> None:
    subject = "Hi {interviewer}" if channel == "email" else None
    html = render_letter(make_letter(channel=channel, subject=subject))
    (progress,) = elements(html).all("p", class_="onward-letter__progress")
    assert progress["data-max-words"] == str(words) == str(RECOMMENDED_WORDS[channel])


def test_email_link_only_for_email_letters() -> None:
    email = elements(render_letter(make_letter())).all("a", class_="md-button onward-email")
    assert email == [{"class": "md-button onward-email", "href": "mailto:",
                      "aria-describedby": "letter-rejection-thank-you-title", "hidden": None}]
    note = render_letter(make_letter(channel="note", subject=None))
    assert "onward-email" not in note


def test_download_button_names_the_file_after_the_letter() -> None:
    assert download_name(make_letter()) == "rejection-thank-you.txt"
    (button,) = elements(render_letter(make_letter())).all("button", class_=(
        "md-button onward-download"))
    assert button["data-filename"] == "rejection-thank-you.txt"
    assert button["type"] == "button"


def test_status_is_a_polite_live_region_per_card() -> None:
    html = render_letter(make_letter())
    assert ('<p class="onward-letter__status" id="letter-rejection-thank-you-status" '
            'role="status" aria-live="polite"></p>') in html


def test_autocomplete_only_for_the_readers_own_details() -> None:
    letter = make_letter(body="{your_name} {your_email} {company}", subject=None, channel="note",
                         fields=(Field("your_name", "Your name", "J"),
                                 Field("your_email", "Your email", "j@example.com"),
                                 Field("company", "Company", "N")))
    found = elements(render_letter(letter))
    assert [(a["name"], a["type"], a["autocomplete"]) for a in found.all("input")
            if a.get("type") != "checkbox"] == [
        ("your_name", "text", "name"), ("your_email", "email", "email"),
        ("company", "text", "off")]


def test_existing_hooks_are_kept() -> None:
    html = render_letter(make_letter())
    assert html.startswith('<article class="onward-letter" id="letter-rejection-thank-you" '
                           'data-letter="rejection/thank-you" data-channel="email"')
    assert "\n" not in html
    assert '<span id="letter-rejection-thank-you-subject" data-part="subject">' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-body"' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-subject"' in html
    assert html.count('<span class="onward-field" data-field="interviewer">'
                      "[Interviewer&#x27;s name]</span>") == 2
