# %% [markdown] tags=["notebook-only"]
# # 导览 A guided tour (policy course)
#
# How a table of policy tasks is recovered from damaged text, and how to ask it questions.
# Labels are in Chinese with English alongside.
#
# 1. 文件 the documents · 2. 框架 the “1-2-3-5” framework · 3. 原文 the raw text of the
# annex table · 4. 表格 the recovered matrix · 5. 差异 where table and prose disagree ·
# 6. 练习 exercises.
#
# Parameter 参数: `year` (used by the exercises), one of 2019-2022. Render the tour as an
# offline page with `zone render --tour`.

# %% tags=["parameters"]
year: int = 2021  # 2019, 2020, 2021 or 2022 (an int, "2021" or "2021年")
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 参数检查 Checking the parameter

# %% tags=["notebook-only"]
import zone_lib
from zone_lib import views
from zone_lib.views import params, widgets

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given
year = params.check_year(year)
print(f"year = {year}")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("tour", year)

# %% [markdown]
# How a table of policy tasks is recovered from damaged text, and how to ask it
# questions: 1. 文件 the documents · 2. 框架 the “1-2-3-5” framework · 3. 原文 the raw
# text of the annex table · 4. 表格 the recovered matrix · 5. 差异 where table and prose
# disagree · 6. 练习 exercises. In JupyterLab each step is one line of Python
# (`zone_lib.documents()`, `zone_lib.matrix()` …); open `notebooks/tour.ipynb` to run them.

# %% [markdown]
# ## 1. 文件 The documents
#
# The seed texts hold several documents each (a gazette issue holds ten). Every row
# keeps its seed file and line range, so every fact can be cited.

# %%
zone_lib.documents()[["doc_id", "doc_number", "date", "title", "first_line", "last_line"]]

# %% [markdown]
# ## 2. 框架 The “1-2-3-5” framework
#
# The Implementation Plan has eight sections (一)…(八): one foundation, two centres,
# safeguards, and five platforms (sections 4-8).

# %%
params.valid_platforms()

# %% [markdown]
# ## 3. 原文 The raw text of the annex table
#
# The annex 《宁夏回族自治区“互联网+医疗健康”示范区建设年度主要任务》 came out of a PDF.
# Tabs (→) separate cells, but the header repeats at every page break, cells are shifted
# by one column in some rows, and Latin words such as ` and ` stand where Chinese
# conjunctions were. Here are its first lines with how the reader classified each:

# %%
views.raw_lines(938, 952)

# %% [markdown]
# Every line of the table region is accounted for — caption, repeated header, section
# label, task row, continuation of a broken row, blank:

# %%
zone_lib.table_lines().kind.value_counts().rename("lines").reset_index()

# %% [markdown]
# ## 4. 表格 The recovered matrix
#
# One row per non-empty cell. `year_column` is where the cell stood; `year` is where it
# belongs. They differ when the plan's own prose clearly gives another year
# (`year_basis` = `prose`).

# %%
zone_lib.matrix()[
    ["task_no", "task", "section_no", "year", "year_column", "year_basis", "text", "source_line"]
].head(12)

# %% [markdown]
# The whole matrix at a glance: a row per task, a column per year, the exercise's year
# outlined. Hover a cell for its wording and source line.

# %%
views.fig_heatmap(year)

# %% [markdown]
# ## 5. 差异 Where the table and the prose disagree
#
# Each finding names the table line and the prose line, so a reader can check it.

# %%
zone_lib.discrepancies()

# %% [markdown]
# ## 6. 练习 Exercises
#
# 1. **Change the year.** Re-run this notebook for another year:
#    `papermill notebooks/tour.ipynb out.ipynb -p year 2022`. Which sections lose
#    tasks after 2020 (compare `views.year_by_section(year)`)?
# 2. **A bad parameter.** Run it with `-p year 2030`: the first cell after the
#    parameters stops with a message listing the valid years. Why validate first?
# 3. **A unit.** Run `notebooks/unit.ipynb` with `-p unit 医保局`. Which name does the
#    briefing use, and why (see `params.valid_units()`)?
# 4. **Find the cell.** Pick a task in the table below, open the seed file at its
#    `source_line` and compare the table's wording with the prose at `prose_line`.
#
# The table for the exercise's year:

# %%
views.year_by_section(year)

# %%
views.bilingual(views.year_view(year))

# %% [markdown] tags=["live"]
# In JupyterLab, try the live explorer:

# %% tags=["live"]
widgets.YearExplorer(year).widget
