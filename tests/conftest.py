"""Shared helpers: write a table to a temporary file, and read back its problems."""

import sys
from pathlib import Path

import pytest

import rolekit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # tests import the scripts to check what they write

HEADER = "role,responsibility,scope,horizon\n"


@pytest.fixture
def table(tmp_path):
    """Write text or bytes to ``table.csv`` (or ``name``) in a temporary folder."""

    def write(content, name="table.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return write


def problems(path) -> list[str]:
    """The problems loading ``path`` reports, with the path itself shown as FILE."""
    with pytest.raises(rolekit.DataError) as caught:
        rolekit.load_responsibilities(path)
    return [str(p).replace(str(path), "FILE", 1) for p in caught.value.problems]
