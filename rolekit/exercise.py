"""The tagging exercise: worksheets drawn from a table, returned sheets read, the room's agreement scored.

Each participant tags the same responsibilities on three dimensions (role, scope,
horizon). :func:`worksheet` draws the items; :func:`score` reads the returned
sheets and measures agreement within the room (Fleiss' kappa, Krippendorff's alpha)
and with the answer key (accuracy, Cohen's kappa), item by item and participant by
participant. Participants appear as P1, P2... everywhere but the scores table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .io import bundled, read_table, tidy
from .text import clean, is_placeholder
from .validate import ALLOWED, SYNONYMS, DataError, Problem, Schema, did_you_mean, require

DIMENSIONS = ("role", "scope", "horizon")
SHEET = Schema(required=("item",), optional=("participant", "responsibility", *DIMENSIONS), row="item", aliases=True)
KEY = Schema(required=("item", "responsibility", *DIMENSIONS), optional=("id",), allowed=ALLOWED, synonyms=SYNONYMS, unique="item", row="item")
SYNTHETIC_CLASS = bundled("data/synthetic_class.csv")  # twelve invented participants' answers to SYNTHETIC_KEY
SYNTHETIC_KEY = bundled("data/synthetic_class_key.csv")
# Landis and Koch (1977): words for kappa values, for the room to read.
BANDS = ((0.0, "poor"), (0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"), (1.0, "almost perfect"))


class Worksheet(NamedTuple):
    """What :func:`worksheet` returns: the items as participants see them, and the answer key."""

    items: pd.DataFrame
    key: pd.DataFrame


def worksheet(df: pd.DataFrame, n: int = 12, seed: int = 0) -> Worksheet:
    """Draw ``n`` responsibilities for the room to tag, balanced across roles and quadrants, in shuffled order.

    Rows are taken from each role in turn, and within a role from each scope x
    horizon cell in turn (largest first), at random within a cell, so that roles,
    and each role's quadrants, appear as evenly as the table allows. The same table and ``seed`` give the
    same sheet. Items are numbered Q01, Q02...; the key holds the answers and the
    table's ``id`` when it has one.

    >>> import rolekit
    >>> sheet = worksheet(rolekit.load_responsibilities(), n=8, seed=1)
    >>> sheet.items.columns.tolist(), sheet.key["role"].value_counts().sort_index().to_dict()
    (['item', 'responsibility'], {'CEO': 4, 'COO': 4})
    """
    require(df, ["role", "responsibility", "scope", "horizon"], "to draw a worksheet")
    t = tidy(df).dropna(subset=list(DIMENSIONS)).reset_index(drop=True)
    t = t[t["responsibility"].notna() & (t["responsibility"].astype(str).str.strip() != "")]
    if not 1 <= n <= len(t):
        raise DataError([Problem("table", None, None, f"cannot draw {n} items from a table of {len(t)} responsibilities; choose --n from 1 to {len(t)}")])
    rng = np.random.default_rng(seed)
    queues = []  # per role: its rows, taking each scope x horizon cell in turn, largest cell first
    for _, rows in t.groupby("role", observed=True):
        cells = sorted((rng.permutation(g.index.to_numpy()).tolist() for _, g in rows.groupby(["scope", "horizon"], observed=True)), key=len, reverse=True)
        queues.append([i for k in range(max(map(len, cells))) for cell in cells if k < len(cell) for i in [cell[k]]])
    queues.sort(key=len, reverse=True)
    chosen = [q[k] for k in range(max(map(len, queues))) for q in queues if k < len(q)][:n]
    chosen = rng.permutation(chosen)
    picked = t.loc[chosen].reset_index(drop=True)
    items = [f"Q{i + 1:02d}" for i in range(n)]
    key = pd.DataFrame({"item": items, "responsibility": picked["responsibility"].astype(str),
                        **{d: picked[d].astype(str) for d in DIMENSIONS}})
    if "id" in picked:
        key["id"] = picked["id"].astype(str)
    return Worksheet(key[["item", "responsibility"]], key)


def sheet_table(sheet: Worksheet, roles) -> pd.DataFrame:
    """The fill-in table for one participant: the allowed values stand in the header, answers blank."""
    blank = {d: "" for d in DIMENSIONS}
    table = sheet.items.assign(**blank)
    table.insert(0, "participant", "")
    return table.rename(columns={"role": f"role ({' / '.join(roles)})", "scope": "scope (internal / external)",
                                 "horizon": "horizon (daily / long-term)", "participant": "participant (your name, on any row)"})


def sheet_html(sheet: Worksheet, roles, title: str = "Who does it?") -> str:
    """A one-page printable worksheet in large type: works offline, prints on A4 and Letter."""
    from html import escape

    choices = {"role": roles, "scope": ALLOWED["scope"], "horizon": ALLOWED["horizon"]}
    head = "".join(f"<th>{d}</th>" for d in DIMENSIONS)
    rows = "".join(f"<tr><td class=q>{escape(i)}</td><td>{escape(r)}</td>"
                   + "".join("<td>" + "".join(f"<span>&#9744; {escape(str(c))}</span>" for c in choices[d]) + "</td>" for d in DIMENSIONS)
                   + "</tr>" for i, r in sheet.items.itertuples(index=False))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: auto; margin: 12mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 13pt; margin: 0; }}
h1 {{ font-size: 20pt; margin: 0 0 4pt; }} p {{ margin: 0 0 8pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #888; padding: 4pt 6pt; vertical-align: top; text-align: left; }}
td.q {{ font-weight: bold; white-space: nowrap; }}
span {{ display: block; white-space: nowrap; }}
tr {{ page-break-inside: avoid; }}
</style></head><body>
<h1>{escape(title)}</h1>
<p>Name: ______________________ &nbsp; For each responsibility, tick the role that holds it, whether it faces inside or outside
the company (scope), and whether it keeps today's business running or shapes where it goes (horizon). Work alone.</p>
<table><thead><tr><th>item</th><th>responsibility</th>{head}</tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""


def synthetic_class(sheet: Worksheet, participants: int = 12, seed: int = 0) -> pd.DataFrame:
    """A made-up class's answers to ``sheet``, as an online form would export them: for demonstrations only.

    Each invented participant knows each dimension with a skill of their own, each
    item is harder or easier, and a participant who misses picks another allowed
    value, most often the same wrong one as others: the room disagrees where real
    rooms do. About one answer in forty is skipped.
    """
    rng = np.random.default_rng(seed)
    roles = sorted(sheet.key["role"].unique())
    choices = {"role": roles, "scope": list(ALLOWED["scope"]), "horizon": list(ALLOWED["horizon"])}
    skill = {"role": 0.85, "scope": 0.88, "horizon": 0.72}
    hardness = rng.beta(1.5, 5, size=len(sheet.key))
    names = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kai", "Logan", "Morgan", "Quinn",
             "Reese", "Rowan", "Sage", "Taylor"]
    rows = []
    for p in range(participants):
        person = {d: np.clip(skill[d] + rng.normal(0, 0.07), 0.4, 0.99) for d in DIMENSIONS}
        row = {"participant": f"{names[p % len(names)]} (synthetic)" + (f" {p // len(names) + 1}" if p >= len(names) else "")}
        for k, item in enumerate(sheet.key.itertuples(index=False)):
            for d in DIMENSIONS:
                right = getattr(item, d)
                others = [c for c in choices[d] if c != right]
                if rng.random() < 0.025:
                    answer = ""
                elif rng.random() < person[d] * (1 - hardness[k]) + 0.1 or not others:
                    answer = right
                else:
                    answer = others[0] if rng.random() < 0.7 else others[rng.integers(len(others))]
                row[f"{item.item} {d}"] = answer
        rows.append(row)
    return pd.DataFrame(rows)


# -- Reading returned sheets -------------------------------------------------------------------

class Responses(NamedTuple):
    """What :func:`read_responses` returns: the answers, who gave them, and every problem found."""

    answers: pd.DataFrame   # participant (P1...), item, dimension, answer; one row per answer given
    participants: pd.DataFrame  # participant (P1...), name, file
    problems: list          # Problem: skipped sheets and unreadable answers, each with file and line
    files: int              # sheets (or form rows) read, used or not


def read_key(path) -> pd.DataFrame:
    """An answer key as :func:`worksheet` writes it: item, responsibility, role, scope, horizon."""
    key = read_table(path, KEY)
    key["scope"], key["horizon"] = key["scope"].str.lower(), key["horizon"].str.lower()
    return key


def _form_columns(columns) -> dict[str, tuple[str, str]] | None:
    """For an online form's export: column -> (item, dimension); None when the table is not one."""
    found = {}
    for c in columns:
        m = re.fullmatch(r"\s*([A-Za-z]*\d+)\s*[\[(\-_.:\s]\s*(role|scope|horizon)\s*[\])]?\s*", str(c), flags=re.I)
        if m:
            found[c] = (m[1].upper() if m[1][0].isalpha() else f"Q{int(m[1]):02d}", m[2].lower())
    return found or None


