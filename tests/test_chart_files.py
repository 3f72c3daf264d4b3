"""Charts as files (rolekit.charts.files): one way to render and save every chart, whoever asks for it. A 16:9
canvas of 12 x 6.75 in, untrimmed, at DPI 150 (1800 x 1012 pixels); the alt text in the file's metadata; the same
bytes on every run; each file recorded in its folder's manifest; a chart a table cannot support skipped, saying why."""

import io

import pytest
from conftest import generated
from PIL import Image

import rolekit
from rolekit import charts
from rolekit.cli import main
from rolekit.output import MANIFEST, Output
from rolekit.validate import MissingColumns

pytestmark = pytest.mark.usefixtures("close_figures")

CHART_FILES = ["load", "role_profiles", "scope_horizon", "source_agreement", "theme_differences", "theme_overlap"]
SIZE = (1800, 1012)  # 12 x 6.75 in at 150 dpi, untrimmed


def _png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


# -- render: one chart, as the bytes of a file ---------------------------------------------------


def test_the_resolution_is_150_dpi_on_a_12_by_6_75_inch_canvas():
    assert charts.DPI == 150
    assert tuple(rolekit.plot_load(rolekit.load_responsibilities()).figure.get_size_inches()) == (12, 6.75)


@pytest.mark.slow
@pytest.mark.parametrize("table", ["bundled", "twelve roles, twenty themes"])
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_render_gives_an_untrimmed_png_of_1800_by_1012_pixels_holding_its_alt_text(name, table):
    df = rolekit.load_responsibilities() if table == "bundled" else generated(12, 20, True)
    image = _png(charts.render(charts.CHARTS[name](df), "png", "Chart. What it shows."))
    assert image.size == SIZE  # the same size whatever the table: never trimmed to its contents
    assert image.info["Description"] == "Chart. What it shows." and image.info["Software"] == "rolekit"


@pytest.mark.slow
def test_a_png_holds_the_pixels_matplotlib_draws_and_an_alpha_channel_only_if_a_pixel_is_transparent():
    import matplotlib.pyplot as plt
    import matplotlib.style
    import numpy as np

    from rolekit.style import STYLE

    df = rolekit.load_responsibilities()
    for figure_alpha, mode in ((1.0, "RGB"), (0.0, "RGBA")):  # a figure its maker made transparent stays so
        drawn, ours = rolekit.plot_scope_horizon(df), rolekit.plot_scope_horizon(df)
        for ax in (drawn, ours):
            ax.figure.patch.set_alpha(figure_alpha)
        theirs = io.BytesIO()
        with matplotlib.style.context(STYLE):
            drawn.figure.savefig(theirs, format="png", dpi=charts.DPI)
        plt.close(drawn.figure)
        image = _png(charts.render(ours, "png", "Chart. What it shows."))
        assert image.mode == mode and image.size == SIZE and image.info["dpi"] == pytest.approx((150, 150), abs=0.1)
        assert np.array_equal(np.asarray(image.convert("RGBA")), np.asarray(Image.open(theirs)))
    _, ax = plt.subplots(figsize=(3.33, 2))  # a canvas of no whole number of pixels: cut as Agg cuts it
    ax.plot([0, 1])
    assert _png(charts.render(ax)).size == (499, 300)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draw",
    [
        lambda: rolekit.plot_raci(rolekit.load_decisions(rolekit.EXAMPLE_RACI), against=rolekit.load_decisions()),
        lambda: rolekit.plot_tensions(rolekit.load_tensions()),
        lambda: rolekit.plot_compare(
            rolekit.load_responsibilities(), rolekit.load_responsibilities(rolekit.EXAMPLE_ORGANISATION)
        ),
    ],
    ids=["raci", "tensions", "compare"],
)
def test_the_charts_of_other_tables_render_at_the_same_size(draw):
    assert _png(charts.render(draw())).size == SIZE


