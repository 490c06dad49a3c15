"""Line accounting: every line of every seed file is used, known boilerplate or reported — none is lost."""

from __future__ import annotations

import pandas as pd
import pytest

import zone_lib
from tests import damage
from tests.conftest import GAZETTE, SEEDS
from zone_lib.quality.accounting import ACCOUNTING_COLUMNS, STATUSES, accounting_summary, line_accounting

#: Lines per seed file by status (used, boilerplate, reported, unclassified), as accounted today.
COUNTS = {
    "000_38997dd1fe2cc9ba.txt": (27, 0, 0, 0),
    "001_2636db6dbf13266e.txt": (212, 299, 0, 0),
    "002_f60c301714171d8f.txt": (346, 990, 0, 0),
    "003_9fe894c19bce5232.txt": (27, 12, 0, 0),
    "004_5fc8f1330a1a1ea8.txt": (24, 60, 0, 0),
}


@pytest.fixture(scope="module")
def accounting() -> pd.DataFrame:
    return line_accounting()


def test_every_line_of_every_seed_file_is_accounted_for_once(accounting):
    for path in sorted(SEEDS.glob("*.txt")):
        lines = damage.read_seed(path.read_bytes())
        got = accounting[accounting.seed_file == path.name]
        assert list(got.line) == list(range(1, len(lines) + 1)), path.name
        assert list(got.text) == lines, path.name


def test_no_seed_line_is_unclassified(accounting):
    bad = accounting[accounting.status == "unclassified"]
    assert bad.empty, bad[["seed_file", "line", "reason", "text"]].to_string()


def test_counts_per_seed_file(accounting):
    summary = accounting_summary(accounting).set_index("seed_file")
    got = {
        name: tuple(int(summary.loc[name, s]) for s in STATUSES) for name in summary.index if name != "total"
    }
    assert got == COUNTS
    assert summary.loc["total", "lines"] == len(accounting)


def test_columns_statuses_and_reasons(accounting):
    assert list(accounting.columns) == ACCOUNTING_COLUMNS
    assert set(accounting.status) <= set(STATUSES)
    used = accounting[accounting.status == "used"]
    assert (used.used_by != "").all()
    assert (accounting[accounting.status == "reported"].reason != "").all()


@pytest.mark.parametrize(
    ("table", "call"),
    [
        pytest.param("tasks", lambda: zone_lib.tasks(), id="tasks"),
        pytest.param("milestones", lambda: zone_lib.milestones(), id="milestones"),
        pytest.param("responsibilities", lambda: zone_lib.responsibilities(None), id="responsibilities"),
        pytest.param("targets", lambda: zone_lib.targets(), id="targets"),
        pytest.param("matrix", lambda: zone_lib.matrix(), id="matrix"),
        pytest.param("plan_goals", lambda: zone_lib.plan_goals(), id="plan-goals"),
    ],
)
def test_every_cited_line_is_used_by_the_table_citing_it(accounting, table, call):
    cited = call()[["doc_id", "source_line"]].drop_duplicates()
    acc = accounting.set_index(["doc_id", "line"])
    for doc_id, line in cited.itertuples(index=False):
        row = acc.loc[(doc_id, int(line))]
        assert row.status == "used", (doc_id, line, row.status)
        assert table in row.used_by.split(","), (doc_id, line, row.used_by)


@pytest.mark.parametrize(
    ("doc_id", "line", "status", "kind", "used_by"),
    [
        pytest.param("nx-impl-2019", 617, "used", "document number", "documents", id="number"),
        pytest.param("nx-impl-2019", 628, "used", "title", "documents", id="title"),
        pytest.param("nx-impl-2019", 623, "boilerplate", "signature", "", id="signature"),
        pytest.param("nx-impl-2019", 626, "boilerplate", "publication note", "", id="publication-note"),
        pytest.param("nx-impl-2019", 619, "boilerplate", "addressee", "", id="addressee"),
        pytest.param("nx-impl-2019", 642, "used", "task", "milestones,tasks", id="task"),
        pytest.param("nx-impl-2019", 644, "used", "task continuation", "tasks", id="page-break"),
        pytest.param("nx-impl-2019", 646, "used", "task units", "responsibilities", id="unit-line"),
        pytest.param("nx-impl-2019", 938, "boilerplate", "table caption", "", id="table-caption"),
        pytest.param("nx-impl-2019", 940, "boilerplate", "table header", "", id="table-header"),
        pytest.param("nx-impl-2019", 636, "boilerplate", "narrative", "", id="goals-before-the-tasks"),
        pytest.param("nhc-5yi-2020", 1, "boilerplate", "source note", "", id="pkulaw-note"),
        pytest.param("nhc-5yi-2020", 40, "boilerplate", "signature", "", id="issuer"),
        pytest.param("nhc-5yi-2020", 37, "boilerplate", "narrative", "", id="closing-paragraph"),
        pytest.param("nhc-5yi-2020", 83, "used", "progress statement", "reported_progress", id="progress"),
        pytest.param("nx-toll-2019", 375, "boilerplate", "not extracted", "", id="out-of-scope"),
        pytest.param("nx-plan-2019-web", 5, "used", "copied sentence", "copy_alignment", id="web-copy"),
    ],
)
def test_golden_lines(accounting, doc_id, line, status, kind, used_by):
    row = accounting[(accounting.doc_id == doc_id) & (accounting.line == line)].iloc[0]
    assert (row.status, row.kind) == (status, kind)
    assert set(filter(None, row.used_by.split(","))) >= set(filter(None, used_by.split(",")))


