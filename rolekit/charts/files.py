"""Charts as files and as notebook images: one way to render and save every chart.

Every chart rolekit writes, from ``rolekit figures``, ``compare``, ``raci`` and
``score`` to the notebooks, handouts and deck, goes through :func:`render`: the style
sheet's canvas (12 x 6.75 in, untrimmed, so always 16:9) at :data:`DPI`, the same
metadata, and its alt text written into the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..output import CHART_FORMATS, Output
from ..style import STYLE
from ..validate import DataError, MissingColumns
from ._base import figure_of
from .roles import plot_role_profiles, plot_scope_horizon
from .themes import plot_load, plot_source_agreement, plot_theme_differences, plot_theme_overlap

__all__ = ["CHARTS", "DPI", "FORMATS", "alt_text", "chart_files", "draw_charts", "render", "save_chart", "save_charts"]

# 150 px per inch on the 12-inch canvas: 1800 x 1012 pixels. The deck shows a chart 1200 px wide on its
# 1280 x 720 slide, so 12-point text stays sharp there and when reveal.js scales the slide 1.5x to 1080p.
DPI = 150
MADE_BY = "rolekit"
FORMATS = CHART_FORMATS

# Every chart of a responsibilities table, by the name its file gets from ``rolekit figures``.
CHARTS = {
    "scope_horizon": plot_scope_horizon,
    "role_profiles": plot_role_profiles,
    "theme_overlap": plot_theme_overlap,
    "load": plot_load,
    "theme_differences": plot_theme_differences,
    "source_agreement": plot_source_agreement,
}


def alt_text(ax: Axes, kind: str | None = None) -> str:
    """The chart's text alternative: its kind (declared by :func:`rolekit.charts.chart`), then its title, the finding.

    >>> import rolekit
    >>> ax = rolekit.plot_role_profiles(rolekit.load_responsibilities())
    >>> alt_text(ax, rolekit.plot_role_profiles.kind).split(". ")[:2]
    ['Chart', "Bars of each role's share of responsibilities by scope and by horizon, roles side by side"]
    """
    title = " ".join(ax.get_title(loc="left").split())
    return f"Chart. {kind}. {title}" if kind else f"Chart. {title}"


def _metadata(fmt: str, alt: str) -> dict[str, str | None]:
    if fmt != "svg":  # SVG's XML is escaped by matplotlib; a PNG's or PDF's text is shown as found, in web pages too
        alt = alt.replace("<", "&lt;").replace(">", "&gt;")
    if fmt == "png":
        return {"Software": MADE_BY, "Description": alt}
    if fmt == "svg":
        return {"Creator": MADE_BY, "Date": None, "Description": alt}
    return {"Creator": MADE_BY, "Producer": MADE_BY, "CreationDate": None, "ModDate": None, "Subject": alt}


def render(ax: Axes, fmt: str = "png", alt: str = "") -> bytes:
    """The chart drawn on ``ax`` as the bytes of a ``fmt`` file (png, svg or pdf), with ``alt`` in its metadata.

    The same table gives the same bytes every time.

    >>> import rolekit
    >>> png = render(rolekit.plot_load(rolekit.load_responsibilities()))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    buffer = io.BytesIO()
    figure = figure_of(ax)
    with matplotlib.style.context(STYLE):
        if fmt != "png":
            figure.savefig(buffer, format=fmt, dpi=DPI, metadata=_metadata(fmt, alt))
            return buffer.getvalue()
        figure.savefig(buffer, format="rgba", dpi=DPI)
    return _png(buffer.getvalue(), figure, _metadata(fmt, alt))


