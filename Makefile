# The project's interface. Every target sets up what it needs on first use:
# a virtual environment in .venv with the pinned requirements, and node_modules
# for the offline build and the browser tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The site generator: mkdocs, properdocs or zensical (README, "Hosts"); ADDR:PORT for serve.
HOST   ?= mkdocs
ADDR   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help serve build check test offline bench lint clean fuzz conformance

help:
	@echo "make serve    build and serve the site at http://$(ADDR):$(PORT)/ (live reload)"
	@echo "              HOST=properdocs or HOST=zensical: serve, build or check with that host"
	@echo "make build    strict build into site/ (site/ is replaced only when the build succeeds)"
	@echo "make check    every problem of the sources at once, as file:line: message"
	@echo "make test     every test, browser tests included"
	@echo "make offline  dist/muscle-il6-offline.zip, a copy that works from disk"
	@echo "make bench    speed of the citation hook, printed as ratios"
	@echo "make fuzz     a long Hypothesis campaign over every parser (make test runs a short one)"
	@echo "make conformance  agreement with pandoc, pybtex and the J Physiol CSL, in one table"

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

serve: $(STAMP)
	$(BIN)/python -m $(HOST) serve --dev-addr $(ADDR):$(PORT) $(if $(filter zensical,$(HOST)),-f zensical.yml)

build: $(STAMP)
	$(BIN)/python scripts/build.py --host $(HOST) --out site

check: $(STAMP)
	$(BIN)/python scripts/build.py --host $(HOST) --check

offline: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/offline.py

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz -p no:cacheprovider -q

conformance: $(STAMP)
	$(BIN)/python scripts/conformance.py

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench scripts

clean:
	rm -rf site dist .pytest_cache .cache
