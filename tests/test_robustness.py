"""Input robustness: encodings, line ends, full-width forms, odd spaces, damaged tables, bad files.

Most tests read the README's example plan (``examples/own_plan.txt``) changed in one
way and check that the tables come out the same; the table damage tests use the
gazette seed's annex table and a task-division table.
"""

from __future__ import annotations

import codecs
import time
import tracemalloc

import pandas as pd
import pytest

import zone_lib
from tests import damage
from tests.conftest import GAZETTE, ROOT, SEEDS
from zone_lib.errors import EmptyDocumentError, FileTooLargeError, NotTextError, SeedReadError
from zone_lib.ingest import reading

EXAMPLE = ROOT / "examples" / "own_plan.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")
TABLES = ("tasks", "milestones", "responsibilities", "targets", "matrix", "table", "problems")


@pytest.fixture(scope="module")
def original() -> zone_lib.OwnDocument:
    return zone_lib.read_document(TEXT, doc_id="own")


def _read(tmp_path, data: bytes) -> zone_lib.OwnDocument:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    return zone_lib.read_document(path, doc_id="own")


def assert_same_tables(got: zone_lib.OwnDocument, want: zone_lib.OwnDocument, tables=TABLES) -> None:
    for name in tables:
        a, b = getattr(got, name), getattr(want, name)
        if name == "problems":
            a, b = a.drop(columns="file"), b.drop(columns="file")
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=name)
    assert list(got.lines.status) == list(want.lines.status)


# -- encodings and line ends --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(TEXT.encode("gbk"), "gb18030", id="gbk"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8", id="crlf"),
        pytest.param(TEXT.replace("\n", "\r").encode("gb18030"), "gb18030", id="cr-gb18030"),
        pytest.param(TEXT.replace("\n", "\r\n").encode("utf-16"), "utf-16", id="crlf-utf-16"),
    ],
)
def test_every_encoding_and_line_end_gives_the_same_tables(tmp_path, original, data, encoding):
    got = _read(tmp_path, data)
    assert got.encoding == encoding
    assert_same_tables(got, original)


def test_bytes_and_text_read_alike(original):
    assert_same_tables(zone_lib.read_document(TEXT.encode("gb18030"), doc_id="own"), original)
    assert_same_tables(zone_lib.read_document("\ufeff" + TEXT, doc_id="own"), original)


# -- full-width and half-width forms, odd spaces ----------------------------------------------

_FULL_DIGITS = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


def _full_width_numbers(text: str) -> str:
    """Task numbers and years in full-width digits (``１．``, ``２０２１年``); table cells left alone."""
    body, sep, table = text.partition("附件\n")
    lines = []
    for line in body.split("\n"):
        if line[:1].isdigit() and line[1:2] == ".":
            line = line[0].translate(_FULL_DIGITS) + "．" + line[2:]
        lines.append(line.replace("2021年", "２０２１年").replace("2022年", "２０２２年"))
    return "\n".join(lines) + sep + table


def test_full_width_digits_keep_tasks_years_and_units(original):
    doc = zone_lib.read_document(_full_width_numbers(TEXT), doc_id="own")
    assert "１．升级全民健康信息平台" in _full_width_numbers(TEXT)
    keys = {
        "tasks": ["task_no", "task", "section_no", "source_line"],
        "milestones": ["task_no", "year_from", "year_to", "source", "source_line"],
        "responsibilities": ["task_no", "unit", "role", "order", "source_line"],
        "targets": ["task_no", "year", "value", "unit", "comparator", "source_line"],
    }
    for name, cols in keys.items():
        pd.testing.assert_frame_equal(getattr(doc, name)[cols], getattr(original, name)[cols], obj=name)
    # the text is kept as printed: full-width where the document has it
    assert doc.milestones.marker[1] == "２０２１年，"
    assert list(doc.problems.line) == [23]


