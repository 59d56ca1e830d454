"""Speed and size figures (not tests): bench.py for MkDocs alone, zensical.py for both engines,
lighthouse.py against stock Material, reload.py for `make serve`. See bench/README.md."""
