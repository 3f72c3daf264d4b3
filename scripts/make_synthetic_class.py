"""Write the bundled synthetic class: a seeded worksheet of the bundled table and twelve invented participants' answers.

    .venv/bin/python scripts/make_synthetic_class.py

tests/test_exercise.py checks that the committed files are exactly what this writes.
"""

from pathlib import Path

import rolekit
from rolekit.exercise import synthetic_class, worksheet

DATA = Path(__file__).resolve().parents[1] / "data"
ITEMS, SHEET_SEED, PARTICIPANTS, CLASS_SEED = 16, 2026, 12, 7


def main() -> None:
    sheet = worksheet(rolekit.load_responsibilities(), n=ITEMS, seed=SHEET_SEED)
    sheet.key.to_csv(DATA / "synthetic_class_key.csv", index=False)
    synthetic_class(sheet, PARTICIPANTS, seed=CLASS_SEED).to_csv(DATA / "synthetic_class.csv", index=False)


if __name__ == "__main__":
    main()