def test_half_width_punctuation_gives_the_same_facts(original):
    half = (
        TEXT.replace("牵头单位：", "牵头单位:")
        .replace("配合单位：", "配合单位:")
        .replace(
            "（市卫生健康委牵头，市医保局配合；2022年底前完成）",
            "(市卫生健康委牵头,市医保局配合;2022年底前完成)",
        )
        .replace("（责任单位：", "(责任单位:")
        .replace("人民政府、市卫生健康委）", "人民政府、市卫生健康委)")
        .replace("2021年，", "2021年,")
    )
    assert half != TEXT
    doc = zone_lib.read_document(half, doc_id="own")
    for name, cols in {
        "responsibilities": ["task_no", "unit", "role", "order", "source_line"],
        "milestones": ["task_no", "year_from", "year_to", "source", "source_line"],
        "tasks": ["task_no", "task", "source_line"],
    }.items():
        pd.testing.assert_frame_equal(getattr(doc, name)[cols], getattr(original, name)[cols], obj=name)


def test_ideographic_and_non_breaking_spaces(original):
    spaced = "\n".join(
        "\u3000\u3000" + line.replace("单位：", "单位：\u00a0").replace("委、", "委、\u00a0") + "\u00a0 "
        for line in TEXT.rstrip("\n").split("\n")
    )
    doc = zone_lib.read_document(spaced, doc_id="own")
    assert_same_tables(doc, original, ("tasks", "milestones", "responsibilities", "targets"))
    assert list(doc.table.text) == list(original.table.text)
    # problems quote the line as printed, spaces and all
    assert (
        doc.problems[["line", "reason"]].values.tolist()
        == original.problems[["line", "reason"]].values.tolist()
    )


# -- damaged tables ----------------------------------------------------------------------


def _gazette() -> list[str]:
    return damage.read_seed((SEEDS / GAZETTE).read_bytes())


def test_an_annex_row_missing_is_reported_on_the_next_row(seed_copy):
    lines = _gazette()
    rows = damage.row_indexes(lines)
    gone = rows[19]
    missing_no = int(lines[gone].split("\t")[0])
    damaged = lines[:gone] + lines[gone + 1 :]
    (seed_copy / GAZETTE).write_bytes(damage.encode(damaged))
    next_row = next(k for k in damage.row_indexes(damaged) if damaged[k].startswith(f"{missing_no + 1}\t"))
    tl = zone_lib.table_lines(seeds=seed_copy)
    problems = tl[tl.problem]
    assert problems[["line", "task_no"]].values.tolist() == [[next_row + 1, missing_no + 1]]
    assert f"{missing_no + 1} follows {missing_no - 1}" in problems.note.item()
    m = zone_lib.matrix(seeds=seed_copy)
    assert sorted(set(m.task_no)) == [n for n in range(1, 41) if n != missing_no]
    acc = zone_lib.line_accounting(seeds=seed_copy)
    assert acc[acc.status == "reported"].line.tolist() == [next_row + 1]


def test_an_annex_row_shifted_right_by_a_whole_column_is_reported(seed_copy):
    lines = _gazette()
    k = damage.row_indexes(lines)[11]
    number, rest = lines[k].split("\t", 1)
    lines[k] = number + "\t\t" + rest  # a tab before the name: every cell one column to the right
    (seed_copy / GAZETTE).write_bytes(damage.encode(lines))
    tl = zone_lib.table_lines(seeds=seed_copy)
    problems = tl[tl.problem]
    assert problems[["line", "task_no"]].values.tolist() == [[k + 1, int(number)]]
    assert "cells may have merged or split" in problems.note.item()
    before, after = zone_lib.matrix(), zone_lib.matrix(seeds=seed_copy)
    others = before.task_no != int(number)
    pd.testing.assert_frame_equal(
        after[after.task_no != int(number)].reset_index(drop=True), before[others].reset_index(drop=True)
    )


DIVISION = [
    "某市分工方案",
    "重点任务分工表",
    "序号\t重点任务\t具体内容\t牵头单位\t完成时限",
    "1\t建设市级平台\t建成市级全民健康信息平台，实现数据互通。\t市卫生健康委\t2020年底",
    "2\t推广电子健康卡\t全市推广电子健康卡，实现就医一卡通用。\t市医保局\t2021年底",
    "3\t推行预约诊疗\t二级以上医院推行分时段预约诊疗服务。\t市卫生健康委\t2022年底",
]


@pytest.fixture(scope="module")
def division() -> zone_lib.OwnDocument:
    return zone_lib.read_document("\n".join(DIVISION), doc_id="own")


