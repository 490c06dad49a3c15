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


def test_check_reports_and_exits_1_with_strict_on_errors(tmp_path, capsys):
    from tests.test_quality import write_planted

    seeds = write_planted(tmp_path / "seeds")
    assert main(["check", "--seeds", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("zone check: data-quality report (数据质量检查): 10 findings in 1 seed file\n")
    assert "  010_test.txt:13  [warning] The English word “and” stands inside a Chinese sentence" in out
    assert out.endswith("Verdict: FAIL, 2 errors, 7 warnings, 1 info; `zone check --strict` exits 1.\n")
    assert main(["check", "--seeds", str(seeds), "--strict"]) == 1
    assert main(["--seeds", str(seeds), "check", "--strict", "--limit", "1"]) == 1  # the global --seeds too
    report = tmp_path / "out" / "check.txt"
    assert main(["check", "--seeds", str(seeds), "--out", str(report)]) == 0
    assert report.read_text("utf-8").splitlines()[-1].startswith("Verdict: FAIL")


def test_check_csv_and_json(tmp_path, capsys):
    import json

    import zone_lib
    from zone_lib.quality.findings import quality_findings

    findings = quality_findings()
    expected = 1 if (findings.severity == "error").any() else 0
    assert main(["check", "--format", "csv", "--strict"]) == expected
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "check,severity,doc_id,seed_file,line,detail,text"
    assert len(lines) == len(findings) + 1
    disc = [ln for ln in lines if ln.startswith("discrepancy,warning,nx-impl-2019,002_f60c301714171d8f.txt,")]
    assert len(disc) == len(zone_lib.discrepancies())
    out = tmp_path / "findings.csv"
    assert main(["check", "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    assert main(["check", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["line"] for r in records if r["check"] == "markup_residue"] == [27]


def test_check_help_is_bilingual(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "check" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    for word in ("数据质量检查", "--strict", "--limit", "--format", "--seeds", "表文不一致"):
        assert word in out


COMMANDS = ["summary", "documents", "matrix", "units", "discrepancies", "lines", "export", "check", "render"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_seeds_after_the_command(command):
    from zone_lib.cli import build_parser

    args = build_parser().parse_args([command, "--seeds", "somewhere"])
    assert args.seeds == "somewhere"
    args = build_parser().parse_args(["--seeds", "somewhere", command])
    assert args.seeds == "somewhere"


def test_seeds_after_the_command_reads_that_folder(seed_copy, capsys):
    (seed_copy / "999_extra.txt").write_text("关于印发某市工作方案的通知\n\n一、总体要求\n", encoding="utf-8")
    assert main(["documents", "--seeds", str(seed_copy), "--format", "csv"]) == 0
    assert "999-extra-1,999_extra.txt" in capsys.readouterr().out
    assert main(["documents", "--format", "csv"]) == 0
    assert "999_extra.txt" not in capsys.readouterr().out


def test_seeds_that_is_a_file_says_so(capsys):
    assert main(["matrix", "--seeds", "seeds/manifest.json"]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "does not exist" not in err


def test_seeds_folder_of_pdfs_says_pdftotext(tmp_path, capsys):
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    assert main(["--seeds", str(tmp_path), "summary"]) == 2
    err = capsys.readouterr().err
    assert "holds no .txt seed file but 1 PDF file(s) (plan.pdf)" in err and "pdftotext" in err


def test_seeds_folder_without_text(tmp_path, capsys):
    assert main(["units", "--seeds", str(tmp_path)]) == 2
    assert "holds no .txt seed file; put the documents there" in capsys.readouterr().err
