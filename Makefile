# The two commands a fresh machine needs (see README.md):
#   make example   build the example briefing into out/
#   make test      run the whole test suite (lint first: ruff, mypy, import layers)
VENV ?= .venv

.PHONY: example test lint bench
example: $(VENV)/.installed
	$(VENV)/bin/factsheet build examples/articles --out out

test: lint
	$(VENV)/bin/python -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check factsheet tests bench
	$(VENV)/bin/mypy factsheet
	$(VENV)/bin/lint-imports

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	VENV=$(VENV) scripts/setup.sh
