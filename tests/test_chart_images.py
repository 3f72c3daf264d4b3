"""Pixel comparison of every chart with an approved baseline image.

These catch drift in how a chart looks; test_charts.py checks what it shows.
Baselines live in tests/baseline and are made in the pinned environment
(`make baselines`, then look at every image before committing it).
"""

import pytest
from conftest import four_roles

import rolekit
from rolekit import charts
from rolekit.style import STYLE

compare = pytest.mark.mpl_image_compare(
    baseline_dir="baseline", tolerance=2, style=str(STYLE), savefig_kwargs={"dpi": 60}
)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(charts.CHARTS))
@compare
def test_bundled(name):
    return charts.CHARTS[name](rolekit.load_responsibilities()).figure


@pytest.mark.parametrize("name", [n for n in charts.CHARTS if n != "source_agreement"])
@compare
def test_four_roles(name):
    return charts.CHARTS[name](four_roles()).figure


@compare
def test_raci_of_the_articles():
    return rolekit.plot_raci(rolekit.load_decisions()).figure


@compare
def test_raci_of_a_team_against_the_articles():
    return rolekit.plot_raci(rolekit.load_decisions(rolekit.EXAMPLE_RACI), against=rolekit.load_decisions()).figure


@compare
def test_tensions():
    return rolekit.plot_tensions(rolekit.load_tensions()).figure
