"""Write the bundled synthetic class: a seeded worksheet of the bundled table and twelve invented participants' answers.

    .venv/bin/python scripts/make_synthetic_class.py

It writes ``data/synthetic_class/responses.csv`` (the answers, laid out as an online
form exports them) and ``data/synthetic_class/key/answer_key.csv`` beside it, where
``rolekit score`` finds a key. tests/test_datasets.py checks that the committed files
are exactly what this writes; benchmarks/exercise.py uses :func:`synthetic_class` to
make larger classes.
"""

from pathlib import Path

import numpy as np
import pandas as pd

import rolekit
from rolekit.exercise import DIMENSIONS, Worksheet, worksheet
from rolekit.validate import ALLOWED

FOLDER = Path(__file__).resolve().parents[1] / "data" / "synthetic_class"
ITEMS, SHEET_SEED, PARTICIPANTS, CLASS_SEED = 16, 2026, 12, 7


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
    names = [
        "Avery",
        "Blake",
        "Casey",
        "Devon",
        "Emery",
        "Finley",
        "Harper",
        "Jordan",
        "Kai",
        "Logan",
        "Morgan",
        "Quinn",
        "Reese",
        "Rowan",
        "Sage",
        "Taylor",
    ]
    rows = []
    for p in range(participants):
        person = {d: np.clip(skill[d] + rng.normal(0, 0.07), 0.4, 0.99) for d in DIMENSIONS}
        row = {
            "participant": f"{names[p % len(names)]} (synthetic)"
            + (f" {p // len(names) + 1}" if p >= len(names) else "")
        }
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


def main() -> None:
    sheet = worksheet(rolekit.load_responsibilities(), n=ITEMS, seed=SHEET_SEED)
    (FOLDER / "key").mkdir(parents=True, exist_ok=True)
    sheet.key.to_csv(FOLDER / "key" / "answer_key.csv", index=False)
    synthetic_class(sheet, PARTICIPANTS, seed=CLASS_SEED).to_csv(FOLDER / "responses.csv", index=False)


if __name__ == "__main__":
    main()
