"""Letters and lists -> HTML. Pure functions: same input, same output, everything escaped.

The HTML is one line per card on purpose: Markdown then passes it through as a raw block,
whatever indentation or blank lines the surrounding page has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape

from .models import PLACEHOLDER, ItemList, Letter

CHANNEL_NAMES = {
    "email": "Email",
    "letter": "Printed letter",
    "note": "Handwritten note",
    "linkedin": "LinkedIn message",
    "phone": "Phone or in person",
}
TONE_NAMES = {"formal": "Formal", "warm": "Warm", "brief": "Brief"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# Recommended length per channel, in words: shown next to the live word count.
# LinkedIn invitations and handwritten notes are short; a phone script counts spoken words.
RECOMMENDED_WORDS = {"email": 150, "letter": 200, "note": 100, "linkedin": 100, "phone": 120}
# Browser autofill for the reader's own details; other fields are about someone else.
AUTOCOMPLETE = {"your_name": ("text", "name"), "your_email": ("email", "email"),
                "your_phone": ("tel", "tel")}


def text(value: str) -> str:
    """Escape for element content and attribute values alike."""
    return escape(value, quote=True)


def fill_in(letter: Letter, template: str) -> str:
    """Escaped text with each {key} as a marked element that reads [Label] without scripts."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        out.append(text(template[position:match.start()]))
        field = letter.field(match.group(1))
        out.append(f'<span class="onward-field" data-field="{text(field.key)}">'
                   f"[{text(field.label)}]</span>")
        position = match.end()
    out.append(text(template[position:]))
    return "".join(out)


def body_html(letter: Letter) -> str:
    """Paragraphs at blank lines, <br> at single line breaks: copies back as the same text."""
    paragraphs = PARAGRAPH_BREAK.split(letter.body.strip())
    return "".join(
        "<p>" + "<br>".join(fill_in(letter, line.strip()) for line in para.split("\n")) + "</p>"
        for para in paragraphs
    )


def recommended_words(letter: Letter) -> int:
    return RECOMMENDED_WORDS.get(letter.channel, 150)


def download_name(letter: Letter) -> str:
    """'rejection/warm-thanks' -> 'rejection-warm-thanks.txt' (unescaped)."""
    return letter.id.replace("/", "-") + ".txt"


def field_id(letter: Letter, key: str) -> str:
    """The input for {key} on this card: card anchor + key ('-field-' keeps it apart from the
    card's other ids, such as '-subject' or '-title')."""
    return f"{letter.anchor}-field-{key}"


def form_html(letter: Letter) -> str:
    """One labeled input per placeholder, plus "remember" and "forget". `hidden` until
    docs/assets/letters.js runs, so a reader without scripts sees just the letter.

    A fieldset, not a <form>: nothing is ever submitted, so Enter can never send what was typed.
    """
    anchor = text(letter.anchor)
    inputs = []
    for field in letter.fields:
        kind, autocomplete = AUTOCOMPLETE.get(field.key, ("text", "off"))
        input_id = text(field_id(letter, field.key))
        inputs.append(
            f'<div class="onward-form__field"><label for="{input_id}">{text(field.label)}</label>'
            f'<input type="{kind}" id="{input_id}" name="{text(field.key)}" '
            f'placeholder="e.g. {text(field.example)}" autocomplete="{autocomplete}"></div>')
    return (
        f'<fieldset class="onward-form" id="{anchor}-form" data-search-exclude hidden>'
        "<legend>Fill in the blanks</legend>"
        f'<div class="onward-form__fields">{"".join(inputs)}</div>'
        '<div class="onward-form__keep">'
        f'<span><input type="checkbox" class="onward-remember" id="{anchor}-remember">'
        f'<label for="{anchor}-remember">Remember on this device</label></span>'
        '<button type="button" class="md-button onward-forget">Forget my details</button>'
        "</div></fieldset>"
    )


