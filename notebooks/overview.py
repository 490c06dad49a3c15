# %% [markdown] tags=["notebook-only"]
# # 总览 Overview
#
# The annual task matrix (年度主要任务) of the Ningxia “互联网+医疗健康” (Internet Plus
# Healthcare) demonstration zone (示范区), 宁政办发〔2019〕10号: 40 tasks × 2019–2022,
# organised by the “1-2-3-5” framework — 夯实一个基础 one foundation, 建设两大中心 two
# centres, 强化三项保障 three safeguards, 构建五大平台 five platforms.
#
# Parameter 参数: only `seeds`, like every notebook (another folder of seed texts; by default
# `$ZONE_SEEDS`, else the packaged seeds).

# %% tags=["parameters"]
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 准备 Setup

# %% tags=["notebook-only"]
import zone_lib
from zone_lib import views
from zone_lib.views import params, widgets

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
print("years:", params.valid_years())
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("overview")

# %% [markdown]
# ## 1. 框架 The framework, section by section

# %%
views.show(views.overview())

# %% [markdown]
# ## 2. 任务 × 年度 Task × year
#
# Hover a cell for its full text and source line.

# %%
views.fig_heatmap()

# %% [markdown]
# ## 3. 各部分年度任务数 Tasks per section and year

# %%
views.fig_section_bars()

# %% [markdown]
# ## 4. 里程碑 Milestones: region and county
#
# The regional plan beside Qingtongxia's (青铜峡市); the dropdown shows one section.

# %%
views.fig_timeline()

# %% [markdown]
# ## 5. 单位协作 Units and their ties

# %%
views.fig_unit_network()

# %% [markdown]
# ## 6. 量化目标 Quantified targets

# %%
views.show(views.targets())

# %%
views.fig_targets()

# %% [markdown]
# ## 7. 表格与正文的差异 Where the table and the prose disagree
#
# Every place where the annual task table and the plan's own text say different things;
# each names the table line and the prose line. Below: what each kind means.

# %%
views.show(zone_lib.discrepancies(), name="discrepancies")

# %%
views.show(views.discrepancy_kinds(), name="discrepancy-kinds")

# %% [markdown] tags=["live"]
# ## 8. 里程碑搜索 Milestone search (live)
#
# In JupyterLab, type words such as 电子健康卡 or 互联网医院.

# %% tags=["live"]
widgets.MilestoneSearch("互联网医院").widget
