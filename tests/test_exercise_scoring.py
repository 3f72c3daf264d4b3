"""Scoring the room (rolekit.exercise.scoring): agreement within it and with the key, per item and per participant,
worked out by hand for a small class; the most disputed items; participants as codes everywhere but the scores
table; quick on a large class."""

import re
import time

import pandas as pd
import pytest
from conftest import KEY
from make_synthetic_class import synthetic_class
from PIL import Image

import rolekit
from rolekit.cli import main
from rolekit.exercise.agreement import band
from rolekit.validate import DataError, Problem


def test_a_hand_made_class_scores_as_worked_out_by_hand(room):
    scores = rolekit.score_sheets(room)
    a = scores.agreement.set_index("dimension")
    assert a.loc["scope", "fleiss_kappa"] == 1.0 and a.loc["scope", "key_accuracy"] == 1.0
    # role: Q01 split 2 CEO / 1 COO, the rest unanimous. Fleiss by hand: P = (1/3 + 3) / 4; p(CEO) = 5/12
    p_ceo = 5 / 12
    chance = p_ceo**2 + (1 - p_ceo) ** 2
    assert a.loc["role", "fleiss_kappa"] == pytest.approx(((1 / 3 + 3) / 4 - chance) / (1 - chance))
    assert a.loc["role", "key_accuracy"] == pytest.approx(11 / 12)
    people = scores.participants.set_index(["participant", "dimension"])
    assert people.loc[("P2", "horizon"), "accuracy"] == 0.5 and people.loc[("P1", "horizon"), "cohen_kappa"] == 1.0
    assert people.loc[("P3", "role"), "accuracy"] == 0.75
    item = scores.items.set_index(["item", "dimension"]).loc[("Q01", "role")]
    assert (item["answered"], item["modal_answer"], item["key"]) == (3, "CEO", "CEO") and item[
        "agreement"
    ] == pytest.approx(2 / 3)
    confusion = scores.confusion.set_index(["dimension", "key", "answer"])["count"]
    assert confusion[("horizon", "long-term", "daily")] == 2
    # Three splits of 2 to 1: Q01 role (Cleo says COO), Q01 horizon and Q04 horizon (Ben says daily). An item counts
    # once, at its first dimension (role, scope, horizon) of lowest agreement; ties between items go by item.
    worst = rolekit.disputed(scores, 1)
    assert worst[["item", "dimension", "modal_answer", "key"]].values.tolist() == [["Q01", "role", "CEO", "CEO"]]
    assert worst["agreement"].item() == pytest.approx(2 / 3)
    # Only the items the room split on: Q02 and Q03, on which everyone gave the same answers, are not disputed.
    assert rolekit.disputed(scores, 3)[["item", "dimension"]].values.tolist() == [["Q01", "role"], ["Q04", "horizon"]]


def test_a_room_that_agrees_on_every_item_disputes_none_and_says_so(tmp_path):
    from conftest import RIGHT, write_sheet

    from rolekit.charts.exercise import plot_disputed
    from rolekit.exercise import report_html

    folder = tmp_path / "sheets"
    folder.mkdir()
    for name in ("Ana", "Ben"):
        write_sheet(folder, name, RIGHT, name)
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    scores = rolekit.score_sheets(folder)
    assert rolekit.disputed(scores).empty
    assert plot_disputed(scores).get_title(loc="left").startswith("No item split the room")
    assert "No item was disputed" in rolekit.score_summary(scores)
    assert "None: on every item, everyone who answered gave the same answers." in report_html(scores, {})


