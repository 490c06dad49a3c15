"""Floors on the development set (../shared/devset) and on the generality check set.

The development set holds real State Council documents with hand-made gold; the
generality set (``tests/fixtures/generality``, in the repository) holds eight written
documents in other conventions (provincial, municipal, district, commission level) with
gold in the same schema. The scorer is the dev set's own ``score.py`` (a verbatim copy
sits next to the generality set, so its floors hold where ../shared is absent); these
tests run ``read_document`` in this process and score its tables the same way. The dev
set's tests skip where it is absent. The floors are the scores reached (docs/reader.md);
a change that lowers one fails here.
"""

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

import zone_lib
from tests.conftest import ROOT

DEVSET = (ROOT / ".." / "shared" / "devset").resolve()
GENERALITY = ROOT / "tests" / "fixtures" / "generality"
GENERALITY2 = ROOT / "tests" / "fixtures" / "generality2"
FLOORS = {"task_recall": 1.0, "unit_f1": 1.0, "milestone_f1": 1.0, "table_rows": 1.0, "targets": 1.0}
GENERALITY_FLOORS = {
    "task_recall": 1.0,
    "unit_f1": 1.0,
    "milestone_f1": 1.0,
    "table_rows": 1.0,
    "targets": 1.0,
}
# the blind national-level set: 0.985 units (4 units named in 由-sentences inside prose are left, docs/reader.md)
GENERALITY2_FLOORS = {
    "task_recall": 1.0,
    "unit_f1": 0.98,
    "milestone_f1": 1.0,
    "table_rows": 1.0,
    "targets": 1.0,
}
MAX_READ_MS = 50

