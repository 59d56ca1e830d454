"""Speed and size figures (not tests): bench.py for MkDocs alone, zensical.py for both engines."""
