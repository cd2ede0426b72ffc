# `make demo` and `make test` do all the set-up themselves on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup browser demo test lint format bench clean

$(STAMP): pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# ESLint and tsc for browser_extension/, pinned in package-lock.json (node_modules/ stays outside
# the extension's folder, which Chrome loads as it is).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP)

# Playwright's own Chromium if installed, else the system's; as root on Debian, apt-get installs one.
browser: setup
	$(PY) -m meetscout.browser --install

demo: browser
	$(VENV)/bin/meetscout demo

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node_modules/.bin/eslint browser_extension
	node_modules/.bin/tsc --noEmit -p tsconfig.json

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The suite on two pytest-xdist workers, a test file (or tests/e2e) to a worker at a time, the
# slowest first (tests/worker_groups.py). `make test TEST_WORKERS=0` runs it serially.
TEST_WORKERS ?= 2
test: browser lint
	node --test browser_extension/tests/
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

bench: browser
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules .pytest_cache demo-output