def _png(rgba: bytes, figure: Figure, metadata: dict[str, str | None]) -> bytes:
    """The pixels ``rgba`` of ``figure`` drawn at :data:`DPI` as a PNG file, with ``metadata`` as its text.

    The pixels matplotlib's own PNG writer stores, written in half its time for files
    about as large: a chart with no transparent pixel (every rolekit chart: the style
    sheet saves figures on white) is stored without an alpha channel, and zlib's level 3
    compresses these charts nearly as well as matplotlib's level 6. A figure its maker
    made transparent keeps its alpha channel.
    """
    from PIL import Image, PngImagePlugin

    width, height = (int(side * DPI) for side in figure.get_size_inches())  # as the Agg canvas sizes itself
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    info = PngImagePlugin.PngInfo()
    for name, value in metadata.items():
        if value is not None:
            info.add_text(name, value)
    out = io.BytesIO()
    image.save(out, format="png", pnginfo=info, dpi=(DPI, DPI), compress_level=3)
    return out.getvalue()


def save_chart(ax: Axes, folder: Output, name: str, kind: str | None = None, fmt: str = "png") -> Path:
    """Write the chart on ``ax`` to ``folder/NAME.FMT`` (recorded in the folder's manifest), then close its figure.

    ``folder`` is an :class:`rolekit.output.Output` that was told the name in advance,
    so nothing is written over a file rolekit did not make.
    """
    import matplotlib.pyplot as plt

    try:
        return folder.write_bytes(f"{name}.{fmt}", render(ax, fmt, alt_text(ax, kind)))
    finally:
        plt.close(figure_of(ax))


def chart_files(out: str | Path, fmt: str = "png") -> Output:
    """The folder ``out``, checked for writing every chart.

    DataError if it cannot be written, or holds files rolekit did not make.
    """
    return Output(out, [f"{name}.{fmt}" for name in CHARTS])


def draw_charts(df: pd.DataFrame, fmt: str = "png") -> tuple[dict[str, bytes], list[str]]:
    """Draw every chart of ``df`` as a ``fmt`` file's bytes, by file name; and the charts skipped, and why.

    A chart needing a column ``df`` lacks, or with nothing to draw, is skipped.

    >>> import rolekit
    >>> no_themes = rolekit.load_responsibilities()[["role", "responsibility", "scope", "horizon"]]
    >>> files, skipped = draw_charts(no_themes)
    >>> list(files)
    ['scope_horizon.png', 'role_profiles.png']
    >>> skipped[0]
    'theme_overlap: this table has no theme column, which is needed to compare roles theme by theme'
    """
    import matplotlib.pyplot as plt

    files, skipped = {}, []
    for name, draw in CHARTS.items():
        try:
            ax = draw(df)
        except MissingColumns as err:
            skipped.append(f"{name}: this table has no {', '.join(err.columns)} column, which is needed {err.purpose}")
        except DataError as err:
            skipped.append(f"{name}: {err.problems[0].message}")
        else:
            try:
                files[f"{name}.{fmt}"] = render(ax, fmt, alt_text(ax, getattr(draw, "kind", None)))
            finally:
                plt.close(figure_of(ax))
    return files, skipped


def save_charts(df: pd.DataFrame, out: str | Path, fmt: str = "png") -> tuple[list[Path], list[str]]:
    """Draw every chart of ``df`` and write each to ``out/NAME.FMT``.

    Returns what was written, and what was skipped and why (see :func:`draw_charts`).
    A skipped chart's file from an earlier table is removed, so the folder never shows
    another table's chart. A file rolekit did not make is never overwritten (DataError
    instead, before anything is written; see :mod:`rolekit.output`).

    >>> import rolekit, tempfile
    >>> no_themes = rolekit.load_responsibilities()[["role", "responsibility", "scope", "horizon"]]
    >>> written, skipped = save_charts(no_themes, tempfile.mkdtemp())
    >>> [p.name for p in written], len(skipped)
    (['scope_horizon.png', 'role_profiles.png'], 4)
    """
    with chart_files(out, fmt) as folder:
        files, skipped = draw_charts(df, fmt)
        written = [folder.write_bytes(name, data) for name, data in files.items()]
        folder.prune(set(folder.made) - ({f"{name}.{fmt}" for name in CHARTS} - set(files)))
    return written, skipped
