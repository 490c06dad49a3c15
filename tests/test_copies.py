"""The web copy of the regional Plan (seed 000) against the Plan in the gazette (seed 002)."""

from __future__ import annotations

import pytest

from zone_lib.analysis.copies import (
    ALIGNMENT_COLUMNS,
    FIND_COLUMNS,
    _alignment_frame,
    _join_page_breaks,
    _key,
    _pair,
    copy_alignment,
    copy_report,
    find_copies,
    kendall_tau,
    split_sentences,
)


@pytest.fixture(scope="module")
def report() -> dict:
    return copy_report()


@pytest.fixture(scope="module")
def alignment():
    return copy_alignment()


# --- small units -------------------------------------------------------------


def test_split_sentences_at_stops_colons_and_headings():
    assert split_sentences("要求：二、主要任务（一）夯实基础。建成！好吗？") == [
        "要求：",
        "二、主要任务",
        "（一）夯实基础。",
        "建成！",
        "好吗？",
    ]


def test_split_sentences_cuts_web_junk_loose():
    assert split_sentences("的通知发布日期:2019-02-12国家卫生<BR>健康委") == [
        "的通知",
        "发布日期:2019-02-12",
        "国家卫生健康委",
    ]
    assert split_sentences("《规划》政策解读《规划》图解制定规范。") == [
        "《规划》政策解读",
        "《规划》图解",
        "制定规范。",
    ]


def test_key_folds_width_punctuation_and_latin_conjunctions():
    assert _key("示范省(区)，思想 and 党的") == _key("示范省（区）,思想和党的") == "示范省区思想和党的"
    assert _key("管理 with 维护") == "管理与维护"


def test_page_breaks_joined_but_headings_kept():
    lines = [
        (1, "一、总体要求"),
        (2, ""),
        (3, "坚持以人民为中心，以卫生健康信息"),
        (4, ""),
        (5, "数据互联互通为基础。"),
    ]
    assert _join_page_breaks(lines) == [
        (1, "一、总体要求"),
        (3, "坚持以人民为中心，以卫生健康信息数据互联互通为基础。"),
    ]


def test_kendall_tau():
    assert kendall_tau([0, 1, 2, 3]) == 1.0
    assert kendall_tau([3, 2, 1, 0]) == -1.0
    assert kendall_tau([1, 0, 2]) == 0.333
    assert kendall_tau([5]) == 1.0


# --- the web copy ------------------------------------------------------------


def test_report_figures(report):
    assert report["n_copy_sentences"] == 229
    assert report["n_original_sentences"] == 223
    assert report["exact"] == 215
    assert report["fuzzy"] == 10
    assert report["coverage"] == 0.78  # (169 matched + 5 embedded) / 223
    assert report["copy_share"] == 0.983
    assert len(report["missing"]) == 49
    assert report["is_copy"] is True


def test_known_missing_sentences(report):
    missing = {(m["original_line"], m["sentence"]) for m in report["missing"]}
    # seed 000 has no 推动医疗科教创新, no 三、保障措施, no 建设区域病理诊断中心 at all
    assert (275, "推动医疗科教创新。") in missing
    assert (355, "三、保障措施") in missing
    assert (329, "建设区域病理诊断中心。") in missing
    # present sentences are not missing
    assert not any(m["sentence"] == "开展行业制度创新。" for m in report["missing"])


def test_signature_lines_embedded_in_a_glued_sentence(report):
    embedded = {m["original_line"]: m["copy_line"] for m in report["embedded"]}
    assert embedded == {169: 1, 170: 1, 171: 1, 173: 1, 175: 1}


def test_known_duplicates(report):
    dups = {d["sentence"]: d for d in report["duplicated"]}
    assert len(dups) == 55
    assert report["n_duplicate_sentences"] == 55
    assert {d["times"] for d in dups.values()} == {2}
    # 统一数据库。 stands on copy lines 8 and 19 (grep)
    assert dups["统一数据库。"]["original_line"] == 245
    assert dups["统一数据库。"]["copy_lines"] == [8, 19]
    # the copy cut the 到2022年… sentence (line 213) in two on its line 9: one occurrence there, not two
    long_goal = next(d for d in report["duplicated"] if d["original_line"] == 213)
    assert long_goal["times"] == 2
    assert long_goal["copy_lines"] == [6, 9]


def test_order_measures(report):
    assert report["kendall_tau"] == 0.803
    assert report["in_order_share"] == 0.923
    assert report["adjacent_kept"] == 0.762
    assert report["reordered"] is True