def read_responses(paths, key: pd.DataFrame) -> Responses:
    """Read returned sheets: a folder of them, a list of per-participant CSVs, or one form export.

    A per-participant sheet has the columns of :func:`sheet_table` (``item``,
    ``role``, ``scope``, ``horizon``, optionally ``participant`` and
    ``responsibility``; notes in brackets after a column name are ignored). A form
    export has one row per participant, a name column (``participant``, ``name`` or
    ``email``) and one column per item and dimension, named like ``Q01 role``,
    ``Q01 [role]`` or ``Q01_role``.

    A sheet that cannot be used (unreadable, blank, in a legacy encoding, with
    missing or extra columns, an item the key does not have, or a second sheet from
    the same participant) is skipped, with a problem naming its file and line. An
    answer outside the allowed values is a problem too (with a did-you-mean), and
    counts as not given; the rest of its sheet is used. Values are read like the
    loader reads them: case and surrounding spaces do not matter.
    """
    files = _expand(paths)
    answers, people, problems, seen = [], [], [], {}
    for path in files:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=0) if Path(path).stat().st_size else None
        except (ValueError, OSError, UnicodeDecodeError):
            raw = None
        form = _form_columns(raw.columns) if raw is not None else None
        try:
            batch = _read_form(path, form, key) if form else _read_sheet(path, key)
        except DataError as err:
            problems += [*err.problems[:3], Problem(str(path), None, None, "skipped: fix the problems above and score again")]
            continue
        for name, rows, found in batch:
            problems += found
            if rows.empty:
                problems.append(Problem(str(path), None, None, "skipped: the sheet holds no answers"))
                continue
            who = name.casefold()
            if who in seen:
                problems.append(Problem(str(path), None, None, f"skipped: a second sheet from the participant of {seen[who]} (the same name)"))
                continue
            seen[who] = str(path)
            code = f"P{len(people) + 1}"
            people.append({"participant": code, "name": name, "file": str(path)})
            answers.append(rows.assign(participant=code))
    columns = ["participant", "item", "dimension", "answer"]
    table = pd.concat(answers, ignore_index=True)[columns] if answers else pd.DataFrame(columns=columns)
    return Responses(table, pd.DataFrame(people, columns=["participant", "name", "file"]), problems, len(files))