def test_a_division_row_broken_over_a_page_comes_back_whole(division):
    lines = list(DIVISION)
    name, task, content, lead, due = lines[4].split("\t")
    lines[4:5] = [f"{name}\t{task}\t{content[:9]}", "", DIVISION[2], f"{content[9:]}\t{lead}\t{due}"]
    doc = zone_lib.read_document("\n".join(lines), doc_id="own")
    drop = ["source_line"]
    for table in ("tasks", "milestones", "responsibilities"):
        pd.testing.assert_frame_equal(
            getattr(doc, table).drop(columns=drop), getattr(division, table).drop(columns=drop), obj=table
        )
    assert doc.problems.empty
    kinds = doc.lines.set_index("line").kind
    assert [kinds[n] for n in (5, 6, 7, 8)] == ["table row", "blank", "table header", "table continuation"]


def test_a_duplicated_division_row_is_reported_and_the_first_copy_kept(division):
    lines = DIVISION[:5] + [DIVISION[4]] + DIVISION[5:]
    doc = zone_lib.read_document("\n".join(lines), doc_id="own")
    assert doc.problems[["line", "reason"]].values.tolist() == [[6, "task 2 appears again; first copy kept"]]
    pd.testing.assert_frame_equal(
        doc.tasks.drop(columns="source_line"), division.tasks.drop(columns="source_line")
    )


def test_a_division_row_missing_is_reported(division):
    doc = zone_lib.read_document("\n".join(DIVISION[:4] + DIVISION[5:]), doc_id="own")
    assert doc.problems[["line", "reason"]].values.tolist() == [[5, "rows out of sequence: 3 follows 1"]]
    assert list(doc.tasks.task_no) == [1, 3]


def test_division_cells_shifted_into_the_wrong_column_are_reported_not_read(division):
    lines = list(DIVISION)
    lines[4] = lines[4].replace("\t市医保局", "市医保局")  # a tab lost: two cells merge, the rest shift left
    doc = zone_lib.read_document("\n".join(lines), doc_id="own")
    assert doc.problems.line.tolist() == [5]
    assert list(doc.tasks.task_no) == [1, 3]
    assert 2 not in set(doc.responsibilities.task_no)


# -- bad files ---------------------------------------------------------------------------


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocumentError, match=r"empty\.txt: holds no text; expected the text of a plan"):
        zone_lib.read_document(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"%PDF-1.4\n" + bytes(range(256)), "PDF file.*pdftotext", id="pdf"),
        pytest.param(b"PK\x03\x04" + bytes(200), "zip archive.*save it as plain text", id="docx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "old Word", id="doc"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image.*OCR", id="png"),
        pytest.param(b"abc\x00def" * 40, "looks binary", id="nul-bytes"),
    ],
)
def test_a_binary_file_is_refused_with_what_to_do(tmp_path, data, message):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    with pytest.raises(NotTextError, match=message):
        zone_lib.read_document(path)


def test_a_binary_file_in_the_seeds_folder_names_the_file(seed_copy):
    (seed_copy / "zz_scan.txt").write_bytes(b"%PDF-1.5\n" + bytes(100))
    with pytest.raises(NotTextError, match=r"zz_scan\.txt: looks binary: it is a PDF file"):
        zone_lib.documents(seeds=seed_copy)


def test_undecodable_text_says_what_to_do(tmp_path):
    with pytest.raises(SeedReadError, match="re-save it as UTF-8"):
        _read(tmp_path, "计划".encode() + b"abc\x80\xffdef")


FIFTY_MB = 50 * 1024 * 1024


