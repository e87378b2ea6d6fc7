# eventdesk: `make demo` and `make test` work on a fresh machine with only Python and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventdesk.db

.PHONY: demo test lint venv dev clean eval bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# runtime install: what `eventdesk code` needs, nothing more
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

# development install: adds the test and lint tools
$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/eventdesk ingest samples --db $(DB)
	$(BIN)/eventdesk stats --db $(DB)
	$(BIN)/eventdesk events --db $(DB) --limit 40

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests tools

test: lint
	$(BIN)/pytest

eval: $(VENV)/.installed
	$(BIN)/eventdesk eval ../shared/eval/dev/plover_gsr.jsonl
	$(BIN)/eventdesk eval ../shared/eval/dev/petr2_gsr.jsonl

# speed benchmark (not run by CI): make bench BENCH_ARGS="--corpus ../shared/corpus/guardian_syria_2019.jsonl"
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