def _expand(paths) -> list[Path]:
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.glob("*.csv") if not f.name.startswith("."))
        else:
            files.append(p)
    if not files:
        raise DataError([Problem(", ".join(map(str, paths)) or "''", None, None, "holds no returned sheets (.csv files); give the folder of sheets or the files")])
    return files


def _answer(value: str, dimension: str, roles: list[str]) -> tuple[str | None, str | None]:
    """A cell read as an answer: the allowed value it means, or a problem."""
    text = clean(value)
    if not text or is_placeholder(text):
        return None, None
    allowed = roles if dimension == "role" else list(ALLOWED[dimension])
    match = next((a for a in allowed if a.casefold() == text.casefold()), None)
    if match:
        return match, None
    return None, f"'{text}' is not one of {', '.join(allowed)}{did_you_mean(text, allowed, SYNONYMS.get(dimension))}; counted as not answered"


def _read_sheet(path: Path, key: pd.DataFrame):
    table = read_table(path, SHEET)  # the loader's checks: encoding, quoting, header, blank lines
    name = next((v for v in table.get("participant", pd.Series(dtype=str)).dropna() if v), None) or path.stem
    extra = [c for c in table.columns if c not in SHEET.columns]
    missing = [d for d in DIMENSIONS if d not in table]
    if extra or missing:
        said = "; ".join(filter(None, [f"missing column(s): {', '.join(missing)}" * bool(missing), f"unexpected column(s): {', '.join(extra)}" * bool(extra)]))
        raise DataError([Problem(str(path), 1, None, f"{said}; a sheet has the columns item, role, scope, horizon (and participant, responsibility)")])
    lines = _lines(path, len(table))
    items = table["item"].map(clean).str.upper()
    unknown = [(line, i) for line, i in zip(lines, items) if i not in set(key["item"])]
    if unknown:
        raise DataError([Problem(str(path), line, "item", f"'{i}' is not an item of the answer key (it has {key['item'].iloc[0]} to {key['item'].iloc[-1]}); "
                                                         "was this sheet made for another worksheet?") for line, i in unknown])
    repeated = items[items.duplicated()]
    if len(repeated):
        raise DataError([Problem(str(path), lines[i], "item", f"'{items[i]}' appears twice; each item once per sheet") for i in repeated.index])
    rows, problems = _answers(str(path), items, {d: table[d] for d in DIMENSIONS}, lines, key)
    return [(name, rows, problems)]


