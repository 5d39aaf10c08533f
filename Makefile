# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
# Test workers (pytest-xdist); `make test WORKERS=0` runs the suite in one process.
WORKERS ?= 2
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench clean system-deps vendor

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## demo: set up .venv and run the main job on the bundled statements/
demo: $(VENV)/.installed
	@bash scripts/demo.sh

## test: set up .venv with the test extra, the system packages, and run the whole suite
test: $(VENV)/.installed system-deps lint
	$(BIN)/python -m pytest -q -n $(WORKERS)

## system-deps: Debian's chromium for the browser tests, axe-core from npm
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@[ -f build/npm/node_modules/axe-core/axe.min.js ] || { \
	  command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get install -y -qq npm >/dev/null; }; \
	  mkdir -p build/npm && npm install --silent --no-audit --no-fund --prefix build/npm axe-core@4 >/dev/null; }

## vendor: the browser's word diff (npm `diff`, jsdiff) copied into the site's static files;
## the version and sha256 are recorded in src/kpversion/site/static/vendored.json
JSDIFF := 9.0.0
vendor:
	mkdir -p build/npm && npm install --silent --no-audit --no-fund --prefix build/npm diff@$(JSDIFF) >/dev/null
	cp build/npm/node_modules/diff/dist/diff.min.js src/kpversion/site/static/diff.min.js
	cp build/npm/node_modules/diff/LICENSE src/kpversion/site/static/diff.LICENSE.txt
	$(PYTHON) -c "import hashlib,json,pathlib; p=pathlib.Path('src/kpversion/site/static'); v=json.loads((p/'vendored.json').read_text()); v['diff.min.js'].update(version='$(JSDIFF)', sha256=hashlib.sha256((p/'diff.min.js').read_bytes()).hexdigest()); (p/'vendored.json').write_text(json.dumps(v, indent=2)+chr(10))"

## lint: ruff (lint and format) on src, tests, bench and scripts; mypy --strict on src and tests
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

bench: $(VENV)/.installed
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build site demo .pytest_cache .ruff_cache .mypy_cache
