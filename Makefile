# eventdesk: `make demo` and `make test` work on a fresh machine with only Python and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventdesk.db

.PHONY: demo test lint venv dev clean eval fuzz bench

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

# coverage-guided fuzzing (atheris); not part of `make test` or CI. Each target runs
# FUZZ_SECONDS: the input readers, the JSON readers, the command-line argument checks.
# New inputs found go to FUZZ_CORPUS/<target>, outside the repository; fuzz/seeds is read only.
FUZZ_SECONDS ?= 60
FUZZ_CORPUS ?= $(or $(TMPDIR),/tmp)/eventdesk-fuzz-corpus
FUZZ_TARGETS ?= fuzz_readers fuzz_jsonl fuzz_cli
fuzz: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e ".[fuzz]"
	for target in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_CORPUS)/$$target && \
		$(BIN)/python fuzz/$$target.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
			-timeout=20 $(FUZZ_CORPUS)/$$target fuzz/seeds || exit 1; \
	done

eval: $(VENV)/.installed
	$(BIN)/eventdesk eval ../shared/eval/dev/plover_gsr.jsonl
	$(BIN)/eventdesk eval ../shared/eval/dev/petr2_gsr.jsonl
	$(BIN)/eventdesk eval-times ../shared/eval/dev/tempeval3_tbaq.jsonl
	$(BIN)/eventdesk eval-places ../shared/eval/dev/geo_trnews.jsonl
	$(BIN)/eventdesk eval-places ../shared/eval/dev/geo_gwn.jsonl

# speed benchmark (not run by CI): make bench BENCH_ARGS="--corpus ../shared/corpus/guardian_syria_2019.jsonl"
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
