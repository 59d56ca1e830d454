"""HTML and links in a guide that could run script in a reader's browser, found with line numbers.

Guides come from strangers' pull requests and Markdown passes raw HTML through, so a page may not
hold script-bearing elements, event-handler attributes or `javascript:`/`data:` URLs, whether
written as HTML, as a Markdown link or image, as a link reference or as an attribute list
(`{: onclick=... }`). HTML is read with the standard library's parser (`html.parser`); the few
Markdown forms that make links are matched by pattern. Both are deliberately stricter than the
browser: anything that looks like one of these is reported, even inside code.
"""

from __future__ import annotations

import contextlib
import html
import re
from html.parser import HTMLParser

from .problems import Problem

FORBIDDEN_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                            "base", "meta", "link", "style"})
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")
HELP = "guides may hold text, links to https:// or to other pages, and the project's macro calls"

_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9:-]*)")
_HANDLER_IN_TAG = re.compile(r"<[a-zA-Z][^>]*?[\s/\"'](on[a-zA-Z]+)\s*=", re.DOTALL)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_LINK_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_HANDLER_IN_LIST = re.compile(r"(?:^|[\s{:])(on[a-zA-Z]+)\s*=")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f\\]+")


def dangerous_scheme(url: str) -> str | None:
    """'javascript:' for 'JavaScript:alert(1)', '&#106;ava\tscript:...' and the like, else None.

    Browsers drop tabs, newlines and control characters from a URL and decode entities first.
    """
    plain = _URL_NOISE.sub("", html.unescape(url)).lower()
    return next((scheme for scheme in FORBIDDEN_SCHEMES if plain.startswith(scheme)), None)


def markup_problems(text: str, path: str, line_offset: int = 0) -> list[Problem]:
    """Every script-capable element, handler attribute and script URL in `text`, by line."""
    found: dict[tuple[int, str], None] = {}

    def report(index_or_line: int, what: str, *, is_line: bool = False) -> None:
        line = index_or_line if is_line else text.count("\n", 0, index_or_line) + 1
        found.setdefault((line_offset + line, what), None)

    for match in _TAG_NAME.finditer(text):
        if match[1].lower() in FORBIDDEN_TAGS:
            report(match.start(), f"'<{match[1].lower()}>' is not allowed in a guide")
    for match in _HANDLER_IN_TAG.finditer(text):
        report(match.start(1), f"the '{match[1].lower()}=' attribute is not allowed in a guide")
    for pattern in (_MARKDOWN_LINK, _LINK_REFERENCE):
        for match in pattern.finditer(text):
            scheme = dangerous_scheme(match[1])
            if scheme:
                report(match.start(1), f"a '{scheme}' link is not allowed in a guide")
    for match in _ATTRIBUTE_LIST.finditer(text):
        handler = _HANDLER_IN_LIST.search(match[1])
        if handler:
            report(match.start(), f"the '{handler[1].lower()}=' attribute is not allowed in a "
                   "guide")
        for value in re.findall(r"=\s*[\"']?([^\"'\s}]+)", match[1]):
            scheme = dangerous_scheme(value)
            if scheme:
                report(match.start(), f"a '{scheme}' link is not allowed in a guide")
    for line, what in _ParsedHtml.problems(text):
        report(line, what, is_line=True)
    return [Problem(path, line, f"{what}: it could run code in a reader's browser; remove it "
                    f"({HELP})") for line, what in found]


class _ParsedHtml(HTMLParser):
    """What the HTML parser sees: tags, attribute names and (entity-decoded) attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    @classmethod
    def problems(cls, text: str) -> list[tuple[int, str]]:
        parser = cls()
        with contextlib.suppress(Exception):  # malformed HTML: the patterns above still apply
            parser.feed(text)
            parser.close()
        return parser.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, f"'<{tag}>' is not allowed in a guide"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"the '{name}=' attribute is not allowed in a guide"))
            scheme = dangerous_scheme(value or "")
            if scheme:
                self.found.append((line, f"a '{scheme}' link is not allowed in a guide"))

    handle_startendtag = handle_starttag
