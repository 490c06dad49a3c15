import codecs

import pytest

from zone_lib.cli import main


def test_summary_writes_csv_with_bom(tmp_path, capsys):
    assert main(["summary", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "40 tasks, 147 cells, 8 sections" in out
    assert "Discrepancies between table and prose (表文不一致): 8" in out
    data = (tmp_path / "matrix.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert "统一数据标准规范" in data.decode("utf-8-sig")
    assert {p.name for p in tmp_path.iterdir()} == {
        "documents.csv",
        "matrix.csv",
        "responsibilities.csv",
        "discrepancies.csv",
        "table_lines.csv",
    }


def test_table_command_csv(capsys):
    assert main(["units", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "doc_id,task_no,unit,role,order,source_line"
    assert out[1] == "nx-impl-2019,1,自治区卫生健康委,lead,1,646"


def test_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["--seeds", str(tmp_path / "none"), "matrix"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zone: error: seeds folder") and "does not exist" in err


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("summary", "documents", "matrix", "units", "discrepancies", "lines"):
        assert name in out
