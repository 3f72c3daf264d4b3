"""The ``rolekit`` command line.

Commands: ``validate``, ``figures``, ``compare``, ``worksheet``, ``score``, ``room``,
``raci``, ``notebooks``, ``handouts``, ``build``, ``lab``, ``pdf``.

Exit status: 0 when everything asked for worked, 1 when a table has problems (each
printed on stderr), 2 for a command used wrongly.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .analysis import table_summary
from .datasets import load_responsibilities
from .output import CHART_FORMATS
from .pdf import CHROMIUM, PAPERS, print_pdfs
from .text import shown
from .validate import DataError, Problem, look_alike_roles

DATA: dict[str, Any] = {"metavar": "PATH", "help": "your table (default: the bundled one)"}
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
    figures.add_argument("--format", choices=CHART_FORMATS, default="png", help="file format (default: %(default)s)")
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
    comparing.add_argument(
        "--threshold",
        type=_share,
        default=0.6,
        metavar="S",
        help="without ids, how alike (0 to 1) two rows must be to count as one responsibility (default: %(default)s)",
    )
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
    room = commands.add_parser(
        "room",
        help="the live exercise: phones on the local Wi-Fi tag the worksheet's items, or assign a RACI",
        description="Serve a round to the room's phones on this laptop's local network: the items of a "
        "`rolekit worksheet` folder (its key stays on the laptop), or with --raci the decisions of a RACI "
        "template, for each of which a participant names who is accountable and who is responsible. Prints "
        "the join address (and a QR code) and the facilitator's address, whose page shows live agreement "
        "and a Close button. Every answer is kept in DIR/room.sqlite: stopped or killed, the same command "
        "carries on with the same addresses. Close writes what `rolekit score --out` writes (or, for a RACI "
        "round, raci.csv for `rolekit raci`, the split per decision and raci.png).",
    )
    room.add_argument("exercise", nargs="?", metavar="EXERCISE_DIR", help="a folder `rolekit worksheet` wrote")
    room.add_argument("--raci", metavar="TEMPLATE", help="a RACI template (`rolekit raci --template`) to serve instead")
    room.add_argument(
        "--roles",
        metavar="NAMES",
        help="for --raci: the roles to choose among, comma-separated; quote a name with a comma in it: "
        "'CEO,\"Head of Sales, EMEA\"' (default: its columns)",
    )
    room.add_argument(
        "--out",
        metavar="DIR",
        help="where answers and results go (default: EXERCISE_DIR/room, or room/ beside TEMPLATE)",
    )
    room.add_argument(
        "--host",
        metavar="ADDR",
        help="the address to listen on (default: this laptop's on the local network; 127.0.0.1 keeps it on the laptop)",
    )
    room.add_argument(
        "--port", type=int, metavar="N", help="the port (default: 8765, or the one used before; 0: any free one)"
    )
    room.add_argument("--hours", type=float, default=3.0, help="stop by itself after this long (default: %(default)g)")
    room.add_argument(
        "--max-participants", type=int, default=200, metavar="N", help="phones that may join (default: %(default)s)"
    )
    room.add_argument(
        "--close",
        action="store_true",
        help="with the server stopped: close the round and write its results, without serving it",
    )
    room.set_defaults(run=_room)
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
        "--roles",
        metavar="NAMES",
        help="the template's role columns, comma-separated; quote a name with a comma in it: "
        "'CEO,\"Head of Sales, EMEA\"' (default: the articles' roles)",
    )
    raci.add_argument("--out", metavar="DIR", help="where to write raci.png")
    raci.set_defaults(run=_raci, usage=raci.error)
    build = commands.add_parser(
        "build",
        help="everything at once: check the table, charts, executed notebooks, handouts",
        description="Check the table, then write charts to DIR/figures, the executed series to "
        "DIR/notebooks, handouts and slides to DIR/handouts and a working copy of the notebooks to DIR/lab: "
        "what `make run` makes. DIR then holds this build only: files an earlier build wrote that this one "
        "does not are removed, and a notebook of DIR/lab you changed is kept as it is.",
    )
    build.add_argument("--data", **DATA)
    build.add_argument("--out", metavar="DIR", default="build", help="where to write everything (default: %(default)s)")
    build.add_argument("--reveal", **REVEAL)
    build.set_defaults(run=_build)
    pdf = commands.add_parser(
        "pdf",
        help="print the handouts and the slides to PDF (needs Chromium)",
        description="Print every handout in the handouts folder to PDF, on A4 or Letter, and the slide deck one "
        "16:9 page per slide, through headless Chromium with the network refused. The PDFs are tagged (headings "
        "and the charts' alt text are in their structure). Files rolekit did not make are never overwritten.",
    )
    pdf.add_argument(
        "--handouts", metavar="DIR", default="build/handouts", help="the handouts to print (default: %(default)s)"
    )
    pdf.add_argument("--out", metavar="DIR", default="build/pdf", help="where to write the PDFs (default: %(default)s)")
    pdf.add_argument(
        "--paper",
        choices=list(PAPERS),
        default="a4",
        type=str.lower,
        help="the handouts' paper; the slides are 16:9 (default: %(default)s)",
    )
    pdf.add_argument(
        "--chromium", metavar="PATH", default=str(CHROMIUM), help="the Chromium to print with (default: %(default)s)"
    )
    pdf.set_defaults(run=_pdf)
    lab = commands.add_parser(
        "lab",
        help="open the last build's notebooks in JupyterLab, saying which table they were run on",
        description="Say which table the working copy DIR/lab (written by `rolekit build`) was run on and which "
        "notebooks you changed there, then open it in JupyterLab: what `make lab` does.",
    )
    lab.add_argument("--out", metavar="DIR", default="build", help="the build's folder (default: %(default)s)")
    lab.add_argument("--no-open", action="store_true", help="only say what the working copy holds")
    lab.set_defaults(run=_lab)
    for stream in (sys.stdout, sys.stderr):  # a role in Arabic or an emoji must not crash a cp1252 terminal
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as err:  # a bad table, a missing folder, a failed notebook: the problems, no traceback
        print("\n".join(map(str, err.problems)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before a command's own handling of it: no traceback
        print("rolekit: interrupted", file=sys.stderr)
        return 130
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
            _say(table_summary(df, path), *[f"{path}: note: {note}" for note in look_alike_roles(df)])
    return status


def _figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, whatever the machine has
    from .charts import save_charts

    written, skipped = save_charts(load_responsibilities(args.data), args.out, args.format)
    _say(*[f"wrote {p}" for p in written], *[f"skipped {s}" for s in skipped])
    return 0


def _raci(args: argparse.Namespace) -> int:
    from .decisions import load_decisions, raci_summary, raci_template
    from .output import Output

    if bool(args.file) == bool(args.template):  # a usage error: argparse prints the usage and exits 2
        args.usage("give either a FILE to check or --template DIR to write a blank one, not both or neither")
    if args.template:
        if args.out:
            args.usage("--out goes with a FILE to check; --template DIR is where the template goes")
        roles = _role_names(args.roles) if args.roles is not None else None
        try:  # every name checked before anything is written
            template = raci_template(roles=roles)
        except DataError as err:
            args.usage("argument --roles: " + "; ".join(p.message for p in err.problems))
        written = Output(args.template, ["raci_template.csv"], option="--template").write_csv(
            "raci_template.csv", template
        )
        _say(
            f"wrote {written}: its rows are the articles' decisions (reword, delete or add rows to fit your team); "
            "fill each role's column with R, A, C or I (A/R for a role that owns a decision and does it; blank or - "
            f"where the role has no part), then run rolekit raci {written}"
        )
        return 0
    if args.roles is not None:
        args.usage("--roles goes with --template DIR: it names the template's role columns")
    folder = Output(args.out, ["raci.png"]) if args.out else None
    mine, articles = load_decisions(args.file), load_decisions()
    for note in mine.attrs.get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    _say(raci_summary(mine, against=articles, name="the articles"))
    if folder:
        import matplotlib

        matplotlib.use("Agg")
        from .charts import plot_raci, save_chart

        drawn = plot_raci(mine, against=articles, name="the articles")
        _say(f"wrote {save_chart(drawn, folder, 'raci', plot_raci.kind)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .builds import PARTS, build
    from .seminar import lab_note

    out = Path(args.out)
    df = load_responsibilities(args.data)
    name = args.data or "bundled table"
    _say(table_summary(df, name), *[f"{name}: note: {note}" for note in look_alike_roles(df)])
    done = build(args.data, out, args.reveal)
    unchanged = sum(len(paths) for paths in done.unchanged.values())
    _say(
        *[f"wrote {p}" for part in PARTS for p in done.written[part]],
        *([f"unchanged: {unchanged} files already built from this table and this kit"] if unchanged else []),
        *[f"skipped {s}" for s in done.skipped],
        *[
            f"removed from {out / part}: {_some(names)} (an earlier build's, not part of this one)"
            for part, names in done.removed.items()
            if names
        ],
        *[
            f"kept {p} as it is: changed since rolekit wrote it (this build's copy: {out / 'notebooks'})"
            for p in done.kept
        ],
    )
    charts = len(done.charts)
    charts_line = f"{out / 'figures'}/ ({charts} chart{'s' * (charts != 1)}"
    charts_line += f"; {len(done.skipped)} skipped, said above)" if done.skipped else ")"
    _say(
        "",
        f"Built from {args.data or 'the bundled table'}:",
        f"  Charts:             {charts_line}",
        f"  Executed notebooks: {out / 'notebooks'}/",
        f"  Handouts:           {out / 'handouts'}/*.html (open in a browser; no network needed)",
        f"  Slides:             {out / 'handouts' / 'seminar_deck.slides.html'} (press S for speaker notes)",
        f"  Working copy:       {lab_note(out / 'lab', out / 'notebooks')}",
        f"  Open the working copy in JupyterLab: {'make lab' if out == Path('build') else f'rolekit lab --out {out}'}",
    )
    return 0


def _share(text: str) -> float:
    """A number from 0 to 1, for argparse: anything else is a usage error (exit 2) saying what is allowed."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number from 0 to 1, such as 0.6")
    return value