def _lines(path: Path, count: int) -> list[int]:
    """The file line of each data row of a sheet: the line after the header, skipping blank lines."""
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    filled = [i + 1 for i, line in enumerate(text) if line.strip(" ,\t")]
    return (filled[1:] + [None] * count)[:count]


def _read_form(path: Path, form: dict, key: pd.DataFrame):
    table, at = read_table(path, Schema(required=(), optional=tuple(c.lower() for c in form), row="participant"), lines=True)
    name_column = next((c for c in table.columns if str(c).lower() in ("participant", "name", "email", "e-mail", "your name")), None)
    unknown = sorted({item for item, _ in form.values()} - set(key["item"]))
    if unknown:
        raise DataError([Problem(str(path), 1, None, f"item(s) {', '.join(unknown)} are not in the answer key; was this form made for another worksheet?")])
    lowered = {str(c).lower(): v for c, v in form.items()}
    batch = []
    for k, row in table.reset_index(drop=True).iterrows():
        line = int(at[k])
        name = (row[name_column] if name_column and row[name_column] else None) or f"{Path(path).stem} row {line}"
        cells = {(item, d): row[c] for c, (item, d) in lowered.items() if c in table}
        items = sorted({item for item, _ in cells})
        rows, problems = _answers(str(path), pd.Series(items), {d: pd.Series([cells.get((i, d), "") for i in items]) for d in DIMENSIONS}, [line] * len(items), key)
        batch.append((name, rows, problems))
    return batch


def _answers(name: str, items: pd.Series, columns: dict, lines, key: pd.DataFrame):
    roles = sorted(key["role"].unique(), key=str.casefold)
    rows, problems = [], []
    for d, values in columns.items():
        for item, value, line in zip(items, values.fillna(""), lines):
            answer, wrong = _answer(str(value), d, roles)
            if wrong:
                problems.append(Problem(name, line, d, f"{item}: {wrong}"))
            elif answer is not None:
                rows.append({"item": item, "dimension": d, "answer": answer})
    return pd.DataFrame(rows, columns=["item", "dimension", "answer"]), problems


# -- Agreement statistics ----------------------------------------------------------------------

