"""The follow-up planner: every letter with a send time (`send:` in snippets/*.yml), as a
timeline per event. Pure functions, everything escaped, no mkdocs import.

Without scripts each step reads "7 days after you applied"; docs/assets/planner.js turns the
same markup into dates from the reader's own days and offers an .ics file per step. The HTML is
one line, so Markdown passes it through as a raw block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import EVENTS, Letter, Send
from .render import CHANNEL_NAMES, text


def when_text(send: Send) -> str:
    """'On the day of the interview', '7 days after you applied', plus any repeat."""
    _, after, day = EVENTS[send.after]
    if send.days == 0:
        when = f"On {day}"
    else:
        when = f"{send.days} day{'s' if send.days != 1 else ''} {after}"
    if send.every:
        when += f", then every {send.every} days"
    return when


def timeline(letters: Iterable[Letter]) -> dict[str, list[Letter]]:
    """Letters with a send time, by event (in EVENTS order), each sorted by days (stable)."""
    by_event: dict[str, list[Letter]] = {event: [] for event in EVENTS}
    for letter in letters:
        if letter.send:
            by_event[letter.send.after].append(letter)
    return {event: sorted(found, key=lambda letter: letter.send.days if letter.send else 0)
            for event, found in by_event.items() if found}


def render_planner(letters: Iterable[Letter], links: Mapping[str, tuple[str, str]],
                   site_url: str) -> str:
    """The planner. `links` maps a letter id to (link from this page, site-relative URL of its
    guide); `site_url` makes the absolute links the calendar files carry."""
    groups = timeline(letters)
    rows = []
    for event in groups:
        label = EVENTS[event][0]
        rows.append(
            f'<div class="onward-planner__row"><input type="checkbox" checked '
            f'id="planner-show-{event}" data-show="{event}">'
            f'<label for="planner-show-{event}">{text(label)}</label>'
            f'<label class="onward-planner__date-label" for="planner-date-{event}">Day</label>'
            f'<input type="date" id="planner-date-{event}" data-date="{event}"></div>')
    form = (
        '<form class="onward-planner__form" hidden aria-label="Your dates">'
        '<p class="onward-planner__name"><label for="planner-name">Which job is this? '
        '(optional, for your calendar)</label>'
        '<input type="text" id="planner-name" autocomplete="off" spellcheck="false" '
        'placeholder="Northwind Traders"></p>'
        '<fieldset><legend>What happened, and on which day?</legend>'
        f'{"".join(rows)}</fieldset>'
        '<p class="onward-planner__kept">Nothing you type here is kept or sent anywhere.</p>'
        '</form>')
    sections = []
    for event, members in groups.items():
        steps = []
        for letter in members:
            send = letter.send
            if send is None:  # timeline() keeps only letters with a send time
                continue
            link, url = links.get(letter.id, ("", ""))
            title = text(letter.title)
            anchor = f"#{text(letter.anchor)}"
            name = f'<a href="{text(link)}{anchor}">{title}</a>' if link else title
            steps.append(
                f'<li class="onward-planner__step" data-days="{send.days}" '
                f'data-every="{send.every or ""}" data-letter="{text(letter.id)}" '
                f'data-title="{title}" data-url="{text(url)}{anchor}" '
                f'data-timing="{text(letter.timing)}">'
                f'<time class="onward-planner__when" datetime="P{send.days}D">'
                f"{text(when_text(send))}</time> "
                f'<span class="onward-planner__what">{name}</span> '
                f'<span class="onward-planner__how">{text(CHANNEL_NAMES[letter.channel])}. '
                f"{text(letter.timing)}</span>"
                '<button type="button" class="md-button onward-planner__ics" hidden '
                f'aria-label="Add to calendar: {title}">Add to calendar</button></li>')
        sections.append(
            f'<section class="onward-planner__event" data-event="{event}" '
            f'aria-labelledby="planner-{event}"><h3 id="planner-{event}" data-search-exclude>'
            f'{text(EVENTS[event][0])}<span class="onward-planner__on" data-on="{event}">'
            "</span></h3>"
            f'<ol class="onward-planner__steps">{"".join(steps)}</ol></section>')
    # Out of the search index: each letter's title belongs to its own guide's results.
    return (f'<div class="onward-planner" id="planner" data-site="{text(site_url)}" '
            f'data-search-exclude>{form}'
            '<p class="onward-planner__noscript">Each step says how many days after the event '
            'to send it. Count from the day it happened.</p>'
            f'{"".join(sections)}</div>')
