import pytest

import zone_lib

EXPECTED = [
    # doc_id, seed file prefix, doc_number, date, first_line, last_line
    ("nx-plan-2019-web", "000", "", "2019-02-12", 1, 27),
    ("qtx-plan-2019", "001", "青政办发〔2019〕61号", "2019-08-30", 1, 167),
    ("qtx-impl-2019", "001", "青政办发〔2019〕61号", "2019-08-30", 169, 511),
    ("nx-gazette-2019-04", "002", "", "2019-02-28", 1, 139),
    ("nx-airport-awards-2019", "002", "宁政发〔2019〕3号", "2019-01-25", 141, 159),
    ("nx-plan-2019", "002", "宁政发〔2019〕6号", "2019-01-18", 161, 367),
    ("nx-toll-2019", "002", "宁政函〔2019〕11号", "2019-01-22", 369, 389),
    ("nx-hitech-2019", "002", "宁政函〔2019〕13号", "2019-01-30", 391, 415),
    ("nx-safety-awards-2019", "002", "宁政办发〔2019〕8号", "2019-01-24", 417, 435),
    ("nx-awards-2019", "002", "宁政办发〔2019〕9号", "2019-01-28", 437, 613),
    ("nx-impl-2019", "002", "宁政办发〔2019〕10号", "2019-01-29", 615, 1010),
    ("nx-port-2019", "002", "宁政办发〔2019〕11号", "2019-01-31", 1012, 1108),
    ("nx-chronicle-2019-01", "002", "", "", 1110, 1336),
    ("nx-hq-2023", "003", "", "", 1, 39),
    ("nhc-5yi-2020", "004", "国卫规划发〔2020〕22号", "2020-12-04", 1, 83),
]


def test_one_row_per_document_with_boundaries_from_the_text():
    docs = zone_lib.documents()
    got = [
        (r.doc_id, r.seed_file[:3], r.doc_number, r.date, r.first_line, r.last_line)
        for r in docs.itertuples()
    ]
    assert got == EXPECTED
    assert docs.in_manifest.all()


def test_titles_detected_from_cover_notices_and_headings():
    docs = zone_lib.documents().set_index("doc_id")
    assert docs.loc["nx-impl-2019", "detected_title"] == "宁夏回族自治区“互联网+医疗健康”示范区建设实施方案"
    assert docs.loc["qtx-impl-2019", "detected_title"] == "青铜峡市“互联网+医疗健康”建设实施方案"
    assert docs.loc["nx-chronicle-2019-01", "detected_title"] == "自治区政府大事记(2019年1月)"
    assert docs.loc["nx-awards-2019", "detected_title"] == (
        "自治区人民政府办公厅关于对2018年度受到国家层面表彰的工作给予表扬的通报"
    )
    assert docs.loc["nx-hq-2023", "detected_title"] == ""  # the text has none; the manifest supplies it
    assert docs.loc["nx-hq-2023", "title"].endswith("高质量发展实施方案")


def test_detected_dates_agree_with_the_manifest():
    import json

    from tests.conftest import SEEDS

    manifest = {d["doc_id"]: d for d in json.loads((SEEDS / "manifest.json").read_text("utf-8"))["documents"]}
    for row in zone_lib.documents().itertuples():
        assert row.date == manifest[row.doc_id]["date"], row.doc_id


def test_manifest_pins_the_seed_files():
    import hashlib
    import json

    from tests.conftest import SEEDS

    manifest = json.loads((SEEDS / "manifest.json").read_text("utf-8"))
    for entry in manifest["seed_files"]:
        assert hashlib.sha256((SEEDS / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    assert {e["file"] for e in manifest["seed_files"]} == {p.name for p in SEEDS.glob("*.txt")}


def test_seeds_match_shared_copy_byte_for_byte():
    from tests.conftest import ROOT, SEEDS

    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(
            "../shared/seeds is not beside this checkout: the packaged seeds are compared with the shared copy only in a clone made next to it (CI has one)"
        )
    for path in shared.glob("*.txt"):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_unknown_document_names_the_close_match():
    corpus = zone_lib.load_corpus()
    with pytest.raises(zone_lib.DocumentNotFoundError, match=r"Did you mean 'nx-impl-2019'\?"):
        corpus.get("nx-impl-2018")


def test_a_new_document_gets_an_id_and_its_own_structure(seed_copy):
    (seed_copy / "999_new.txt").write_text(
        "自治区人民政府办公厅\n关于做好测试工作的通知\n宁政办发〔2030〕1号\n\n各市、县（区）人民政府：\n"
        "请认真贯彻执行。\n\n宁夏回族自治区人民政府办公厅\n2030年1月2日\n",
        encoding="gb18030",
    )
    docs = zone_lib.documents(seeds=seed_copy).set_index("doc_id")
    new = docs.loc["999-new-1"]
    assert (new.doc_number, new.date, new.first_line, new.last_line) == (
        "宁政办发〔2030〕1号",
        "2030-01-02",
        1,
        9,
    )
    assert new.title == "自治区人民政府办公厅关于做好测试工作的通知"
    assert not new.in_manifest
    assert new.encoding == "gb18030"
