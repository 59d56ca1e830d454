"""Build the offline copy of Onward: the site as a zip that works opened from disk.

    .venv/bin/python tools/offline.py [--output offline/onward-offline.zip]   (or: make offline)

Material's offline plugin, on only when OFFLINE=true (see mkdocs.yml), turns directory URLs off
(links end in index.html) and inlines the search index as a script, so search works from file://.
It also adds the iframe-worker shim, which runs the search worker from file://, as a script on
unpkg.com; a copy read on a train has no network, so the pages load the copy vendored in
tools/vendor/ instead. Every page is then checked for scripts or styles from elsewhere, and the
site is zipped under one folder, onward/, so unzipping makes one folder with index.html in it.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "onward"  # the one folder in the zip
# How both Material and Zensical add it (Zensical adds type="text/javascript").
SHIM_CDN = re.compile(r'<script src="https://unpkg\.com/iframe-worker/shim"[^>]*></script>')
SHIM_SOURCE = ROOT / "tools" / "vendor" / "iframe-worker-shim.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
REMOTE_ASSET = re.compile(
    r'<script\b[^>]*\bsrc="(?:https?:)?//[^"]*"|<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(?:https?:)?//')
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same zip


class OfflineBuildError(Exception):
    pass


def build(site_dir: Path) -> None:
    """`mkdocs build --strict` with the offline plugin on, into `site_dir`."""
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise OfflineBuildError(f"the offline build failed:\n{result.stderr}")
    if not (site_dir / "search" / "search_index.js").is_file():
        raise OfflineBuildError("no search/search_index.js: is the offline plugin in mkdocs.yml, "
                                "enabled by OFFLINE=true?")


def use_local_shim(site_dir: Path) -> int:
    """Point every page at the vendored shim instead of unpkg.com; the number of pages changed."""
    (site_dir / SHIM_TARGET).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / SHIM_TARGET).write_bytes(SHIM_SOURCE.read_bytes())
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        local = posixpath.relpath(SHIM_TARGET, page.parent.relative_to(site_dir).as_posix())
        html, found = SHIM_CDN.subn(f'<script src="{local}"></script>', html)
        if found:
            page.write_text(html, encoding="utf-8")
            changed += 1
    return changed


def remote_assets(site_dir: Path) -> list[str]:
    """Pages that still load a script or a stylesheet from another host."""
    return [f"{page.relative_to(site_dir).as_posix()}: {match[0]}"
            for page in sorted(site_dir.rglob("*.html"))
            for match in REMOTE_ASSET.finditer(page.read_text(encoding="utf-8"))]


def write_zip(site_dir: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            name = f"{FOLDER}/{path.relative_to(site_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(output)


def make_offline_copy(output: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / FOLDER
        build(site_dir)
        pages = len(list(site_dir.rglob("*.html")))
        if use_local_shim(site_dir) != pages:
            raise OfflineBuildError(f"expected the iframe-worker shim on all {pages} pages; did "
                                    "the offline plugin change how it adds it?")
        if found := remote_assets(site_dir):
            raise OfflineBuildError("pages load assets from the network:\n" + "\n".join(found))
        write_zip(site_dir, output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "offline" / "onward-offline.zip")
    args = parser.parse_args(argv)
    try:
        output = make_offline_copy(args.output.resolve())
    except OfflineBuildError as error:
        print(f"offline copy: {error}", file=sys.stderr)
        return 1
    size = output.stat().st_size / 1024 / 1024
    print(f"Wrote {output} ({size:.1f} MiB): unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
