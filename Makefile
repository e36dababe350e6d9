# Two commands do all set-up on a fresh machine:
#   make demo   - install, start the embedded database, load the model, answer the two main questions, write the map
#   make test   - install everything the tests need (Python, npm linter, Chromium) and run all tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

lint-deps: node_modules/.installed

demo: install
	$(VENV)/bin/sundhedsgraf demo

test: install lint-deps
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) node_modules .pytest_cache
