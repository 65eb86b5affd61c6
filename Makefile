# The README's two commands: `make run` and `make test`. Both create .venv when missing.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12 as pinned in .python-version (pyenv), else a python3.12 on PATH.
PYTHON := $(shell pyenv which python3 2>/dev/null || command -v python3.12 || command -v python3)

.PHONY: run test lint typecheck pytest test-services assets clean

run: $(VENV)/.installed-run assets
	$(BIN)/dispatch serve

test: $(VENV)/.installed-dev assets test-services lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check dispatch routing geodata tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev assets
	$(BIN)/pytest -q

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 12), "Python 3.12 is needed (see .python-version)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev,bench,postgres]'
	touch $@ $(VENV)/.installed-run

# The map page's front-end libraries (Leaflet, jQuery, Bootstrap, awesome-markers, Font Awesome),
# from the npm registry at the versions in package-lock.json; the service serves them under /vendor.
assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Tests need two Debian packages: chromium for the browser tests (playwright's own browser
# download cannot work offline) and PostgreSQL's server binaries for the database tests.
test-services:
	@missing=""; \
	command -v chromium >/dev/null || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Install Debian's $$missing (sudo apt-get install $$missing) for the tests"; exit 1; fi; \
	fi

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