needs_devset = pytest.mark.skipif(
    not (DEVSET / "score.py").is_file(),
    reason=f"the development set is not at {DEVSET} (../shared/devset next to the project); nothing to score",
)


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location(f"score_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(df: pd.DataFrame) -> list[dict]:
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _result(doc: zone_lib.OwnDocument) -> dict:
    """What score.py's child process prints for one document."""
    out = {name: _records(getattr(doc, name)) for name in
           ("documents", "tasks", "milestones", "responsibilities", "targets", "table", "problems")}  # fmt: skip
    out["summary"] = doc.summary()
    out["line_status"] = {str(k): int(v) for k, v in doc.lines["status"].value_counts().items()}
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def _score_folder(folder: Path, scorer: Path):
    score = _scorer(scorer)
    texts = score.gold_texts(folder)
    assert texts, f"no <name>.txt with a gold_<name>.json in {folder}"
    per_doc = {}
    for path in texts:
        gold = json.loads((folder / f"gold_{path.stem}.json").read_text(encoding="utf-8"))
        per_doc[path.stem] = (
            score.score_doc(gold, _result(zone_lib.read_document(path)), details=True),
            gold,
        )
    return score, per_doc


@pytest.fixture(scope="module")
def scored():
    return _score_folder(DEVSET, DEVSET / "score.py")


@pytest.fixture(scope="module")
def scored_generality():
    return _score_folder(GENERALITY, GENERALITY / "score.py")


def _overall(score, per_doc) -> dict[str, float]:
    tot = {}
    for d, _gold in per_doc.values():
        for k in ("tasks_found", "tasks_gold", "unit_tp_p", "unit_P", "unit_tp_r", "unit_G", "ms_tp", "ms_P", "ms_G",
                  "targets_found", "targets_gold"):  # fmt: skip
            tot[k] = tot.get(k, 0) + d[k]
        if d["table"]:
            tot["rows_ok"] = tot.get("rows_ok", 0) + d["table"]["rows_ok"]
            tot["rows"] = tot.get("rows", 0) + d["table"]["rows"]
    up, ur = score.ratio(tot["unit_tp_p"], tot["unit_P"]), score.ratio(tot["unit_tp_r"], tot["unit_G"])
    mp, mr = score.ratio(tot["ms_tp"], tot["ms_P"]), score.ratio(tot["ms_tp"], tot["ms_G"])
    return {
        "task_recall": score.ratio(tot["tasks_found"], tot["tasks_gold"]),
        "unit_f1": score.f1(up, ur),
        "milestone_f1": score.f1(mp, mr),
        "table_rows": score.ratio(tot.get("rows_ok", 0), tot.get("rows", 0)),
        "targets": score.ratio(tot["targets_found"], tot["targets_gold"]),
    }


@pytest.fixture(scope="module")
def scored_generality2():
    return _score_folder(GENERALITY2, GENERALITY / "score.py")


@pytest.mark.parametrize("figure", list(GENERALITY2_FLOORS))
def test_generality2_figure_holds_its_floor(scored_generality2, figure):
    _check_floor(scored_generality2, GENERALITY2_FLOORS, figure)


def test_every_generality2_document_yields_its_tasks_or_says_why(scored_generality2):
    _check_tasks_or_why(scored_generality2)


def _check_floor(scored, floors, figure):
    score, per_doc = scored
    got = _overall(score, per_doc)[figure]
    misses = {
        name: {k: v for k, v in d.items() if k.startswith("_") and v} for name, (d, _) in per_doc.items()
    }
    assert got >= floors[figure] - 1e-9, f"{figure}={got:.3f} < {floors[figure]}; misses: {misses}"


def _check_tasks_or_why(scored):
    _, per_doc = scored
    for name, (d, _) in per_doc.items():
        assert d["tasks_found"] == d["tasks_gold"] or d["problems"] > 0, name
        assert d["lines_unclassified"] == 0, name


@pytest.mark.parametrize("figure", list(GENERALITY_FLOORS))
def test_generality_figure_holds_its_floor(scored_generality, figure):
    _check_floor(scored_generality, GENERALITY_FLOORS, figure)


def test_every_generality_document_yields_its_tasks_or_says_why(scored_generality):
    _check_tasks_or_why(scored_generality)


def test_the_generality_scorer_is_the_dev_sets():
    if not (DEVSET / "score.py").is_file():
        pytest.skip("no ../shared/devset to compare the copy with")
    assert (GENERALITY / "score.py").read_bytes() == (DEVSET / "score.py").read_bytes()


@needs_devset
@pytest.mark.parametrize("figure", list(FLOORS))
def test_overall_figure_holds_its_floor(scored, figure):
    _check_floor(scored, FLOORS, figure)


@needs_devset
def test_every_document_yields_its_tasks_or_says_why(scored):
    _check_tasks_or_why(scored)


def _assert_html_equals_text(folder: Path, name: str) -> None:
    """The tables read from ``html/<name>.html`` equal those read from ``<name>.txt``."""
    text_doc = zone_lib.read_document(folder / f"{name}.txt", doc_id="x")
    html_doc = zone_lib.read_document(folder / "html" / f"{name}.html", doc_id="x")
    for table in ("tasks", "milestones", "responsibilities", "targets", "table", "clauses", "dates"):
        pd.testing.assert_frame_equal(
            getattr(text_doc, table).reset_index(drop=True),
            getattr(html_doc, table).reset_index(drop=True),
            obj=table,
        )


@needs_devset
@pytest.mark.parametrize(
    "name", sorted(p.stem for p in (DEVSET / "html").glob("*.html")) if DEVSET.is_dir() else []
)
def test_html_gives_the_same_tables_as_its_text(name):
    _assert_html_equals_text(DEVSET, name)
    text_doc = zone_lib.read_document(DEVSET / f"{name}.txt", doc_id="x")
    html_doc = zone_lib.read_document(DEVSET / "html" / f"{name}.html", doc_id="x")
    assert list(text_doc.problems.reason) == list(html_doc.problems.reason)


@needs_devset
def test_reading_one_document_stays_under_its_time_budget():
    import time

    paths = sorted(DEVSET.glob("*.txt"))
    zone_lib.read_document(paths[0])  # warm: vocabularies, regular expressions
    times = {}
    for path in paths:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()  # CPU time: other processes on a busy machine do not count
            zone_lib.read_document(path)
            best = min(best, time.process_time() - start)
        times[path.stem] = best * 1000
    # a loaded machine slows everything: the median is held to the budget, the slowest to twice it
    ordered = sorted(times.values())
    assert ordered[len(ordered) // 2] < MAX_READ_MS, times
    assert ordered[-1] < 2 * MAX_READ_MS, times


@pytest.mark.parametrize("name", sorted(p.stem for p in (GENERALITY / "html").glob("*.html")))
def test_generality_html_gives_the_same_tables_as_its_text(name):
    _assert_html_equals_text(GENERALITY, name)
