# Onward: the commands a contributor needs. Each target creates or refreshes the local
# virtualenv (.venv) from the lock files in requirements/ (every package, transitive ones too,
# pinned with its hashes), and skips the install when the lock has not changed since the last one.
# pyproject.toml names what we depend on; `make lock` writes requirements/*.txt from it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# uv installs the locks (hashes required) in seconds where pip takes most of a minute. It
# compiles the bytecode as pip does: where Python may not write it (PYTHONDONTWRITEBYTECODE),
# every test process would otherwise compile MkDocs, Material and Playwright again.
INSTALL := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes

# Material for MkDocs prints a banner about MkDocs 2.0 on every build; it is not ours to act on.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build test test-fast lint check offline zensical lock clean chromium

## serve: preview the site at http://127.0.0.1:$(PORT)/onward/ with live reload
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

## build: build the site into site/ for deployment (strict: any warning fails)
build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict --clean

## test: run every check and test (installs the test tools and Chromium when missing)
# The Python tools and Chromium install side by side (a fresh machine waits for both).
test:
	$(MAKE) --no-print-directory -j2 --output-sync=target chromium $(VENV)/.test-installed
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -n 2

chromium:
	$(PYTHON) tools/ensure_chromium.py

## test-fast: the quick loop while you work: lint and the tests that build no site, no browser
test-fast: lint
	$(BIN)/python -m pytest -n 2 -m "not browser and not build"

## lint: ruff on everything, mypy (strict) on macros/
lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

## check: the contributor checks alone (snippets, pages, spelling, readability)
check: $(VENV)/.test-installed
	$(BIN)/python -m macros check

## offline: the offline copy, offline/onward-offline.zip (unzip, open index.html; search works)
offline: $(VENV)/.site-installed
	$(BIN)/python tools/offline.py --output offline/onward-offline.zip

## zensical: build the site with Zensical instead of MkDocs, into site/ (README: Maintainers)
zensical: $(VENV)/.zensical-installed
	$(BIN)/zensical build --strict --clean --config-file mkdocs.yml

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv itself comes from its own lock, through the pip every venv has.
$(BIN)/uv: requirements/uv.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/uv.txt
	touch $@

# The lock files pin every version with its hashes, so we install exactly what was tested.
$(VENV)/.site-installed: requirements/site.txt | $(BIN)/uv
	$(INSTALL) -r requirements/site.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt | $(BIN)/uv
	$(INSTALL) -r requirements/test.txt
	touch $@ $(VENV)/.site-installed $(VENV)/.zensical-installed

# Zensical is in the test lock (tests/test_zensical.py builds with both engines).
$(VENV)/.zensical-installed: $(VENV)/.test-installed

## lock: after editing the groups in pyproject.toml, pin them again into requirements/*.txt
# uv resolves once for every platform and Python >= 3.11, with the hash of every file, and
# writes no index address.
lock: | $(BIN)/uv
	for group in uv site test; do \
	  $(BIN)/uv pip compile pyproject.toml --group $$group --universal --python-version 3.11 \
	    --generate-hashes --quiet --custom-compile-command "make lock" \
	    -o requirements/$$group.txt || exit 1; \
	done

clean:
	rm -rf site offline .cache $(VENV)