def render_letter(letter: Letter, *, source_url: str | None = None,
                  guide: tuple[str, str] | None = None) -> str:
    """A letter card. Hooks for scripts and tests: data-letter, data-field, data-part, ids.

    The personalizer's parts (form, progress line, Email/Download) are `hidden` until
    docs/assets/letters.js runs; the status line is an empty polite live region.

    `guide` is (title, URL) of the guide that explains the letter, shown in the library.
    """
    anchor = text(letter.anchor)  # ids are slugs already; escaped all the same
    channel = CHANNEL_NAMES[letter.channel]
    meta = "".join(
        f'<div><dt>{label}</dt><dd>{text(value)}</dd></div>'
        for label, value in (
            ("Who", letter.recipient),
            ("When", letter.timing),
            ("How", f"{channel}, {TONE_NAMES[letter.tone].lower()} tone"),
        )
    )
    subject = ""
    copy_subject = ""
    if letter.subject:
        subject = (
            f'<p class="onward-letter__subject"><span class="onward-letter__label">Subject:</span> '
            f'<span id="{anchor}-subject" data-part="subject">{fill_in(letter, letter.subject)}'
            "</span></p>"
        )
        copy_subject = _copy_button(f"#{anchor}-subject", "Copy subject", f"{anchor}-title")
    # The script writes the real mailto: href (subject and body, filled in) before it unhides this.
    email = (f'<a class="md-button onward-email" href="mailto:" aria-describedby="{anchor}-title" '
             "hidden>Email it</a>" if letter.channel == "email" else "")
    tips = "".join(f"<li>{text(tip)}</li>" for tip in letter.tips)
    source = (f'<a class="onward-letter__source" href="{text(source_url)}">'
              "Suggest a change to this letter</a>" if source_url else "")
    guide_link = (f'<p class="onward-letter__guide">Explained in '
                  f'<a href="{text(guide[1])}#{anchor}">{text(guide[0])}</a></p>' if guide else "")
    return (
        f'<article class="onward-letter" id="{anchor}" data-letter="{text(letter.id)}" '
        f'data-channel="{text(letter.channel)}" data-tone="{text(letter.tone)}" '
        f'data-tags="{text(" ".join(letter.tags))}" aria-labelledby="{anchor}-title">'
        f'<h3 class="onward-letter__title" id="{anchor}-title">{text(letter.title)}</h3>'
        f'<p class="onward-letter__situation">{text(letter.situation)}</p>'
        f'<dl class="onward-letter__meta">{meta}</dl>'
        f"{form_html(letter)}"
        f'<div class="onward-letter__text">{subject}'
        f'<div class="onward-letter__body" id="{anchor}-body" data-part="body">'
        f"{body_html(letter)}</div></div>"
        f'<p class="onward-letter__progress" id="{anchor}-progress" '
        f'data-max-words="{recommended_words(letter)}" hidden>'
        '<span class="onward-letter__blanks"></span> <span class="onward-letter__count"></span></p>'
        f'<div class="onward-letter__actions" data-search-exclude>'
        f'{_copy_button(f"#{anchor}-body", "Copy letter", f"{anchor}-title")}'
        f"{copy_subject}{email}"
        f'<button type="button" class="md-button onward-download" '
        f'aria-describedby="{anchor}-title" data-filename="{text(download_name(letter))}" hidden>'
        "Download .txt</button></div>"
        f'<p class="onward-letter__status" id="{anchor}-status" role="status" aria-live="polite">'
        "</p>"
        f'<div class="onward-letter__tips"><p class="onward-letter__label">Tips</p>'
        f"<ul>{tips}</ul></div>{guide_link}{source}</article>"
    )


def _copy_button(target: str, label: str, described_by: str) -> str:
    # Material's clipboard integration handles any [data-clipboard-target] and announces the copy.
    # The visible label is the accessible name (WCAG 2.5.3); the title or question describes it.
    return (f'<button type="button" class="md-button onward-copy" data-clipboard-target="{target}" '
            f'aria-describedby="{described_by}">{label}</button>')


def render_list(item_list: ItemList) -> str:
    """Questions (each copyable) or a checklist (real checkboxes), grouped under headings."""
    anchor = text(item_list.anchor)
    intro = f"<p>{text(item_list.intro)}</p>" if item_list.intro else ""
    groups = []
    for group_index, group in enumerate(item_list.groups):
        items = []
        for item_index, item in enumerate(group.items):
            item_id = f"{anchor}-{group_index + 1}-{item_index + 1}"
            note = f'<span class="onward-item__note">{text(item.note)}</span>' if item.note else ""
            if item_list.kind == "checklist":
                items.append(
                    f'<li class="onward-item"><input type="checkbox" id="{item_id}">'
                    f'<label for="{item_id}">{text(item.text)}</label>{note}</li>')
            else:
                items.append(
                    f'<li class="onward-item"><span class="onward-item__text" id="{item_id}">'
                    f"{text(item.text)}</span>{note}"
                    f'{_copy_button(f"#{item_id}", "Copy", item_id)}'
                    "</li>")
        groups.append(f'<h3 class="onward-list__group">{text(group.title)}</h3>'
                      f'<ul class="onward-list__items">{"".join(items)}</ul>')
    return (f'<section class="onward-list onward-list--{item_list.kind}" id="{anchor}" '
            f'data-list="{text(item_list.id)}" aria-label="{text(item_list.title)}">'
            f'{intro}{"".join(groups)}</section>')


