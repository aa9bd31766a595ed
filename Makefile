# Contour's entry points. `make run` serves the app; `make test` runs the whole suite on every
# backend this machine offers (see scripts/run_tests.py). Both set the checkout up first.
.DEFAULT_GOAL := help
.PHONY: help setup run test lock

VENV := .venv
# make run HOST=0.0.0.0 PORT=9000
HOST ?=
PORT ?=
# make test ARGS="-k tasks -x"  (passed to every pytest run)
ARGS ?=

help:
	@echo "make run     set up, then serve Contour (HOST=..., PORT=...; default 127.0.0.1:8080)"
	@echo "make test    set up, then run the test suite on SQLite, PostgreSQL and Redis when present"
	@echo "make setup   create $(VENV), install the package, Chromium and the web app build"
	@echo "make lock    regenerate requirements.lock from pyproject.toml in a fresh environment"

setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/bin/contour serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

test: setup
	$(VENV)/bin/python scripts/run_tests.py $(ARGS)

# The locks pin the whole tree of contour[test] and of FiftyOne's client environment (tests/clients);
# pip, setuptools and contour itself stay out.
FO_REQUIREMENTS := tests/clients/fiftyone-requirements.txt
FO_LOCK := tests/clients/fiftyone-requirements.lock
lock:
	@set -eu; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	python3 -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --no-input -e '.[test]'; \
	{ echo "# Full pinned dependency tree of contour[test] (pip constraints file)."; \
	  echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable \
	    | grep -v -i -E '^(pip|setuptools|wheel|contour)==|^#|^-e '; } > requirements.lock.new; \
	mv requirements.lock.new requirements.lock; \
	echo "requirements.lock: $$(grep -c '==' requirements.lock) pinned packages"
	@set -eu; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	python3 -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --no-input -r $(FO_REQUIREMENTS); \
	{ echo "# Full pinned dependency tree of $(FO_REQUIREMENTS) (pip constraints file)."; \
	  echo "# Regenerate with 'make lock'."; \
	  "$$tmp/venv/bin/python" -m pip freeze | grep -v -i -E '^(pip|setuptools|wheel)==|^#|^-e '; } > $(FO_LOCK).new; \
	mv $(FO_LOCK).new $(FO_LOCK); \
	echo "$(FO_LOCK): $$(grep -c '==' $(FO_LOCK)) pinned packages"
