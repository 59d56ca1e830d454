"""Finished HTML that Markdown keeps as it is, without parsing it again.

A macro's HTML is inserted into the page's Markdown, so it would be parsed twice more: MkDocs
reads every tag for anchor ids (to check links to them), then `md_in_html`'s HTML parser takes it
apart only to store it back as a raw block. At twenty times the real site those passes were a
third of what the letters add to a build. Our templates render each block on one line; `mark`
tags those lines, and the preprocessor below stores them in Markdown's raw-HTML stash before
either parser runs, and hands their ids to MkDocs itself, so a link to a card's anchor is still
checked.

Only MkDocs runs the extension (macros/engine.py installs it). Without it a marked line is an
ordinary raw HTML block whose end carries a comment, so the page renders the same.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARK = "<!--onward:html-->"
ID = re.compile(r'\sid="([^"]+)"')  # our templates quote every attribute with "
# Python-Markdown's raw HTML parser runs at priority 20, MkDocs' anchor-id scan at 21.
STASH_PRIORITY = 22
HANDOFF_PRIORITY = 20.9
MKDOCS_ANCHOR_SCAN = "mkdocs_raw_html"  # MkDocs 1.6's name for it (mkdocs/structure/pages.py)


def mark(html: str) -> str:
    """`html` with each line that starts with a tag marked as finished HTML."""
    return "\n".join(line + MARK if line.startswith("<") else line
                     for line in html.split("\n"))


class PassThrough(Preprocessor):
    """Each marked line goes to the raw-HTML stash as one block, unparsed; its ids are kept."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        out: list[str] = []
        for line in lines:
            if line.endswith(MARK) and line.startswith("<"):
                html = line.removesuffix(MARK)
                self.ids.update(ID.findall(html))
                # A placeholder alone in its paragraph: Markdown puts the HTML back unwrapped.
                out += ["", self.md.htmlStash.store(html), ""]
            else:
                out.append(line)
        return out


class AnchorHandoff(Preprocessor):
    """After MkDocs' anchor scan: add the ids of the HTML it did not see to what it found."""

    def __init__(self, md: Markdown, stash: PassThrough) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        if MKDOCS_ANCHOR_SCAN in self.md.preprocessors:
            found = getattr(self.md.preprocessors[MKDOCS_ANCHOR_SCAN], "present_anchor_ids", None)
            if isinstance(found, set):  # a test builds a link to a card's anchor, both ways
                found |= self.stash.ids
        return lines


class PassThroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's name for it
        stash = PassThrough(md)
        md.preprocessors.register(stash, "onward_pass_through", STASH_PRIORITY)
        md.preprocessors.register(AnchorHandoff(md, stash), "onward_anchor_ids",
                                  HANDOFF_PRIORITY)
