# Vigil: one command to run it, one to test it. Everything lands in .venv; nothing global
# except Debian's Chromium for the browser tests and PostgreSQL's client tools for the backup
# tests, each installed only when missing (scripts/setup-browser, scripts/setup-pg-client).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REFERENCE_DIR ?= $(if $(VIGIL_REFERENCE_DIR),$(VIGIL_REFERENCE_DIR),../shared/data/reference)
PYTEST_ARGS ?=

.PHONY: run test lint check-migrations setup system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Run Vigil embedded: SQLite under ./var, worker threads in the server, demo data, port 8000.
run: $(STAMP)
	mkdir -p var
	$(BIN)/vigil db upgrade
	@if [ -d "$(REFERENCE_DIR)" ]; then \
	  $(BIN)/vigil reference import "$(REFERENCE_DIR)" && \
	  $(BIN)/vigil protect import-mps && \
	  $(BIN)/vigil threat-level seed "$(REFERENCE_DIR)"; \
	  else echo "no reference data at $(REFERENCE_DIR): set VIGIL_REFERENCE_DIR to route reports to forces"; fi
	$(BIN)/vigil demo
	VIGIL_SECURE_COOKIES=$${VIGIL_SECURE_COOKIES:-false} $(BIN)/vigil serve --host 127.0.0.1 --port 8000

## Run the whole test suite (SQLite unless VIGIL_DATABASE_URL says otherwise).
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile --timeout 300 $(PYTEST_ARGS)

system-deps:
	@scripts/setup-browser
	@scripts/setup-pg-client

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

## Fail if the models and the migrations disagree.
check-migrations: $(STAMP)
	rm -f var/drift-check.db
	mkdir -p var
	VIGIL_DATABASE_URL=sqlite:///var/drift-check.db $(BIN)/vigil db upgrade
	VIGIL_DATABASE_URL=sqlite:///var/drift-check.db $(BIN)/vigil db check
	rm -f var/drift-check.db

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
