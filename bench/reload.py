"""Time from saving a snippet file to the reloaded page under `make serve` (mkdocs serve --strict).
Prints figures; asserts nothing. Target: <= 2 s.

    .venv/bin/python bench/reload.py [--runs 5]

Runs on a copy of the project in a temporary folder (so nobody's preview reloads), on a free
port. Debian's Chromium (Playwright) keeps the rejection guide open; each run rewrites a letter's
title in snippets/rejection.yml and waits until the page shows the new title.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.sitepages import SITE_PATH  # noqa: E402
from tests.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.sitebuild import copy_project  # noqa: E402

SNIPPET = "snippets/rejection.yml"
TITLE = "title: A short thank-you after a rejection"
CARD_TITLE = "#letter-rejection-brief-thanks-title"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped:\n{server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"mkdocs serve did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "onward")
        snippet = project / SNIPPET
        original = snippet.read_text("utf-8")
        assert TITLE in original, f"{TITLE!r} is no longer in {SNIPPET}"
        port = free_port()
        url = f"http://127.0.0.1:{port}{SITE_PATH}"  # mkdocs serve uses site_url's path
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
             f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times = []
        try:
            wait_until_up(url, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url + "rejection/")
                page.wait_for_load_state("load")
                for run in range(1, args.runs + 1):
                    marker = f"A short thank-you after a rejection (edit {run})"
                    start = time.perf_counter()
                    snippet.write_text(original.replace(TITLE, f"title: {marker}"), "utf-8")
                    page.wait_for_function(
                        "([sel, text]) => document.querySelector(sel)?.textContent === text",
                        arg=[CARD_TITLE, marker], timeout=30_000, polling=20)
                    times.append(time.perf_counter() - start)
                    page.wait_for_load_state("load")
                    time.sleep(1)  # let the watcher settle before the next save
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    print("save -> reloaded page under mkdocs serve --strict: "
          f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} saves (target <= 2 s)")
    print("  each: " + ", ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
