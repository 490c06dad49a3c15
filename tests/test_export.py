import codecs

import pandas as pd
import pytest

from zone_lib.cli import main
from zone_lib.errors import ZoneError
from zone_lib.export import export, table_names


def test_csv_export_writes_every_table_with_a_bom(tmp_path):
    files = export(tmp_path, "csv")
    assert [f.stem for f in files] == table_names()
    for f in files:
        assert f.read_bytes().startswith(codecs.BOM_UTF8), f.name
    m = pd.read_csv(tmp_path / "matrix.csv", encoding="utf-8-sig")
    assert len(m) == 147
    row = m[(m.task_no == 2) & (m.year == 2019)].iloc[0]
    assert (
        row["items"]
        == "升级改造现有的医疗健康信息网络。 | 建成贯通自治区、市、县、乡、村五级的全域医疗健康信息专网,覆盖90%以上的公立医疗卫生机构。"
    )
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_parquet_keeps_lists(tmp_path):
    export(tmp_path, "parquet")
    m = pd.read_parquet(tmp_path / "matrix.parquet")
    assert list(m[(m.task_no == 1) & (m.year == 2020)]["items"].iloc[0]) == [
        "强化自治区统筹区域平台和医院信息平台功能指引、数据标准的推广应用。",
        "全区医疗健康数据实现标准规范统一管理与维护。",
    ]


def test_xlsx_has_a_sheet_per_table(tmp_path):
    (path,) = export(tmp_path, "xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == [n[:31] for n in table_names()]
    assert len(sheets["responsibilities"]) == len(pd.read_excel(path, sheet_name="responsibilities"))


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ZoneError, match="choose one of csv, xlsx, parquet"):
        export(tmp_path, "docx")


def test_cli_export(tmp_path, capsys):
    assert main(["export", "--format", "csv", "--out", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "tasks.csv").is_file()
