"""The contract every notebook in ``notebooks/`` keeps (checked by test_notebook_contract.py).

The ``.ipynb`` files are the source: edited in JupyterLab, each paired by jupytext with a
``py:percent`` text file for review. Whatever tool saved them, they must:

- be valid nbformat 4 with the ``python3`` kernel, and carry no outputs or execution counts
  (nbstripout's job in the pre-commit hook; checked here too);
- declare the parameters ``notebooks/README.md`` documents, with the same defaults, a type
  and a help comment, in the cell tagged ``parameters`` (``papermill.inspect_notebook``);
- validate every parameter in the first code cell after it (``params.check_<name>``, and
  ``views.use_seeds(seeds)`` for the seeds folder every notebook takes) and set up plotly
  there (``views.setup_plotly()``);
- tag ``live`` every cell that builds an ipywidgets explorer (``zone render`` leaves them out);
- load nothing from a network (no CDN plotly);
- match their paired text file (``jupytext --sync notebooks/*.ipynb`` after an edit made
  without jupytext).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = [
    "year",
    "unit",
    "platform",
    "overview",
    "tour",
    "check",
    "crosswalk",
    "keywords",
    "progress",
    "copies",
]
_DOC_ROW = re.compile(r"^\| `(?P<nb>\w+)\.ipynb` \| (?P<param>`(?P<name>\w+) = (?P<default>[^`]+)`|—) \|")
_DOC_ALL = re.compile(r"^Every notebook also takes `(?P<name>\w+) = (?P<default>[^`]+)`")


def documented_parameters(readme: Path = NOTEBOOKS / "README.md") -> dict[str, dict[str, str]]:
    """``{notebook: {parameter: default}}`` from the table of ``notebooks/README.md``."""
    out: dict[str, dict[str, str]] = {}
    common: dict[str, str] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = _DOC_ROW.match(line)
        if m:
            out[m["nb"]] = {m["name"]: m["default"]} if m["name"] else {}
        m = _DOC_ALL.match(line)
        if m:
            common[m["name"]] = m["default"]
    return {nb: {**params, **common} for nb, params in out.items()}


def contract_problems(path: Path, documented: dict[str, str]) -> list[str]:
    """Every way the notebook at ``path`` breaks the contract (empty when it keeps it)."""
    import papermill

    problems: list[str] = []
    name = path.name
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"{name}: not valid nbformat 4 ({exc.message})")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{name}: kernel is not python3")
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code):
        if cell.get("outputs") or cell.get("execution_count") is not None:
            problems.append(f"{name}: code cell {i} has outputs or an execution count (run nbstripout)")
    if "cdn.plot.ly" in text or "notebook_connected" in text:
        problems.append(f"{name}: loads plotly.js from a network")

    inspected = papermill.inspect_notebook(str(path))
    got = {k: v["default"] for k, v in inspected.items()}
    if got != documented:
        problems.append(f"{name}: parameters {got} but notebooks/README.md documents {documented}")
    for k, v in inspected.items():
        if not v.get("help") or v.get("inferred_type_name") in (None, "None"):
            problems.append(f"{name}: parameter {k} needs a type and a help comment (`{k}: int = …  # …`)")

    tagged = [i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", [])]
    if documented and not tagged:
        problems.append(f"{name}: no cell tagged parameters")
    first = code[tagged[0] + 1 if tagged else 0].source if code else ""
    for k in documented:
        check = "views.use_seeds(seeds)" if k == "seeds" else f"params.check_{k}({k})"
        if check not in first:
            problems.append(f"{name}: the first code cell after the parameters does not validate {k}")
    if "views.setup_plotly()" not in first:
        problems.append(f"{name}: the first code cell does not call views.setup_plotly()")
    for i, cell in enumerate(code):
        if "widgets." in cell.source and "import" not in cell.source:
            if "live" not in cell.metadata.get("tags", []):
                problems.append(f"{name}: code cell {i} builds a widget but is not tagged live")
    return problems


def pair_problems(path: Path) -> list[str]:
    """Differences between a notebook and its paired ``py:percent`` file."""
    import jupytext

    pair = path.with_suffix(".py")
    if not pair.is_file():
        return [f"{path.name}: paired text file {pair.name} is missing (jupytext --sync)"]
    nb = jupytext.read(path)
    expected = jupytext.writes(
        nb, fmt="py:percent", config=jupytext.config.load_jupytext_config(str(path.parent))
    )
    if expected != pair.read_text(encoding="utf-8"):
        return [f"{path.name}: {pair.name} is out of date; run `jupytext --sync notebooks/{path.name}`"]
    return []
