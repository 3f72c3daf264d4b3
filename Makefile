# rolekit. Two commands do everything, each setting itself up first:
#   make run    build the kit: check the table, charts, executed notebooks, handouts
#   make test   run every test
# and two for whoever changes the code: make test-fast (the quick loop) and make lint (ruff and mypy).
# Set-up needs only python3: it makes .venv and installs pyproject.toml into it with uv.
# `make run DATA=path/to/your.csv` builds everything from your own table instead.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The table, as given: never expanded by make, and reaching rolekit through the environment, quoted, so that a
# name such as 'Roles (final).csv' works and the shell never runs what DATA holds.
DATA ?=
override DATA := $(value DATA)
export DATA
# Resolve every package, direct or not, as PyPI stood on this day, so that a fresh
# clone installs the versions the notebooks and chart baselines were made with.
# Move it forward when you change a pin in pyproject.toml.
RESOLVED_ON := 2026-11-21T00:00:00Z
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python --exclude-newer $(RESOLVED_ON)
REVEAL := $(VENV)/share/reveal.js-4.6.0
AXE := $(VENV)/share/axe-core-4.14.1
# Let Python cache compiled modules in .venv as they are first imported: uv installs
# none, and with PYTHONDONTWRITEBYTECODE set every process (every notebook kernel)
# would compile pandas and matplotlib again, seconds each time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast lint setup lab handouts pdf execute baselines bench clean

# One process for the whole job: it checks the table; runs each notebook, and exports its
# handout, only if it was not built already from the same inputs (the table, the notebook,
# rolekit), on one worker per core, each notebook in a fork of one process that imported
# everything once; draws the charts the same way; refreshes the working copy build/lab;
# and says what it built from which table (and what it left unchanged, removed or kept).
run: $(VENV)/run.stamp $(REVEAL)/dist/reveal.js
	$(BIN)/rolekit build $${DATA:+--data "$$DATA"} --out build --reveal $(REVEAL)

# Every test, on one worker per core (pytest-xdist): a test file, or a notebook's cells, to a worker, the long
# files first (tests/conftest.py orders them; --no-loadscope-reorder keeps that order).
test: $(VENV)/test.stamp $(REVEAL)/dist/reveal.js $(AXE)/axe.min.js
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

# The developer's quick loop: the same, without nbval, the browser tests, the whole-series runs and the
# tests marked slow (markers in pyproject.toml).
test-fast: $(VENV)/test.stamp
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder -m "not browser and not series and not slow" tests rolekit

# Style and types: ruff's lint and format check (rules in pyproject.toml), mypy on rolekit/.
lint: $(VENV)/test.stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(VENV)/test.stamp

# JupyterLab on the last build's notebooks (build/lab, a working copy to edit and save), saying which table
# they were run on. Maintainers edit the committed notebooks/ with jupyter lab and make execute.
lab: $(VENV)/run.stamp
	$(BIN)/rolekit lab --out build

# Handouts alone: executes the series, then exports it.
handouts: $(VENV)/run.stamp $(REVEAL)/dist/reveal.js
	$(BIN)/rolekit notebooks $${DATA:+--data "$$DATA"} --out build/notebooks
	$(BIN)/rolekit handouts --notebooks build/notebooks --out build/handouts --reveal $(REVEAL)

# PDFs of the handouts and the slides that `make run` wrote, printed by headless Chromium:
# A4, or `make pdf PAPER=letter`. A target of its own, so that `make run` stays fast.
pdf: $(VENV)/pdf.stamp
	$(BIN)/rolekit pdf --handouts build/handouts --out build/pdf $(if $(PAPER),--paper $(PAPER))

# For maintainers: rerun the committed notebooks from a fresh kernel (Restart & Run
# All), without timing metadata so that an unchanged notebook stays byte-identical,
# then bring each .py twin in step.
execute: $(VENV)/run.stamp
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --NotebookClient.record_timing=False notebooks/*.ipynb
	$(BIN)/jupytext --sync notebooks/*.ipynb

# Redraw the approved chart images after a deliberate change to a chart; look at
# each one in tests/baseline before committing it.
baselines: $(VENV)/test.stamp
	$(BIN)/python -m pytest tests/test_chart_images.py --mpl-generate-path=tests/baseline

# Speed, measured and printed (not asserted): see benchmarks/*.py for the bars.
bench: $(VENV)/test.stamp
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/loading.py
	$(BIN)/python benchmarks/exercise.py
	$(BIN)/python benchmarks/room.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/compare.py
	$(BIN)/python benchmarks/seminar.py

clean:
	rm -rf $(VENV) build

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

# The import builds matplotlib's font cache once, here, instead of inside a notebook.
$(VENV)/run.stamp: pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) -e .
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

$(VENV)/pdf.stamp: pyproject.toml $(VENV)/run.stamp
	$(UV_INSTALL) -e '.[pdf]'
	touch $@

$(VENV)/test.stamp: pyproject.toml $(VENV)/run.stamp
	$(UV_INSTALL) -e '.[test]'
	touch $@

# reveal.js for offline slides, and axe-core for the browser tests' accessibility check:
# each fetched once from the npm registry, hash-checked (scripts/fetch_npm.py).
# touch: the unpacked files keep the archive's old dates, which would make these rules run every time.
$(REVEAL)/dist/reveal.js: scripts/fetch_npm.py | $(BIN)/uv
	$(BIN)/python scripts/fetch_npm.py reveal.js $(REVEAL)
	touch $@

$(AXE)/axe.min.js: scripts/fetch_npm.py | $(BIN)/uv
	$(BIN)/python scripts/fetch_npm.py axe-core $(AXE)
	touch $@
