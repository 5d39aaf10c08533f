# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench clean system-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## demo: set up .venv and run the main job on the bundled statements/
demo: $(VENV)/.installed
	@bash scripts/demo.sh

## test: set up .venv with the test extra, the system packages, and run the whole suite
test: $(VENV)/.installed system-deps lint
	$(BIN)/python -m pytest -q

## system-deps: Debian's chromium for the browser tests, axe-core from npm
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@[ -f build/npm/node_modules/axe-core/axe.min.js ] || { \
	  command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get install -y -qq npm >/dev/null; }; \
	  mkdir -p build/npm && npm install --silent --no-audit --no-fund --prefix build/npm axe-core@4 >/dev/null; }

## lint: ruff (lint and format) on src, tests, bench and scripts; mypy --strict on src and tests
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

bench: $(VENV)/.installed
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build site demo .pytest_cache .ruff_cache .mypy_cache
