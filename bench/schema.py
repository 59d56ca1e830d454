"""What checking the snippets against snippets/schema.json costs per load of the library, with
jsonschema-rs, the project's one validator. Prints figures.

    .venv/bin/python bench/schema.py [--runs 20] [--snippets DIR]

DIR is another snippets/ folder, such as the 20x copy `bench.py scale` builds. A build loads the
library once (MkDocs), or once and then from the cache (Zensical, `serve` reloads:
macros/engine.py), so each figure counts once per build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.library import SCHEMA_FILE, load_library, read_document, snippet_files  # noqa: E402
from macros.schema import load_validator, schema_problems, validator_for  # noqa: E402


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
    parser.add_argument("--snippets", type=Path, default=ROOT / "snippets")
    args = parser.parse_args()
    snippets = args.snippets.resolve()
    documents = [document for path in snippet_files(snippets)
                 for document in [read_document(path, snippets.parent)[0]]
                 if document is not None]
    compiled = load_validator(snippets / SCHEMA_FILE)
    print(f"{len(documents)} snippet files, median CPU time of {args.runs} runs")
    whole = median_ms(lambda: load_library(snippets), args.runs)
    print(f"  load_library, all of it:            {whole:7.1f} ms")
    checked = median_ms(lambda: [schema_problems(d, compiled) for d in documents], args.runs)
    print(f"  schema check (jsonschema-rs):       {checked:7.1f} ms")
    schema_path = snippets / SCHEMA_FILE
    mtime_ns = schema_path.stat().st_mtime_ns
    # __wrapped__: past the cache, as a new build process starts without it
    compiling = median_ms(lambda: validator_for.__wrapped__(schema_path, mtime_ns), args.runs)
    print(f"  reading and compiling schema.json:  {compiling:7.1f} ms  (once per build)")


if __name__ == "__main__":
    main()
