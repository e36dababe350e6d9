# Two commands do all set-up on a fresh machine:
#   make demo   - install, start the embedded database, load the model, answer the two main questions, write the map,
#                 build the explorer site into site/ (and print the path of its index.html)
#   make test   - install everything the tests need (Python, npm linter, Chromium), run the lint and type
#                 gates (make lint) and then all tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint lint-deps browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# The package's bytecode, written now: an editable install leaves it to the first run, and where
# PYTHONDONTWRITEBYTECODE is set every command would compile the sources again (~0.1 s of each `ask`).
install: $(STAMP)
	@$(PY) -m compileall -q sundhedsgraf

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

lint-deps: node_modules/.installed

# The map tests open the maps in Debian's Chromium (never a downloaded browser). Installed with
# apt when we may; otherwise those tests skip locally (and fail in CI, where CI=true).
browser:
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; else echo "chromium is not installed (sudo apt-get install chromium): the browser tests will skip"; fi; }

demo: install
	$(VENV)/bin/sundhedsgraf demo
	$(VENV)/bin/sundhedsgraf site --out site

# The gates before any test runs: ruff (lint and format, config in pyproject.toml) and mypy on the package.
lint: install
	$(VENV)/bin/ruff check sundhedsgraf tests
	$(VENV)/bin/ruff format --check sundhedsgraf tests
	$(VENV)/bin/mypy

test: lint lint-deps browser
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) node_modules .pytest_cache
