# %% [markdown] tags=["notebook-only"]
# # 任务对应 Crosswalk
#
# Which task of another document answers which task of the regional Implementation Plan
# 宁政办发〔2019〕10号 (`nx-impl-2019`): Qingtongxia's own Implementation Plan
# (`qtx-impl-2019`, 青政办发〔2019〕61号) adapts it task by task; the 2023 high-quality
# plan (`nx-hq-2023`) and the national “五个一” notice (`nhc-5yi-2020`) reword the same
# work. Links come from `zone_lib.crosswalk()` (TF-IDF of jieba words, cosine
# similarity), with the reading overrides of `zone_lib/data/crosswalk_overrides.csv`.
#
# Parameter 参数: `doc` — the document compared with the regional plan, by id or number
# (`zone_lib.views.params.valid_docs()`). Run it for another with papermill, e.g.
# `papermill notebooks/crosswalk.ipynb out.ipynb -p doc nx-hq-2023`, or render the
# offline HTML briefing with `zone render --crosswalk nx-hq-2023`.

# %% tags=["parameters"]
doc: str = "qtx-impl-2019"  # document compared with the regional plan: qtx-impl-2019, nx-hq-2023 or nhc-5yi-2020 (id or number)
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 参数检查 Checking the parameter
#
# An unknown document stops here, listing the documents that are crosswalked.

# %% tags=["notebook-only"]
from zone_lib import views
from zone_lib.views import params

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
doc = params.check_doc(doc)
print(f"doc = {doc}")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("crosswalk", doc)

# %% [markdown]
# ## 1. 对应矩阵 The crosswalk as a matrix
#
# Each row is a task of this document, each column a task of the regional plan (the
# number's colour is its section). A cell shows the similarity of one of the three
# closest regional tasks; a red ring marks the link kept. Hover a cell for both titles.

# %%
views.fig_crosswalk(doc)

# %% [markdown]
# ## 2. 逐项对应 Task by task
#
# 有对应 *linked*: the task has a regional counterpart (similarity at or above the
# threshold, or read by hand); 新增 *added*: no regional task answers it; 未采用
# *dropped*: a regional task this document has no counterpart for. The years are those
# of each task's milestones; each line number opens the task in its seed text.

# %%
views.show(views.crosswalk_view(doc), name="crosswalk")

# %% [markdown]
# ## 3. 三份文件的比较 The three documents side by side
#
# How closely each document follows the regional plan. Qingtongxia's plan copies it
# almost sentence by sentence (hence its higher threshold); the later plans reword it.

# %%
views.show(views.crosswalk_counts(), name="pairs")

# %%
views.fig_crosswalk_counts()