@pytest.mark.slow
def test_participants_are_codes_everywhere_but_the_scores_table(room, tmp_path, capsys):
    assert main(["score", str(room), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Ana" not in out and "Ben" not in out
    report = (tmp_path / "out" / "report.html").read_text()
    assert "<img alt=" in report
    shown = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", report)  # the charts' pixels may spell anything
    assert "Ana" not in shown and "Cleo" not in shown
    for png in ("agreement.png", "disputed.png", "room_vs_key.png"):
        text = " ".join(Image.open(tmp_path / "out" / png).text.values())  # what a PNG holds as text
        assert text.startswith("rolekit") and "Ana" not in text and "Cleo" not in text
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert dict(zip(scores["participant"], scores["name"])) == {"P1": "Ana", "P2": "Ben", "P3": "Cleo"}
    confusion = pd.read_csv(tmp_path / "out" / "confusion.csv").set_index(["dimension", "key", "answer"])["count"]
    assert confusion[("horizon", "long-term", "daily")] == 2 and confusion[("role", "CEO", "COO")] == 1


def test_no_usable_sheet_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "x.csv").write_text("item,role,scope,horizon\n")
    assert main(["score", str(tmp_path / "sheets")]) == 1
    assert "no sheet could be used" in capsys.readouterr().err


def test_score_on_thirty_participants_and_forty_items_is_quick(tmp_path):
    sheet = rolekit.worksheet(pd.concat([rolekit.load_responsibilities()] * 1, ignore_index=True), n=40, seed=1)
    synthetic_class(sheet, 30, seed=2).to_csv(tmp_path / "form.csv", index=False)
    sheet.key.to_csv(tmp_path / "key.csv", index=False)
    start = time.perf_counter()
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    assert len(scores.participants["participant"].unique()) == 30
    assert time.perf_counter() - start < 10  # generous; benchmarks/exercise.py prints the real figure


@pytest.mark.slow
def test_the_charts_drawn_in_forks_are_those_drawn_in_one_process(room, tmp_path, monkeypatch):
    """save_scores draws its three charts side by side in forks: the files are the same, byte for byte."""
    from rolekit import forks
    from rolekit.charts.exercise import SCORE_FILES, save_scores
    from rolekit.output import Output

    scores = rolekit.score_sheets(room)
    apart = []
    in_forks = forks.in_forks
    monkeypatch.setattr(forks, "in_forks", lambda tasks: apart.append(len(tasks)) or in_forks(tasks))
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with Output(tmp_path / "forks", SCORE_FILES) as folder:
        save_scores(scores, folder)
    monkeypatch.setattr(forks, "available", lambda: False)
    with Output(tmp_path / "here", SCORE_FILES) as folder:
        save_scores(scores, folder)
    assert apart == [3]
    for name in SCORE_FILES:
        assert (tmp_path / "forks" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name


def test_a_chart_that_fails_in_its_fork_raises_its_own_error(room, tmp_path, monkeypatch):
    from rolekit.charts import exercise
    from rolekit.output import Output

    def fails(scores):
        raise DataError([Problem("scores", None, None, "nothing to draw")])

    monkeypatch.setattr(exercise, "plot_disputed", fails)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with pytest.raises(DataError, match="nothing to draw"), Output(tmp_path, exercise.SCORE_FILES) as folder:
        exercise.save_scores(rolekit.score_sheets(room), folder)
    assert not (tmp_path / "disputed.png").exists()


@pytest.mark.slow
def test_the_command_scores_in_a_fork_and_names_a_bad_sheet_as_it_does_without(room, tmp_path, monkeypatch, capsys):
    """`rolekit score --out` scores in a fork while it imports matplotlib: the same files, and the same message."""
    from rolekit import forks

    calls = []
    started = forks.started
    monkeypatch.setattr(forks, "started", lambda task: calls.append(task) or started(task))
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert main(["score", str(room), "--out", str(tmp_path / "forked")]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("participant,item,x\n")
    KEY.to_csv(tmp_path / "key.csv", index=False)
    assert main(["score", str(bad), "--key", str(tmp_path / "key.csv"), "--out", str(tmp_path / "bad")]) == 1
    forked = capsys.readouterr()
    monkeypatch.setattr(forks, "available", lambda: False)
    assert main(["score", str(room), "--out", str(tmp_path / "here")]) == 0
    assert main(["score", str(bad), "--key", str(tmp_path / "key.csv"), "--out", str(tmp_path / "bad")]) == 1
    here = capsys.readouterr()
    assert len(calls) == 2
    for name in ("scores.csv", "items.csv", "confusion.csv", "report.html"):
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name
    assert "has a header but no data rows" in forked.err and forked.err == here.err
    assert forked.out.replace("forked", "here") == here.out


def test_no_fork_is_made_from_a_thread_beside_the_main_one():
    """The room server closes a round in a worker thread while its own threads serve: forking there is unsafe."""
    import threading

    from rolekit import forks

    seen = []
    worker = threading.Thread(target=lambda: seen.append(forks.available()))
    worker.start()
    worker.join()
    assert seen == [False] and forks.available()


def test_a_kappa_just_below_zero_reads_as_shown_and_a_negative_one_draws_the_poor_band():
    scores = rolekit.score_sheets(rolekit.SYNTHETIC_CLASS, rolekit.SYNTHETIC_KEY)
    nearly = scores._replace(agreement=scores.agreement.assign(fleiss_kappa=-0.001, krippendorff_alpha=-0.002))
    ax = rolekit.plot_agreement(nearly)
    texts = [t.get_text() for t in ax.texts]
    assert "0.00 (alpha 0.00)" in texts and "-0.00" not in " ".join(texts) and "poor" in texts
    assert band(-0.001) == "slight"  # as shown: 0.00
    clear = rolekit.plot_agreement(scores)
    assert "poor" not in [t.get_text() for t in clear.texts]  # no kappa below 0: no band for it