def test_noise_is_the_web_junk(report):
    noise = report["noise"]
    assert [n["copy_line"] for n in noise] == [1, 3, 27, 27]
    assert noise[1]["sentence"] == "发布日期:2019-02-12"
    assert noise[2]["sentence"].endswith("（2019年—2022年）》政策解读")
    assert noise[3]["sentence"].endswith("（2019年—2022年）》图解")
    assert report["noise"][0]["sentence"] == "发布日期:2019-02-12"


def test_report_agrees_with_the_alignment_frame(report):
    """The report's plain-Python tallies equal the same figures taken from the alignment frame."""
    copy, original = _pair("nx-plan-2019-web", "nx-plan-2019", None)
    frame = _alignment_frame(copy, original)
    matched = frame.dropna(subset=["_orig"])
    duplicated = []
    for i, group in matched.groupby("_orig", sort=True):
        times = int(group["occurrence"].max())
        if times > 1:
            s = original[int(i)]
            lines = group.drop_duplicates("occurrence")["copy_line"].tolist()
            duplicated.append(
                {"original_line": s.line, "sentence": s.text, "times": times, "copy_lines": lines}
            )
    assert report["duplicated"] == duplicated
    firsts = matched.loc[matched["occurrence"] == 1, "_orig"].astype(int).drop_duplicates().tolist()
    assert report["kendall_tau"] == kendall_tau(firsts)
    noise = frame.loc[frame["match"] == "none"]
    assert report["noise"] == [
        {"copy_line": int(r.copy_line), "sentence": r.copy_sentence} for r in noise.itertuples()
    ]
    assert report["exact"] == int((frame["match"] == "exact").sum())
    assert report["fuzzy"] == int((frame["match"] == "fuzzy").sum())
    assert report["copy_share"] == round(len(matched) / len(copy), 3)


def test_alignment_frame(alignment):
    assert list(alignment.columns) == ALIGNMENT_COLUMNS
    assert len(alignment) == 229
    assert alignment["match"].value_counts().to_dict() == {"exact": 215, "fuzzy": 10, "none": 4}
    assert set(alignment["occurrence"]) == {1, 2}
    assert alignment["copy_line"].is_monotonic_increasing
    none = alignment[alignment["match"] == "none"]
    assert none["original_line"].isna().all()
    # the sentence glued behind the 图解 link label is the Plan's line 271
    last = alignment.iloc[-1]
    assert (last.copy_line, last.original_line, last.match) == (27, 271, "exact")
    # 思想 and 党的 (extraction damage in seed 002) matches 思想和党的 exactly
    row = alignment[alignment["copy_sentence"].str.startswith("坚持以习近平")].iloc[0]
    assert (row.original_line, row.match, row.score) == (183, "exact", 1.0)


def test_fuzzy_match_scores(alignment):
    fuzzy = alignment[alignment["match"] == "fuzzy"]
    assert fuzzy["score"].between(0.6, 1.0).all()
    row = fuzzy[fuzzy["copy_sentence"].str.startswith("2022年，将120急救服务")].iloc[0]
    assert row.original_line == 309  # the copy lost the 到 of 到2022年


def test_adaptations_and_reverse_direction_are_no_copies():
    city = copy_report("qtx-plan-2019", "nx-plan-2019")
    assert city["is_copy"] is False
    assert city["copy_share"] < 0.9
    reverse = copy_report("nx-plan-2019", "nx-plan-2019-web")
    assert reverse["coverage"] > 0.9  # the Plan holds nearly all of the copy ...
    assert reverse["is_copy"] is False  # ... but is no copy of it


def test_find_copies_finds_the_web_copy_and_nothing_else():
    found = find_copies()
    assert list(found.columns) == FIND_COLUMNS
    assert list(zip(found["copy_id"], found["original_id"])) == [("nx-plan-2019-web", "nx-plan-2019")]
    assert found.loc[0, "containment"] == 0.981
    assert found.loc[0, "reverse_containment"] == 0.83


def test_find_copies_threshold_separates_the_city_adaptation():
    loose = find_copies(threshold=0.8)
    pairs = set(zip(loose["copy_id"], loose["original_id"]))
    assert ("qtx-plan-2019", "nx-plan-2019") in pairs  # 0.85: shares wording, is no copy
    assert ("qtx-plan-2019", "nx-plan-2019") not in set(
        zip(find_copies()["copy_id"], find_copies()["original_id"])
    )


def test_unknown_document_raises():
    from zone_lib import DocumentNotFoundError

    with pytest.raises(DocumentNotFoundError):
        copy_report("no-such-doc")
