# rolekit. Two commands do everything, each setting itself up first:
#   make run    build the kit
#   make test   run every test
# Set-up needs only python3: it makes .venv and installs pyproject.toml into it with uv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Resolve every package, direct or not, as PyPI stood on this day, so that a fresh
# clone installs the versions the notebooks and chart baselines were made with.
# Move it forward when you change a pin in pyproject.toml.
RESOLVED_ON := 2026-11-21T00:00:00Z
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python --exclude-newer $(RESOLVED_ON)
# Let Python cache compiled modules in .venv as they are first imported: uv installs
# none, and with PYTHONDONTWRITEBYTECODE set every process (every notebook kernel)
# would compile pandas and matplotlib again, seconds each time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test setup clean baselines bench

run: $(VENV)/run.stamp
	$(BIN)/rolekit validate data/responsibilities.csv
	$(BIN)/rolekit figures --out build/figures

test: $(VENV)/test.stamp
	$(BIN)/python -m pytest

setup: $(VENV)/test.stamp

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

clean:
	rm -rf $(VENV) build

# Redraw the approved chart images after a deliberate change to a chart; look at
# each one in tests/baseline before committing it.
baselines: $(VENV)/test.stamp
	$(BIN)/python -m pytest tests/test_chart_images.py --mpl-generate-path=tests/baseline

# Speed, measured and printed (not asserted): see benchmarks/*.py for the bars.
bench: $(VENV)/test.stamp
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/startup.py
