"""The personalizer's hooks in each letter card (macros/templates/onward/card.html), as HTML.

The card carries no form: `.onward-form` holds `data-fields`, one [key, label, example] per
blank in order of use, and docs/assets/letters.js builds the form, the progress line, "Email it"
and "Download .txt" from it. What the built form must be (labels, ids, placeholders, autofill,
remember and forget, escaping) is tested on the DOM the script builds:
tests/browser/test_card_form.py (moved there from this file).
"""

from __future__ import annotations

import json

import pytest

from macros.models import Field, Letter
from macros.render import RECOMMENDED_WORDS, download_name, render_letter
from tests import helpers
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


def described_fields(html: str) -> list[list[str]]:
    (slot,) = helpers.html(html).css('div[class="onward-form"]')
    return json.loads(slot.attributes["data-fields"])


def test_one_described_field_per_placeholder_in_order_of_use() -> None:
    assert described_fields(render_letter(make_letter())) == [
        ["interviewer", "Interviewer's name", "Ms. Patel"],
        ["team", "Team you met", "the finance team"],
        ["your_name", "Your name", "Jordan Lee"]]


def test_form_slot_is_hidden_until_the_script_runs_and_is_not_a_real_form() -> None:
    html = render_letter(make_letter())
    assert ('<div class="onward-form" id="letter-rejection-thank-you-form" data-fields=\'[['
            in html)
    assert "<form" not in html and "<input" not in html, "nothing may ever be submitted"
    assert html.index("onward-form") < html.index('data-part="subject"'), "form before letter"
    # Script-only controls are hidden too (or made by the script); the letter itself is not.
    hidden = {node.attributes["class"] for node in helpers.html(html).css("[hidden]")}
    assert hidden == {"onward-form"}
    for made_by_the_script in ("onward-email", "onward-download", "onward-letter__progress",
                               "onward-remember", "onward-forget"):
        assert made_by_the_script not in html


def test_every_id_in_a_card_is_unique_even_for_a_field_named_like_a_part() -> None:
    letter = make_letter(subject=None, channel="note", body="{subject} {body} {title}", fields=(
        Field("subject", "Topic", "x"), Field("body", "Body", "y"), Field("title", "Title", "z")))
    ids = [node.attributes["id"] for node in helpers.html(render_letter(letter)).css("[id]")]
    assert len(ids) == len(set(ids)), ids


def test_labels_examples_and_keys_are_escaped() -> None:
    letter = make_letter(fields=(Field("interviewer", ATTACK, ATTACK),
                                 Field("team", "Team", "t"), Field("your_name", "Name", "n")))
    html = render_letter(letter)
    assert not helpers.html(html).css("script")
    assert "<script>" not in html
    assert described_fields(html)[0] == ["interviewer", ATTACK, ATTACK]  # data, read as text


@pytest.mark.parametrize(("channel", "words"), [
    ("email", 150), ("note", 100), ("linkedin", 100), ("letter", 200), ("phone", 120)])
def test_recommended_length_per_channel_is_a_data_attribute(channel: str, words: int) -> None:
    subject = "Hi {interviewer}" if channel == "email" else None
    html = render_letter(make_letter(channel=channel, subject=subject))
    (card,) = helpers.html(html).css("article")
    assert card.attributes["data-max-words"] == str(words) == str(RECOMMENDED_WORDS[channel])


def test_download_name_is_the_letter_id() -> None:
    assert download_name(make_letter()) == "rejection-thank-you.txt"


def test_status_is_a_polite_live_region_per_card() -> None:
    html = render_letter(make_letter())
    assert ('<p class="onward-letter__status" id="letter-rejection-thank-you-status" '
            'role="status" aria-live="polite"></p>') in html


def test_existing_hooks_are_kept() -> None:
    html = render_letter(make_letter())
    assert html.startswith('<article class="onward-letter" id="letter-rejection-thank-you" '
                           'data-letter="rejection/thank-you" data-channel="email"')
    assert "\n" not in html
    assert '<span id="letter-rejection-thank-you-subject" data-part="subject">' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-body"' in html
    assert 'data-clipboard-target="#letter-rejection-thank-you-subject"' in html
    assert html.count('<span class="onward-field" data-field="interviewer">'
                      "[Interviewer&#39;s name]</span>") == 2
