# The two commands of the README: `make up` runs Entente (Neo4j included) and
# `make test` runs the test suite; both install what they need first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
APT_PACKAGES := docker-compose redis-server chromium

.PHONY: up test install system-deps python-deps bench lint models lexicons

up: install
	$(BIN)/entente up

test: install
	$(BIN)/pytest

install: system-deps python-deps

# Java 17+ and Maven run the Neo4j server; docker-compose validates docker-compose.yml;
# redis-server backs the distributed-mode ingest tests (started by the tests themselves);
# chromium is the browser tests/test_browser.py drives (Playwright never downloads one).
system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "please install:$$missing" >&2; exit 1; fi; \
	fi

python-deps: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The trained syntactic pipelines (ingest/extraction/lang/<code>/pipeline/) from the UD
# treebanks in ../shared/ud, and the lexicons derived from ../shared/lexicons; both are
# committed, so neither is needed to run or test Entente.
models: python-deps
	$(BIN)/python -m ingest.extraction.training.train all --parallel

lexicons: python-deps
	$(BIN)/python -m ingest.extraction.derive.all

bench: install
	$(BIN)/python bench/load.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/ingest.py
