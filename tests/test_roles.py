"""rolekit.roles: the names that mean a bundled role, read as that role wherever tables are compared and coloured."""

import pytest

import rolekit
from rolekit.roles import bundled_role, bundled_roles, role_mapping


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("CEO", "CEO"),
        ("ceo", "CEO"),
        ("Chief Executive Officer", "CEO"),
        ("chief  executive officer", "CEO"),
        ("Chief Executive", "CEO"),
        ("COO", "COO"),
        ("Chief Operating Officer", "COO"),
        ("Chief Operations Officer", "COO"),
        ("Operations Director", "COO"),
        ("Chief-Operating-Officer", "COO"),
        ("CFO", None),
        ("Head of Sales", None),
        ("Chief Executive Officer's assistant", None),
    ],
)
def test_a_name_means_a_bundled_role_in_any_case_and_spacing(name, meant):
    assert bundled_role(name) == meant


def test_the_names_are_data():
    names = rolekit.bundled("data/role_names.csv").read_text()
    assert "Chief Operations Officer" in names and set(bundled_roles()) == {"CEO", "COO"}


def test_two_names_of_one_role_in_one_table_stay_two_roles():
    assert role_mapping(["CEO", "Chief Executive Officer", "CFO"]) == {
        "CEO": "CEO",
        "Chief Executive Officer": "Chief Executive Officer",
        "CFO": "CFO",
    }
    assert role_mapping(["Chief Executive", "Chief Executive Officer"]) == {
        "Chief Executive": "CEO",
        "Chief Executive Officer": "Chief Executive Officer",
    }


def test_a_role_named_for_a_bundled_one_takes_its_colour_and_place():
    articles = rolekit.role_colors(["CEO", "COO"])
    team = rolekit.role_colors(["Head of Sales", "Chief Operating Officer", "Chief Executive Officer"])
    assert team["Chief Executive Officer"] == articles["CEO"] and team["Chief Operating Officer"] == articles["COO"]
    df = rolekit.tidy(
        __import__("pandas").DataFrame(
            {"role": ["Head of Sales", "Chief Operating Officer", "Chief Executive Officer"]}
        )
    )
    assert list(df["role"].cat.categories) == ["Chief Executive Officer", "Chief Operating Officer", "Head of Sales"]
