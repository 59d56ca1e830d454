"""Where things are on the built site: page URLs, and which guide explains each letter."""

from __future__ import annotations

import posixpath
from pathlib import Path

from .pages import scan_pages

LIBRARY_PAGE = "letters/index.md"

# The template library's sections, in reading order: snippets file stem -> the situation it
# covers. A new snippets file not listed here gets the title of the first guide that uses it.
LIBRARY_GROUPS = {
    "rejection": "After a rejection",
    "keep-in-touch": "Keeping the door open",
    "after-interview": "After an interview",
    "linkedin": "LinkedIn recommendations and connections",
    "networking": "Networking and your elevator pitch",
    "recruiters": "Writing to a recruiter",
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
    """Letter id -> (title, URL) of the first guide that shows it (the library page excluded)."""
    pages, _ = scan_pages(docs_dir)
    links: dict[str, tuple[str, str]] = {}
    for page in pages:
        if page.src == LIBRARY_PAGE:
            continue
        for call in page.calls:
            if call.name == "letter" and call.argument:
                links.setdefault(call.argument, (page.title, page_url(page.src)))
    return links


def source_link(repo_url: str | None, source: str) -> str | None:
    """Where a contributor can read (and propose a change to) a snippet file."""
    return f"{repo_url.rstrip('/')}/blob/main/{source}" if repo_url else None
