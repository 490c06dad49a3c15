# %% [markdown] tags=["notebook-only"]
# # 单位简报 Unit briefing
#
# The tasks of the annual matrix of 宁政办发〔2019〕10号 that one responsible unit
# (责任单位) leads (牵头单位) or supports (配合单位), year by year; the units it works
# with; and its share of the load.
#
# Parameter 参数: `unit` — a unit of the plan, by name or alias (医保局, 自治区医疗保障局 and
# 医疗保障局 all mean 自治区医保局) or English name. Run it for another value with papermill, e.g. `papermill notebooks/unit.ipynb out.ipynb -p unit 医保局`, or render the offline HTML briefing with `zone render --unit 医保局`.

# %% tags=["parameters"]
unit: str = "自治区卫生健康委"  # a responsible unit of nx-impl-2019: name, alias (医保局) or English name
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 参数检查 Checking the parameter
#
# An unknown unit stops here, listing the valid units.

# %% tags=["notebook-only"]
from zone_lib import views
from zone_lib.views import params, widgets

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
unit = params.check_unit(unit)
print(f"unit = {unit} ({params.unit_en(unit)})")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("unit", unit)

# %% [markdown]
# ## 1. 逐年负荷 Load by year
#
# Tasks led and supported each year, and the share of that year's cells.

# %%
views.show(views.unit_by_year(unit))

# %% [markdown]
# ## 2. 逐年任务图 Tasks by year at a glance
#
# One row per task, one bar per run of years: solid where the unit leads (牵头), hatched
# where it cooperates (配合), in the section's colour.

# %%
views.fig_unit_gantt(unit)

# %% [markdown]
# ## 3. 任务 Tasks, year by year
#
# Every task-year cell naming the unit, with the cell's source line.

# %%
views.show(views.unit_view(unit))

# %% [markdown]
# ## 4. 合作单位 Partners
#
# Units listed on the same tasks, most shared tasks first.

# %%
views.show(views.unit_partners(unit))

# %% [markdown]
# ## 5. 协作网络 The network of units
#
# The unit is highlighted; the dropdown highlights another.

# %%
views.fig_unit_network(highlight=unit)

# %% [markdown]
# ## 6. 全部单位的负荷 Every unit's share of the load

# %%
views.show(views.unit_share())

# %% [markdown]
# ## 7. 在其他文件中 In the other documents
#
# The unit's tasks in every task document, through the unit registry's aliases (* marks the tasks it leads).

# %%
views.show(views.unit_in_documents(unit))

# %% [markdown] tags=["live"]
# ## 8. 交互浏览 Live explorer
#
# In JupyterLab, pick another unit.

# %% tags=["live"]
widgets.UnitExplorer(unit).widget
