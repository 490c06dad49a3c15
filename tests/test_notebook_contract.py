"""Notebooks are the source: the contract of tests/notebook_contract.py on every notebook.

The negative tests make sure the contract can fail: an output left in, a widget cell
without its tag, a parameter default that no longer matches the README, a paired text
file left behind. An edited markdown cell, saved as JupyterLab saves (nbformat, indent 1),
keeps the contract; the real JupyterLab round trip is in test_jupyterlab_e2e.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from jupytext.cli import jupytext as jupytext_cli
from notebook_contract import NAMES, NOTEBOOKS, contract_problems, documented_parameters, pair_problems

DOCUMENTED = documented_parameters()


def test_every_notebook_is_documented():
    on_disk = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert on_disk == sorted(NAMES)
    assert sorted(DOCUMENTED) == sorted(NAMES)
    assert DOCUMENTED["year"] == {"year": "2020", "seeds": "None"}
    assert DOCUMENTED["unit"] == {"unit": '"自治区卫生健康委"', "seeds": "None"}
    assert DOCUMENTED["overview"] == {"seeds": "None"}


def test_no_generator_left():
    assert not (NOTEBOOKS / "build_notebooks.py").exists()


@pytest.mark.parametrize("name", NAMES)
def test_notebook_keeps_the_contract(name):
    assert contract_problems(NOTEBOOKS / f"{name}.ipynb", DOCUMENTED[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_notebook_matches_its_paired_text_file(name):
    assert pair_problems(NOTEBOOKS / f"{name}.ipynb") == []


def _copy(tmp_path: Path, name: str) -> Path:
    for suffix in (".ipynb", ".py"):
        shutil.copy(NOTEBOOKS / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    shutil.copy(NOTEBOOKS / "jupytext.toml", tmp_path / "jupytext.toml")
    return tmp_path / f"{name}.ipynb"


def test_an_edited_markdown_cell_saved_like_jupyterlab_keeps_the_contract(tmp_path):
    path = _copy(tmp_path, "tour")
    nb = nbformat.read(path, as_version=4)
    md = next(c for c in nb.cells if c.cell_type == "markdown")
    md.source += "\n\nA paragraph a teacher added for this week's class."
    nbformat.write(nb, path)  # JupyterLab's own format: JSON with indent 1
    assert contract_problems(path, DOCUMENTED["tour"]) == []
    assert pair_problems(path) != []  # the pair is now stale …
    jupytext_cli([str(path), "--sync", "--quiet"])  # … until synced (JupyterLab does it on save)
    assert pair_problems(path) == []
    assert "A paragraph a teacher added" in (tmp_path / "tour.py").read_text(encoding="utf-8")


def test_the_contract_catches_outputs_tags_and_defaults(tmp_path):
    path = _copy(tmp_path, "year")
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[1].outputs = [nbformat.v4.new_output("stream", text="year = 2020\n")]
    code[1].execution_count = 1
    live = next(c for c in code if "live" in c.metadata.get("tags", []))
    live.metadata["tags"] = []
    code[0].source = code[0].source.replace("= 2020", "= 2019")
    nbformat.write(nb, path)
    problems = "\n".join(contract_problems(path, DOCUMENTED["year"]))
    assert "has outputs or an execution count" in problems
    assert "builds a widget but is not tagged live" in problems
    assert (
        "parameters {'year': '2019', 'seeds': 'None'} but notebooks/README.md documents {'year': '2020', 'seeds': 'None'}"
        in problems
    )


def test_the_contract_catches_a_missing_validation(tmp_path):
    path = _copy(tmp_path, "unit")
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[1].source = code[1].source.replace("params.check_unit(unit)", "unit")
    nbformat.write(nb, path)
    assert any("does not validate unit" in p for p in contract_problems(path, DOCUMENTED["unit"]))
