# %% [markdown] tags=["notebook-only"]
# # 复制件 The scraped copy
#
# `nx-plan-2019-web` is the regional Plan 宁政发〔2019〕6号 as scraped from a government
# web page; `nx-plan-2019` is the Plan as printed in the gazette. `zone_lib.find_copies()`
# finds such pairs by character-bigram containment, `zone_lib.copy_report()` and
# `zone_lib.copy_alignment()` compare them sentence by sentence: what the copy keeps, in
# which order, what it repeats, what it lost and what it adds.
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
views.headline("copies")

# %% [markdown]
# ## 1. 比对结果 The comparison in figures

# %%
views.show(views.copy_summary(), name="summary")

# %% [markdown]
# ## 2. 句子对齐 Sentence by sentence
#
# Each dot is a sentence of the copy, in the copy's order, at the line of the original it
# matches; a rising line means the copy keeps the original's order. There are two: the
# web page holds the plan's opening part a second time (open circles), interleaved with
# the rest. Red dots at the bottom have no match in the original.

# %%
views.fig_copy_alignment()

# %% [markdown]
# ## 3. 原件中缺失的句子 Sentences of the original missing from the copy
#
# The line opens the gazette text at the sentence.

# %%
views.show(views.copy_missing(), name="missing")

# %% [markdown]
# ## 4. 复制件额外的内容 What only the copy has
#
# 额外内容 *page furniture*: text the original does not have (dates of publication,
# links to explanations); 并入他句 *run into a sentence*: lines of the original that the
# web page ran together with the next sentence.

# %%
views.show(views.copy_extra(), name="extra")

# %% [markdown]
# ## 5. 全部句子 Every sentence of the copy

# %%
views.show(views.copy_alignment_view(), name="alignment")