def _lab(args: argparse.Namespace) -> int:
    from .seminar import lab_note

    out = Path(args.out)
    _say(lab_note(out / "lab", out / "notebooks"))
    if args.no_open:
        return 0
    import subprocess

    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # JupyterLab refuses root without
    return subprocess.call([sys.executable, "-m", "jupyterlab", str(out / "lab"), *root])


def _some(names: list[str], most: int = 5) -> str:
    """'a, b and c', or the first ``most`` and how many more."""
    if len(names) <= most:
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


def _say(*lines: object) -> None:
    """Print ``lines`` on stdout, each shown safely: a file name or a value holding an escape code is shown escaped."""
    print("\n".join(shown(line) for text in lines for line in (str(text).splitlines() or [""])))


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
    changes = compare(before, after, threshold=args.threshold)
    _say(f"{args.before} -> {args.after}: {summary(changes, before.attrs['table'], after.attrs['table'])}")
    if folder is not None:
        from .charts import plot_compare, save_chart

        with folder:
            drawn = plot_compare(before, after, threshold=args.threshold)
            _say(f"wrote {save_chart(drawn, folder, 'compare', plot_compare.kind)}")
            _say(f"wrote {folder.write_csv('comparison.csv', changes)}")
    return 0


def _role_names(given: str) -> list[str]:
    """The names of ``--roles``: comma-separated, a name with a comma in it in double quotes (as in a CSV row).

    >>> _role_names('CEO, COO,"Head of Sales, EMEA",')
    ['CEO', 'COO', 'Head of Sales, EMEA']
    """
    import csv

    return [r.strip() for r in next(csv.reader([given], skipinitialspace=True), []) if r.strip()]


