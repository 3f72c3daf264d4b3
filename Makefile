# rolekit. Two commands do everything, each setting itself up first:
#   make run    build the kit: check the table, charts, executed notebooks, handouts
#   make test   run every test
# and one for whoever changes the code: make lint (ruff and mypy).
# Set-up needs only python3: it makes .venv and installs pyproject.toml into it with uv.
# `make run DATA=path/to/your.csv` builds everything from your own table instead.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?=
# Resolve every package, direct or not, as PyPI stood on this day, so that a fresh
# clone installs the versions the notebooks and chart baselines were made with.
# Move it forward when you change a pin in pyproject.toml.
RESOLVED_ON := 2026-11-21T00:00:00Z
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python --exclude-newer $(RESOLVED_ON)
REVEAL := $(VENV)/share/reveal.js-4.6.0
# Let Python cache compiled modules in .venv as they are first imported: uv installs
# none, and with PYTHONDONTWRITEBYTECODE set every process (every notebook kernel)
# would compile pandas and matplotlib again, seconds each time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint setup lab handouts execute baselines bench clean

# One process for the whole job: it checks the table, runs the notebooks in parallel
# kernels while it draws the charts, then exports the handouts.
run: $(VENV)/run.stamp $(REVEAL)/dist/reveal.js
	$(BIN)/rolekit build $(if $(DATA),--data $(DATA)) --out build --reveal $(REVEAL)
	@echo
	@echo "Charts:             build/figures/"
	@echo "Executed notebooks: build/notebooks/"
	@echo "Handouts:           build/handouts/*.html (open in a browser; no network needed)"
	@echo "Slides:             build/handouts/seminar_deck.slides.html (press S for speaker notes)"
	@echo "Open the notebooks in JupyterLab: make lab"

test: $(VENV)/test.stamp $(REVEAL)/dist/reveal.js
	$(BIN)/python -m pytest

# Style and types: ruff's lint and format check (rules in pyproject.toml), mypy on rolekit/.
lint: $(VENV)/test.stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(VENV)/test.stamp

# JupyterLab on the notebooks; the .py file beside each is its text twin (jupytext).
lab: $(VENV)/run.stamp
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# Handouts alone: executes the series, then exports it.
handouts: $(VENV)/run.stamp $(REVEAL)/dist/reveal.js
	$(BIN)/rolekit notebooks $(if $(DATA),--data $(DATA)) --out build/notebooks
	$(BIN)/rolekit handouts --notebooks build/notebooks --out build/handouts --reveal $(REVEAL)

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

$(VENV)/test.stamp: pyproject.toml $(VENV)/run.stamp
	$(UV_INSTALL) -e '.[test]'
	touch $@

# reveal.js for offline slides: fetched once from the npm registry, hash-checked.
# touch: the unpacked files keep the archive's old dates, which would make this rule run every time.
$(REVEAL)/dist/reveal.js: scripts/fetch_reveal.py | $(BIN)/uv
	$(BIN)/python scripts/fetch_reveal.py $(REVEAL)
	touch $@
