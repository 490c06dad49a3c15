"""README, environment.yml, pyproject.toml and CI agree with each other."""

import re
import tomllib

from tests.conftest import ROOT


def _pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    deps = {}
    for spec in data["project"]["dependencies"]:
        name, version = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", spec).groups()
        deps[name.lower()] = version.strip()
    return deps


def _environment_deps() -> dict[str, str]:
    deps = {}
    text = (ROOT / "environment.yml").read_text("utf-8").split("\ndependencies:\n", 1)[1]
    for line in text.splitlines():
        m = re.match(r"^  - ([A-Za-z0-9_.-]+)(\S*)$", line)
        if m and m.group(1) not in {"python", "pip"}:
            deps[m.group(1).lower()] = m.group(2)
    return deps


def _readme_deps() -> dict[str, str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Dependencies", 1)[1].split("\n## ", 1)[0]
    return {
        m.group(1).lower(): m.group(2)
        for m in re.finditer(r"^\| `([A-Za-z0-9_.-]+)` \| `([^`]*)` \|", section, re.M)
    }


def test_dependencies_agree_everywhere():
    py = _pyproject_deps()
    assert set(py) >= {"pandas", "plotly", "jieba", "ipywidgets", "papermill", "jupyterlab", "nbconvert"}
    assert _environment_deps() == py
    assert _readme_deps() == py


def test_python_version_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert data["project"]["requires-python"] == ">=3.11"
    assert "  - python>=3.11" in (ROOT / "environment.yml").read_text("utf-8")


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = "python3 dev.py test"
    assert f"\n{command}\n" in readme
    assert any(line.strip() == command for line in ci.splitlines())


def test_console_script_and_packaged_seeds():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert data["project"]["scripts"]["zone"] == "zone_lib.cli:main"
    included = data["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["seeds"] == "zone_lib/_seeds"
    assert included["notebooks"] == "zone_lib/_notebooks"  # zone render works from a wheel

    from zone_lib.render import suite as briefing_suite

    assert ROOT / "notebooks" in briefing_suite._NOTEBOOK_CANDIDATES


def test_every_cli_command_is_documented():
    from zone_lib.cli import build_parser

    readme = (ROOT / "README.md").read_text("utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"zone {name}" in readme, name


def test_notebooks_are_committed_without_outputs():
    import json

    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text("utf-8"))
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                assert not c.get("outputs") and not c.get("execution_count"), path.name
