"""What checking the snippets against snippets/schema.json costs per load of the library, and
what a second, compiled validator (jsonschema-rs, not a dependency) would save. Prints figures.

    .venv/bin/python bench/schema.py [--runs 20]
    (for the comparison: .venv/bin/python -m pip install jsonschema-rs, then uninstall it)

A build loads the library once (MkDocs), or once and then from the cache (Zensical, `serve`
reloads: macros/engine.py), so the saving counts once per build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.library import SCHEMA_FILE, load_library, read_document, snippet_files  # noqa: E402
from macros.schema import load_validator  # noqa: E402


def median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()  # CPU time: steadier on a shared machine than wall time
        work()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    snippets = ROOT / "snippets"
    documents = [document for path in snippet_files(snippets)
                 for document in [read_document(path, ROOT)[0]] if document is not None]
    data = [document.data for document in documents]
    validator = load_validator(snippets / SCHEMA_FILE)
    print(f"{len(documents)} snippet files, median CPU time of {runs} runs")
    whole = median_ms(lambda: load_library(snippets), runs)
    print(f"  load_library, all of it:         {whole:7.1f} ms")
    python = median_ms(lambda: [validator.is_valid(item) for item in data], runs)
    print(f"  jsonschema (Python), is_valid:   {python:7.1f} ms")
    try:
        import jsonschema_rs
    except ImportError:
        print("  jsonschema-rs: not installed (see the docstring to compare)")
        return
    fast = jsonschema_rs.validator_for(json.loads((snippets / SCHEMA_FILE).read_text("utf-8")))
    rust = median_ms(lambda: [fast.is_valid(item) for item in data], runs)
    print(f"  jsonschema-rs, is_valid:         {rust:7.1f} ms  (saves {python - rust:.1f} ms "
          "per build)")


if __name__ == "__main__":
    main()
