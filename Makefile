# Magellan — every set-up step lives here; CI calls the same targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PYTEST_ARGS ?=
# The coverage floor applies to the whole suite; `make test COV= PYTEST_ARGS=tests/x` runs a part.
COV ?= --cov --cov-report=term

.PHONY: help install run test lint bench bench-smoke worker clean

help:
	@echo "make run     install, migrate, load the demo data and serve Magellan on http://127.0.0.1:$(PORT)"
	@echo "make test    the whole test suite (SQLite, or PostgreSQL when POSTGRES_DB is set)"
	@echo "make lint    ruff, mypy, makemigrations --check, import contract"
	@echo "make bench   engine benchmarks (smoke tier; see README for the others)"

$(STAMP): pyproject.toml requirements/lock.txt
	@echo "==> Creating the virtual environment in $(VENV) (once)"
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the pinned dependencies (a few minutes the first time; pip shows each package)"
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --progress-bar on -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)
	@echo "==> Dependencies installed"

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	@echo "==> Creating or updating the database (var/)"
	$(BIN)/python manage.py migrate --noinput
	@echo "==> Loading the demo data (once)"
	$(BIN)/python manage.py load_demo
	MAGELLAN_SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) $(NODE_STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n 2 $(COV) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy magellan config
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/mdgp.py --tier smoke --jobs 2
	$(BIN)/python benchmarks/cohort.py --time 10 --seeds 2

# Two workers, each restarted if it stops: e-mails (never behind a long job), and everything else.
worker: $(STAMP)
	trap 'kill 0' EXIT; \
	(while true; do $(BIN)/python manage.py worker --queue-name emails; \
	  echo "worker (emails) stopped; restarting in 5 s"; sleep 5; done) & \
	while true; do $(BIN)/python manage.py worker --queue-name '*' --exclude-queues emails; \
	  echo "worker stopped; restarting in 5 s"; sleep 5; done

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
