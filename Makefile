# Onward: the commands a contributor needs. Each target creates or refreshes the local
# virtualenv (.venv) from the pinned versions in pyproject.toml, and skips the install
# when pyproject.toml has not changed since the last one.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP_VERSION := 25.3
PORT   ?= 8000

# Material for MkDocs prints a banner about MkDocs 2.0 on every build; it is not ours to act on.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build test check offline zensical clean

## serve: preview the site at http://127.0.0.1:$(PORT)/onward/ with live reload
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

## build: build the site into site/ for deployment (strict: any warning fails)
build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict --clean

## test: run every check and test (installs the test tools and Chromium when missing)
test: $(VENV)/.test-installed
	$(PYTHON) tools/ensure_chromium.py
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2

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
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)

$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group site
	touch $@

$(VENV)/.zensical-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group zensical
	touch $@ $(VENV)/.site-installed

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group test
	touch $@ $(VENV)/.site-installed $(VENV)/.zensical-installed

clean:
	rm -rf site offline .cache $(VENV)
