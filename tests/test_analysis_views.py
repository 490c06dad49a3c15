"""The analysis briefings' views (crosswalks, keywords, reported progress, the scraped copy),
the explanations of checks and discrepancy kinds, and the suite that renders them: exact
values on the seeds."""

from __future__ import annotations

import pytest

from zone_lib import views
from zone_lib.errors import ParameterError
from zone_lib.render import suite
from zone_lib.views import params, site
from zone_lib.views.tables import ReaderTable

QTX_SEED = "source/001_2636db6dbf13266e.html"
NX_SEED = "source/002_f60c301714171d8f.html"


def test_valid_docs_and_check_doc():
    assert list(params.valid_docs().doc_id) == ["qtx-impl-2019", "nx-hq-2023", "nhc-5yi-2020"]
    assert params.check_doc("QTX-impl-2019") == "qtx-impl-2019"
    assert params.check_doc("青政办发〔2019〕61号") == "qtx-impl-2019"
    assert params.check_doc("国卫规划发〔2020〕22号") == "nhc-5yi-2020"
    with pytest.raises(ParameterError) as err:
        params.check_doc("qtx-impl-2091")
    assert "Did you mean 'qtx-impl-2019" in str(err.value)
    assert "nx-hq-2023" in str(err.value)


def test_crosswalk_counts():
    c = views.crosswalk_counts()
    assert c.to_dict("records") == [
        {
            "from_doc": "qtx-impl-2019",
            "to_doc": "nx-impl-2019",
            "n_tasks": 38,
            "linked": 34,
            "added": 4,
            "dropped": 7,
            "threshold": 0.3,
        },
        {
            "from_doc": "nx-hq-2023",
            "to_doc": "nx-impl-2019",
            "n_tasks": 22,
            "linked": 9,
            "added": 13,
            "dropped": 33,
            "threshold": 0.21,
        },
        {
            "from_doc": "nhc-5yi-2020",
            "to_doc": "nx-impl-2019",
            "n_tasks": 14,
            "linked": 2,
            "added": 12,
            "dropped": 38,
            "threshold": 0.21,
        },
    ]


def test_crosswalk_view_qingtongxia():
    v = views.crosswalk_view("qtx-impl-2019")
    assert len(v) == 45
    assert v.status.value_counts().to_dict() == {"linked": 34, "dropped": 7, "added": 4}
    first = v.iloc[0]
    assert (first.status, first.from_task, first.from_title, first.from_line) == (
        "linked",
        1,
        "推动行业数据规范互联互通",
        181,
    )
    assert (first.to_task, first.to_title, first.to_line, first.score) == (5, "统一安全保障体系", 670, 0.616)
    assert (first.from_years, first.to_years, first.source) == ("2019–2022", "2019–2022", "similarity")
    second = v.iloc[1]
    assert (second.from_task, second.to_task, second.source, second.from_years) == (2, 7, "override", "")
    dropped = v[v.status == "dropped"]
    assert dropped.from_task.isna().all() and dropped.to_task.notna().all()
    assert views.crosswalk_view("青政办发〔2019〕61号").equals(v)


def test_crosswalk_table_links_each_line_to_its_own_document(monkeypatch):
    monkeypatch.setenv(site.SITE_ENV, site.SITE_RENDERER)
    html = ReaderTable(views.crosswalk_view("qtx-impl-2019")).to_html()
    assert f'href="{QTX_SEED}#L181"' in html  # Qingtongxia's task 1
    assert f'href="{NX_SEED}#L670"' in html  # the regional task 5
    assert '<span class="zone-no">1</span> 推动行业数据规范互联互通' in html
    assert "zone-badge-override" in html and 'data-rows="45"' in html
    assert "qtx-impl-2019</span>" not in html  # the document is the page's title: no constant column


def test_fig_crosswalk_marks_the_links_kept():
    fig = views.fig_crosswalk("nx-hq-2023")
    heat, rings = fig.data
    assert len(heat.y) == 22 and len(heat.x) == 40
    assert len(rings.x) == 9  # the 9 linked tasks
    assert sum(v is not None for row in heat.z for v in row) == 66  # three closest per task


def test_keywords_view():
    k = views.keywords_view("year")
    assert list(k.group) == ["2019", "2020", "2021", "2022"]
    assert list(k.top_word) == ["样本", "村级", "病案", "联动"]
    assert k.keywords.iloc[0].split(" · ")[:3] == ["样本", "流转", "银川市"]
    assert list(views.keywords_view("document").group) == [
        "qtx-impl-2019",
        "nx-impl-2019",
        "nx-hq-2023",
        "nhc-5yi-2020",
    ]
    assert len(views.keywords_view("section")) == 26
    table = views.keywords_table("year")
    assert len(table) == 40 and table.iloc[0].to_dict() == {
        "by": "year",
        "group": "2019",
        "rank": 1,
        "word": "样本",
        "weight": 0.0049,
    }
    fig = views.fig_keywords("section")
    assert len(fig.data) == 26 and [t.visible for t in fig.data].count(True) == 1


