"""Issue 19: the RACI round. Each phone names who is accountable and who is responsible for each decision;
Close writes the room's RACI as `rolekit raci` reads it, the split per decision, and the chart against the articles'."""

import pandas as pd
import pytest
from room_fixtures import as_facilitator, client, join, room
from starlette.testclient import TestClient

import rolekit
from rolekit.cli import main
from rolekit.room import raci_round
from rolekit.room.raci import room_raci

ROLES = ["CEO", "COO", "CFO", "Board"]


@pytest.fixture
def template(tmp_path, capsys):
    assert main(["raci", "--template", str(tmp_path / "t"), "--roles", ",".join(ROLES)]) == 0
    capsys.readouterr()
    return tmp_path / "t" / "raci_template.csv"


def _votes(r, c, plan):
    """Each phone answers: plan is a list of {decision id: (accountable, responsible)}."""
    for k, answers in enumerate(plan):
        phone = TestClient(c.app)
        path = join(phone, r, f"voter {k}")
        said = phone.post(
            path,
            data={
                f"{d}-{dim}": role
                for d, (a, rr) in answers.items()
                for dim, role in (("accountable", a), ("responsible", rr))
            },
            headers={"accept": "application/json"},
        )
        assert said.status_code == 200, said.text


def test_the_round_asks_a_and_r_for_each_decision_among_the_roles_given(template):
    r = raci_round(template, ["CEO", "COO", "CFO", "Board"])
    articles = rolekit.load_decisions()
    assert [q.text for q in r.questions] == list(dict.fromkeys(articles["decision"]))
    assert [f.name for f in r.questions[0].fields] == ["D01-accountable", "D01-responsible"]
    assert r.questions[0].fields[0].choices == tuple(ROLES)
    assert raci_round(template).roles == tuple(ROLES)  # by default, the template's columns


@pytest.mark.parametrize(
    ("roles", "said"),
    [
        (["CEO", "ceo"], "is given twice"),
        (["", " "], "needs 1 to 12 roles, got 0"),
        (["decision", "id"], "the name of a RACI table's own column"),
        ([f"R{k}" for k in range(13)], "needs 1 to 12 roles, got 13"),
        (["x" * 41], "longer than 40 characters"),
    ],
)
def test_roles_a_raci_could_not_hold_are_refused_before_the_room_opens(template, roles, said):
    with pytest.raises(rolekit.DataError, match=said):
        raci_round(template, roles)


def test_the_majority_a_and_r_per_decision_with_ties_named():
    r = raci_round(rolekit.EXAMPLE_RACI, ROLES)
    d1, d2, d3 = (q.id for q in r.questions[:3])
    a = pd.DataFrame(
        [
            (p, d, dim, role)
            for p, (d, dim, role) in enumerate(
                [
                    (d1, "accountable", "Board"),
                    (d1, "accountable", "Board"),
                    (d1, "accountable", "CEO"),
                    (d1, "responsible", "CEO"),
                    (d1, "responsible", "CEO"),
                    (d1, "responsible", "COO"),
                    (d2, "accountable", "CEO"),
                    (d2, "responsible", "CEO"),
                    (d3, "accountable", "CFO"),
                    (d3, "accountable", "CEO"),
                    (d3, "responsible", "COO"),
                ]
            )
        ],
        columns=["participant", "item", "dimension", "answer"],
    )
    wide, split, notes = room_raci(r, a)
    rows = wide.set_index("id")
    assert rows.loc[d1, ROLES].tolist() == ["R", "", "", "A"]
    assert rows.loc[d2, ROLES].tolist() == ["A/R", "", "", ""]  # one role holds both: the single owner
    assert rows.loc[d3, ROLES].tolist() == ["A", "R", "", ""]  # CEO 1, CFO 1: the tie goes to the first role
    assert f"{d3}: A is a tie (CEO 1, CFO 1); it goes to CEO, the first of the round's roles." in notes
    assert len(wide) == 3 and any("nobody answered" in n for n in notes)
    one = split[(split["id"] == d1) & (split["letter"] == "A")].set_index("role")
    assert one["votes"].tolist() == [1, 0, 0, 2] and one.loc["Board", "share"] == pytest.approx(2 / 3)
    assert one.loc["Board", "room's choice"] == "yes" and one.loc["CEO", "room's choice"] == ""