def _worksheet(args: argparse.Namespace) -> int:
    from .exercise import quick_entry, sheet_html, sheet_table, worksheet
    from .exercise.scoring import counted
    from .output import Output

    if args.n < 1 or args.participants < 1:
        raise DataError([Problem("rolekit worksheet", None, None, "--n and --participants must be at least 1")])
    if args.seed < 0:
        raise DataError(
            [
                Problem(
                    "rolekit worksheet",
                    None,
                    None,
                    f"--seed must be a whole number of 0 or more, not {args.seed}; the same seed draws the same sheet",
                )
            ]
        )
    names = [f"sheets/P{i + 1:02d}.csv" for i in range(args.participants)]
    folder = Output(args.out, [*names, "quick_entry.csv", "worksheet.html", "key/answer_key.csv"])
    df = load_responsibilities(args.data)
    sheet = worksheet(df, args.n, args.seed)
    # the answers scoring accepts, in the order the phones of `rolekit room` list them: a room may mix paper and phones
    roles = sorted({str(r) for r in sheet.key["role"]}, key=str.casefold)
    table = sheet_table(sheet, roles)
    with folder:  # the manifest is rewritten once, at the end, however many sheets
        written = [folder.write_csv(name, table) for name in names]
        stale = [n for n in folder.made if n.startswith("sheets/") and n not in names]  # an earlier draw's sheets
        removed = [n for n in sorted(stale) if folder.remove(n)]
        written.append(folder.write_csv("quick_entry.csv", quick_entry(sheet, args.participants)))
        written.append(folder.write_text("worksheet.html", sheet_html(sheet, roles)))
        written.append(folder.write_csv("key/answer_key.csv", sheet.key))
    _say(*[f"wrote {p}" for p in written])
    if removed:
        _say(f"removed {counted(len(removed), 'sheet')} of an earlier draw: {', '.join(removed)}")
    if sheet.left_out:
        _say(
            f"left out {counted(len(sheet.left_out), 'responsibility', 'responsibilities')} the table words the same "
            "for different tags (a participant could not tell the items apart)"
        )
    _say(
        f"{counted(args.n, 'responsibility', 'responsibilities')} for {counted(args.participants, 'participant')}; "
        f"keep {written[-1]} away from the room"
    )
    return 0


