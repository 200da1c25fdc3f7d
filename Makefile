# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test venv migrate seed bench clean translations translations-compile

# Catalogs: translations/<locale>/LC_MESSAGES/messages.po, compiled to .mo whenever a .po changes.
LOCALES := zh_Hans th vi km lo my
MO_FILES := $(foreach l,$(LOCALES),translations/$(l)/LC_MESSAGES/messages.mo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -l $*

translations-compile: $(MO_FILES)

# After changing user-facing text: extract it, merge it into every catalog, then translate the new
# entries (tests/test_i18n_catalogs.py fails while any is empty or fuzzy).
translations: venv
	$(BIN)/python -m app.i18n.extract translations/messages.pot
	@for l in $(LOCALES); do [ -f translations/$$l/LC_MESSAGES/messages.po ] || \
	  $(BIN)/pybabel init -i translations/messages.pot -d translations -l $$l -w 100; done
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete -w 100

migrate: venv translations-compile
	mkdir -p var
	$(BIN)/alembic upgrade head

seed: migrate
	$(BIN)/python -m app seed reference
	$(BIN)/python -m app seed demo

run: seed
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/uvicorn --factory app.main:create_app --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
test: venv translations-compile
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no tests: treating as a failure"; exit 1; fi; exit $$status

bench: venv
	$(BIN)/python bench/seed_demo.py
	$(BIN)/python bench/browse.py

clean:
	rm -rf $(VENV) var test-output *.egg-info .pytest_cache
