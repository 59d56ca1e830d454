"""Where things are on the built site: page URLs, and which guide explains each letter."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path

from .models import Library
from .pages import macro_calls, page_title, split_front_matter
from .render import render_library

LIBRARY_PAGE = "letters/index.md"
LIBRARY_SCRIPT = "assets/library.min.js"  # the filters and cards of the library page, for it alone

# The template library's sections, in reading order: snippets file stem -> the situation it
# covers. A new snippets file not listed here gets the title of the first guide that uses it.
LIBRARY_GROUPS = {
    "rejection": "After a rejection",
    "keep-in-touch": "Keeping the door open",
    "follow-up": "Following up on an application",
    "recruiters": "Recruiters",
    "references": "References and referrals",
    "interviews": "Before an interview",
    "after-interview": "After an interview",
    "offers": "Job offers",
    "saying-no": "Saying no to an employer",
    "linkedin": "LinkedIn recommendations and connections",
    "networking": "Networking and your elevator pitch",
}


def page_url(src: str) -> str:
    """MkDocs' directory URLs: 'rejection/index.md' -> 'rejection/', 'a/b.md' -> 'a/b/'."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative directory URLs."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = posixpath.relpath("/" + to_url, "/" + base)
    return link + "/" if to_url.endswith("/") and link != "." else ("./" if link == "." else link)


def guide_links(docs_dir: Path) -> dict[str, tuple[str, str]]:
    """Letter id -> (title, URL) of the first guide that shows it (the library page excluded),
    from the calls the page scanner finds (pages.macro_calls), however they are quoted."""
    links: dict[str, tuple[str, str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if src == LIBRARY_PAGE:
            continue
        source = path.read_text(encoding="utf-8")
        meta, body, offset = split_front_matter(source)
        # The same arguments as the build's guard (pages.page_problems): a remembered answer.
        ids = [call.argument for call in macro_calls(body, f"docs/{src}", offset)[0]
               if call.name == "letter" and call.argument]
        for letter_id in ids:
            links.setdefault(letter_id, (page_title(meta, body, path), page_url(src)))
    return links


def source_link(repo_url: str | None, source: str) -> str | None:
    """Where a contributor can read (and propose a change to) a snippet file."""
    return f"{repo_url.rstrip('/')}/blob/main/{source}" if repo_url else None


def library_page(library: Library, docs_dir: Path, page_url: str, *,
                 overrides: Path | None = None,
                 links: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The template library's HTML for the page at `page_url`, linking each letter to its guide.
    `overrides`: the theme's custom_dir, where a site may override templates/onward/*.html.
    `links`: `guide_links(docs_dir)` if the caller has it already (the build caches it)."""
    found = guide_links(docs_dir) if links is None else links
    links = {letter_id: (title, relative_url(page_url, url))
             for letter_id, (title, url) in found.items()}
    headings = dict(LIBRARY_GROUPS)
    for letter_id, (title, _) in links.items():
        headings.setdefault(letter_id.split("/", 1)[0], title)
    return render_library(library.letters.values(), links, headings, overrides=overrides,
                          script=relative_url(page_url, LIBRARY_SCRIPT))