def _score(args: argparse.Namespace) -> int:
    import functools

    from . import forks
    from .exercise import Scores, score_sheets, summary

    scoring = None
    if args.out and forks.available() and (os.cpu_count() or 1) > 1:  # scored in a fork while matplotlib is imported
        scoring = forks.started(functools.partial(score_sheets, args.responses, args.key))
    folder = None
    if args.out:  # only then the charts, and matplotlib with them: printing the scores needs neither
        import matplotlib

        matplotlib.use("Agg")
        from .charts.exercise import SCORE_FILES
        from .output import Output

        folder = Output(args.out, SCORE_FILES)
    scores = scoring() if scoring is not None else None
    if not isinstance(scores, Scores):  # not scored in a fork, or failed there: here, so its error is raised as it was
        scores = score_sheets(args.responses, args.key)
    for problem in scores.problems:
        print(str(problem), file=sys.stderr)
    _say(summary(scores))
    if folder is not None:
        from .charts.exercise import save_scores

        with folder:
            _say(*[f"wrote {path}" for path in save_scores(scores, folder)[0]])
    return 0


def _room(args: argparse.Namespace) -> int:
    from .room import raci_round, tagging_round
    from .room.export import close
    from .room.serve import banner, start

    if bool(args.exercise) == bool(args.raci):
        raise DataError(
            [
                Problem(
                    "rolekit room", None, None, "give either EXERCISE_DIR (a worksheet folder) or --raci TEMPLATE.csv"
                )
            ]
        )
    if args.roles and not args.raci:
        raise DataError([Problem("rolekit room", None, None, "--roles goes with --raci TEMPLATE.csv")])
    if args.raci:
        roles = _role_names(args.roles) if args.roles else None
        round = raci_round(args.raci, roles)
        out = Path(args.out) if args.out else Path(args.raci).parent / "room"
    else:
        round = tagging_round(args.exercise)
        out = Path(args.out) if args.out else Path(args.exercise) / "room"
    if args.close:
        from .output import Output
        from .room import Store
        from .room.export import planned

        Output(out, planned(round))
        store = Store(out, round.fingerprint)
        store.close_round()
        done = close(round, store, out)
        store.shut()
        _say(done.summary, *[f"wrote {p}" for p in done.written])
        return 0
    started = start(round, out, args.host, args.port, args.hours, args.max_participants)
    print(banner(started, round, sys.stdout.isatty()), flush=True)
    port = started.sock.getsockname()[1]
    why, closed = started.run()
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopped: a second Ctrl-C would only interrupt the tidy exit
    print(
        (f"Time limit reached ({args.hours:g} hours): stopped." if why == "time" else "Stopped.")
        + (
            ""
            if closed
            else " The round is still open: run the same command to carry on, or add --close to write its results."
            + (  # --port 0 takes any free port: the same command would give the phones another address
                f" To keep the phones' address, give --port {port} instead of --port 0." if args.port == 0 else ""
            )
        ),
        flush=True,
    )
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .seminar import run_series

    _say(*[f"wrote {path}" for path in run_series(args.data, args.out)])
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .seminar import export_handouts

    _say(*[f"wrote {path}" for path in export_handouts(args.notebooks, args.out, args.reveal)])
    return 0


def _pdf(args: argparse.Namespace) -> int:
    written, problems = print_pdfs(args.handouts, args.out, args.paper, args.chromium)
    _say(*[f"wrote {path}" for path in written])
    for problem in problems:
        print(str(problem), file=sys.stderr)
    return 0
