# %% [markdown] tags=["notebook-only"]
# # 关键词 Keywords
#
# The words that set each year, document and section apart: `zone_lib.keywords(by=…)`
# ranks each group's jieba words (domain dictionary and stop words applied) by tf-idf,
# so a word scores high when it is frequent in the group and rare in the others.
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
views.headline("keywords")

# %% [markdown]
# ## 1. 各年度 By year
#
# The annual task table's cells of each year, 2019–2022: what is new in the wording of
# each year's work.

# %%
views.fig_keywords_by_year()

# %%
views.show(views.keywords_view("year"), name="by-year")

# %% [markdown]
# ## 2. 各文件 By document
#
# The task documents of the corpus: the regional plan, Qingtongxia's, the 2023
# high-quality plan and the national “五个一” notice.

# %%
views.fig_keywords("document")

# %%
views.show(views.keywords_view("document"), name="by-document")

# %% [markdown]
# ## 3. 各部分 By section
#
# Each section (§) of each document; pick one in the chart's menu.

# %%
views.fig_keywords("section")

# %%
views.show(views.keywords_view("section"), name="by-section")

# %% [markdown]
# ## 4. 各年度关键词的权重 Each year's keywords with their weights

# %%
views.show(views.keywords_table("year"), name="year-weights")
