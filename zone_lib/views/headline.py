"""The header block of a briefing: the answer first.

:func:`headline` computes, from the same tables the briefing shows, three to six
headline figures and one or two sentences written by a template (no model), in Chinese
and English, and the title with its parameter in words (2021年 / 自治区医保局 /
(五) 互联网医疗平台). The HTML site puts it at the top of each page; in a notebook,
displaying it shows the same block.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from zone_lib.quality.findings import quality_findings
from zone_lib.tables.matrix import discrepancies
from zone_lib.views import params, site
from zone_lib.views.analysis import (
    copy_missing,
    copy_summary,
    crosswalk_counts,
    crosswalk_view,
    keywords_view,
    progress_statements,
    progress_tasks,
)
from zone_lib.views.common import _matrix
from zone_lib.views.overview import overview, targets
from zone_lib.views.platform import platform_discrepancies, platform_units, platform_view
from zone_lib.views.unit import unit_partners, unit_share, unit_view
from zone_lib.views.year import year_by_section, year_by_unit, year_view


@dataclass
class Figure:
    """One headline figure: a number and what it counts.

    Attributes:
        value: The number.
        zh: Chinese label.
        en: English label.
        key: Stable name (tests compare it with the tables).
    """

    value: int
    zh: str
    en: str
    key: str


@dataclass
class Headline:
    """A briefing's header block.

    Attributes:
        kicker: The kind of briefing (年度简报 Year briefing …).
        title_zh: Title with the parameter in words, in Chinese.
        title_en: The same in English.
        figures: The headline figures.
        sentences: ``(zh, en)`` template sentences.
        nav: ``(label, href)`` links (previous/next year …), for the site.
    """

    kicker: str
    title_zh: str
    title_en: str
    figures: list[Figure] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)
    nav: list[tuple[str, str, str]] = field(default_factory=list)

    def values(self) -> dict[str, int]:
        """``key -> value`` of the figures."""
        return {f.key: f.value for f in self.figures}

    def to_html(self) -> str:
        """The header block as HTML."""
        e = html.escape
        figs = "".join(
            f'<div class="zone-fig" data-key="{e(f.key)}"><span class="zone-fig-value">{f.value}</span>'
            f'<span class="zone-fig-label">{e(f.zh)}<span class="en">{e(f.en)}</span></span></div>'
            for f in self.figures
        )
        sentences = "".join(
            f'<p class="zone-lede">{zh}<span class="en">{en}</span></p>' for zh, en in self.sentences
        )
        nav = ""
        if self.nav and site.linking():
            nav = (
                '<nav class="zone-pager">'
                + "".join(
                    f'<a class="{e(cls)}" href="{e(href)}">{e(label)}</a>' for label, href, cls in self.nav
                )
                + "</nav>"
            )
        return (
            f'<header class="zone-header"><p class="zone-kicker">{e(self.kicker)}</p>'
            f'<h1>{e(self.title_zh)}<span class="en">{e(self.title_en)}</span></h1>'
            f'<div class="zone-figs">{figs}</div>{sentences}{nav}</header>\n'
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def _unit_link(unit: str) -> str:
    href = site.unit_page(unit) if site.linking() else None
    name = html.escape(unit)
    return f'<a href="{html.escape(href)}">{name}</a>' if href else name


def year_headline(year: Any) -> Headline:
    """Header block of a year briefing."""
    y = params.check_year(year)
    view = year_view(y)
    by_section = year_by_section(y)
    by_unit = year_by_unit(y)
    n_new = int((view.status == "new").sum())
    n_changed = int((view.status == "changed").sum())
    n_cont = int((view.status == "continued").sum())
    ended = int(by_section.ended.sum())
    disc = discrepancies()
    n_disc = int((disc.year == y).sum())
    leads = by_unit[by_unit.lead > 0].sort_values(["lead", "unit"], ascending=[False, True], kind="stable")
    figures = [
        Figure(len(view), "本年任务", "tasks due", "tasks"),
        Figure(n_new, "新增", "new", "new"),
        Figure(n_changed, "调整", "changed", "changed"),
        Figure(n_cont, "延续", "continued", "continued"),
        Figure(int((by_unit.lead > 0).sum()), "牵头单位", "lead units", "lead_units"),
        Figure(n_disc, "表文差异", "table–prose discrepancies", "discrepancies"),
    ]
    top = leads.iloc[0] if len(leads) else None
    zh = (
        f"{y}年，年度主要任务表列出{len(view)}项任务：新增{n_new}项、调整{n_changed}项、延续{n_cont}项；"
        f"上一年有而本年结束的{ended}项。"
    )
    en = (
        f"In {y} the annual task table lists {len(view)} tasks: {n_new} new, {n_changed} changed, "
        f"{n_cont} continued from {y - 1}; {ended} task(s) of {y - 1} end."
    )
    sentences = [(html.escape(zh), html.escape(en))]
    if top is not None:
        sentences.append(
            (
                f"牵头任务最多的是{_unit_link(top.unit)}（{int(top.lead)}项），"
                f"共有{int((by_unit.lead > 0).sum())}个单位牵头、{len(by_unit)}个单位参与。",
                html.escape(
                    f"{top.unit_en or top.unit} leads the most ({int(top.lead)}); "
                    f"{int((by_unit.lead > 0).sum())} units lead and {len(by_unit)} take part."
                ),
            )
        )
    years = params.valid_years()
    nav = []
    if y - 1 in years:
        nav.append((f"← {y - 1}年", site.year_page(y - 1), "prev"))
    if y + 1 in years:
        nav.append((f"{y + 1}年 →", site.year_page(y + 1), "next"))
    return Headline("年度简报 Year briefing", f"{y}年年度任务", f"Tasks due in {y}", figures, sentences, nav)


def unit_headline(unit: Any) -> Headline:
    """Header block of a unit briefing."""
    u = params.check_unit(unit)
    view = unit_view(u)
    tasks = view.drop_duplicates("task_no")
    n_lead = int((tasks.role == "lead").sum())
    n_coop = int((tasks.role == "coop").sum())
    partners = unit_partners(u)
    share = unit_share().set_index("unit")
    cells = len(view)
    years_active = sorted(set(view.year.astype(int)))
    figures = [
        Figure(len(tasks), "任务", "tasks", "tasks"),
        Figure(n_lead, "牵头", "led", "lead"),
        Figure(n_coop, "配合", "supported", "coop"),
        Figure(cells, "任务·年度格", "task-year cells", "cells"),
        Figure(len(partners), "合作单位", "partner units", "partners"),
    ]
    pct = f"{share.at[u, 'share']:.0%}" if u in share.index else "0%"
    en_name = params.unit_en(u) or u
    span = f"{years_active[0]}–{years_active[-1]}" if years_active else "—"
    sentences = [
        (
            html.escape(
                f"{u}在年度主要任务表中牵头{n_lead}项、配合{n_coop}项任务，"
                f"{span}年共{cells}个任务·年度格，占全表的{pct}。"
            ),
            html.escape(
                f"{en_name} leads {n_lead} and supports {n_coop} tasks of the annual table: "
                f"{cells} task-year cells in {span}, {pct} of the table."
            ),
        )
    ]
    if len(partners):
        p = partners.iloc[0]
        sentences.append(
            (
                f"合作最多的是{_unit_link(p.partner)}（{int(p.n_tasks)}项共同任务）。",
                html.escape(f"It shares the most tasks ({int(p.n_tasks)}) with {p.partner_en or p.partner}."),
            )
        )
    return Headline("单位简报 Unit briefing", u, en_name, figures, sentences)


def platform_headline(platform: Any) -> Headline:
    """Header block of a section (platform) briefing."""
    no = params.check_platform(platform)
    view = platform_view(no)
    units = platform_units(no)
    disc = platform_discrepancies(no)
    years = params.valid_years()
    cells = int(sum((view[str(y)] != "").sum() for y in years))
    all_years = int((view.n_years == len(years)).sum())
    s = params.labels()["sections"][no - 1]
    figures = [
        Figure(len(view), "任务", "tasks", "tasks"),
        Figure(cells, "任务·年度格", "task-year cells", "cells"),
        Figure(all_years, "四年均有", "in every year", "all_years"),
        Figure(len(units), "责任单位", "units", "units"),
        Figure(int((units.lead > 0).sum()), "牵头单位", "lead units", "lead_units"),
        Figure(len(disc), "表文差异", "discrepancies", "discrepancies"),
    ]
    top = units.sort_values(["lead", "unit"], ascending=[False, True], kind="stable")
    zh = (
        f"（{s['numeral']}）{s['zh']}有{len(view)}项任务，{cells}个任务·年度格，"
        f"其中{all_years}项任务四年都有安排。"
    )
    en = (
        f"Section {no}, {s['en']}, has {len(view)} tasks and {cells} task-year cells; "
        f"{all_years} run all four years."
    )
    sentences = [(html.escape(zh), html.escape(en))]
    if len(top) and int(top.iloc[0].lead) > 0:
        t = top.iloc[0]
        sentences.append(
            (
                f"牵头最多的是{_unit_link(t.unit)}（{int(t.lead)}项）；表格与正文的差异{len(disc)}处。",
                html.escape(
                    f"{t.unit_en or t.unit} leads the most ({int(t.lead)}); {len(disc)} discrepancies."
                ),
            )
        )
    nav = []
    if no > 1:
        nav.append((f"← {params.section_label(no - 1)}", site.platform_page(no - 1), "prev"))
    if no < len(params.labels()["sections"]):
        nav.append((f"{params.section_label(no + 1)} →", site.platform_page(no + 1), "next"))
    return Headline(
        f"平台简报 Platform briefing · {s['part_zh']}",
        f"（{s['numeral']}）{s['zh']}",
        f"Section {no}: {s['en']}",
        figures,
        sentences,
        nav,
    )


def overview_headline() -> Headline:
    """Header block of the overview."""
    ov = overview()
    m = _matrix()
    units = params.valid_units()
    disc = discrepancies()
    t = targets()
    figures = [
        Figure(int(ov.n_tasks.sum()), "任务", "tasks", "tasks"),
        Figure(len(ov), "部分", "sections", "sections"),
        Figure(int(ov.n_cells.sum()), "任务·年度格", "task-year cells", "cells"),
        Figure(len(units), "责任单位", "responsible units", "units"),
        Figure(len(disc), "表文差异", "table–prose discrepancies", "discrepancies"),
        Figure(len(t), "量化目标", "quantified targets", "targets"),
    ]
    years = params.valid_years()
    per_year = "、".join(f"{y}年{int((m.year == y).sum())}项" for y in years)
    per_year_en = ", ".join(f"{int((m.year == y).sum())} in {y}" for y in years)
    sentences = [
        (
            html.escape(
                f"宁政办发〔2019〕10号的年度主要任务表按“1-2-3-5”框架分{len(ov)}个部分、"
                f"{int(ov.n_tasks.sum())}项任务，逐年安排：{per_year}。"
            ),
            html.escape(
                f"The annual task table of 宁政办发〔2019〕10号 has {int(ov.n_tasks.sum())} tasks "
                f"in {len(ov)} sections of the “1-2-3-5” framework, scheduled year by year: {per_year_en}."
            ),
        ),
        (
            html.escape(f"表格与正文有{len(disc)}处不一致，均已逐条列出并注明原文行。"),
            html.escape(
                f"The table and the plan's prose disagree in {len(disc)} places, each listed with its lines."
            ),
        ),
    ]
    return Headline(
        "总览 Overview",
        "宁夏“互联网+医疗健康”示范区年度主要任务总览",
        "Ningxia Internet Plus Healthcare demonstration zone: annual main tasks 2019–2022",
        figures,
        sentences,
    )


def check_headline() -> Headline:
    """Header block of the data-quality check."""
    f = quality_findings()
    figures = [
        Figure(len(f), "发现", "findings", "findings"),
        Figure(int((f.severity == "error").sum()), "错误", "errors", "errors"),
        Figure(int((f.severity == "warning").sum()), "警告", "warnings", "warnings"),
        Figure(int((f.severity == "info").sum()), "提示", "notes", "info"),
        Figure(int(f.doc_id.nunique()), "涉及文件", "documents", "documents"),
    ]
    sentences = [
        (
            html.escape(
                f"对种子文本的{len(f)}项发现：错误{figures[1].value}项、警告{figures[2].value}项、"
                f"提示{figures[3].value}项；每项都注明文件与原文行。"
            ),
            html.escape(
                f"{len(f)} findings on the seed texts: {figures[1].value} errors, "
                f"{figures[2].value} warnings, {figures[3].value} notes; each names its document and line."
            ),
        )
    ]
    return Headline("数据质量 Data quality", "数据质量检查", "Data-quality check", figures, sentences)


def _doc_link(doc: str) -> str:
    href = site.crosswalk_page(doc) if site.linking() else None
    return f'<a href="{html.escape(href)}">{html.escape(doc)}</a>' if href else html.escape(doc)


def crosswalk_headline(doc: Any) -> Headline:
    """Header block of a crosswalk briefing (one document against the regional plan)."""
    d = params.check_doc(doc)
    info = params.valid_docs().set_index("doc_id").loc[d]
    view = crosswalk_view(d)
    counts = crosswalk_counts().set_index("from_doc")
    c = counts.loc[d]
    n_override = int((view.source == "override").sum())
    figures = [
        Figure(int(c.n_tasks), "本文件任务", "tasks of this document", "tasks"),
        Figure(int(c.linked), "有对应", "linked", "linked"),
        Figure(int(c.added), "新增（无对应）", "added", "added"),
        Figure(int(c.dropped), "未采用的自治区任务", "regional tasks not taken up", "dropped"),
        Figure(n_override, "人工核对", "read by hand", "overrides"),
    ]
    to = str(info.to_doc)
    share = f"{int(c.linked) / int(c.n_tasks):.0%}" if int(c.n_tasks) else "0%"
    sentences = [
        (
            html.escape(
                f"{info.title}的{int(c.n_tasks)}项任务中，{int(c.linked)}项（{share}）在自治区实施方案中有对应任务，"
                f"{int(c.added)}项是新增的；自治区的任务中有{int(c.dropped)}项在本文件中没有对应。"
            ),
            html.escape(
                f"Of the {int(c.n_tasks)} tasks of {d}, {int(c.linked)} ({share}) have a counterpart in the "
                f"regional plan {to} and {int(c.added)} are its own; "
                f"{int(c.dropped)} regional tasks have none here."
            ),
        ),
        (
            html.escape(
                f"对应依据词语相似度（TF-IDF 余弦，阈值 {float(c.threshold):.2f}），"
                f"{n_override}处经人工核对。"
            ),
            html.escape(
                f"Links come from word similarity (TF-IDF cosine, threshold {float(c.threshold):.2f}); "
                f"links read by hand: {n_override}."
            ),
        ),
    ]
    docs = list(params.valid_docs().doc_id)
    i = docs.index(d)
    nav = []
    if i > 0:
        nav.append((f"← {docs[i - 1]}", site.crosswalk_page(docs[i - 1]), "prev"))
    if i + 1 < len(docs):
        nav.append((f"{docs[i + 1]} →", site.crosswalk_page(docs[i + 1]), "next"))
    number = f"（{info.doc_number}）" if info.doc_number else ""
    return Headline(
        "任务对应 Crosswalk",
        f"{info.title}{number}与自治区实施方案的任务对应",
        f"{info.title_en}: its tasks against the regional implementation plan",
        figures,
        sentences,
        nav,
    )


def keywords_headline() -> Headline:
    """Header block of the keywords briefing."""
    by_year = keywords_view("year")
    by_doc = keywords_view("document")
    by_section = keywords_view("section")
    figures = [
        Figure(len(by_year), "年度", "years", "years"),
        Figure(len(by_doc), "文件", "documents", "documents"),
        Figure(len(by_section), "文件的部分", "sections of documents", "sections"),
        Figure(
            int(
                sum(len(k.split(" · ")) for k in [*by_year.keywords, *by_doc.keywords, *by_section.keywords])
            ),
            "关键词",
            "keywords listed",
            "keywords",
        ),
    ]
    years = "；".join(f"{r.group}年“{r.top_word}”" for r in by_year.itertuples())
    years_en = "; ".join(f"{r.group}: {r.top_word}" for r in by_year.itertuples())
    sentences = [
        (
            html.escape(f"各年度任务最有区分度的词：{years}。"),
            html.escape(f"The most distinctive word of each year's tasks: {years_en}."),
        ),
        (
            html.escape("关键词按 TF-IDF 权重排列：在本组常见、在其他组少见的词权重高。"),
            html.escape("Keywords are ranked by tf-idf: frequent in the group and rare in the others."),
        ),
    ]
    return Headline(
        "关键词 Keywords",
        "关键词：各年度、各文件、各部分",
        "Keywords by year, document and section",
        figures,
        sentences,
    )


def progress_headline() -> Headline:
    """Header block of the reported-progress briefing."""
    s = progress_statements()
    t = progress_tasks()
    linked = int((s.n_links > 0).sum())
    n_sections = int(t.section_no.nunique()) if len(t) else 0
    figures = [
        Figure(len(s), "报告的进展", "statements reported", "statements"),
        Figure(linked, "对应到计划", "matched to the plan", "linked"),
        Figure(len(s) - linked, "未找到对应", "no clear match", "unlinked"),
        Figure(len(t), "涉及任务", "planned tasks matched", "tasks"),
        Figure(n_sections, "涉及部分", "sections", "sections"),
    ]
    sentences = [
        (
            html.escape(
                f"宁夏在国家“五个一”通知附件中报告了{len(s)}条2020年进展，其中{linked}条能对应到实施方案的计划里程碑，"
                f"涉及{len(t)}项任务、{n_sections}个部分。"
            ),
            html.escape(
                f"Ningxia reported {len(s)} statements of 2020 progress in the annex of the national notice; "
                f"{linked} match planned milestones of the implementation plan: "
                f"{len(t)} tasks in {n_sections} sections."
            ),
        ),
        (
            html.escape("对应依据字符二元组的包含度，报告与计划措辞不同，分数普遍不高；请结合原文阅读。"),
            html.escape(
                "Matches come from character-bigram containment; reports and plans word things differently, "
                "so scores are modest: read them with the source."
            ),
        ),
    ]
    return Headline(
        "2020年进展 Reported progress",
        "宁夏报告的2020年进展与计划的对应",
        "Ningxia's reported 2020 progress against its plan",
        figures,
        sentences,
    )


def copies_headline() -> Headline:
    """Header block of the scraped-copy briefing."""
    s = copy_summary().set_index("quantity_en").amount
    missing = copy_missing()
    figures = [
        Figure(int(s["sentences in the copy"]), "复制件句子", "sentences in the copy", "copy_sentences"),
        Figure(
            int(s["sentences in the original"]), "原件句子", "sentences in the original", "original_sentences"
        ),
        Figure(int(s["sentences matched exactly"]), "完全相同", "matched exactly", "exact"),
        Figure(int(s["sentences matched approximately"]), "近似", "matched approximately", "fuzzy"),
        Figure(len(missing), "原件缺失", "missing from the copy", "missing"),
        Figure(int(s["sentences the copy holds twice"]), "重复出现", "held twice", "duplicated"),
    ]
    copy, original = s["copy"], s["original"]
    tau = s["order kept (Kendall's τ)"]
    taken, covered = (
        s["share of the copy taken from the original"],
        s["share of the original found in the copy"],
    )
    twice = s["sentences the copy holds twice"]
    sentences = [
        (
            html.escape(
                f"网页版 {copy} 是规划 {original} 的复制件：它的句子{taken}来自原件，"
                f"覆盖原件的{covered}；{len(missing)}句原件内容缺失。"
            ),
            html.escape(
                f"The web page {copy} is a copy of the plan {original}: "
                f"{taken} of its sentences come from it, covering "
                f"{covered} of the original; {len(missing)} sentences are missing."
            ),
        ),
        (
            html.escape(
                f"网页把开头部分重复了一次（{s['sentences the copy holds twice']}句出现两次），"
                f"句子顺序基本保持（肯德尔 τ = {tau}）。"
            ),
            html.escape(
                f"The page repeats its opening passage ({twice} sentences twice) and "
                f"keeps the original's order (Kendall's τ = {tau})."
            ),
        ),
    ]
    return Headline(
        "复制件 Scraped copy",
        "网页复制件与原件的比对",
        "The scraped web copy against the original",
        figures,
        sentences,
    )


def tour_headline(year: Any) -> Headline:
    """Header block of the teaching tour."""
    y = params.check_year(year)
    m = _matrix()
    disc = discrepancies()
    figures = [
        Figure(int(m.task_no.nunique()), "任务", "tasks", "tasks"),
        Figure(len(m), "任务·年度格", "task-year cells", "cells"),
        Figure(int((m.year_basis == "prose").sum()), "年度取自正文", "years from the prose", "from_prose"),
        Figure(len(disc), "表文差异", "discrepancies", "discrepancies"),
        Figure(int((m.year == y).sum()), f"{y}年任务", f"tasks due in {y}", "year_tasks"),
    ]
    sentences = [
        (
            html.escape(
                "本导览演示如何从受损的文本中恢复年度主要任务表，并与方案正文相互核对；每个数字都注明原文行。"
            ),
            html.escape(
                "This tour shows how the annual task table is recovered from damaged text and checked "
                "against the plan's prose; every figure cites its source line."
            ),
        )
    ]
    return Headline(
        "导览 Tour",
        "导览：从受损文本到任务表",
        "A guided tour: from damaged text to a table of tasks",
        figures,
        sentences,
    )


def headline(kind: str, value: Any = None) -> Headline:
    """The header block of a briefing.

    Args:
        kind: ``overview``, ``year``, ``unit``, ``platform``, ``check``, ``crosswalk``,
            ``keywords``, ``progress``, ``copies`` or ``tour``.
        value: The briefing's parameter (year, unit, section or crosswalked document).

    Returns:
        The :class:`Headline`.
    """
    if kind == "year":
        return year_headline(value)
    if kind == "unit":
        return unit_headline(value)
    if kind == "platform":
        return platform_headline(value)
    if kind == "check":
        return check_headline()
    if kind == "crosswalk":
        return crosswalk_headline(params.valid_docs().doc_id.iloc[0] if value is None else value)
    if kind == "keywords":
        return keywords_headline()
    if kind == "progress":
        return progress_headline()
    if kind == "copies":
        return copies_headline()
    if kind == "tour":
        return tour_headline(params.valid_years()[-1] if value is None else value)
    return overview_headline()
