"""Charts as files (rolekit.charts.files): one way to render and save every chart, whoever asks for it. A 16:9
canvas of 12 x 6.75 in, untrimmed, at DPI 150 (1800 x 1012 pixels); the alt text in the file's metadata; the same
bytes on every run; each file recorded in its folder's manifest; a chart a table cannot support skipped, saying why."""

import pytest

import rolekit
from rolekit.cli import main
from rolekit.output import MANIFEST

pytestmark = pytest.mark.usefixtures("close_figures")

CHART_FILES = ["load", "role_profiles", "scope_horizon", "source_agreement", "theme_differences", "theme_overlap"]


# -- rolekit figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_figures_writes_every_chart(tmp_path, capsys, fmt):
    assert main(["figures", "--out", str(tmp_path / "figs"), "--format", fmt]) == 0
    written = sorted(p for p in tmp_path.joinpath("figs").iterdir() if p.name != MANIFEST)
    assert [p.name for p in written] == [f"{n}.{fmt}" for n in CHART_FILES]
    assert (tmp_path / "figs" / MANIFEST).is_file()
    assert capsys.readouterr().out.splitlines() == [f"wrote {tmp_path / 'figs' / n}.{fmt}" for n in rolekit.CHARTS]
    assert all(p.stat().st_size > 10_000 and b"rolekit" in p.read_bytes() for p in written)
    # The alt text travels in the file's metadata (PDF: UTF-16 when not ASCII).
    alt = b"/Subject" if fmt == "pdf" else b"Chart. "
    assert all(alt in p.read_bytes() for p in written)


def test_figures_are_the_same_bytes_every_time(tmp_path):
    for run_dir in ("a", "b"):
        assert main(["figures", "--out", str(tmp_path / run_dir), "--format", "svg"]) == 0
    for name in CHART_FILES:
        assert (tmp_path / "a" / f"{name}.svg").read_bytes() == (tmp_path / "b" / f"{name}.svg").read_bytes()


def test_figures_for_four_roles_and_no_source_column(table, tmp_path, capsys):
    rows = "".join(
        f"{role},task {i},{scope},{horizon},{theme}\n"
        for i, (role, scope, horizon, theme) in enumerate(
            [
                ("CEO", "external", "long-term", "stakeholders"),
                ("COO", "internal", "daily", "operations"),
                ("CFO", "internal", "daily", "finance"),
                ("CFO", "external", "long-term", "finance"),
                ("Chief of Staff", "internal", "daily", "operations"),
                ("CEO", "internal", "long-term", "strategy"),
            ]
        )
    )
    path = table("role,responsibility,scope,horizon,theme\n" + rows)
    assert main(["figures", "--data", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        "skipped source_agreement: this table has no source column, which is needed to compare what each source says"
        in out
    )
    assert sorted(p.stem for p in (tmp_path / "out").iterdir() if p.name != MANIFEST) == [
        n for n in CHART_FILES if n != "source_agreement"
    ]
