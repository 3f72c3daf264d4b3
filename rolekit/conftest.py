"""For the doctests in rolekit/ (tests/conftest.py serves tests/): each closes the figures its example drew.

Not part of the installed package (pyproject.toml leaves it out of the wheel).

Without this, the examples of a worker's whole run stay open in pyplot and matplotlib
warns that more than 20 figures are open.
"""

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _close_figures_after_doctests(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if isinstance(request.node, pytest.DoctestItem) and "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
