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


def render_letter(letter: Letter, *, source_url: str | None = None,
                  guide: tuple[str, str] | None = None) -> str:
    """A letter card. Hooks for scripts and tests: data-letter, data-field, data-part, ids.

    `guide` is (title, URL) of the guide that explains the letter, shown in the library.
    """
    anchor = letter.anchor
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
        copy_subject = _copy_button(f"#{anchor}-subject", "Copy subject",
                                    f"Copy the subject line of “{letter.title}”")
    tips = "".join(f"<li>{text(tip)}</li>" for tip in letter.tips)
    source = (f'<a class="onward-letter__source" href="{text(source_url)}">'
              "Suggest a change to this letter</a>" if source_url else "")
    guide_link = (f'<p class="onward-letter__guide">Explained in '
                  f'<a href="{text(guide[1])}#{anchor}">{text(guide[0])}</a></p>' if guide else "")
    return (
        f'<article class="onward-letter" id="{anchor}" data-letter="{text(letter.id)}" '
        f'data-channel="{letter.channel}" data-tone="{letter.tone}" '
        f'data-tags="{text(" ".join(letter.tags))}" aria-labelledby="{anchor}-title">'
        f'<h3 class="onward-letter__title" id="{anchor}-title">{text(letter.title)}</h3>'
        f'<p class="onward-letter__situation">{text(letter.situation)}</p>'
        f'<dl class="onward-letter__meta">{meta}</dl>'
        f'<div class="onward-letter__text">{subject}'
        f'<div class="onward-letter__body" id="{anchor}-body" data-part="body">'
        f"{body_html(letter)}</div></div>"
        f'<div class="onward-letter__actions">'
        f'{_copy_button(f"#{anchor}-body", "Copy letter", f"Copy the text of “{letter.title}”")}'
        f"{copy_subject}</div>"
        f'<div class="onward-letter__tips"><p class="onward-letter__label">Tips</p>'
        f"<ul>{tips}</ul></div>{guide_link}{source}</article>"
    )


def _copy_button(target: str, label: str, accessible_name: str) -> str:
    # Material's clipboard integration handles any [data-clipboard-target] and announces the copy.
    return (f'<button type="button" class="md-button onward-copy" data-clipboard-target="{target}" '
            f'aria-label="{text(accessible_name)}">{label}</button>')


def render_list(item_list: ItemList) -> str:
    """Questions (each copyable) or a checklist (real checkboxes), grouped under headings."""
    anchor = item_list.anchor
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
                    f'{_copy_button(f"#{item_id}", "Copy", f"Copy the question: {item.text}")}</li>')
        groups.append(f'<h3 class="onward-list__group">{text(group.title)}</h3>'
                      f'<ul class="onward-list__items">{"".join(items)}</ul>')
    return (f'<section class="onward-list onward-list--{item_list.kind}" id="{anchor}" '
            f'data-list="{text(item_list.id)}" aria-label="{text(item_list.title)}">'
            f'{intro}{"".join(groups)}</section>')


def render_library(letters: Iterable[Letter], guides: Mapping[str, tuple[str, str]],
                   groups: Mapping[str, str]) -> str:
    """Every letter grouped by situation (its file), each with a link to the guide that uses it.

    `guides` maps a letter id to (guide title, guide URL); `groups` maps a file stem to a heading.
    """
    by_group: dict[str, list[Letter]] = {}
    for letter in letters:
        by_group.setdefault(letter.group, []).append(letter)
    out = []
    for group, members in by_group.items():
        heading = groups.get(group, group.replace("-", " ").capitalize())
        out.append(f'<h2 id="group-{text(group)}">{text(heading)}</h2>')
        out.extend(render_letter(letter, guide=guides.get(letter.id)) for letter in members)
    return "\n\n".join(out)


def render_error(message: str) -> str:
    """Shown in place of a broken macro call while serving; the build itself fails."""
    return f'<p class="onward-error" role="alert"><strong>Build error:</strong> {text(message)}</p>'
