# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test venv migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

migrate: venv
	mkdir -p var
	$(BIN)/alembic upgrade head

seed: migrate
	$(BIN)/python -m app seed reference
	$(BIN)/python -m app seed demo

run: seed
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/uvicorn --factory app.main:create_app --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
test: venv
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no tests: treating as a failure"; exit 1; fi; exit $$status

bench: venv
	$(BIN)/python bench/seed_demo.py
	$(BIN)/python bench/browse.py

clean:
	rm -rf $(VENV) var test-output *.egg-info .pytest_cache
