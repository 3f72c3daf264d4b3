"""environment.yml (conda) must say what pyproject.toml (pip) says."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pins(requirements) -> dict[str, str]:
    pins = {}
    for req in requirements:
        name, _op, version = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(==|=)\s*([0-9][^\s]*)", req).groups()
        pins[name.lower().replace("_", "-")] = version
    return pins


def test_environment_yml_pins_what_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    python = [d for d in conda if d.startswith("python")]
    assert env["channels"] == ["conda-forge"]
    listed = [d for d in conda if d not in python and d != "pip"] + [d for d in pip if d != "-e ."]
    assert _pins(listed) == _pins(project["dependencies"] + project["optional-dependencies"]["test"])
    assert len(listed) == len(_pins(listed)), "a package is listed twice"
    assert "pip" in conda and pip[0] == "-e ."
    minimum = re.fullmatch(r">=(\d+)\.(\d+)", project["requires-python"]).groups()
    assert tuple(map(int, re.fullmatch(r"python=(\d+)\.(\d+)", python[0]).groups())) >= tuple(map(int, minimum))


def test_every_pyproject_dependency_is_pinned_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", req), req
