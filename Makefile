# The README's two commands: `make run` and `make test`. Both create .venv when missing.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12 as pinned in .python-version (pyenv), else a python3.12 on PATH.
PYTHON := $(shell pyenv which python3 2>/dev/null || command -v python3.12 || command -v python3)

.PHONY: run test lint typecheck pytest browser clean

run: $(VENV)/.installed-run
	$(BIN)/dispatch serve

test: $(VENV)/.installed-dev browser lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check dispatch routing geodata tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 12), "Python 3.12 is needed (see .python-version)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $@ $(VENV)/.installed-run

# Browser tests drive Debian's chromium (playwright's own browser download cannot work offline).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