def render_library(letters: Iterable[Letter], guides: Mapping[str, tuple[str, str]],
                   groups: Mapping[str, str]) -> str:
    """Every letter grouped by situation (its file), each with a link to the guide that uses it.

    `guides` maps a letter id to (guide title, guide URL); `groups` maps a file stem to a heading,
    in the order the groups appear (files not in `groups` follow, in library order).

    Output: a filter form for docs/assets/library.js, `hidden` so that it only shows when the
    script runs; then per group a Markdown heading (so it lands in the page's table of contents
    and in search), a count, and the cards. With scripts off, every letter shows.
    """
    letters = list(letters)
    by_group: dict[str, list[Letter]] = {group: [] for group in groups}
    for letter in letters:
        by_group.setdefault(letter.group, []).append(letter)
    by_group = {group: members for group, members in by_group.items() if members}

    def heading_text(value: str) -> str:  # Markdown heading: escape what Markdown would read
        return text(re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", value))

    filter_labels = {"channel": "How you send it", "tone": "Tone", "tag": "Topic"}

    def options(name: str, values: Iterable[str], labels: Mapping[str, str], any_label: str) -> str:
        found = [f'<option value="">{any_label}</option>']
        found.extend(f'<option value="{text(value)}">{text(labels.get(value, value))}</option>'
                     for value in values)
        return (f'<div class="onward-filters__field"><label for="filter-{name}">'
                f'{filter_labels[name]}</label><select id="filter-{name}" name="{name}">'
                f'{"".join(found)}</select></div>')

    channels = [c for c in CHANNEL_NAMES if any(letter.channel == c for letter in letters)]
    tones = [t for t in TONE_NAMES if any(letter.tone == t for letter in letters)]
    # Topics: tags that do not just repeat a channel or a tone, which have their own filters.
    tags = sorted({tag for letter in letters for tag in letter.tags}
                  - {*CHANNEL_NAMES, *TONE_NAMES})
    total = len(letters)
    noun = "letter" if total == 1 else "letters"
    out = [
        '<form class="onward-filters" id="letter-filters" aria-label="Filter the letters" '
        "data-search-exclude hidden>"
        '<div class="onward-filters__fields">'
        + options("channel", channels, CHANNEL_NAMES, "Any way")
        + options("tone", tones, TONE_NAMES, "Any tone")
        + options("tag", tags, {tag: tag.replace("-", " ") for tag in tags}, "Any topic")
        + '<button type="reset" class="md-button onward-filters__reset">Show all letters</button>'
        "</div>"
        f'<p class="onward-filters__status" id="letter-filters-status" role="status" '
        f'aria-live="polite" aria-atomic="true" data-total="{total}">'
        f"Showing {total} of {total} {noun}</p>"
        '<p class="onward-filters__empty" hidden>No letter matches all of these choices. '
        "Change one of them, or show all letters.</p></form>",
        f'<p class="onward-library__total">{total} {noun} in {len(by_group)} groups.</p>',
    ]
    for group, members in by_group.items():
        heading = groups.get(group, group.replace("-", " ").capitalize())
        count = f"{len(members)} letter" + ("" if len(members) == 1 else "s")
        out.append(f"## {heading_text(heading)} {{ #group-{text(group)} .onward-library__group }}")
        out.append(f'<p class="onward-library__count">{count}</p>')
        for letter in members:
            out.append(render_letter(letter, guide=guides.get(letter.id)))
            out.append(f'<p class="onward-library__link" data-for="{text(letter.anchor)}">'
                       f'<a href="#{text(letter.anchor)}">Link to “{text(letter.title)}”</a></p>')
    return "\n\n".join(out)


def render_error(message: str) -> str:
    """Shown in place of a broken macro call while serving; the build itself fails."""
    return f'<p class="onward-error" role="alert"><strong>Build error:</strong> {text(message)}</p>'
