"""Letters and lists -> HTML. Pure functions: same input, same output, everything escaped.

render.py chooses the data; the autoescaped Jinja templates in macros/templates/onward/ choose
the markup. A site overrides a template like a Material partial: a file of the same name in its
theme's custom_dir (overrides/onward/card.html), which the macro registration passes in as
`overrides`. No engine is imported here (Jinja2 is a library, not an engine).

The HTML is one line per card on purpose: Markdown then passes it through as a raw block,
whatever indentation or blank lines the surrounding page has. So every template line is stripped
and the lines are joined with nothing (OneLine, below).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import jinja2
from jinja2.ext import Extension
from markupsafe import escape

from .models import PLACEHOLDER, Field, ItemList, Letter

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
TEMPLATES = Path(__file__).with_name("templates")  # templates/onward/*.html
FILTER_LABELS = {"channel": "How you send it", "tone": "Tone", "tag": "Topic"}


def text(value: str) -> str:
    """Escape for element content and attribute values alike: the templates' autoescape, so the
    HTML built in Python (planner.py) escapes the same way (&#39; for ')."""
    return str(escape(value))


class OneLine(Extension):
    """Each template line stripped, lines joined with nothing: a template is written one element
    a line and renders as one line. A space that matters stays inside its line."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "".join(line.strip() for line in source.splitlines())


def _markdown_heading(value: str) -> str:
    """A Markdown heading's text: escape what Markdown would read (the template escapes HTML)."""
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", value)


@functools.cache
def environment(overrides: Path | None = None) -> jinja2.Environment:
    """The templates, `overrides` first (a site's theme custom_dir), then the package's own."""
    search = [str(overrides)] if overrides and overrides.is_dir() else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(TEMPLATES)]),
        autoescape=True, undefined=jinja2.StrictUndefined,
        extensions=[OneLine], auto_reload=True)
    env.filters["markdown_heading"] = _markdown_heading
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":")}  # data-fields, compact
    return env


def _render(name: str, overrides: str | Path | None, **data: object) -> str:
    return environment(Path(overrides) if overrides else None).get_template(
        f"onward/{name}").render(**data)


def parts(letter: Letter, template: str) -> list[tuple[str, Field | None]]:
    """Text and placeholders in order: ("Dear ", None), ("", Field(interviewer)), (",", None)."""
    out: list[tuple[str, Field | None]] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > position:
            out.append((template[position:match.start()], None))
        out.append(("", letter.field(match.group(1))))
        position = match.end()
    if position < len(template):
        out.append((template[position:], None))
    return out


def body_parts(letter: Letter) -> list[list[list[tuple[str, Field | None]]]]:
    """Paragraphs at blank lines, lines at single line breaks (<p> and <br>: copies back as the
    same text), each line as `parts`."""
    return [[parts(letter, line.strip()) for line in para.split("\n")]
            for para in PARAGRAPH_BREAK.split(letter.body.strip())]


def recommended_words(letter: Letter) -> int:
    return RECOMMENDED_WORDS.get(letter.channel, 150)


def download_name(letter: Letter) -> str:
    """'rejection/warm-thanks' -> 'rejection-warm-thanks.txt' (unescaped). letters.js names the
    download the same way, from data-letter."""
    return letter.id.replace("/", "-") + ".txt"


def how(letter: Letter) -> str:
    return f"{CHANNEL_NAMES[letter.channel]}, {TONE_NAMES[letter.tone].lower()} tone"


def render_letter(letter: Letter, *, source_url: str | None = None,
                  guide: tuple[str, str] | None = None,
                  overrides: str | Path | None = None) -> str:
    """A letter card (templates/onward/card.html). Hooks for scripts and tests: data-letter,
    data-field, data-part, ids.

    No form in the HTML: `.onward-form` carries `data-fields` ([key, label, example] per blank,
    in order of use) and docs/assets/letters.js builds the form, the progress line, "Email it"
    and "Download .txt" from it; without scripts the reader gets the letter with [Label]s.

    `guide` is (title, URL) of the guide that explains the letter.
    """
    return _render(
        "card.html", overrides, letter=letter, anchor=letter.anchor,
        meta=[("Who", letter.recipient), ("When", letter.timing), ("How", how(letter))],
        fields=[[field.key, field.label, field.example] for field in letter.fields],
        max_words=recommended_words(letter),
        subject=parts(letter, letter.subject) if letter.subject else None,
        body=body_parts(letter), source_url=source_url, guide=guide)


def render_list(item_list: ItemList, *, overrides: str | Path | None = None) -> str:
    """Questions (each copyable) or a checklist (real checkboxes), grouped under headings."""
    return _render("list.html", overrides, list=item_list, anchor=item_list.anchor)


def render_library(letters: Iterable[Letter], guides: Mapping[str, tuple[str, str]],
                   groups: Mapping[str, str], *, script: str | None = None,
                   overrides: str | Path | None = None) -> str:
    """Every letter grouped by situation (its file), each with a link to the guide that uses it.

    `guides` maps a letter id to (guide title, guide URL); `groups` maps a file stem to a heading,
    in the order the groups appear (files not in `groups` follow, in library order).

    Output (templates/onward/library.html): a filter form for docs/assets/library.js, `hidden`
    so that it only shows when the script runs; then per group a Markdown heading (so it lands
    in the page's table of contents), a count, and one small entry per letter, which the script
    swaps for the full card from its guide. With scripts off, every entry shows. `script`: the
    URL of docs/assets/library.js from this page, loaded by this page only.
    """
    letters = list(letters)
    by_group: dict[str, list[Letter]] = {group: [] for group in groups}
    for letter in letters:
        by_group.setdefault(letter.group, []).append(letter)

    channels = [c for c in CHANNEL_NAMES if any(letter.channel == c for letter in letters)]
    tones = [t for t in TONE_NAMES if any(letter.tone == t for letter in letters)]
    # Topics: tags that do not just repeat a channel or a tone, which have their own filters.
    tags = sorted({tag for letter in letters for tag in letter.tags}
                  - {*CHANNEL_NAMES, *TONE_NAMES})
    filters = [
        {"name": "channel", "any": "Any way", "options": [(c, CHANNEL_NAMES[c]) for c in channels]},
        {"name": "tone", "any": "Any tone", "options": [(t, TONE_NAMES[t]) for t in tones]},
        {"name": "tag", "any": "Any topic", "options": [(t, t.replace("-", " ")) for t in tags]},
    ]
    for found in filters:
        found["label"] = FILTER_LABELS[str(found["name"])]
    total = len(letters)
    return _render(
        "library.html", overrides, blank="\n\n", filters=filters, total=total, script=script,
        noun="letter" if total == 1 else "letters",
        groups=[{"key": group, "heading": groups.get(group, group.replace("-", " ").capitalize()),
                 "letters": [{"letter": letter, "how": how(letter),
                              "guide": guides.get(letter.id)} for letter in members]}
                for group, members in by_group.items() if members])


def render_error(message: str) -> str:
    """Shown in place of a broken macro call while serving; the build itself fails."""
    return f'<p class="onward-error" role="alert"><strong>Build error:</strong> {text(message)}</p>'
