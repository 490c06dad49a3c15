"""Keywords by section, year and document (TF-IDF over the corpus groups).

Expected words were checked against the milestone texts: each 2021 keyword below
occurs only in 2021 milestones of nx-impl-2019 and qtx-impl-2019, e.g. 病案 (nx 30 /
qtx 28 电生理: 病案讨论、病案跟踪), 党员 (nx 8 / qtx 3: 党员领导干部…全覆盖监督),
目录 (nx 35 / qtx 33: 基本药物目录), 防范 (nx 39 / qtx 37: 不良事件防范).
"""

from __future__ import annotations

import pandas as pd
import pytest

from zone_lib.analysis.keywords import KEYWORD_COLUMNS, health_documents, keywords
from zone_lib.analysis.words import stopwords


@pytest.fixture(scope="module")
def by_year() -> pd.DataFrame:
    return keywords("year", top=10)


@pytest.fixture(scope="module")
def by_section() -> pd.DataFrame:
    return keywords("section", top=10)


@pytest.fixture(scope="module")
def by_document() -> pd.DataFrame:
    return keywords("document", top=10)


def test_shape(by_year, by_section, by_document):
    for by, df in [("year", by_year), ("section", by_section), ("document", by_document)]:
        assert list(df.columns) == KEYWORD_COLUMNS
        assert (df["by"] == by).all()
        for _, g in df.groupby("group"):
            assert list(g["rank"]) == list(range(1, len(g) + 1))
            assert len(g) <= 10
            assert g.weight.is_monotonic_decreasing
        assert (df.weight > 0).all()


def test_health_documents_leave_out_the_port_plan():
    assert health_documents() == ["qtx-impl-2019", "nx-impl-2019", "nx-hq-2023", "nhc-5yi-2020"]


def test_year_groups_and_2021(by_year):
    assert sorted(by_year.group.unique()) == [2019, 2020, 2021, 2022]
    y2021 = by_year[by_year.group == 2021]
    assert {"病案", "党员", "目录", "防范"} & set(y2021.word)
    assert y2021.iloc[0].word == "病案"
    # 村级 (village vaccination data) belongs to 2020 only
    assert "村级" in set(by_year[by_year.group == 2020].word)
    assert "村级" not in set(y2021.word)


def test_stop_words_never_appear(by_year, by_section, by_document):
    stop = stopwords()
    for df in (by_year, by_section, by_document):
        assert not set(df.word) & stop
        assert (df.word.str.len() > 1).all()
        assert not df.word.str.fullmatch(r"[\d.%]+").any()


def test_section_groups(by_section):
    groups = set(by_section.group)
    assert {f"nx-impl-2019 §{i}" for i in range(1, 9)} <= groups
    assert {f"nhc-5yi-2020 §{i}" for i in range(1, 6)} <= groups
    assert not any(g.startswith("nx-port-2019") for g in groups)
    # section 七 of the regional plan, the Internet pharmacy platform
    nx7 = by_section[by_section.group == "nx-impl-2019 §7"]
    assert nx7.iloc[0].word == "区域审方"
    # the national notice's 一码通 action
    assert "健康码" in set(by_section[by_section.group == "nhc-5yi-2020 §2"].word)


def test_document_groups(by_document):
    assert set(by_document.group) == set(health_documents())
    top1 = by_document[by_document["rank"] == 1].set_index("group").word
    assert top1["nhc-5yi-2020"] == "健康码"
    assert top1["nx-hq-2023"] == "医疗装备"
    assert "利青同城化" in set(by_document[by_document.group == "qtx-impl-2019"].word)


def test_doc_ids_and_errors():
    k = keywords("document", top=3, doc_ids=["nx-impl-2019", "nx-port-2019"])
    assert set(k.group) == {"nx-impl-2019", "nx-port-2019"}
    with pytest.raises(ValueError):
        keywords("platform")
    with pytest.raises(ValueError):
        keywords("year", top=0)
