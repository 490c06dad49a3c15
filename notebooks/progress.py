# %% [markdown] tags=["notebook-only"]
# # 2020年进展 Reported progress
#
# The national notice 国卫规划发〔2020〕22号 (`nhc-5yi-2020`) carries, in its annex,
# Ningxia's own account of what it had achieved by 2020. `zone_lib.reported_progress()`
# splits it into statements and links each to the planned milestones of the regional
# Implementation Plan by character-bigram containment (the three closest per statement;
# a score of at least 0.15 counts as a link).
#
# Parameter 参数: only `seeds`, like every notebook.

# %% tags=["parameters"]
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 准备 Setup

# %% tags=["notebook-only"]
from zone_lib import views

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("progress")

# %% [markdown]
# ## 1. 报告的进展 What Ningxia reported
#
# One row per statement with the closest planned task; 有对应 *linked* when the match
# reaches the threshold, 较弱 *weak* otherwise. The report line opens the notice's text.

# %%
views.show(views.progress_statements(), name="statements")

# %% [markdown]
# ## 2. 与计划的对应 Statements and their closest milestones

# %%
views.fig_progress()

# %% [markdown]
# ## 3. 涉及的计划任务 The planned tasks the report speaks to

# %%
views.show(views.progress_tasks(), name="tasks")

# %% [markdown]
# ## 4. 全部候选 Every candidate milestone
#
# The three closest milestones of each statement with the milestone's wording; its line
# opens the Implementation Plan at that milestone.

# %%
views.show(views.progress_candidates(), name="candidates")
