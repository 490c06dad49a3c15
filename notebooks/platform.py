# %% [markdown] tags=["notebook-only"]
# # 平台简报 Platform briefing
#
# One section of the Implementation Plan 宁政办发〔2019〕10号: its tasks year by year, its
# responsible units, its milestones beside Qingtongxia's (青铜峡市) and the places where
# the annex table and the prose disagree.
#
# Parameter 参数: `platform` — a section (一)…(八) by number 1-8 or name. Sections 4-8 are
# the five platforms (五大平台); 1 is the interconnection foundation, 2 the two centres,
# 3 the safeguards. `5`, `"5"`, `"互联网医疗平台"` and `"Internet medical-service platform"`
# are the same section. Run it for another value with papermill, e.g. `papermill notebooks/platform.ipynb out.ipynb -p platform 4`, or render the offline HTML briefing with `zone render --platform 4`.

# %% tags=["parameters"]
platform: int = 5  # section 1–8 of the framework: number, numeral (五), Chinese title or English label
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 参数检查 Checking the parameter
#
# An unknown section stops here, listing the eight sections.

# %% tags=["notebook-only"]
from zone_lib import views
from zone_lib.views import params, widgets

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
platform = params.check_platform(platform)
print(f"platform = {platform}: {params.section_label(platform, short=False)}")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("platform", platform)

# %% [markdown]
# ## 1. 任务与年度 Tasks and years
#
# The text of every cell, one column per year.

# %%
views.show(views.platform_view(platform))

# %% [markdown]
# ## 2. 责任单位 Responsible units

# %%
views.show(views.platform_units(platform))

# %% [markdown]
# ## 3. 里程碑 Milestones: region and county
#
# The prose milestones of the regional plan (left) and of Qingtongxia's plan (right)
# for this section; hover a bar for the full milestone text and its source line.

# %%
views.fig_timeline(section=platform)

# %% [markdown]
# ## 4. 表格与正文的差异 Where the table and the prose disagree

# %%
views.show(views.platform_discrepancies(platform))

# %% [markdown]
# 各类差异的含义 What each kind of discrepancy means:

# %%
views.show(views.discrepancy_kinds(views.platform_discrepancies(platform)))

# %% [markdown] tags=["live"]
# ## 5. 交互浏览 Live explorer
#
# In JupyterLab, pick another section.

# %% tags=["live"]
widgets.PlatformExplorer(platform).widget
