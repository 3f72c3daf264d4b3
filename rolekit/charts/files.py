"""Charts as files and as notebook images: one way to render and save every chart.

Every chart rolekit writes, from ``rolekit figures``, ``compare``, ``raci`` and
``score`` to the notebooks, handouts and deck, goes through :func:`render`: the style
sheet's canvas (12 x 6.75 in, untrimmed, so always 16:9) at :data:`DPI`, the same
metadata, and its alt text written into the file. While :func:`drawn_once` runs, a chart drawn
before from the same inputs is not drawn again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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

__all__ = [
    "CHARTS",
    "DPI",
    "FORMATS",
    "alt_text",
    "chart_files",
    "draw_charts",
    "drawn_before",
    "drawn_key",
    "drawn_once",
    "keep_drawn",
    "render",
    "save_chart",
    "save_charts",
]

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

_DRAWN: Path | None = None  # while drawn_once runs: where each chart drawn is kept, by its inputs


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
        rgba = _pixels(figure)
    return _png(rgba, figure, _metadata(fmt, alt))


def _pixels(figure: Figure) -> bytes:
    """The pixels of ``figure`` at :data:`DPI`, as ``savefig(format="rgba")`` gives them, drawn in one pass.

    ``savefig`` draws a figure that has a layout engine (every rolekit chart: the style
    sheet's constrained layout) twice, once unrendered to lay it out and once to render
    it; an Agg canvas lays out and renders in one draw, to the same pixels in a fifth
    less time. As ``savefig`` does, the figure's own canvas is put back, and its colours
    are the style sheet's ``savefig`` colours while it draws.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    own_canvas, own_dpi = figure.canvas, figure.dpi
    own_colours = {"facecolor": figure.get_facecolor(), "edgecolor": figure.get_edgecolor()}
    rc = matplotlib.rcParams
    saved = {"facecolor": rc["savefig.facecolor"], "edgecolor": rc["savefig.edgecolor"]}
    try:
        figure.set(**{part: colour for part, colour in saved.items() if colour != "auto"})
        figure.dpi = DPI
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        return bytes(canvas.buffer_rgba())
    finally:
        figure.dpi = own_dpi
        figure.set(**own_colours)
        figure.set_canvas(own_canvas)


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

    A chart needing a column ``df`` lacks, or with nothing to draw, is skipped. While
    :func:`drawn_once` runs, a PNG chart shown before of the same table is not drawn again.

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
        key = drawn_key(draw, df, {}) if fmt == "png" else None
        found = drawn_before(key)
        if found is not None:  # drawn before, while drawn_once runs: by a notebook showing this chart of df
            files[f"{name}.{fmt}"] = found[0]
            continue
        try:
            ax = draw(df)
        except MissingColumns as err:
            skipped.append(f"{name}: {err.lacking()}")
        except DataError as err:
            skipped.append(f"{name}: {err.problems[0].message}")
        else:
            try:
                alt = alt_text(ax, getattr(draw, "kind", None))
                files[f"{name}.{fmt}"] = render(ax, fmt, alt)
            finally:
                plt.close(figure_of(ax))
            keep_drawn(key, files[f"{name}.{fmt}"], alt)
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


# -- Drawn once: while a series is built, a chart of the same inputs is drawn by the first that shows it --------


@contextlib.contextmanager
def drawn_once() -> Iterator[Path]:
    """While the block runs, a chart of the same inputs is drawn once, by the first that shows or saves it.

    For the notebooks of one series and the build's chart files, run in forks of this
    process (see :mod:`rolekit.runner`): several of them show the same chart of the same
    table, and drawing is most of their time. :func:`rolekit.show` and
    :func:`draw_charts` keep each PNG chart they draw, in a temporary folder removed at
    the end, under :func:`drawn_key`: a hash of the chart function, the table (its
    columns, types and every value), the options and matplotlib's settings. The same
    inputs give the same bytes, so what is shown is what would have been drawn. Inputs
    that cannot be hashed are drawn.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()[["role", "responsibility", "scope", "horizon"]]  # two of the charts
    >>> with drawn_once() as folder:
    ...     first, again = draw_charts(df), draw_charts(df)
    ...     len(list(folder.glob("*.png")))
    2
    >>> first == again
    True
    """
    global _DRAWN
    with tempfile.TemporaryDirectory(prefix="rolekit-charts-") as folder:
        _DRAWN = Path(folder)
        try:
            yield _DRAWN
        finally:
            _DRAWN = None


def _digest(value: Any) -> str | None:
    """What ``value`` holds, as text: a DataFrame's hash (its columns, types, values), a plain value's repr; or None."""
    if isinstance(value, pd.DataFrame):
        try:
            rows = pd.util.hash_pandas_object(value, index=True).to_numpy()
        except TypeError:  # a cell holding a list or another unhashable value
            return None
        categories = [list(value[c].cat.categories) for c in value if isinstance(value[c].dtype, pd.CategoricalDtype)]
        head = repr([list(map(str, value.columns)), list(map(str, value.dtypes)), categories])
        return hashlib.sha256(head.encode() + rows.tobytes()).hexdigest()
    plain = (str, int, float, bool, type(None))
    if isinstance(value, plain) or (isinstance(value, (list, tuple)) and all(isinstance(v, plain) for v in value)):
        return repr(value)
    return None  # another object's repr may leave out what it holds (a summary of a table, an address)


def drawn_key(draw: Callable[..., Any], df: Any, options: dict[str, Any]) -> str | None:
    """The key the PNG of ``draw(df, **options)`` is kept under while :func:`drawn_once` runs; None if not kept.

    Only charts (functions made by :func:`rolekit.charts.chart`) are kept.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> drawn_key(rolekit.plot_load, df, {}) is None  # outside drawn_once
    True
    >>> with drawn_once():
    ...     drawn_key(rolekit.plot_load, df, {}) == drawn_key(rolekit.plot_load, df.copy(), {})
    True
    """
    if _DRAWN is None or not hasattr(draw, "kind"):
        return None
    digests = [_digest(df)] + [_digest(options[name]) for name in sorted(options)]
    if None in digests:
        return None
    settings = repr(sorted(matplotlib.rcParams.items()))  # a cell may change what the style sheet leaves alone
    parts = [f"{draw.__module__}.{draw.__qualname__}", *sorted(options), *map(str, digests), settings]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def drawn_before(key: str | None) -> tuple[bytes, str] | None:
    """The PNG and alt text kept under ``key`` (see :func:`drawn_key`), or None when there is none."""
    if key is None or _DRAWN is None or not (_DRAWN / f"{key}.png").is_file():
        return None
    return (_DRAWN / f"{key}.png").read_bytes(), (_DRAWN / f"{key}.txt").read_text(encoding="utf-8")


def keep_drawn(key: str | None, png: bytes, alt: str) -> None:
    """Keep a chart's PNG and alt text under ``key``, while :func:`drawn_once` runs: each file whole, the PNG last.

    Forks keep charts side by side: each file is written under a scratch name and then
    takes its place, so :func:`drawn_before` never reads half a file.
    """
    if key is None or _DRAWN is None:
        return
    for name, data in ((f"{key}.txt", alt.encode("utf-8")), (f"{key}.png", png)):
        handle, scratch = tempfile.mkstemp(dir=_DRAWN)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(scratch, _DRAWN / name)
