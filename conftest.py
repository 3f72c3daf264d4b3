"""For the doctests in rolekit/ (tests/conftest.py serves tests/): each closes the figures its example drew.

Without this, the examples of a worker's whole run stay open in pyplot and matplotlib
warns that more than 20 figures are open.
"""

import sys

import pytest


@pytest.fixture(autouse=True)
def _close_figures_after_doctests(request):
    yield
    if isinstance(request.node, pytest.DoctestItem) and "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
