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

.PHONY: help install run test lint audit bench bench-smoke worker mutants clean

help:
	@echo "make run     install, migrate, load the demo data and serve Magellan on http://127.0.0.1:$(PORT)"
	@echo "make test    the whole test suite (SQLite, or PostgreSQL when POSTGRES_DB is set)"
	@echo "make lint    ruff, mypy, makemigrations --check, import contract"
	@echo "make audit   pip-audit of the pinned dependencies (docs/security.md)"
	@echo "make bench   engine benchmarks (smoke tier; see README for the others)"
	@echo "make mutants APP=program   mutation testing of one app's permissions.py and services (docs/testing.md)"

$(STAMP): pyproject.toml requirements/lock.txt
	@echo "==> Creating the virtual environment in $(VENV) (once)"
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the pinned dependencies (a few minutes the first time; pip shows each package)"
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --progress-bar on -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@echo "==> Compiling the group engine's kernels into var/engine-cache (about 30 s, once)"
	$(BIN)/python -m magellan.engine warm
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
	@echo "==> Group engine: kernels compiled ahead (a second or less once they are in the cache)"
	$(BIN)/python -m magellan.engine warm
	@echo "==> Starting the background-task workers (e-mails; groups and imports), the scheduler and the web server; Ctrl-C stops them all"
	trap 'kill 0' EXIT; export MAGELLAN_SITE_URL=http://127.0.0.1:$(PORT); \
	$(BIN)/python manage.py worker --queue-name emails & \
	$(BIN)/python manage.py worker --queue-name '*' --exclude-queues emails & \
	$(BIN)/python manage.py run_scheduled --loop 60 & \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) $(NODE_STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n 2 $(COV) $(PYTEST_ARGS)

audit: $(STAMP)
	$(BIN)/python scripts/audit_dependencies.py

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy magellan config scripts
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/mdgp.py --tier smoke --jobs 2
	$(BIN)/python benchmarks/cohort.py --time 10 --seeds 2

# Two workers, each restarted if it stops: e-mails (never behind a long job), and everything else;
# beside them the scheduler (docs/scheduler.md), which runs the jobs that are due every minute.
worker: $(STAMP)
	$(BIN)/python -m magellan.engine warm
	trap 'kill 0' EXIT; \
	(while true; do $(BIN)/python manage.py run_scheduled --loop 60; \
	  echo "scheduler stopped; restarting in 5 s"; sleep 5; done) & \
	(while true; do $(BIN)/python manage.py worker --queue-name emails; \
	  echo "worker (emails) stopped; restarting in 5 s"; sleep 5; done) & \
	while true; do $(BIN)/python manage.py worker --queue-name '*' --exclude-queues emails; \
	  echo "worker stopped; restarting in 5 s"; sleep 5; done

# Mutation testing (mutmut) of one app's permissions.py and services against that app's tests and the
# access matrix. It works in mutants/$(APP)/, never in the source tree: the sources are linked there (or
# exported from MUTANT_REV), mutmut copies and mutates them into mutants/$(APP)/mutants/. One app at a
# time, one child by default. Re-running the survivors after writing tests: docs/testing.md.
APP ?=
MUTANT_CHILDREN ?= 1
MUTANT_TESTS ?= tests/$(APP) tests/test_access_matrix.py
# The files to mutate (globs): narrow it for a big app, e.g. MUTATE="magellan/program/permissions.py".
MUTATE ?= magellan/$(APP)/permissions.py magellan/$(APP)/services.py magellan/$(APP)/services/*
# MUTANT_REV=HEAD (or any commit) tests that commit, exported with git archive, instead of the working tree
# (whose uncommitted edits, in a tree shared with others, may not even import).
MUTANT_REV ?=
MUTANTS_DIR := mutants/$(APP)

mutants: $(STAMP)
	@test -n "$(APP)" -a -d "magellan/$(APP)" || { echo "usage: make mutants APP=<an app of magellan/, e.g. program>"; exit 2; }
	rm -rf $(MUTANTS_DIR) && mkdir -p $(MUTANTS_DIR)
	if [ -n "$(MUTANT_REV)" ]; then \
	  git archive $(MUTANT_REV) magellan config tests manage.py pyproject.toml | tar -x -C $(MUTANTS_DIR); \
	  mv $(MUTANTS_DIR)/pyproject.toml $(MUTANTS_DIR)/pyproject.base.toml; \
	else \
	  ln -s ../../magellan ../../config ../../tests ../../manage.py $(MUTANTS_DIR)/; \
	  cp pyproject.toml $(MUTANTS_DIR)/pyproject.base.toml; \
	fi
	{ cat $(MUTANTS_DIR)/pyproject.base.toml; \
	  echo; echo '[tool.mutmut]'; \
	  echo 'source_paths = ["magellan"]'; \
	  echo 'only_mutate = [$(foreach f,$(MUTATE),"$(f)",)]'; \
	  echo 'also_copy = ["config", "manage.py"]'; \
	  echo 'pytest_add_cli_args = ["-p", "no:randomly", "-p", "no:cacheprovider"]'; \
	  echo 'pytest_add_cli_args_test_selection = [$(foreach t,$(MUTANT_TESTS),"$(t)",)]'; \
	} > $(MUTANTS_DIR)/pyproject.toml
	cd $(MUTANTS_DIR) && DJANGO_ALLOW_ASYNC_UNSAFE=true ../../$(BIN)/mutmut run --max-children $(MUTANT_CHILDREN)
	@cd $(MUTANTS_DIR) && ../../$(BIN)/mutmut results --all true > results.txt; \
	  echo "==> $(APP), $$(date +%F): killed / survived / other, per module (mutants/$(APP)/results.txt)"; \
	  awk -F': ' '{ split($$1, n, /\.x(_|ǁ)/); m = n[1]; sub(/^ +/, "", m); \
	    s = $$2 == "killed" ? "killed" : $$2 == "survived" ? "survived" : "other"; c[m, s]++; mods[m] = 1 } \
	    END { for (m in mods) printf "%s: %d killed, %d survived, %d other\n", m, c[m, "killed"], c[m, "survived"], c[m, "other"] }' results.txt | sort

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
