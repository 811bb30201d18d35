# Two commands on a fresh clone: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP_RUNTIME := $(VENV)/.installed-runtime
STAMP_DEV := $(VENV)/.installed-dev
USWDS := node_modules/@uswds/uswds/dist
VENDOR := static/vendor

.PHONY: run test bench lint assets install install-dev db demo messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml $(STAMP_RUNTIME)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP_RUNTIME)
install-dev: $(STAMP_DEV)

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund
	touch $@

$(VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/uswds $(VENDOR)/axe
	cp -r $(USWDS)/css $(USWDS)/js $(USWDS)/fonts $(USWDS)/img $(VENDOR)/uswds/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	touch $@

assets: $(VENDOR)/.copied

messages: $(STAMP_DEV)
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k lazy_pgettext:1c,2 --ignore-dirs='.*' \
		-o engage/translations/messages.pot .
	$(BIN)/pybabel update -i engage/translations/messages.pot -d engage/translations --ignore-obsolete \
		--no-fuzzy-matching

compile-messages: $(STAMP_RUNTIME)
	@if ls engage/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile -d engage/translations >/dev/null; fi

db: $(STAMP_RUNTIME)
	$(FLASK) db upgrade

demo: db
	$(FLASK) engage demo

run: install assets compile-messages demo
	$(FLASK) run --host 127.0.0.1 --port 5000

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check engage tests wsgi.py

test: install-dev assets compile-messages lint
	env -u ENGAGE_TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$ENGAGE_TEST_DATABASE_URL" ]; then \
		echo "== the same suite on PostgreSQL: $$ENGAGE_TEST_DATABASE_URL"; \
		$(BIN)/pytest -m "not browser"; fi

bench: install-dev
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) node_modules $(VENDOR) instance .pytest_cache .ruff_cache
