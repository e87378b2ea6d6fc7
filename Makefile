# eventdesk: `make demo` and `make test` work on a fresh machine with only Python and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventdesk.db

.PHONY: demo test lint venv dev clean eval fuzz bench serve screenshots loadtest \
	train-classifier eval-classifier bench-batch

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

# `eventdesk serve`: adds FastAPI and uvicorn
$(VENV)/.installed-web: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[web]"
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

# the event classifier (docs/classifier.md): retrain the shipped model file from the tuning halves,
# the train file and training/negatives.jsonl (scikit-learn, a few minutes), or evaluate it alone
SHARED ?= ../shared
train-classifier: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[train]"
	$(BIN)/python tools/train_classifier.py --shared $(SHARED)/eval

eval-classifier: $(VENV)/.installed
	$(BIN)/python tools/eval_classifier.py --shared $(SHARED)/eval --speed

# speed benchmark (not run by CI): make bench BENCH_ARGS="--corpus ../shared/corpus/guardian_syria_2019.jsonl"
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# batch throughput (not run by CI): `batch` on Dask with 1 and 2 workers against `ingest
# --workers 1/2` on the Guardian corpus, in one run (docs/batch.md); e.g. BENCH_BATCH_ARGS="--limit 60"
BENCH_BATCH_ARGS ?=
bench-batch: $(VENV)/.installed-dev
	$(BIN)/python tools/bench_batch.py --corpus $(SHARED)/corpus/guardian_syria_2019.jsonl \
		$(BENCH_BATCH_ARGS)

# the dashboard and API on the demo database (made from the samples if missing)
PORT ?= 8000
serve: $(VENV)/.installed-web
	test -f $(DB) || $(BIN)/eventdesk ingest samples --db $(DB)
	$(BIN)/eventdesk serve --db $(DB) --port $(PORT)

# the dashboard screenshots in docs/screenshots/, taken by the browser tests
screenshots: $(VENV)/.installed-dev
	EVENTDESK_SCREENSHOTS=docs/screenshots EVENTDESK_BROWSER_TESTS=1 $(BIN)/pytest tests/test_web_browser.py

# load test of `eventdesk serve` (not run by CI): 16 clients, 60 s, a 1M-mention store built by
# tools/bench_store.py at LOAD_DB when missing (about 6 minutes)
LOAD_DB ?= /tmp/eventdesk-bench.db
LOAD_ARGS ?=
loadtest: $(VENV)/.installed-web
	$(BIN)/python tools/loadtest.py --db $(LOAD_DB) --clients 16 --seconds 60 $(LOAD_ARGS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
