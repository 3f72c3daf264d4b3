"""The ``rolekit`` command line.

Commands: ``validate``, ``figures``, ``compare``, ``worksheet``, ``score``, ``raci``,
``notebooks``, ``handouts``, ``build``.

Exit status: 0 when everything asked for worked, 1 when a table has problems (each
printed on stderr), 2 for a command used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .analysis import table_summary
from .charts import FORMATS
from .datasets import load_responsibilities
from .validate import DataError, Problem

DATA: dict[str, Any] = {"metavar": "PATH", "help": "your table (default: the bundled one)"}
SCORE_COLUMNS = ["participant", "name", "dimension", "answered", "accuracy", "cohen_kappa"]  # scores.csv
REVEAL: dict[str, Any] = {
    "metavar": "DIR",
    "help": "a reveal.js 4 folder (with dist/ and plugin/), needed for the slides",
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="rolekit",
        description="Where the CEO and COO roles overlap and differ: "
        "check tables, draw charts, run the seminar notebooks.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check responsibility tables; print a one-line summary of each valid one",
        description="Check each table and print a one-line summary when it is valid, or every problem "
        "on stderr when it is not. Files are only read, never written.",
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="a CSV file with the columns role, responsibility, scope, horizon"
    )
    validate.set_defaults(run=_validate)
    figures = commands.add_parser(
        "figures",
        help="draw every chart for the bundled table or yours",
        description="Draw every chart and write one file per chart to DIR. A chart that needs a column "
        "the table lacks is skipped, saying why. Files rolekit did not make are never overwritten.",
    )
    figures.add_argument("--data", **DATA)
    figures.add_argument(
        "--out", metavar="DIR", default="build/figures", help="where to write the charts (default: %(default)s)"
    )
    figures.add_argument("--format", choices=FORMATS, default="png", help="file format (default: %(default)s)")
    figures.set_defaults(run=_figures)
    series = commands.add_parser(
        "notebooks",
        help="run the notebook series on the bundled table or yours",
        description="Run every notebook of the series, and the seminar deck, on a table, and write "
        "the executed notebooks to DIR. Notebooks needing a column the table lacks say so in prose.",
    )
    series.add_argument("--data", **DATA)
    series.add_argument(
        "--out", metavar="DIR", default="build/notebooks", help="where to write them (default: %(default)s)"
    )
    series.set_defaults(run=_notebooks)
    handouts = commands.add_parser(
        "handouts",
        help="export executed notebooks to HTML handouts and offline slides",
        description="Export each executed notebook to HTML without code cells, and the seminar deck "
        "to reveal.js slides that load reveal.js from a copy beside them.",
    )
    handouts.add_argument(
        "--notebooks", metavar="DIR", default="build/notebooks", help="executed notebooks (default: %(default)s)"
    )
    handouts.add_argument(
        "--out", metavar="DIR", default="build/handouts", help="where to write the handouts (default: %(default)s)"
    )
    handouts.add_argument("--reveal", **REVEAL)
    handouts.set_defaults(run=_handouts)
    comparing = commands.add_parser(
        "compare",
        help="compare two tables: what moved between roles, what was retagged, added or removed",
        description="Compare two responsibility tables (say, the articles' and your organisation's) and print a "
        "one-paragraph summary. With --out, also write the chart (compare.png) and the comparison "
        "table (comparison.csv) to DIR. Each table is checked like `rolekit validate` checks it.",
    )
    comparing.add_argument("before", metavar="BEFORE", help="the first table, such as data/responsibilities.csv")
    comparing.add_argument("after", metavar="AFTER", help="the second table, such as your organisation's")
    comparing.add_argument("--out", metavar="DIR", help="where to write compare.png and comparison.csv")
    comparing.set_defaults(run=_compare)
    sheets = commands.add_parser(
        "worksheet",
        help="make the tagging exercise: sheets to fill in, a printable page, the answer key",
        description="Draw N responsibilities from a table, balanced across roles and quadrants, and write "
        "DIR/sheets/P01.csv... (one fill-in sheet per participant), DIR/worksheet.html (one printable "
        "page) and DIR/key/answer_key.csv (keep it from the room). The same seed gives the same sheet.",
    )
    sheets.add_argument("--n", type=int, default=12, help="how many responsibilities (default: %(default)s)")
    sheets.add_argument("--seed", type=int, default=0, help="the draw's seed (default: %(default)s)")
    sheets.add_argument("--data", **DATA)
    sheets.add_argument(
        "--participants", type=int, default=12, metavar="K", help="how many fill-in sheets (default: %(default)s)"
    )
    sheets.add_argument("--out", metavar="DIR", required=True, help="where to write them")
    sheets.set_defaults(run=_worksheet)
    scoring = commands.add_parser(
        "score",
        help="score returned sheets: agreement in the room and with the key",
        description="Read returned sheets (a folder, several CSV files, or one CSV exported from an online "
        "form) and print how much the room agrees on role, scope and horizon, and with the key. "
        "With --out, write scores.csv, items.csv, confusion.csv, three charts and report.html to DIR. Sheets "
        "that cannot be used are named, with why, and skipped.",
    )
    scoring.add_argument(
        "responses", nargs="+", metavar="RESPONSES", help="a folder of sheets, sheet files, or a form export"
    )
    scoring.add_argument(
        "--key", metavar="PATH", help="the answer key (default: key/answer_key.csv beside the sheets' folder)"
    )
    scoring.add_argument("--out", metavar="DIR", help="where to write the scores, charts and report")
    scoring.set_defaults(run=_score)
    raci = commands.add_parser(
        "raci",
        help="decision rights: write a blank RACI template, or check a filled one against the articles'",
        description="With --template DIR, write DIR/raci_template.csv: the articles' decisions, one column per "
        "role, for a team to fill with R, A, C or I (A/R for a role that owns a decision and does it). With a FILE, "
        "check it (exactly one A per decision; one letter per role, or A/R) and print how it differs from the "
        "articles' RACI, with a note wherever it was read generously (an A with no R is read as the A doing it); "
        "with --out DIR, also write DIR/raci.png, the grid with the differences outlined. A FILE may be wide (a "
        "Decision, Task or Activity column and a column per role, as RACI templates are) or long (decision, role, "
        "raci).",
    )
    raci.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a filled RACI table (wide: decision and a column per role; or long: decision, role, raci)",
    )
    raci.add_argument("--template", metavar="DIR", help="where to write raci_template.csv")
    raci.add_argument(
        "--roles", metavar="NAMES", help="the template's role columns, comma-separated (default: the articles' roles)"
    )
    raci.add_argument("--out", metavar="DIR", help="where to write raci.png")
    raci.set_defaults(run=_raci, usage=raci.error)
    build = commands.add_parser(
        "build",
        help="everything at once: check the table, charts, executed notebooks, handouts",
        description="Check the table, then write charts to DIR/figures, the executed series to "
        "DIR/notebooks and handouts and slides to DIR/handouts: what `make run` makes.",
    )
    build.add_argument("--data", **DATA)
    build.add_argument("--out", metavar="DIR", default="build", help="where to write everything (default: %(default)s)")
    build.add_argument("--reveal", **REVEAL)
    build.set_defaults(run=_build)
    for stream in (sys.stdout, sys.stderr):  # a role in Arabic or an emoji must not crash a cp1252 terminal
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:  # a bad table, a missing folder, a failed notebook: the problems, no traceback
        print("\n".join(map(str, err.problems)), file=sys.stderr)
        return 1
    except OSError as err:  # a disk that filled up, a folder that vanished while writing
        print(
            str(Problem(str(err.filename or "rolekit"), None, None, f"cannot be written: {err.strerror or err}")),
            file=sys.stderr,
        )
        return 1


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        try:
            df = load_responsibilities(path)
        except DataError as err:
            print("\n".join(map(str, err.problems)), file=sys.stderr)
            status = 1
        else:
            print(table_summary(df, path))
    return status


def _figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, whatever the machine has
    from .charts import save_charts

    written, skipped = save_charts(load_responsibilities(args.data), args.out, args.format)
    print("\n".join([f"wrote {p}" for p in written] + [f"skipped {s}" for s in skipped]))
    return 0


def _raci(args: argparse.Namespace) -> int:
    from .decisions import load_decisions, raci_summary, raci_template
    from .output import Output

    if bool(args.file) == bool(args.template):  # a usage error: argparse prints the usage and exits 2
        args.usage("give either a FILE to check or --template DIR to write a blank one, not both or neither")
    if args.template:
        if args.out:
            args.usage("--out goes with a FILE to check; --template DIR is where the template goes")
        roles = [r.strip() for r in args.roles.split(",") if r.strip()] if args.roles is not None else None
        try:  # every name checked before anything is written
            template = raci_template(roles=roles)
        except DataError as err:
            args.usage("argument --roles: " + "; ".join(p.message for p in err.problems))
        written = Output(args.template, ["raci_template.csv"]).write_csv("raci_template.csv", template)
        print(
            f"wrote {written}: fill each role's column with R, A, C or I (A/R for a role that owns a decision and "
            f"does it; blank or - where the role has no part), then run rolekit raci {written}"
        )
        return 0
    if args.roles is not None:
        args.usage("--roles goes with --template DIR: it names the template's role columns")
    folder = Output(args.out, ["raci.png"]) if args.out else None
    mine, articles = load_decisions(args.file), load_decisions()
    for note in mine.attrs.get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    print(raci_summary(mine, against=articles, name="the articles"))
    if folder:
        import matplotlib

        matplotlib.use("Agg")
        from .charts import plot_raci, save_chart

        drawn = plot_raci(mine, against=articles, name="the articles")
        print(f"wrote {save_chart(drawn, folder, 'raci', plot_raci.kind)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .charts import chart_files, save_charts
    from .seminar import export_handouts, handout_plan, notebooks, run_series, series_folder

    out = Path(args.out)
    # Every target checked at once, not after the notebooks have run.
    chart_files(out / "figures")
    series_folder(out / "notebooks")
    handout_plan(
        out / "notebooks", out / "handouts", args.reveal, sources=[out / "notebooks" / p.name for p in notebooks()]
    )
    df = load_responsibilities(args.data)
    print(table_summary(df, args.data or "bundled table"))
    charts: list[tuple[list[Path], list[str]]] = []  # drawn here while the notebooks run in other processes
    executed = run_series(
        args.data, out / "notebooks", meanwhile=lambda: charts.append(save_charts(df, out / "figures"))
    )
    handouts = export_handouts(out / "notebooks", out / "handouts", args.reveal)
    written, skipped = charts[0]
    print("\n".join([f"wrote {p}" for p in [*written, *executed, *handouts]] + [f"skipped {s}" for s in skipped]))
    return 0


def _compare(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .compare import compare, summary

    tables, problems = [], []
    for path in (args.before, args.after):  # both files checked, every problem of both reported
        try:
            tables.append(load_responsibilities(path))
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    folder = None
    if args.out:
        from .output import Output

        folder = Output(args.out, ["compare.png", "comparison.csv"])
    before, after = tables
    changes = compare(before, after)
    print(f"{args.before} -> {args.after}: {summary(changes)}")
    if folder is not None:
        from .charts import plot_compare, save_chart

        print(f"wrote {save_chart(plot_compare(before, after), folder, 'compare', plot_compare.kind)}")
        print(f"wrote {folder.write_csv('comparison.csv', changes)}")
    return 0


def _worksheet(args: argparse.Namespace) -> int:
    from .exercise import sheet_html, sheet_table, worksheet
    from .output import Output

    if args.n < 1 or args.participants < 1:
        raise DataError([Problem("rolekit worksheet", None, None, "--n and --participants must be at least 1")])
    names = [f"sheets/P{i + 1:02d}.csv" for i in range(args.participants)]
    folder = Output(args.out, [*names, "worksheet.html", "key/answer_key.csv"])
    df = load_responsibilities(args.data)
    sheet = worksheet(df, args.n, args.seed)
    roles = [str(r) for r in df["role"].cat.categories if r in set(sheet.key["role"])]  # the answers scoring accepts
    table = sheet_table(sheet, roles)
    written = [folder.write_csv(name, table) for name in names]
    written.append(folder.write_text("worksheet.html", sheet_html(sheet, roles)))
    written.append(folder.write_csv("key/answer_key.csv", sheet.key))
    print("\n".join(f"wrote {p}" for p in written))
    print(f"{args.n} responsibilities for {args.participants} participant(s); keep {written[-1]} away from the room")
    return 0


def _score(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .exercise import report_html, score_sheets, summary

    folder = None
    if args.out:
        from .output import Output

        folder = Output(
            args.out,
            [
                "scores.csv",
                "items.csv",
                "confusion.csv",
                "agreement.png",
                "disputed.png",
                "room_vs_key.png",
                "report.html",
            ],
        )
    scores = score_sheets(args.responses, args.key)
    for problem in scores.problems:
        print(str(problem), file=sys.stderr)
    print(summary(scores))
    if folder is None:
        return 0
    from .charts import alt_text, plot_agreement, plot_disputed, plot_room_vs_key, save_chart

    charts = {}
    for name, draw in (("agreement", plot_agreement), ("disputed", plot_disputed), ("room_vs_key", plot_room_vs_key)):
        ax = draw(scores)
        alt = alt_text(ax, draw.kind)
        path = save_chart(ax, folder, name, draw.kind)
        charts[name] = (path.read_bytes(), alt)  # the report shows the files just written
        print(f"wrote {path}")
    print(f"wrote {folder.write_csv('scores.csv', scores.participants[SCORE_COLUMNS])}")
    print(f"wrote {folder.write_csv('items.csv', scores.items)}")
    print(f"wrote {folder.write_csv('confusion.csv', scores.confusion)}")
    print(f"wrote {folder.write_text('report.html', report_html(scores, charts))}")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .seminar import run_series

    print("\n".join(f"wrote {path}" for path in run_series(args.data, args.out)))
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .seminar import export_handouts

    print("\n".join(f"wrote {path}" for path in export_handouts(args.notebooks, args.out, args.reveal)))
    return 0
