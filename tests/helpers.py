"""What the tests share: the site's URL, the one HTTP server, the one way to query HTML, and the
one way to find a macro call in a page (the build's own scanner).

- `SITE_URL`/`SITE_PATH`: site_url in mkdocs.yml, read in this one place.
- `serve(directory)`: a built site on 127.0.0.1, served as GitHub Pages serves it (gzip, the
  404 page for a missing address, `folder` -> `folder/`). The browser tests and bench/ use it.
- `html(text)`: a parsed page to query with CSS selectors (selectolax, the Lexbor engine):
  `html(text).css("a.md-button")`, `node.attributes["href"]`, `node.text()`.
- `open_for_instant_navigation(page, site_url, path)`: a page Material navigates instantly
  from (its sitemap read), marked so that a full page load shows.
- `address(site_url, path)`: the pattern of a page's address, heading anchor or not.
- `first_call(path)`: the first macro call of a page, found by macros.pages.macro_calls.
- `run_macros(*args)`: `python -m macros ...` in this process (one test runs the real command).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import mimetypes
import re
import subprocess
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from macros.pages import MacroCall, macro_calls
from tests.sitebuild import ROOT

SITE_URL: str = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"),
                          re.MULTILINE).group(1)  # type: ignore[union-attr]
SITE_PATH = urlsplit(SITE_URL).path  # "/onward/"


def html(text: str) -> LexborHTMLParser:
    """`text` parsed as a browser would; query it with `.css(selector)` / `.css_first(...)`."""
    return LexborHTMLParser(text)


def built_page(site: Path, url: str) -> LexborHTMLParser:
    """The built page at `url` ("rejection/", "" for home, "404.html"), parsed."""
    path = site / url if url.endswith(".html") else site / url / "index.html"
    return html(path.read_text(encoding="utf-8"))


def first_call(path: Path, name: str = "letter") -> tuple[str, MacroCall]:
    """(the call as written, the call) of the first `name` macro call in the page at `path`."""
    text = path.read_text(encoding="utf-8")
    calls, problems = macro_calls(text, str(path))
    assert not problems, problems
    call = next(call for call in calls if call.name == name)
    return text[call.start:call.end], call


def run_macros(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros ARGS` (check, letter, list), run in this process: the same `main`,
    without starting Python again; its exit code, stdout and stderr."""
    from macros.check import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["python", "-m", "macros", *args], code,
                                       out.getvalue(), err.getvalue())


# ---- the one HTTP server -----------------------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")


@functools.lru_cache(maxsize=256)
def gzipped(data: bytes) -> bytes:
    """`data` gzipped as GitHub Pages sends it; kept, as browser tests ask for the same assets
    again and again (a test that routes requests turns the browser's cache off)."""
    return gzip.compress(data, compresslevel=6)


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves `root` as GitHub Pages does; quiet."""
    root: Path  # set by serve()
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def do_GET(self) -> None:
        self.respond(body=True)

    def respond(self, *, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in (target, *target.parents):
            target = self.root / "__outside__"
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.root / "404.html"
        data = target.read_bytes() if target.is_file() else b"Not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' policy
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzipped(data)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


def serve(directory: Path, port: int = 0) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` in a background thread; its URL and the server (`.shutdown()` it)."""
    handler = type("Handler", (SiteHandler,), {"root": Path(directory).resolve()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# ---- the test server's two differences from production, for the browser -----------------------

def serve_site_paths_here(target: object, site_url: str) -> None:
    """The 404 page links its assets and pages from site_url's path (/onward/), as it is served
    for any address; map that path onto the test server's root. `target`: a page or a context."""
    prefix = site_url + SITE_PATH.lstrip("/")
    target.route(f"{prefix}**", lambda route: route.continue_(  # type: ignore[attr-defined]
        url=route.request.url.replace(prefix, site_url, 1)))


def serve_sitemap_here(target: object, site_url: str) -> None:
    """Material navigates instantly only to URLs in sitemap.xml, which names the production
    SITE_URL; hand the browser a sitemap that names the test server instead."""
    def rewrite(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(SITE_URL, site_url))

    target.route("**/sitemap.xml", rewrite)  # type: ignore[attr-defined]


# Material binds its click handler at once but ignores clicks until it has read sitemap.xml
# (RxJS withLatestFrom): the text comes in, then it is parsed, in tasks of the page's own. A
# click before that loads the whole page, which is right for a reader and wrong for a test of
# instant navigation. So: the response finished, then the page's queued tasks have run.
INSTANT_NAVIGATION_READY = """() => new Promise(done => setTimeout(
    () => requestIdleCallback(() => done(), {timeout: 2000}), 100))"""


def open_for_instant_navigation(page: object, site_url: str, path: str) -> None:
    """Open `path` and return once Material navigates instantly from it; mark the document
    (`window.__sameDocument`), which a full page load would lose."""
    serve_sitemap_here(page, site_url)
    with page.expect_response("**/sitemap.xml") as sitemap:  # type: ignore[attr-defined]
        page.goto(path, wait_until="networkidle")  # type: ignore[attr-defined]
    sitemap.value.finished()
    page.evaluate(INSTANT_NAVIGATION_READY)  # type: ignore[attr-defined]
    page.evaluate("window.__sameDocument = true")  # type: ignore[attr-defined]


def address(site_url: str, path: str) -> re.Pattern[str]:
    """The address of `path` on the test server, with the heading anchor Material's
    navigation.tracking may add as the page scrolls (after Back, even before it is restored)."""
    return re.compile("^" + re.escape(site_url + path) + r"(#[\w-]*)?$")


def count_calls(monkeypatch, module: object, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    """Replace `module.name` (for this test) by a wrapper that records the first argument of
    each call and then calls the real function: how often a cache really did the work."""
    calls: list[object] = []
    real = getattr(module, name)

    def counting(first, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls
