# fogofwar: the two commands a newcomer needs are `make demo` and `make test`.
# Both install what they need first (`make install`), quickly when already done.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

DEMO_DB := sqlite:///demo.db

.PHONY: install system-deps demo test test-all lint format lock bench clean

install: $(STAMP)

# The lock pins every dependency, the English spaCy pipeline included, by hash.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "fogofwar needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Server binaries the tests start themselves (a throwaway PostgreSQL, headless Chromium).
# Installed with apt-get when run as root; otherwise a line says what to install, and the
# tests that need them skip (or fail, when CI is set).
system-deps:
	-@bash .ci/postgres.sh
	-@bash .ci/chromium.sh

# Read the example article, store it in a ledger and open the dashboard on it.
demo: install
	$(BIN)/fogofwar read examples/nk-troops-kursk.txt --published 2024-12-28
	$(BIN)/fogofwar ingest examples/nk-troops-kursk.txt --published 2024-12-28 --db $(DEMO_DB)
	$(BIN)/fogofwar serve --db $(DEMO_DB)

test: install system-deps
	$(BIN)/python -m pytest -q

# Evaluation and benchmark runs that stay out of the default suite.
test-all: install system-deps
	$(BIN)/python -m pytest -q -m ''

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Regenerate requirements.lock after changing the dependencies in pyproject.toml.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

bench: install
	$(BIN)/fogofwar bench examples

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache demo.db* test-artifacts
