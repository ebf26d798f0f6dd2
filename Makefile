# Two commands on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint demo bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up, initialise the embedded SQLite database with the demo data, start the app.
run: $(STAMP)
	$(VENV)/bin/incidents init
	$(VENV)/bin/incidents demo
	$(VENV)/bin/incidents app

## Lint, type-check and run the whole suite (SQLite, and PostgreSQL when reachable).
test: $(STAMP)
	$(VENV)/bin/ruff check incidents tests bench app.py
	$(VENV)/bin/mypy incidents
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) data/*.db data/*.db-* data/cache