@pytest.mark.slow
def test_close_writes_a_raci_rolekit_raci_reads_the_split_and_the_chart(template, tmp_path, capsys):
    r = room(tmp_path / "out", raci=template, roles=ROLES)
    ids = [q.id for q in r.round.questions]
    with client(r) as c:
        # every decision: the Board accountable, the CEO responsible (no role holds both, so today's loader reads it)
        _votes(r, c, [dict.fromkeys(ids, ("Board", "CEO"))] * 2 + [dict.fromkeys(ids, ("CEO", "COO"))])
        token = as_facilitator(c, r)
        page = c.post("/facilitator/close", data={"token": token}).text
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith((".", "room.")))
    assert names == ["raci.csv", "raci.png", "raci_split.csv", "responses.csv"]
    assert "rolekit room: closed; Of 13 decisions" in capsys.readouterr().out  # the terminal says so too
    assert main(["raci", str(tmp_path / "out" / "raci.csv")]) == 0  # what rolekit raci reads
    said = capsys.readouterr().out
    assert said.startswith(f"Of {len(ids)} decisions, the Board is accountable for {len(ids)}; the CEO is responsible")
    mine = rolekit.load_decisions(tmp_path / "out" / "raci.csv")
    assert set(mine[mine["raci"] == "A"]["role"]) == {"Board"}
    responses = pd.read_csv(tmp_path / "out" / "responses.csv", dtype=str)
    assert responses.columns.tolist()[:3] == ["participant", "D01 accountable", "D01 responsible"]
    assert responses["participant"].tolist() == ["voter 0", "voter 1", "voter 2"]
    split = pd.read_csv(tmp_path / "out" / "raci_split.csv")
    assert split.groupby(["id", "letter"])["votes"].sum().eq(3).all()
    assert "<img alt=" in page and "Of 13 decisions" in page and "voter" not in page


@pytest.mark.slow
def test_a_role_holding_both_letters_is_written_a_slash_r(template, tmp_path):
    r = room(tmp_path / "out", raci=template, roles=ROLES)
    ids = [q.id for q in r.round.questions]
    with client(r) as c:
        _votes(r, c, [dict.fromkeys(ids, ("CEO", "CEO"))] * 2)
        token = as_facilitator(c, r)
        page = c.post("/facilitator/close", data={"token": token}).text
    wide = pd.read_csv(tmp_path / "out" / "raci.csv", dtype=str, keep_default_na=False)
    assert wide["CEO"].eq("A/R").all() and (wide[["COO", "CFO", "Board"]] == "").all().all()
    assert (tmp_path / "out" / "raci.png").exists() and "<img alt=" in page  # rolekit raci reads A/R cells


@pytest.mark.slow
def test_the_room_s_raci_with_a_single_owner_is_read_by_rolekit_raci(template, tmp_path):
    r = room(tmp_path / "out", raci=template, roles=ROLES)
    ids = [q.id for q in r.round.questions]
    with client(r) as c:
        _votes(r, c, [dict.fromkeys(ids, ("CEO", "CEO"))])
        c.post("/facilitator/close", data={"token": as_facilitator(c, r)})
    mine = rolekit.load_decisions(tmp_path / "out" / "raci.csv")
    assert set(mine["role"]) == {"CEO"}
    assert (tmp_path / "out" / "raci.png").exists()


def test_the_raci_page_offers_every_role_for_both_letters(template, tmp_path):
    r = room(tmp_path / "out", raci=template, roles=ROLES)
    with client(r) as c:
        page = c.get(join(c, r)).text
    assert page.count('name="D01-accountable"') == 4 and page.count('name="D01-responsible"') == 4
    assert "Accountable (owns the outcome, signs it off)" in page and "Who decides?" in page


def test_rolekit_room_raci_needs_a_template_or_a_folder(template, capsys):
    assert main(["room"]) == 1
    assert "give either EXERCISE_DIR" in capsys.readouterr().err
    assert main(["room", str(template.parent), "--roles", "CEO"]) == 1
    assert "--roles goes with --raci" in capsys.readouterr().err


@pytest.mark.slow
def test_a_partly_answered_round_is_set_against_the_articles_on_what_the_room_answered(template, tmp_path):
    r = room(tmp_path / "out", raci=template, roles=ROLES)
    ids = [q.id for q in r.round.questions]
    with client(r) as c:
        _votes(r, c, [dict.fromkeys(ids[:3], ("Board", "Board"))] * 2)
        token = as_facilitator(c, r)
        page = c.post("/facilitator/close", data={"token": token}).text
    assert "Of the 3 decisions both tables hold, 3 give some role another letter" in page
    assert "only in" not in page  # the unanswered decisions are said once, as unanswered
    assert f"{len(ids) - 3} decisions nobody answered" in page
