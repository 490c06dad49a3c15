# %% [markdown] tags=["notebook-only"]
# # 数据质量检查 Data-quality check
#
# What `zone check` finds in the seed texts: table lines the parser could not read
# cleanly, prose tasks with no table row, places where the annex table and the prose
# disagree, units missing from the unit registry, lines no parser accounts for, and
# damage in the text itself (Latin words where Chinese conjunctions were, lines that
# open with punctuation, HTML residue, words split by page breaks). Every finding names
# its seed file and line.
#
# Parameter 参数: only `seeds`, like every notebook. In a terminal: `zone check` (add `--strict` to fail on errors).

# %% tags=["parameters"]
seeds: str = None  # folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)

# %% [markdown] tags=["notebook-only"]
# ## 准备 Setup

# %% tags=["notebook-only"]
import zone_lib
from zone_lib import views

views.use_seeds(seeds)  # the `seeds` parameter: another seeds folder, if given

findings = zone_lib.quality_findings()
print(f"{len(findings)} findings")
views.setup_plotly()  # JupyterLab: plotly JSON; `zone render`: small offline HTML

# %%
views.headline("check")

# %% [markdown]
# ## 1. 概况 Summary
#
# Findings per check and severity (错误 error, 警告 warning, 提示 info), and what a
# finding of each check means, in Chinese and English.

# %%
views.show(views.check_summary(findings), name="summary")

# %%
views.fig_quality(findings)

# %% [markdown]
# ## 2. 全部发现 Every finding
#
# Most severe first; each finding names its document (id and number) and its line, which
# opens the seed text at that line.

# %%
views.show(views.check_view(findings))