def fleiss_kappa(counts) -> float:
    """Fleiss' kappa for an items x categories matrix of how many raters chose each category.

    Items may have different numbers of raters (answers skipped); items with fewer
    than two are left out. Defined cases: when every rating falls in one category,
    chance agreement is 1 and the formula is 0/0; rolekit returns 1.0, since the
    raters agree completely. With no item rated twice, the result is NaN.

    Fleiss (1971)'s worked example, 10 subjects, 14 raters, 5 categories:

    >>> table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    ...          [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(fleiss_kappa(table), 3)
    0.21
    """
    n = np.asarray(counts, dtype=float)
    raters = n.sum(axis=1)
    n = n[raters >= 2]
    raters = raters[raters >= 2]
    if not len(n):
        return float("nan")
    observed = ((n * (n - 1)).sum(axis=1) / (raters * (raters - 1))).mean()
    p = n.sum(axis=0) / n.sum()
    chance = (p ** 2).sum()
    if np.isclose(chance, 1):
        return 1.0
    return float((observed - chance) / (1 - chance))


def cohen_kappa(a, b) -> float:
    """Cohen's kappa between two raters' labels for the same items (pairs with a missing label are left out).

    Defined cases: when both raters use one and the same category throughout,
    chance agreement is 1 and the formula is 0/0; rolekit returns 1.0. With no pair
    left, NaN.

    The textbook two-rater example: 20 items both say yes, 15 both no, 5 and 10 split.

    >>> a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    >>> b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    >>> round(cohen_kappa(a, b), 2)
    0.4
    """
    a, b = pd.Series(list(a), dtype=object), pd.Series(list(b), dtype=object)
    both = a.notna().to_numpy() & b.notna().to_numpy()
    if not both.any():
        return float("nan")
    codes, _ = pd.factorize(pd.concat([a[both], b[both]], ignore_index=True))
    ca, cb = np.split(codes, 2)
    observed = (ca == cb).mean()
    chance = float((np.bincount(ca, minlength=codes.max() + 1) / len(ca) * np.bincount(cb, minlength=codes.max() + 1) / len(cb)).sum())
    if np.isclose(chance, 1):
        return 1.0
    return float((observed - chance) / (1 - chance))


