"""Lighthouse figures for Onward against a stock Material for MkDocs site with the same Markdown.
Prints figures; asserts nothing (performance scores are noisy). Target: 100 in all four.

    npm install --prefix bench/.node lighthouse@12.2.3     # once; bench/.node/ is git-ignored
    .venv/bin/python bench/lighthouse.py [--runs 3] [--json bench/out/lighthouse.json]
                                         [--keep bench/out/lighthouse/]  # reports and traces

Both sites are built into a temporary folder and served gzipped on 127.0.0.1 (bench/serve.py);
each run measures every page of both sites in turn.
Pages: the home page, a guide (rejection/) and the template library (letters/). The stock site
(tests/stocksite.py) holds the same three pages, each macro call replaced by the HTML it renders.
Lighthouse runs its default mobile preset (simulated slow 4G, a mid-range phone) with Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium); with --runs N, each score is the median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serve import serve  # noqa: E402
from tests.sitebuild import mkdocs_build  # noqa: E402
from tests.stocksite import make_stock_project  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / ".node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"home": "index.md", "guide": "rejection/index.md", "library": "letters/index.md"}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")


def page_url(src: str) -> str:
    return src.removesuffix("index.md")


def lighthouse(url: str, chrome: str, out: Path, *, traces: bool = False) -> dict:
    """One Lighthouse run of `url`; its JSON report (and, with `traces`, its trace and network
    log beside it, as OUT-0.trace.json and OUT-0.devtoolslog.json)."""
    command = [str(LIGHTHOUSE), url, f"--chrome-path={chrome}", f"--chrome-flags={CHROME_FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}", "--output=json",
               f"--output-path={out}", "--quiet", *(["--save-assets"] if traces else [])]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "CHROME_PATH": chrome})
    if result.returncode != 0 or not out.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text("utf-8"))


def summary(reports: list[dict]) -> dict:
    """Median scores (0-100), transfer size, and the audits that cost points in the last run."""
    scores = {cat: statistics.median(round(r["categories"][cat]["score"] * 100) for r in reports)
              for cat in CATEGORIES}
    last = reports[-1]
    failing = []
    for cat in CATEGORIES:
        for ref in last["categories"][cat]["auditRefs"]:
            audit = last["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{cat}: {ref['id']} ({audit['score']:.2f}) {audit['title']}")
    metrics = last["audits"]
    return {
        "scores": scores,
        "transfer_kib": round(metrics["total-byte-weight"]["numericValue"] / 1024, 1),
        "lcp_ms": round(statistics.median(
            r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports)),
        "tbt_ms": round(statistics.median(
            r["audits"]["total-blocking-time"]["numericValue"] for r in reports)),
        "cls": round(statistics.median(
            r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports), 3),
        "failing": failing,
        # Lighthouse names each long task after the first script that ran in it: a deferred
        # script takes the blame for Material's DOMContentLoaded work that follows it.
        "long_tasks": [f"{round(task['duration'])} ms at {round(task['startTime'])} ms "
                       f"({task['url'].rsplit('/', 1)[-1] or task['url']})"
                       for task in last["audits"]["long-tasks"]["details"]["items"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the summaries here too")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep every report here, with its trace and network log")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is missing: npm install --prefix bench/.node "
                         "lighthouse@12.2.3")
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    chromium = subprocess.run([chrome, "--version"], capture_output=True, text=True,
                              check=False).stdout.strip()

    results: dict[str, dict[str, dict]] = {}
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ours_site = Path(tmp) / "ours"
        built = mkdocs_build(ROOT, ours_site)
        if built.returncode != 0:
            raise SystemExit(f"the site does not build:\n{built.stderr}")
        stock = make_stock_project(Path(tmp) / "stock", {src: src for src in PAGES.values()})
        built = subprocess.run(  # not --strict: links to the guides it lacks dangle
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
             str(stock / "mkdocs.yml"), "--site-dir", str(stock / "site")],
            capture_output=True, text=True, check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if built.returncode != 0:
            raise SystemExit(f"the stock site does not build:\n{built.stderr}")

        # Both sites served at once and measured in turn, run by run, so a machine that gets
        # busier or quieter during the runs weighs on both alike.
        servers = {name: serve(site) for name, site in
                   (("ours", ours_site), ("stock", stock / "site"))}
        reports: dict[tuple[str, str], list[dict]] = {}
        try:
            for run in range(args.runs):
                for page, src in PAGES.items():
                    for name, (url, _) in servers.items():
                        out = (args.keep or Path(tmp)) / f"{name}-{page}-{run}.json"
                        reports.setdefault((name, page), []).append(lighthouse(
                            url + page_url(src), chrome, out, traces=args.keep is not None))
        finally:
            for _, server in servers.values():
                server.shutdown()
                server.server_close()
        for (name, page), runs in reports.items():
            results.setdefault(name, {})[page] = summary(runs)

    print(f"{version and 'Lighthouse ' + version}, {chromium}, mobile preset, "
          f"median of {args.runs} run(s)")
    header = "page      site   " + "  ".join(f"{c[:14]:>14}" for c in CATEGORIES)
    print(header + "  transfer    LCP    TBT    CLS")
    for page in PAGES:
        for name in ("ours", "stock"):
            r = results[name][page]
            cells = "  ".join(f"{r['scores'][c]:>14}" for c in CATEGORIES)
            print(f"{page:<9} {name:<6} {cells}  {r['transfer_kib']:>5} KiB "
                  f"{r['lcp_ms']:>5} ms {r['tbt_ms']:>4} ms {r['cls']:>6}")
    for name in ("ours", "stock"):
        for page in PAGES:
            for line in results[name][page]["failing"]:
                print(f"  {name} {page}: {line}")
            if results[name][page]["long_tasks"]:
                print(f"  {name} {page}: long tasks (simulated, last run): "
                      + "; ".join(results[name][page]["long_tasks"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
