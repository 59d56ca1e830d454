"""The engine edge: every difference between MkDocs and Zensical, and nothing else.

macros/__init__.py registers the macros once for both engines and asks this module whatever
depends on which engine runs them. The rest of the package (library, pages, render, check)
never imports mkdocs and never asks which engine it serves. What differs:

- **When define_env runs.** MkDocs calls it once per build, from `on_config`, before any page
  is read (`env.page` is not set yet). Zensical calls it once per page, with `env.page` set. So
  the snippet library is cached here (`SNIPPETS`), checked against the files on each call.
- **The page.** MkDocs' `env.page.file` knows the source path; Zensical's page has `path` only.
- **The theme.** MkDocs' `theme` is an object with an absolute `custom_dir`, Zensical's a dict
  holding the path as written in mkdocs.yml.
- **Stopping the build.** MkDocs prints a `PluginError` as a message and stops. Zensical prints
  a traceback for anything a module raises, burying the message, so the report is written to
  stderr and the process ends there.
- **A bad macro call.** MkDocs: logged as an error, so `--strict` fails the build and `serve`
  shows it on the page. Zensical's strict mode ignores Python logging, so the build stops.
- **Markdown.** MkDocs builds its Markdown from the config's extension list, which define_env
  can still extend: it gets rawhtml's pass-through, so finished card HTML is not parsed again.
  Zensical has read its config before define_env runs; there the marked lines render as plain
  raw HTML.
- **Loading.** Zensical executes macros/__init__.py by path; the few lines at its top that make
  the package importable are the one difference that must run before this module is imported.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .library import SCHEMA_FILE, load_library
from .models import Library
from .rawhtml import PassThroughExtension
from .site import guide_links

try:  # A PluginError stops MkDocs with our message and no traceback.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # another engine
    BuildStop = RuntimeError  # type: ignore[assignment,misc]

log = logging.getLogger("mkdocs.plugins.onward")


@dataclass(frozen=True)
class Engine:
    """What define_env needs to know about the engine calling it."""
    zensical: bool
    docs_dir: Path
    page_path: Path | None  # the page being rendered (Zensical); None before pages (MkDocs)
    custom_dir: Path | None  # the theme's custom_dir (overrides/), if any

    @classmethod
    def of(cls, env: Any) -> Engine:
        project = Path(env.project_dir)
        docs_dir = project / env.conf["docs_dir"]  # absolute or relative
        # MkDocs gives a Theme with .custom_dir (absolute), Zensical a dict (as written).
        theme = env.conf.get("theme")
        custom = (theme.get("custom_dir") if isinstance(theme, dict)
                  else getattr(theme, "custom_dir", None))
        custom_dir = project / custom if custom else None
        page = getattr(env, "page", None)  # MkDocs: not yet ("Too early"); Zensical: this page
        if page is not None and getattr(page, "file", None) is None:  # Zensical
            return cls(True, docs_dir, docs_dir / page.path, custom_dir)
        return cls(False, docs_dir, None, custom_dir)

    def stop(self, report: str) -> NoReturn:
        """End the build with `report`, and nothing else on screen."""
        if self.zensical:
            sys.stderr.write(f"Error: {report}\n")
            sys.stderr.flush()
            os._exit(1)
        raise BuildStop(report)

    def macro_error(self, problem: str) -> None:
        """A macro call that cannot be rendered: MkDocs logs it (its `--strict` then fails the
        build, `serve` goes on), Zensical stops (its strict mode ignores Python logging)."""
        if self.zensical:
            self.stop(problem)
        log.error(problem)

    def pass_html_through(self, conf: Any) -> bool:
        """Install rawhtml's pass-through in MkDocs' Markdown (once per config); True when the
        macros' HTML may be marked for it."""
        if self.zensical:
            return False
        extensions = conf["markdown_extensions"]
        if not any(isinstance(ext, PassThroughExtension) for ext in extensions):
            extensions.append(PassThroughExtension())
        return True

    def page_source(self, page: Any) -> tuple[str, Path]:
        """(path under docs/, file on disk) of the page being rendered."""
        file = getattr(page, "file", None)
        if file is not None:
            return file.src_path, Path(file.abs_src_path)
        return page.path, self.docs_dir / page.path


class SnippetCache:
    """`load_library`, read again only when a snippet file changed (serve reloads, Zensical).

    MkDocs calls define_env once per build but Zensical once per page, so the library is kept
    here between calls, keyed by folder and checked by one directory scan and one stat per file
    (name, mtime, size): an edited, added or removed file loads the library again.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[tuple[str, int, int], ...], Library]] = {}

    def get(self, snippets_dir: Path) -> Library:
        key = snippets_dir.resolve()
        signature = self.signature(key)
        hit = self._entries.get(key)
        if hit and hit[0] == signature:
            return hit[1]
        library = load_library(key)
        self._entries[key] = (signature, library)
        return library

    def clear(self) -> None:
        """Forget every library, so the next `get` reads the files (bench: a cold build)."""
        self._entries.clear()

    @staticmethod
    def signature(snippets_dir: Path) -> tuple[tuple[str, int, int], ...]:
        """Name, mtime and size of the files `load_library` reads (os.scandir: a fifth of the
        cost of globbing with pathlib, which matters once per page)."""
        with os.scandir(snippets_dir) as entries:
            read = [entry for entry in entries if entry.name == SCHEMA_FILE or (
                entry.name.endswith(".yml") and not entry.name.startswith("_")
                and entry.is_file())]
        return tuple(sorted((entry.name, stat.st_mtime_ns, stat.st_size)
                            for entry in read for stat in (entry.stat(),)))


SNIPPETS = SnippetCache()


class GuideLinkCache:
    """`site.guide_links`, scanned again only when a page changed.

    The letter library and the planner both link each letter to its guide, and finding those
    links lexes every page with Jinja's scanner (about a second at 20 times the real site). Both
    ask here, so a build scans the pages once; a `serve` rebuild or a Zensical page scans again
    only if a page under docs/ was edited, added or removed (name, mtime and size of each .md).
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[tuple[str, int, int], ...],
                                        dict[str, tuple[str, str]]]] = {}

    def get(self, docs_dir: Path) -> dict[str, tuple[str, str]]:
        key = docs_dir.resolve()
        signature = self.signature(key)
        hit = self._entries.get(key)
        if hit is None or hit[0] != signature:
            hit = (signature, guide_links(key))
            self._entries[key] = hit
        return dict(hit[1])  # a copy: callers may not change the cached links

    def clear(self) -> None:
        """Forget every scan (bench: a cold build)."""
        self._entries.clear()

    @staticmethod
    def signature(docs_dir: Path) -> tuple[tuple[str, int, int], ...]:
        """Path, mtime and size of every Markdown file under `docs_dir`."""
        found: list[tuple[str, int, int]] = []
        folders = [docs_dir]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(Path(entry.path))
                    elif entry.name.endswith(".md"):
                        stat = entry.stat()
                        found.append((entry.path, stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(found))


GUIDE_LINKS = GuideLinkCache()