def _bounded(call) -> tuple[float, float]:
    """Seconds and peak traced MB of ``call()``, which must raise a ZoneError."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(zone_lib.ZoneError) as info:
            call()
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return time.perf_counter() - start, peak, info.value


def test_a_50_mb_text_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = TEXT.encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(FIFTY_MB // len(chunk) + 1):
            handle.write(chunk)
    seconds, peak, error = _bounded(lambda: zone_lib.read_document(path))
    assert isinstance(error, FileTooLargeError)
    assert "split it into one file per document" in str(error)
    assert seconds < 2 and peak < 2 * reading.SNIFF_BYTES / 1e6 + 1


def test_a_50_mb_binary_file_is_refused_from_its_first_bytes(tmp_path):
    path = tmp_path / "scan.txt"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(FIFTY_MB)  # sparse: 50 MB of NUL bytes after the signature
    seconds, peak, error = _bounded(lambda: zone_lib.read_document(path))
    assert isinstance(error, NotTextError)
    assert seconds < 2 and peak < 2 * reading.SNIFF_BYTES / 1e6 + 1


def test_text_and_bytes_over_the_limit_are_refused_too(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SEED_BYTES", 1000)
    monkeypatch.setattr("zone_lib.reader.own_document.MAX_SEED_BYTES", 1000)
    with pytest.raises(FileTooLargeError, match="MAX_SEED_BYTES"):
        zone_lib.read_document(TEXT * 3)
    with pytest.raises(FileTooLargeError):
        zone_lib.read_document((TEXT * 3).encode("utf-8"))


def test_a_large_plan_under_the_limit_is_read_in_bounded_time():
    text = "\n".join([TEXT] * 30)  # 30 copies of the plan, about 100 kB
    start = time.perf_counter()
    doc = zone_lib.read_document(text, doc_id="big")
    assert time.perf_counter() - start < 30
    assert (doc.lines.status != "unclassified").all()
    assert len(doc.lines) == len(reading.split_lines(text))


# -- every seed re-encoded and re-broken -------------------------------------------------------

LINE_COLUMNS = {
    "tasks": ["source_line"],
    "milestones": ["source_line"],
    "responsibilities": ["source_line"],
    "targets": ["source_line"],
    "matrix": ["source_line", "prose_line"],
}


def _corpus_tables(seeds=None) -> dict[str, pd.DataFrame]:
    targets = zone_lib.targets(seeds=seeds)
    key = [c for c in targets.columns if c != "source_line"]
    return {
        "tasks": zone_lib.tasks(seeds=seeds),
        "milestones": zone_lib.milestones(seeds=seeds),
        "responsibilities": zone_lib.responsibilities(None, seeds=seeds),
        # a target's line is looked up by its printed span, so re-broken lines may reorder equal spans
        "targets": targets.sort_values(key, kind="stable"),
        "matrix": zone_lib.matrix(seeds=seeds),
    }


@pytest.fixture(scope="module")
def seed_tables() -> dict[str, pd.DataFrame]:
    return _corpus_tables()


@pytest.mark.parametrize("way", list(damage.SEED_WAYS), ids=list(damage.SEED_WAYS))
def test_every_seed_re_encoded_and_re_broken_gives_identical_tables(tmp_path, seed_tables, way):
    from zone_lib.textutil import fold

    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "manifest.json").write_bytes((SEEDS / "manifest.json").read_bytes())
    logical: dict[str, list[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        lines, data = damage.SEED_WAYS[way](damage.read_seed(path.read_bytes()))
        assert data != path.read_bytes()
        (folder / path.name).write_bytes(data)
        logical[path.name] = lines
    got = _corpus_tables(folder)
    for name, want in seed_tables.items():
        cols = LINE_COLUMNS[name]
        pd.testing.assert_frame_equal(
            got[name].drop(columns=cols).reset_index(drop=True),
            want.drop(columns=cols).reset_index(drop=True),
            obj=f"{name} ({way})",
        )
    # every fact still points at a line of the damaged copy that prints it
    docs = zone_lib.documents(seeds=folder).set_index("doc_id").seed_file
    for r in got["tasks"].itertuples():
        assert fold(r.text)[:4] in fold(logical[docs[r.doc_id]][r.source_line - 1]), (
            way,
            r.doc_id,
            r.task_no,
        )
    prose = got["milestones"][got["milestones"].source == "prose"]
    for r in prose.itertuples():
        line = logical[docs[r.doc_id]][r.source_line - 1]
        assert fold(r.marker)[:4] in fold(line), (way, r.doc_id, r.task_no, r.marker)
    for r in got["matrix"].itertuples():
        line = logical[docs[r.doc_id]][r.source_line - 1]
        assert fold(r.text)[:6] in fold(line), (way, r.task_no, r.year)
