"""The notebooks executed by papermill for every valid parameter value (their contract: test_notebook_contract.py).

The execution tests are ``slow``: every notebook runs for every valid value (4 years,
every unit of nx-impl-2019, 8 sections, overview and tour once) in real kernels, two at
a time, written to pytest's temporary folder (never into ``notebooks/``); a bad value
must stop in the first code cell after the parameters with the valid choices listed.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_contract import NAMES, NOTEBOOKS, ROOT  # noqa: F401 - one list of notebooks

from zone_lib.views import params

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WORKERS = 2


def _cases() -> list[tuple[str, str, dict]]:
    cases = [(f"year-{y}", "year", {"year": y}) for y in params.valid_years()]
    cases[-1] = (cases[-1][0], "year", {"year": str(params.valid_years()[-1])})  # -r year 2022: a str
    cases += [(f"unit-{u}", "unit", {"unit": u}) for u in params.valid_units().unit]
    cases += [(f"platform-{n}", "platform", {"platform": n}) for n in params.valid_platforms().section_no]
    cases[-4] = (cases[-4][0], "platform", {"platform": "互联网医疗平台"})  # section 5 by its name
    cases += [("overview", "overview", {}), ("tour", "tour", {}), ("check", "check", {})]
    cases += [(f"crosswalk-{d}", "crosswalk", {"doc": d}) for d in params.valid_docs().doc_id]
    cases[-1] = (cases[-1][0], "crosswalk", {"doc": "国卫规划发〔2020〕22号"})  # by its number
    cases += [("keywords", "keywords", {}), ("progress", "progress", {}), ("copies", "copies", {})]
    return cases


CASES = _cases()
BAD = [
    ("year", {"year": 2030}, ["2019; 2020; 2021; 2022", "Did you mean '2022'"]),
    ("unit", {"unit": "不存在的局"}, ["自治区卫生健康委 (Regional Health Commission)", "自治区医保局"]),
    ("platform", {"platform": "火星平台"}, ["5 = 互联网医疗平台 Internet medical-service platform"]),
    ("crosswalk", {"doc": "qtx-impl-2091"}, ["Did you mean 'qtx-impl-2019", "nx-hq-2023", "nhc-5yi-2020"]),
]


# ---------------------------------------------------------------- executed


@pytest.fixture(scope="session")
def python3_kernel() -> str:
    """Make sure a kernel named python3 exists (install the venv's ipykernel if not)."""
    from jupyter_client.kernelspec import find_kernel_specs

    if "python3" not in find_kernel_specs():
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
            check=True,
            capture_output=True,
        )
    assert "python3" in find_kernel_specs()
    return "python3"


def _execute(name: str, parameters: dict, out: Path, kernel: str) -> nbformat.NotebookNode:
    import papermill as pm

    pm.execute_notebook(
        str(NOTEBOOKS / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name=kernel,
        cwd=str(ROOT),
        progress_bar=False,
        log_output=False,
        execution_timeout=180,
    )
    return nbformat.read(str(out), as_version=4)


def _run_in_worker(name: str, parameters: dict, out: str, kernel: str) -> str | None:
    """Run one notebook in a worker process; return None, or the error as text."""
    try:
        _execute(name, parameters, Path(out), kernel)
    except Exception as exc:  # noqa: BLE001 - reported by the test that waits for this run
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def executed(tmp_path_factory, python3_kernel):
    """Start every run at once in two worker processes (one kernel each at a time).

    Worker processes, not threads: each runs papermill in its own main thread and
    imports papermill/nbformat once for all its runs.
    """
    out_dir = tmp_path_factory.mktemp("executed")
    ctx = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx)
    futures = {
        case_id: (
            pool.submit(_run_in_worker, name, parameters, str(out_dir / f"{case_id}.ipynb"), python3_kernel),
            out_dir / f"{case_id}.ipynb",
        )
        for case_id, name, parameters in CASES
    }
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def _outputs(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.slow
@pytest.mark.parametrize(("case_id", "name", "parameters"), CASES, ids=[c[0] for c in CASES])
def test_notebook_runs(executed, case_id, name, parameters):
    future, path = executed[case_id]
    error = future.result(timeout=600)
    assert error is None, error
    nb = nbformat.read(str(path), as_version=4)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(PLOTLY_MIME in o.get("data", {}) for o in outputs), "no plotly figure output"
    assert any("text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"] for o in outputs)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    if parameters:
        injected = [c for c in code if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1
        key, value = next(iter(parameters.items()))
        printed = "".join(o.get("text", "") for o in code[2].outputs)
        expected = {
            "year": lambda v: f"year = {params.check_year(v)}",
            "unit": lambda v: f"unit = {params.check_unit(v)}",
            "platform": lambda v: f"platform = {params.check_platform(v)}:",
            "doc": lambda v: f"doc = {params.check_doc(v)}",
        }[key](value)
        assert expected in printed
    assert json.dumps(nb)  # serialisable, in tmp_path only


@pytest.mark.slow
@pytest.mark.parametrize(("name", "parameters", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_parameter_fails_in_the_first_code_cell(tmp_path, python3_kernel, name, parameters, expected):
    import papermill as pm

    out = tmp_path / f"{name}-bad.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as info:
        _execute(name, parameters, out, python3_kernel)
    err = info.value
    assert err.ename == "ParameterError"
    for text in expected:
        assert text in err.evalue
    nb = nbformat.read(str(out), as_version=4)
    # papermill adds markdown cells flagging the error; cell_index counts the notebook without them
    nb.cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    code_idx = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    tags = [nb.cells[i].metadata.get("tags", []) for i in code_idx]
    assert "parameters" in tags[0] and "injected-parameters" in tags[1]
    # the first code cell after the parameters (and papermill's injected cell) is the one that failed
    assert err.cell_index == code_idx[2]
    assert err.exec_count == 3
    assert all(nb.cells[i].execution_count is None for i in code_idx[3:])
