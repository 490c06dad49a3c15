# %% [markdown] tags=["notebook-only"]
# # 年度简报 Year briefing
#
# What the annual task matrix (年度主要任务) of the regional Implementation Plan
# 宁政办发〔2019〕10号 (`nx-impl-2019`) asks for in one year, by section of the “1-2-3-5”
# framework and by responsible unit, and what is new compared with the year before.
#
# Parameter 参数: `year` — one of 2019, 2020, 2021, 2022. Run it for another value with papermill, e.g. `papermill notebooks/year.ipynb out.ipynb -p year 2021`, or render the offline HTML briefing with `zone render --year 2021`.

# %% tags=["parameters"]
year: int = 2020  # 2019, 2020, 2021 or 2022 (an int, "2021" or "2021年")
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 参数检查 Checking the parameter
#
# A value that is not a valid year stops here, listing the valid years.

# %% tags=["notebook-only"]
from zone_lib import views
from zone_lib.views import params, widgets

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
year = params.check_year(year)
print(f"year = {year}")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("year", year)

# %% [markdown]
# ## 1. 本年度任务 Tasks due this year
#
# One row per task with a cell in this year. 变化 Change: 新增 *new* (no cell the year
# before), 调整 *changed* (the wording differs from last year's cell), 延续 *continued*
# (same wording). 原文行 Source line opens the seed text at the line the cell comes from.

# %%
views.show(views.year_view(year))

# %% [markdown]
# ## 2. 各部分 By section
#
# Tasks due, new, changed, continued, and tasks that ended last year.

# %%
views.show(views.year_by_section(year))

# %%
views.fig_section_bars(year)

# %% [markdown]
# ## 3. 各单位 By unit
#
# How many of this year's tasks each unit leads (牵头) or supports (配合), and how many of
# them are new, changed or continued.

# %%
views.show(views.year_by_unit(year))

# %% [markdown]
# ## 4. 任务 × 年度 The whole matrix
#
# This year is outlined; hover a cell for its full text and source line; the dropdown
# zooms to one section.

# %%
views.fig_heatmap(highlight_year=year)

# %% [markdown] tags=["live"]
# ## 5. 交互浏览 Live explorer
#
# In JupyterLab, pick another year; the table and chart follow. (The HTML briefing
# leaves this widget out; everything above is complete without it.)

# %% tags=["live"]
widgets.YearExplorer(year).widget
