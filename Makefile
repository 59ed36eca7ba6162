# The two commands a newcomer needs: `make run` and `make test`.
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: run run-prod test shell train eval-nlu eval-langid bench venv clean

venv:
	@scripts/bootstrap_venv.sh

## Serve the assistant on http://localhost:5005 (trains first if anything changed).
run: venv
	$(PY) -m bot serve

## The production shape without Docker: two Rasa replicas on ports 5005 and 5006 sharing
## PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), started if not running.
run-prod: venv
	@scripts/ensure_test_services.sh
	$(PY) -m bot serve --production --replicas 2

## Set everything up (PostgreSQL, Redis, Chromium included), lint (ruff.toml) and run every test.
test: venv
	$(PY) -m ruff check .
	@scripts/ensure_test_services.sh
	$(PY) -m bot model ensure
	$(PY) -m pytest

## Chat with the assistant in the terminal (rasa shell).
shell: venv
	$(PY) -m bot serve --shell

train: venv
	$(PY) -m bot model ensure

## Intent macro-F1 per language on the held-out set tests/nlu/.
eval-nlu: venv
	$(PY) -m bot model ensure
	$(PY) -m bot nlu eval tests/nlu

## Language identification accuracy on the team's dev and test sets.
eval-langid: venv
	$(PY) -m bot langid eval tests/data/langid/dev.tsv
	$(PY) -m bot langid eval tests/data/langid/test.tsv

## REST load at 1, 10 and 50 users on the production shape (two Rasa replicas, PostgreSQL,
## Redis), next to a stock `rasa init` assistant served the same way (about 10 minutes).
## `--replicas 1` measures `make run`'s shape (one server on SQLite).
bench: venv
	@scripts/ensure_test_services.sh
	$(PY) -m bot model ensure
	$(PY) -m bench.rest_load --replicas 2

clean:
	rm -rf bot/models/model-*.tar.gz var results .pytest_cache