@pytest.mark.slow
def test_svg_and_pdf_are_16_by_9_and_carry_the_alt_text_too():
    df = rolekit.load_responsibilities()
    svg = charts.render(rolekit.plot_load(df), "svg", "Chart. Où.").decode()
    assert 'width="864pt" height="486pt"' in svg and "<dc:description>Chart. Où.</dc:description>" in svg
    pdf = charts.render(rolekit.plot_load(df), "pdf", "Chart. Plain.")
    assert b"/MediaBox [ 0 0 864 486 ]" in pdf and b"/Subject (Chart. Plain.)" in pdf
    with pytest.raises(ValueError, match="format must be one of png, svg, pdf, not 'gif'"):
        charts.render(rolekit.plot_load(df), "gif")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", charts.FORMATS)
def test_render_gives_the_same_bytes_every_time(fmt):
    df = rolekit.load_responsibilities()
    assert charts.render(rolekit.plot_scope_horizon(df), fmt) == charts.render(rolekit.plot_scope_horizon(df), fmt)


def test_the_alt_text_is_the_charts_kind_then_its_title():
    ax = rolekit.plot_load(rolekit.load_responsibilities())
    title = " ".join(ax.get_title(loc="left").split())
    assert charts.alt_text(ax, rolekit.plot_load.kind) == f"Chart. {rolekit.plot_load.kind}. {title}"
    assert charts.alt_text(ax) == f"Chart. {title}"


# -- save_chart and save_charts: files in a folder rolekit owns ----------------------------------


def test_save_chart_writes_the_file_records_it_and_closes_the_figure(tmp_path):
    import matplotlib.pyplot as plt

    ax = rolekit.plot_load(rolekit.load_responsibilities())
    path = charts.save_chart(ax, Output(tmp_path, ["load.png"]), "load", rolekit.plot_load.kind)
    assert path == tmp_path / "load.png" and Output(tmp_path, ["load.png"]).owns("load.png")
    assert _png(path.read_bytes()).info["Description"] == charts.alt_text(ax, rolekit.plot_load.kind)
    assert not plt.fignum_exists(ax.figure.number)


@pytest.mark.slow
def test_save_charts_skips_a_chart_the_table_cannot_support_saying_what_needed_the_column(tmp_path):
    df = rolekit.load_responsibilities().drop(columns="source")
    with pytest.raises(MissingColumns) as caught:
        rolekit.plot_source_agreement(df)
    written, skipped = charts.save_charts(df, tmp_path)
    assert sorted(p.name for p in written) == [f"{n}.png" for n in CHART_FILES if n != "source_agreement"]
    assert skipped == [f"source_agreement: this table has no source column, which is needed {caught.value.purpose}"]
    assert caught.value.purpose == "to compare what each source says"


# -- rolekit figures, and every other command that saves a chart ---------------------------------


@pytest.mark.slow
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


@pytest.mark.slow
def test_figures_are_the_same_bytes_every_time(tmp_path):
    for run_dir in ("a", "b"):
        assert main(["figures", "--out", str(tmp_path / run_dir), "--format", "svg"]) == 0
    for name in CHART_FILES:
        assert (tmp_path / "a" / f"{name}.svg").read_bytes() == (tmp_path / "b" / f"{name}.svg").read_bytes()


@pytest.mark.slow
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


@pytest.mark.slow
def test_every_png_a_command_writes_is_1800_by_1012_with_its_alt_text(tmp_path, room):
    bundled = str(rolekit.bundled("data/responsibilities.csv"))
    assert main(["figures", "--out", str(tmp_path / "figures")]) == 0
    assert main(["compare", bundled, str(rolekit.EXAMPLE_ORGANISATION), "--out", str(tmp_path / "compare")]) == 0
    assert main(["raci", str(rolekit.EXAMPLE_RACI), "--out", str(tmp_path / "raci")]) == 0
    assert main(["score", str(room), "--out", str(tmp_path / "score")]) == 0
    pngs = sorted(tmp_path.glob("*/*.png"))
    assert {p.parent.name for p in pngs} == {"figures", "compare", "raci", "score"} and len(pngs) == 6 + 1 + 1 + 3
    for path in pngs:
        image = _png(path.read_bytes())
        assert image.size == SIZE, path
        assert image.info["Description"].startswith("Chart. ") and image.info["Software"] == "rolekit", path