def krippendorff_alpha(answers: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) of a participant x item table of answers, missing ones allowed.

    From the ``krippendorff`` package; when every answer given is the same value,
    alpha's formula is 0/0 and rolekit returns 1.0 (complete agreement).
    """
    import krippendorff

    values = answers.stack().dropna()
    if values.nunique() < 2:
        return 1.0 if len(values) else float("nan")
    codes = {v: i for i, v in enumerate(sorted(values.unique()))}
    data = answers.apply(lambda s: s.map(codes)).to_numpy(dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def band(kappa: float) -> str:
    """Landis and Koch's word for a kappa: poor, slight, fair, moderate, substantial, almost perfect.

    >>> band(0.21), band(0.61), band(-0.1)
    ('fair', 'substantial', 'poor')
    """
    if not np.isfinite(kappa):
        return "not defined"
    if kappa < 0:
        return "poor"
    return next(word for top, word in BANDS[1:] if kappa <= top + 1e-9)


# -- Scoring ------------------------------------------------------------------------------------

class Scores(NamedTuple):
    """What :func:`score` returns; participants are P1, P2... in every table but ``participants``."""

    agreement: pd.DataFrame       # one row per dimension: fleiss_kappa, krippendorff_alpha, band, key_accuracy, ...
    items: pd.DataFrame           # one row per item and dimension: answers, agreement, modal answer, key, share matching the key
    participants: pd.DataFrame    # one row per participant and dimension: answered, accuracy, cohen_kappa (with names)
    confusion: pd.DataFrame       # one row per dimension, key value and answer: count
    answers: pd.DataFrame         # participant, item, dimension, answer, key
    problems: list
    sheets: int                   # sheets read; len(participants' codes) were used


def score(responses: Responses, key: pd.DataFrame) -> Scores:
    """Score the room's answers against each other and against the key.

    ``agreement``: per dimension, Fleiss' kappa among participants (items rated by
    two or more), Krippendorff's alpha (any missing answers allowed), their Landis
    and Koch ``band``, and the share of all answers that match the key.
    ``items``: per item and dimension, how many answered, the modal answer and its
    share (``agreement``), the key's answer and the share matching it.
    ``participants``: per participant and dimension, answers given, accuracy and
    Cohen's kappa against the key. ``confusion``: key value x answer counts.
    """
    a = responses.answers.merge(key.melt(id_vars=["item"], value_vars=list(DIMENSIONS), var_name="dimension", value_name="key"),
                                on=["item", "dimension"], how="left")
    rows, per_item, per_person, confusion = [], [], [], []
    for d in DIMENSIONS:
        mine = a[a["dimension"] == d]
        categories = sorted(set(key[d]) | set(mine["answer"]), key=str.casefold)
        counts = pd.crosstab(mine["item"], mine["answer"]).reindex(index=key["item"], columns=categories, fill_value=0)
        wide = mine.pivot_table(index="participant", columns="item", values="answer", aggfunc="first")
        fk = fleiss_kappa(counts.to_numpy()) if len(mine) else float("nan")
        rows.append({"dimension": d, "fleiss_kappa": fk, "band": band(fk), "krippendorff_alpha": krippendorff_alpha(wide) if len(mine) else float("nan"),
                     "key_accuracy": (mine["answer"] == mine["key"]).mean() if len(mine) else float("nan"),
                     "participants": mine["participant"].nunique(), "answers": len(mine)})
        answered = counts.sum(axis=1)
        modal = counts.idxmax(axis=1).where(answered > 0)
        for item, row in key.set_index("item").iterrows():
            n = int(answered[item])
            per_item.append({"item": item, "responsibility": row["responsibility"], "dimension": d, "answered": n,
                             "modal_answer": modal[item], "agreement": counts.loc[item].max() / n if n else float("nan"),
                             "key": row[d], "matches_key": counts.loc[item].get(row[d], 0) / n if n else float("nan")})
        for person, theirs in mine.groupby("participant", sort=False):  # items a participant skipped are left out of both
            per_person.append({"participant": person, "dimension": d, "answered": len(theirs),
                               "accuracy": (theirs["answer"] == theirs["key"]).mean(), "cohen_kappa": cohen_kappa(theirs["key"], theirs["answer"])})
        confusion.append(mine.groupby(["key", "answer"]).size().rename("count").reset_index().assign(dimension=d))
    people = pd.DataFrame(per_person, columns=["participant", "dimension", "answered", "accuracy", "cohen_kappa"])
    people = people.merge(responses.participants[["participant", "name"]], on="participant", how="left")
    order = {p: i for i, p in enumerate(responses.participants["participant"])}
    people = people.sort_values(["participant", "dimension"], key=lambda s: s.map(order) if s.name == "participant" else s.map(DIMENSIONS.index)).reset_index(drop=True)
    return Scores(pd.DataFrame(rows), pd.DataFrame(per_item), people,
                  pd.concat(confusion, ignore_index=True)[["dimension", "key", "answer", "count"]], a, responses.problems, responses.files)


def disputed(scores: Scores, top: int = 5) -> pd.DataFrame:
    """The items the room split on most: lowest agreement over the three dimensions first.

    One row per item: its responsibility, the dimension the room split on most, that
    dimension's agreement (share giving the modal answer) and the key's answer.
    """
    items = scores.items.dropna(subset=["agreement"])
    worst = items.sort_values(["agreement", "item"], kind="stable").drop_duplicates("item")
    return worst.head(top)[["item", "responsibility", "dimension", "agreement", "modal_answer", "key"]].reset_index(drop=True)


def score_sheets(paths, key_path=None) -> Scores:
    """Read the sheets at ``paths`` and the key at ``key_path`` and score them; see :func:`read_responses`, :func:`score`.

    Without ``key_path``, the key is looked for where ``rolekit worksheet`` puts it:
    ``key/answer_key.csv`` beside the folder of sheets; for the bundled synthetic class,
    its own key, :data:`SYNTHETIC_KEY`.
    """
    files = _expand(paths)
    if key_path is None and len(files) == 1 and files[0].resolve() == SYNTHETIC_CLASS.resolve():
        key_path = SYNTHETIC_KEY
    if key_path is None:
        guesses = [f.parent.parent / "key" / "answer_key.csv" for f in files] + [f.parent / "key" / "answer_key.csv" for f in files]
        key_path = next((g for g in guesses if g.is_file()), None)
        if key_path is None:
            raise DataError([Problem(str(files[0].parent), None, None, "no answer key found beside the sheets (key/answer_key.csv); give it with --key")])
    key = read_key(key_path)
    responses = read_responses(files, key)
    if responses.participants.empty:
        raise DataError([*responses.problems, Problem(", ".join(map(str, paths if isinstance(paths, (list, tuple)) else [paths])), None, None,
                                                      "no sheet could be used, so there is nothing to score; fix the sheets named above")])
    return score(responses, key)


def summary(scores: Scores) -> str:
    """A short paragraph on the room's agreement, computed from the scores."""
    used = len(scores.participants["participant"].unique())
    skipped = sum(1 for p in scores.problems if p.message.startswith("skipped"))
    parts = [f"{used} participant(s) scored from {scores.sheets} file(s)" + (f"; {skipped} sheet(s) skipped (see the problems above)" if skipped else "") + "."]
    for r in scores.agreement.itertuples(index=False):
        parts.append(f"{r.dimension.capitalize()}: {r.band} agreement in the room (Fleiss' kappa {r.fleiss_kappa:.2f}, "
                     f"Krippendorff's alpha {r.krippendorff_alpha:.2f}); {r.key_accuracy:.0%} of answers match the key.")
    if (scores.items["agreement"] < 1).any():
        d = disputed(scores, 1).iloc[0]
        parts.append(f"Most disputed: {d['item']}, \"{d['responsibility']}\" ({d['dimension']}: {d['agreement']:.0%} gave the most common answer, "
                     f"{d['modal_answer']}; the key says {d['key']}).")
    elif scores.items["agreement"].notna().any():
        parts.append("No item was disputed: on every item and dimension, everyone who answered gave the same answer.")
    return " ".join(parts)


