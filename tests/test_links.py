"""No broken internal link or anchor in the built site: a crawl of the built HTML.

Every `href` and `src` of every built page is checked: a link within the site (relative,
root-absolute, or absolute under site_url) must lead to a file of the build, and its `#fragment`
to an `id` or `name` in the target page. Links to other hosts, `mailto:` and the like are left
alone: they are not ours to serve.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import SITE_URL, html
from tests.sitebuild import ROOT

SITE = urlsplit(SITE_URL)
NOT_A_PAGE = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# Files the deploy workflow (.github/workflows/deploy.yml) adds to the built site.
ADDED_AT_DEPLOY = {"onward-offline.zip"}


@dataclass(frozen=True)
class Links:
    links: list[str]  # every href and src, in page order
    anchors: set[str]  # every id, and the name of every <a>


@cache
def parse(path: Path) -> Links:
    tree = html(path.read_text("utf-8"))
    links = [value for node in tree.css("[href], [src]")
             for name, value in node.attributes.items() if name in ("href", "src") and value]
    anchors = {node.attributes["id"] or "" for node in tree.css("[id]")}
    anchors |= {node.attributes["name"] or "" for node in tree.css("a[name]")}
    return Links(links, anchors - {""})


def page_dir(site: Path, page: Path) -> str:
    """The URL path of the folder a page is served from, relative to the site root: "rejection/".
    (The 404 page is served for any address, so its links are root-absolute.)"""
    folder = page.parent.relative_to(site).as_posix()
    return "" if folder == "." else folder + "/"


def target_file(site: Path, page: Path, link: str) -> tuple[Path | None, str] | None:
    """(file the link leads to, or None if it leaves the build; its fragment), or None when the
    link is not ours to check."""
    if link.startswith(NOT_A_PAGE):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or parts.netloc != SITE.netloc:
            return None  # another host
        if not parts.path.startswith(SITE.path):
            return None  # the same host, outside the site: not ours
        path = parts.path.removeprefix(SITE.path)
    elif parts.path.startswith("/"):
        if not parts.path.startswith(SITE.path):
            return site / "__outside_site_path__", parts.fragment  # root-absolute, wrong prefix
        path = parts.path.removeprefix(SITE.path)
    elif parts.path:
        path = posixpath.normpath(posixpath.join(page_dir(site, page), parts.path))
        if path.startswith("../") or path == "..":
            return site / "__above_site_root__", parts.fragment
        path = "" if path == "." else path + ("/" if parts.path.endswith("/") else "")
    else:
        return page, parts.fragment  # "#fragment" alone: this page
    target = site / unquote(path)
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def crawl(site: Path) -> tuple[int, list[str]]:
    """(links checked, problems found) over every HTML file of the built site."""
    checked = 0
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site).as_posix()
        for link in parse(page).links:
            found = target_file(site, page, link)
            if found is None:
                continue
            checked += 1
            target, fragment = found
            if target.parent == site and target.name in ADDED_AT_DEPLOY:
                continue
            if not target.is_file():
                problems.append(f"{where}: {link!r} leads to no file of the site")
            elif fragment and target.suffix == ".html" and \
                    unquote(fragment) not in parse(target).anchors:
                problems.append(f"{where}: {link!r}: no id or name {fragment!r} in "
                                f"{target.relative_to(site).as_posix()}")
    return checked, problems


def test_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    checked, problems = crawl(built_site)
    pages = len(list(built_site.rglob("*.html")))
    print(f"\nlinks: {checked} internal links and anchors checked in {pages} pages, "
          f"{len(problems)} broken")
    guides = len(list((ROOT / "docs").rglob("*.md")))
    assert pages > guides and checked > pages, "every page, and its links, were crawled"
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8")
    assert all(name in deploy for name in ADDED_AT_DEPLOY), "the deploy no longer adds them"
    assert problems == []


@pytest.mark.parametrize(("link", "problem"), [
    ("../rejection/#no-such-heading", "no id or name 'no-such-heading'"),
    ("../no-such-guide/", "leads to no file"),
    ("#nowhere", "no id or name 'nowhere'"),
    (f"{SITE_URL}resume/#nope", "no id or name 'nope'"),
    ("/elsewhere/assets/site.css", "leads to no file"),
])
def test_the_crawl_finds_a_broken_link(tmp_path: Path, link: str, problem: str) -> None:
    (tmp_path / "rejection").mkdir()
    (tmp_path / "resume").mkdir()
    (tmp_path / "rejection" / "index.html").write_text(
        '<h2 id="what-to-say">What to say</h2><a href="../resume/#top">ok</a>', "utf-8")
    (tmp_path / "resume" / "index.html").write_text(
        f'<a name="top"></a><a href="{link}">link</a><a href="https://example.org/x#y">ok</a>'
        '<a href="mailto:a@b.c">ok</a><a href="../rejection/#what-to-say">ok</a>', "utf-8")
    parse.cache_clear()
    checked, problems = crawl(tmp_path)
    assert checked == 3
    assert len(problems) == 1 and problem in problems[0], problems
