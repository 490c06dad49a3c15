"""Write the parameterised notebooks of this folder, clean (no outputs, no execution counts).

Run ``.venv/bin/python notebooks/build_notebooks.py`` after changing a notebook here;
the ``.ipynb`` files are generated, never edited by hand. Cell ids are fixed
(``<notebook>-<nn>``) so the files are byte-for-byte reproducible.

Every notebook has the same shape: a title, a cell tagged ``parameters`` (papermill),
then a first code cell that validates the parameters with :mod:`zone_lib.views.params` and
sets plotly's renderer, then thin cells — one library call each — with bilingual
markdown between them, and last a live ipywidgets explorer (cells tagged ``live``,
which the HTML briefings of ``zone render`` leave out: widgets need a kernel).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """{imports}from zone_lib import views
from zone_lib.views import params, widgets

{checks}
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML
"""

LIVE = "live"
"""Tag of the cells that only make sense with a kernel (ipywidgets explorers and the
markdown that introduces them); ``zone render`` leaves them out of HTML briefings."""

RUN_HINT = (
    "Run it for another value with papermill, e.g. "
    "`papermill notebooks/{name}.ipynb out.ipynb -p {param} {example}`, "
    "or render the offline HTML briefing with `zone render --{param} {example}`."
)


def _md(text: str):
    return new_markdown_cell(text.strip("\n"))


def _live_md(text: str):
    cell = _md(text)
    cell.metadata["tags"] = [LIVE]
    return cell


def _code(text: str, tags: list[str] | None = None):
    cell = new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = tags
    return cell


def _notebook(name: str, cells: list) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(cells):
        cell["id"] = f"{name}-{i:02d}"
        if cell["cell_type"] == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
    nb.cells = cells
    nbformat.validate(nb)
    return nb


def year_notebook() -> nbformat.NotebookNode:
    """The year briefing: what is due in one year and what is new."""
    return _notebook(
        "year",
        [
            _md(
                """
# 年度简报 Year briefing

What the annual task matrix (年度主要任务) of the regional Implementation Plan
宁政办发〔2019〕10号 (`nx-impl-2019`) asks for in one year, by section of the “1-2-3-5”
framework and by responsible unit, and what is new compared with the year before.

Parameter 参数: `year` — one of 2019, 2020, 2021, 2022. """
                + RUN_HINT.format(name="year", param="year", example="2021")
            ),
            _code("year = 2020", tags=["parameters"]),
            _md(
                "## 参数检查 Checking the parameter\n\nA value that is not a valid year stops here, listing the valid years."
            ),
            _code(SETUP.format(imports="", checks="year = params.check_year(year)\nprint(f'year = {year}')")),
            _md(
                """
## 1. 本年度任务 Tasks due this year