def test_table_region_lines_agree_with_table_lines(accounting):
    tl = zone_lib.table_lines()
    acc = accounting.set_index(["doc_id", "line"])
    for r in tl.itertuples(index=False):
        got = acc.loc[(r.doc_id, r.line)]
        expected = "used" if r.kind in ("row", "section", "continuation") else "boilerplate"
        assert got.status == expected, (r.line, r.kind, got.status)


def test_one_document(accounting):
    one = line_accounting("nx-hq-2023")
    docs = zone_lib.documents().set_index("doc_id")
    assert list(one.line) == list(
        range(docs.loc["nx-hq-2023", "first_line"], docs.loc["nx-hq-2023", "last_line"] + 1)
    )
    assert (one.status != "unclassified").all()
    pd.testing.assert_frame_equal(
        one.reset_index(drop=True),
        accounting[accounting.doc_id == "nx-hq-2023"].reset_index(drop=True),
    )


def test_lines_between_documents_are_blank(accounting):
    between = accounting[accounting.doc_id == ""]
    assert len(between) > 0
    assert set(between.kind) == {"blank"}
    assert (between.text.str.strip() == "").all()


def test_summary_by_document(accounting):
    s = accounting_summary(accounting, by="doc_id").set_index("doc_id")
    assert s.loc["nx-impl-2019", "used"] == 194
    assert s.loc["nx-impl-2019", "lines"] == 396
    assert (s[["used", "boilerplate", "reported", "unclassified"]].sum(axis=1) == s.lines).all()


def test_garbage_in_the_table_is_reported_on_its_line(seed_copy):
    lines = damage.read_seed((SEEDS / GAZETTE).read_bytes())
    damaged, data, line_no = damage.garbage_after_header(lines)
    (seed_copy / GAZETTE).write_bytes(data)
    acc = line_accounting(seeds=seed_copy)
    bad = acc[acc.status.isin(["reported", "unclassified"])]
    assert bad[["seed_file", "line", "status"]].values.tolist() == [[GAZETTE, line_no, "reported"]]
    assert bad.iloc[0].text == damage.GARBAGE


def test_a_paragraph_between_two_tasks_is_reported(seed_copy):
    name = "003_9fe894c19bce5232.txt"
    lines = damage.read_seed((SEEDS / name).read_bytes())
    at = next(k for k, line in enumerate(lines) if line.startswith("12."))
    stray = "此段文字不属于任何任务。"
    (seed_copy / name).write_text("\n".join(lines[:at] + [stray] + lines[at:]), encoding="utf-8")
    acc = line_accounting(seeds=seed_copy)
    bad = acc[acc.status.isin(["reported", "unclassified"])]
    assert bad[["line", "status", "text"]].values.tolist() == [[at + 1, "reported", stray]]
    assert "after task 11" in bad.iloc[0].reason
    # the tasks are as before: the stray paragraph was not glued to task 11
    assert (
        zone_lib.tasks("nx-hq-2023", seeds=seed_copy).text.tolist()
        == zone_lib.tasks("nx-hq-2023").text.tolist()
    )


def test_a_task_number_out_of_sequence_is_reported(seed_copy):
    name = "003_9fe894c19bce5232.txt"
    lines = damage.read_seed((SEEDS / name).read_bytes())
    at = next(k for k, line in enumerate(lines) if line.startswith("12."))
    lines[at] = "21." + lines[at][3:]  # a misprinted task number
    (seed_copy / name).write_text("\n".join(lines), encoding="utf-8")
    acc = line_accounting(seeds=seed_copy)
    bad = acc[acc.status.isin(["reported", "unclassified"])]
    assert bad[["line", "status", "reason"]].values.tolist() == [
        [at + 1, "reported", "numbered 21 where task 12 was expected; not read as a task"],
        [at + 2, "reported", "task 12 is missing: 13 follows 11"],
    ]
    # the numbering goes on: task 13 is read as task 13, with its text and units
    t = zone_lib.tasks("nx-hq-2023", seeds=seed_copy)
    assert list(t.task_no) == [n for n in range(1, 23) if n != 12]
    assert bad.iloc[1].used_by == "responsibilities,tasks"


def test_an_empty_and_a_blank_seed_file(seed_copy):
    (seed_copy / "zz_empty.txt").write_bytes(b"")
    (seed_copy / "zz_blank.txt").write_text("\n  \n\u3000\n", encoding="utf-8")
    docs = zone_lib.documents(seeds=seed_copy)
    assert not docs.seed_file.isin(["zz_empty.txt", "zz_blank.txt"]).any()
    acc = line_accounting(seeds=seed_copy)
    assert not (acc.seed_file == "zz_empty.txt").any()
    blank = acc[acc.seed_file == "zz_blank.txt"]
    assert blank[["line", "status", "kind"]].values.tolist() == [
        [n, "boilerplate", "blank"] for n in (1, 2, 3)
    ]
    assert (acc.status != "unclassified").all()


@pytest.mark.parametrize("way", list(damage.SEED_WAYS), ids=list(damage.SEED_WAYS))
def test_re_encoded_and_re_broken_seeds_leave_no_line_unclassified(tmp_path, way):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        _, data = damage.SEED_WAYS[way](damage.read_seed(path.read_bytes()))
        (folder / path.name).write_bytes(data)
    (folder / "manifest.json").write_bytes((SEEDS / "manifest.json").read_bytes())
    acc = line_accounting(seeds=folder)
    assert (acc.status != "unclassified").all()
    assert (acc.status != "reported").all()