def report_html(scores: Scores, charts: dict[str, tuple[bytes, str]]) -> str:
    """A short page for the screen: the summary, the charts (with their titles as alt text), the disputed items.

    ``charts`` maps a name to the PNG bytes and the alt text. Participants appear only as P1, P2...
    """
    import base64
    from html import escape

    figures = "".join(f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}"></figure>'
                      for png, alt in charts.values())
    rows = "".join(f"<tr><td>{escape(r.item)}</td><td>{escape(r.responsibility)}</td><td>{escape(r.dimension)}</td>"
                   f"<td>{r.agreement:.0%}</td><td>{escape(str(r.modal_answer))}</td><td>{escape(str(r.key))}</td></tr>"
                   for r in disputed(scores, 5).itertuples(index=False))
    skipped = sum(1 for p in scores.problems if p.message.startswith("skipped"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tagging exercise: results</title>
<style>body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; max-width: 1280px; margin: 1em auto; padding: 0 1em; }}
img {{ width: 100%; }} table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #aaa; padding: 4px 8px; text-align: left; }}</style>
</head><body>
<h1>Tagging exercise: results</h1>
<p>{escape(summary(scores))}</p>
{figures}
<h2>Most disputed items</h2>
<table><tr><th>item</th><th>responsibility</th><th>dimension</th><th>most common answer given by</th><th>most common answer</th><th>key</th></tr>{rows}</table>
{f"<p>{skipped} sheet(s) could not be used; <code>rolekit score</code> lists them, with why.</p>" if skipped else ""}
</body></html>
"""