One row per task with a cell in this year. `status` 变化: 新增 *new* (no cell the year
before), 调整 *changed* (the wording differs from last year's cell), 延续 *continued*
(same wording). `source_line` is the line of the seed file the cell comes from.
"""
            ),
            _code("views.bilingual(views.year_view(year))"),
            _md(
                "## 2. 各部分 By section\n\nTasks due, new, changed, continued, and tasks that ended last year."
            ),
            _code("views.year_by_section(year)"),
            _code("views.fig_section_bars(year)"),
            _md(
                "## 3. 各单位 By unit\n\nHow many of this year's tasks each unit leads (牵头) or supports (配合)."
            ),
            _code("views.year_by_unit(year)"),
            _md(
                """
## 4. 任务 × 年度 The whole matrix

This year is outlined; hover a cell for its full text and source line; the dropdown
zooms to one section.
"""
            ),
            _code("views.fig_heatmap(highlight_year=year)"),
            _live_md(
                """
## 5. 交互浏览 Live explorer

In JupyterLab, pick another year; the table and chart follow. (The HTML briefing
leaves this widget out; everything above is complete without it.)
"""
            ),
            _code("widgets.YearExplorer(year).widget", tags=[LIVE]),
        ],
    )


def unit_notebook() -> nbformat.NotebookNode:
    """The unit briefing: a unit's tasks, partners and share of the load."""
    return _notebook(
        "unit",
        [
            _md(
                """
# 单位简报 Unit briefing

The tasks of the annual matrix of 宁政办发〔2019〕10号 that one responsible unit
(责任单位) leads (牵头单位) or supports (配合单位), year by year; the units it works
with; and its share of the load.

Parameter 参数: `unit` — a unit of the plan, by name or alias (医保局, 自治区医疗保障局 and
医疗保障局 all mean 自治区医保局) or English name. """
                + RUN_HINT.format(name="unit", param="unit", example="医保局")
            ),
            _code('unit = "自治区卫生健康委"', tags=["parameters"]),
            _md("## 参数检查 Checking the parameter\n\nAn unknown unit stops here, listing the valid units."),
            _code(
                SETUP.format(
                    imports="",
                    checks="unit = params.check_unit(unit)\nprint(f'unit = {unit} ({params.unit_en(unit)})')",
                )
            ),
            _md(
                "## 1. 逐年负荷 Load by year\n\nTasks led and supported each year, and the share of that year's cells."
            ),
            _code("views.unit_by_year(unit)"),
            _md(
                "## 2. 任务 Tasks, year by year\n\nEvery task-year cell naming the unit, with the cell's source line."
            ),
            _code("views.bilingual(views.unit_view(unit))"),
            _md("## 3. 合作单位 Partners\n\nUnits listed on the same tasks, most shared tasks first."),
            _code("views.unit_partners(unit)"),
            _md(
                "## 4. 协作网络 The network of units\n\nThe unit is highlighted; the dropdown highlights another."
            ),
            _code("views.fig_unit_network(highlight=unit)"),
            _md("## 5. 全部单位的负荷 Every unit's share of the load"),
            _code("views.unit_share()"),
            _md(
                "## 6. 在其他文件中 In the other documents\n\n"
                "The unit's tasks in every task document, through the unit registry's aliases "
                "(* marks the tasks it leads)."
            ),
            _code("views.unit_in_documents(unit)"),
            _live_md("## 7. 交互浏览 Live explorer\n\nIn JupyterLab, pick another unit."),
            _code("widgets.UnitExplorer(unit).widget", tags=[LIVE]),
        ],
    )


def platform_notebook() -> nbformat.NotebookNode:
    """The platform (section) briefing."""
    return _notebook(
        "platform",
        [
            _md(
                """
# 平台简报 Platform briefing

One section of the Implementation Plan 宁政办发〔2019〕10号: its tasks year by year, its
responsible units, its milestones beside Qingtongxia's (青铜峡市) and the places where
the annex table and the prose disagree.

Parameter 参数: `platform` — a section (一)…(八) by number 1-8 or name. Sections 4-8 are
the five platforms (五大平台); 1 is the interconnection foundation, 2 the two centres,
3 the safeguards. `5`, `"5"`, `"互联网医疗平台"` and `"Internet medical-service platform"`
are the same section. """
                + RUN_HINT.format(name="platform", param="platform", example="4")
            ),
            _code("platform = 5", tags=["parameters"]),
            _md(
                "## 参数检查 Checking the parameter\n\nAn unknown section stops here, listing the eight sections."
            ),
            _code(
                SETUP.format(
                    imports="",
                    checks="platform = params.check_platform(platform)\n"
                    "print(f'platform = {platform}: {params.section_label(platform, short=False)}')",
                )
            ),
            _md("## 1. 任务与年度 Tasks and years\n\nThe text of every cell, one column per year."),
            _code("views.bilingual(views.platform_view(platform))"),
            _md("## 2. 责任单位 Responsible units"),
            _code("views.platform_units(platform)"),
            _md(
                """
## 3. 里程碑 Milestones: region and county

The prose milestones of the regional plan (left) and of Qingtongxia's plan (right)
for this section; hover a bar for the full milestone text and its source line.
"""
            ),
            _code("views.fig_timeline(section=platform)"),
            _md("## 4. 表格与正文的差异 Where the table and the prose disagree"),
            _code("views.platform_discrepancies(platform)"),
            _live_md("## 5. 交互浏览 Live explorer\n\nIn JupyterLab, pick another section."),
            _code("widgets.PlatformExplorer(platform).widget", tags=[LIVE]),
        ],
    )


def overview_notebook() -> nbformat.NotebookNode:
    """The overview: the whole framework at a glance."""
    return _notebook(
        "overview",
        [
            _md(
                """
# 总览 Overview

The annual task matrix (年度主要任务) of the Ningxia “互联网+医疗健康” (Internet Plus
Healthcare) demonstration zone (示范区), 宁政办发〔2019〕10号: 40 tasks × 2019–2022,
organised by the “1-2-3-5” framework — 夯实一个基础 one foundation, 建设两大中心 two
centres, 强化三项保障 three safeguards, 构建五大平台 five platforms.

No parameters; the cell tagged `parameters` is empty so papermill can run it like the
others.
"""
            ),
            _code("# no parameters", tags=["parameters"]),
            _md("## 准备 Setup"),
            _code(SETUP.format(imports="", checks="print('years:', params.valid_years())")),
            _md("## 1. 框架 The framework, section by section"),
            _code("views.overview()"),
            _md("## 2. 任务 × 年度 Task × year\n\nHover a cell for its full text and source line."),
            _code("views.fig_heatmap()"),
            _md("## 3. 各部分年度任务数 Tasks per section and year"),
            _code("views.fig_section_bars()"),
            _md(
                """
## 4. 里程碑 Milestones: region and county

The regional plan beside Qingtongxia's (青铜峡市); the dropdown shows one section.
"""
            ),
            _code("views.fig_timeline()"),
            _md("## 5. 单位协作 Units and their ties"),
            _code("views.fig_unit_network()"),
            _md("## 6. 量化目标 Quantified targets"),
            _code("views.targets()"),
            _code("views.fig_targets()"),
            _live_md(
                "## 7. 里程碑搜索 Milestone search (live)\n\nIn JupyterLab, type words such as 电子健康卡 or 互联网医院."
            ),
            _code('widgets.MilestoneSearch("互联网医院").widget', tags=[LIVE]),
        ],
    )


def tour_notebook() -> nbformat.NotebookNode:
    """The teaching tour: documents, framework, extraction from damaged text, exercises."""
    return _notebook(
        "tour",
        [
            _md(
                """
# 导览 A guided tour (policy course)

How a table of policy tasks is recovered from damaged text, and how to ask it questions.
Labels are in Chinese with English alongside.

1. 文件 the documents · 2. 框架 the “1-2-3-5” framework · 3. 原文 the raw text of the
annex table · 4. 表格 the recovered matrix · 5. 差异 where table and prose disagree ·
6. 练习 exercises.

Parameter 参数: `year` (used by the exercises), one of 2019-2022.
"""
            ),
            _code("year = 2021", tags=["parameters"]),
            _md("## 参数检查 Checking the parameter"),
            _code(
                SETUP.format(
                    imports="import zone_lib\n",
                    checks="year = params.check_year(year)\nprint(f'year = {year}')",
                )
            ),
            _md(
                """
## 1. 文件 The documents

The seed texts hold several documents each (a gazette issue holds ten). Every row
keeps its seed file and line range, so every fact can be cited.
"""
            ),
            _code(
                'zone_lib.documents()[["doc_id", "doc_number", "date", "title", "first_line", "last_line"]]'
            ),
            _md(
                """
## 2. 框架 The “1-2-3-5” framework

The Implementation Plan has eight sections (一)…(八): one foundation, two centres,
safeguards, and five platforms (sections 4-8).
"""
            ),
            _code("params.valid_platforms()"),
            _md(
                """
## 3. 原文 The raw text of the annex table

The annex 《宁夏回族自治区“互联网+医疗健康”示范区建设年度主要任务》 came out of a PDF.
Tabs (→) separate cells, but the header repeats at every page break, cells are shifted
by one column in some rows, and Latin words such as ` and ` stand where Chinese
conjunctions were. Here are its first lines with how the reader classified each:
"""
            ),
            _code("views.raw_lines(938, 952)"),
            _md(
                """
Every line of the table region is accounted for — caption, repeated header, section
label, task row, continuation of a broken row, blank:
"""
            ),
            _code('zone_lib.table_lines().kind.value_counts().rename("lines")'),
            _md(
                """
## 4. 表格 The recovered matrix

One row per non-empty cell. `year_column` is where the cell stood; `year` is where it
belongs. They differ when the plan's own prose clearly gives another year
(`year_basis` = `prose`).
"""
            ),
            _code(
                'zone_lib.matrix()[["task_no", "task", "section_no", "year", "year_column", '
                '"year_basis", "text", "source_line"]].head(12)'
            ),
            _md(
                """
## 5. 差异 Where the table and the prose disagree

Each finding names the table line and the prose line, so a reader can check it.
"""
            ),
            _code("zone_lib.discrepancies()"),
            _md(
                """
## 6. 练习 Exercises

1. **Change the year.** Re-run this notebook for another year:
   `papermill notebooks/tour.ipynb out.ipynb -p year 2022`. Which sections lose
   tasks after 2020 (compare `views.year_by_section(year)`)?
2. **A bad parameter.** Run it with `-p year 2030`: the first cell after the
   parameters stops with a message listing the valid years. Why validate first?
3. **A unit.** Run `notebooks/unit.ipynb` with `-p unit 医保局`. Which name does the
   briefing use, and why (see `params.valid_units()`)?
4. **Find the cell.** Pick a task in the table below, open the seed file at its
   `source_line` and compare the table's wording with the prose at `prose_line`.

The table for the exercise's year:
"""
            ),
            _code("views.year_by_section(year)"),
            _code("views.bilingual(views.year_view(year))"),
            _live_md("In JupyterLab, try the live explorer:"),
            _code("widgets.YearExplorer(year).widget", tags=[LIVE]),
        ],
    )


def check_notebook() -> nbformat.NotebookNode:
    """The data-quality briefing: what could not be read cleanly, and where."""
    return _notebook(
        "check",
        [
            _md(
                """
# 数据质量检查 Data-quality check

What `zone check` finds in the seed texts: table lines the parser could not read
cleanly, prose tasks with no table row, places where the annex table and the prose
disagree, units missing from the unit registry, lines no parser accounts for, and
damage in the text itself (Latin words where Chinese conjunctions were, lines that
open with punctuation, HTML residue, words split by page breaks). Every finding names
its seed file and line.

No parameters. In a terminal: `zone check` (add `--strict` to fail on errors).
"""
            ),
            _code("# no parameters", tags=["parameters"]),
            _md("## 准备 Setup"),
            _code(
                """
import zone_lib
from zone_lib.quality import findings as quality
from zone_lib import views

findings = zone_lib.quality_findings()
print(f"{len(findings)} findings")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML
"""
            ),
            _md("## 1. 概况 Summary\n\nFindings per check and severity (错误 error, 警告 warning, 提示 info)."),
            _code("quality.quality_summary(findings)"),
            _code("views.fig_quality(findings)"),
            _md("## 2. 全部发现 Every finding\n\nMost severe first; `位置 where` is `seed_file:line`."),
            _code("views.full_table(views.quality_view(findings))"),
        ],
    )


NOTEBOOKS = {
    "year": year_notebook,
    "unit": unit_notebook,
    "platform": platform_notebook,
    "overview": overview_notebook,
    "tour": tour_notebook,
    "check": check_notebook,
}


def build(folder: Path = HERE) -> list[Path]:
    """Write every notebook into ``folder``.

    Args:
        folder: Where to write (default: this folder).

    Returns:
        The paths written.
    """
    written = []
    for name, make in NOTEBOOKS.items():
        path = folder / f"{name}.ipynb"
        text = nbformat.writes(make(), version=4) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
