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

PLANNER_SCRIPT = "assets/planner.min.js"  # dates and calendar files, for the planner page alone


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
                   site_url: str, page_url: str = "", *, script: str | None = None) -> str:
    """The planner. `links` maps a letter id to (link from this page, site-relative URL of its
    guide); `site_url` and `page_url` (this page's site-relative URL) make the absolute links
    the calendar files carry. `script`: planner.js, loaded by this page alone (a <script> in
    the content, which Material's instant navigation runs each time the page is shown)."""
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
            link = links.get(letter.id, ("", ""))[0]
            title = text(letter.title)
            name = (f'<a href="{text(link)}#{text(letter.anchor)}">{title}</a>' if link
                    else f'<span class="onward-planner__what">{title}</span>')
            every = f' data-every="{send.every}"' if send.every else ""
            # Lean on purpose (the planner lists every letter with a send time): the title,
            # the calendar link and the button come from this markup in planner.js.
            steps.append(
                f'<li class="onward-planner__step" data-days="{send.days}"{every} '
                f'data-letter="{text(letter.id)}">'
                f'<time class="onward-planner__when" datetime="P{send.days}D">'
                f"{text(when_text(send))}</time> {name} "
                f'<span class="onward-planner__how">{text(CHANNEL_NAMES[letter.channel])}. '
                f"{text(letter.timing)}</span></li>")
        sections.append(
            f'<section class="onward-planner__event" data-event="{event}" '
            f'aria-labelledby="planner-{event}"><h3 id="planner-{event}" data-search-exclude>'
            f'{text(EVENTS[event][0])}<span class="onward-planner__on" data-on="{event}">'
            "</span></h3>"
            f'<ol class="onward-planner__steps">{"".join(steps)}</ol></section>')
    # planner.js copies this button into each step, once it can make calendar files.
    button = ('<template class="onward-planner__button"><button type="button" '
              'class="md-button onward-planner__ics" hidden>Add to calendar</button></template>')
    # Out of the search index: each letter's title belongs to its own guide's results.
    return (f'<div class="onward-planner" id="planner" data-site="{text(site_url)}" '
            f'data-page="{text(page_url)}" data-search-exclude>{form}{button}'
            '<p class="onward-planner__noscript">Each step says how many days after the event '
            'to send it. Count from the day it happened.</p>'
            f'{"".join(sections)}</div>'
            + (f'<script src="{text(script)}" defer></script>' if script else ""))
