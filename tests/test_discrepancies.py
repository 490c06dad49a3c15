import pandas as pd

import zone_lib
from tests.conftest import GAZETTE
from tests.damage import read_seed, row_indexes
from zone_lib.tables.matrix import MATRIX_DOC


def test_the_short_list_of_disagreements():
    d = zone_lib.discrepancies()
    got = [(r.task_no, None if pd.isna(r.year) else int(r.year), r.kind) for r in d.itertuples()]
    assert got == [
        (1, 2020, "different_year"),
        (7, 2020, "table_only"),
        (7, 2021, "table_only"),
        (12, 2022, "year_from_prose"),
        (14, None, "task_name"),
        (34, None, "section_number"),
        (36, None, "section_number"),
        (37, 2021, "table_only"),
    ]


def test_details_are_readable_and_located():
    d = zone_lib.discrepancies().set_index(["task_no", "kind"])
    row = d.loc[(12, "year_from_prose")]
    assert row.detail == (
        "Cell “基本建立适合示范区发展的合作模式,形成示范效应。” stands in the 2021 column, but the prose gives it "
        "for 2022 (it holds 100% of the cell's wording); placed in 2022."
    )
    assert (row.table_line, row.prose_line) == (962, 722)
    assert "repeats the 2020 cell word for word" in d.loc[(37, "table_only")].detail
    assert "section 7 “建设互联网医药平台”" in d.loc[(34, "section_number")].detail
    assert d.loc[(34, "section_number")].table_line == 999
    item = d.loc[(1, "different_year")]
    assert "item (1) “强化自治区统筹区域平台" in item.detail and item.prose_line == 642


def test_a_task_the_table_lacks_is_listed_with_its_milestones(seed_copy):
    path = seed_copy / GAZETTE
    lines = read_seed(path.read_bytes())
    rows = row_indexes(lines)
    gone = rows[len(rows) // 2]  # a row in the middle of the table, whichever task it is
    task_no = int(lines[gone].split("\t")[0])
    path.write_bytes("\n".join(lines[:gone] + lines[gone + 1 :]).encode("utf-8"))
    assert sorted(zone_lib.matrix(seeds=seed_copy).task_no.unique()) == [
        n for n in range(1, 41) if n != task_no
    ]
    d = zone_lib.discrepancies(seeds=seed_copy)
    mine = d[(d.task_no == task_no) & (d.kind == "prose_only")]
    prose = zone_lib.milestones(seeds=seed_copy)
    prose = prose[(prose.doc_id == MATRIX_DOC) & (prose.task_no == task_no) & (prose.source == "prose")]
    years = sorted({y for r in prose.itertuples() for y in range(int(r.year_from), int(r.year_to) + 1)})
    assert years and sorted(mine.year.astype(int)) == years
    assert mine.table_line.isna().all() and mine.prose_line.notna().all()
    assert all("not in the table" in x for x in mine.detail)
    # the other tasks' discrepancies are those of the intact seeds
    intact = zone_lib.discrepancies()
    assert len(d[d.task_no != task_no]) == len(intact[intact.task_no != task_no])