def test_progress_views():
    s = views.progress_statements()
    assert list(s.statement_no) == list(range(1, 9))
    assert list(s.n_links) == [0, 3, 3, 0, 1, 3, 0, 0]
    third = s[s.statement_no == 3].iloc[0]
    assert (third.task_no, third.milestone_year, third.score, third.match) == (21, 2022, 0.378, "linked")
    assert set(s.statement_line) == {83}
    t = views.progress_tasks()
    assert t.iloc[0][["task_no", "n_statements", "statements"]].tolist() == [16, 2, "2、3"]
    assert len(t) == 8 and t.section_no.nunique() == 6
    c = views.progress_candidates()
    assert len(c) == 24 and "statement" not in c.columns
    assert (c.match == "linked").sum() == 10


def test_copy_views():
    summary = views.copy_summary().set_index("quantity_en").amount
    assert summary["copy"] == "nx-plan-2019-web" and summary["original"] == "nx-plan-2019"
    assert summary["share of the original found in the copy"] == "78%"
    assert summary["share of the copy taken from the original"] == "98%"
    assert summary["order kept (Kendall's τ)"] == "0.80"
    missing = views.copy_missing()
    assert len(missing) == 49
    assert missing.iloc[0].to_dict() == {
        "original_doc": "nx-plan-2019",
        "original_line": 163,
        "sentence": "宁政发〔2019〕6号",
    }
    extra = views.copy_extra()
    assert extra.what.value_counts().to_dict() == {"embedded": 5, "noise": 4}
    a = views.copy_alignment_view()
    assert len(a) == 229
    assert a["match"].value_counts().to_dict() == {"exact": 215, "fuzzy": 10, "none": 4}
    assert (a.occurrence == 2).sum() == 57


def test_discrepancy_kinds_are_explained_in_both_languages():
    k = views.discrepancy_kinds()
    assert list(k.kind) == ["table_only", "section_number", "different_year", "year_from_prose", "task_name"]
    assert list(k["count"]) == [3, 2, 1, 1, 1]
    assert k.explain_zh.str.len().min() > 10 and k.explain_en.str.len().min() > 30
    assert params.labels()["discrepancy_kinds"].keys() >= {"prose_only"}
    assert list(views.discrepancy_kinds(views.platform_discrepancies(8)).kind) == [
        "table_only",
        "section_number",
    ]


def test_check_summary_explains_every_check():
    s = views.check_summary()
    assert (s.explain_zh != "").all() and (s.explain_en != "").all()
    row = s.set_index("check").loc["discrepancy"]
    assert row.total == 8 and row.explain_en.startswith("The annual task table and the plan's prose")


def test_headlines_of_the_new_briefings():
    assert views.headline("crosswalk", "nx-hq-2023").values() == {
        "tasks": 22,
        "linked": 9,
        "added": 13,
        "dropped": 33,
        "overrides": 0,
    }
    assert views.headline("crosswalk", "qtx-impl-2019").values()["overrides"] == 1
    assert views.headline("keywords").values() == {
        "years": 4,
        "documents": 4,
        "sections": 26,
        "keywords": 340,
    }
    assert views.headline("progress").values() == {
        "statements": 8,
        "linked": 4,
        "unlinked": 4,
        "tasks": 8,
        "sections": 6,
    }
    assert views.headline("copies").values() == {
        "copy_sentences": 229,
        "original_sentences": 223,
        "exact": 215,
        "fuzzy": 10,
        "missing": 49,
        "duplicated": 55,
    }
    assert views.headline("tour", 2021).values() == {
        "tasks": 40,
        "cells": 147,
        "from_prose": 1,
        "discrepancies": 8,
        "year_tasks": 34,
    }


def test_the_suite_renders_the_analyses_and_the_tour():
    stems = [b.stem for b in suite.full_suite()]
    assert stems[-8:] == [
        "crosswalk-qtx-impl-2019",
        "crosswalk-nx-hq-2023",
        "crosswalk-nhc-5yi-2020",
        "keywords",
        "progress",
        "copies",
        "check",
        "tour",
    ]
    assert stems[-9] == "platform-8"
    b = suite.crosswalk("青政办发〔2019〕61号")
    assert (b.file, b.parameters) == ("crosswalk-qtx-impl-2019.html", {"doc": "qtx-impl-2019"})
    assert suite.crosswalk("nope").stem == "crosswalk-nope"
    assert {suite.KINDS[k][2] for k in suite.ANALYSIS_KINDS} == {suite.ANALYSES}
