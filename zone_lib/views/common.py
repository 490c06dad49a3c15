"""Shared parts of the briefing views: colours, plotly set-up, memoised tables, labels."""

from __future__ import annotations

import functools
import html
import os

import pandas as pd
import plotly.io as pio

from zone_lib.ingest.corpus import Seeds, load_corpus
from zone_lib.ingest.seeds import seeds_dir, set_default_seeds
from zone_lib.tables.matrix import matrix
from zone_lib.tables.tasks import responsibilities
from zone_lib.textutil import fold
from zone_lib.views import figure_html, params
from zone_lib.views.params import DOC_ID
from zone_lib.views.site import SITE_ENV, current_renderer, use_renderer  # noqa: F401 - use_renderer re-exported
from zone_lib.views.tables import setup_tables

SECTION_COLOURS = (
    "#4C78A8",
    "#F58518",
    "#54A24B",
    "#B279A2",
    "#E45756",
    "#72B7B2",
    "#EECA3B",
    "#9D755D",
)

"""One fixed colour per section 1-8 (the same in every chart, and as ``--s1`` … ``--s8`` in the
stylesheet). No other category of any chart uses these hues: years, statuses and roles are
shades of grey and blue-grey."""

YEAR_COLOURS = ("#C9D0D6", "#96A1AB", "#5F6C78", "#2B3640")
"""Years, light to dark (a sequence, so that a year never looks like a section)."""
STATUS_COLOURS = {"new": "#1F2A36", "changed": "#7D8A97", "continued": "#D3D9DF"}
"""New (dark), changed (mid), continued (light): how much of the year is new."""
ROLE_COLOURS = {"lead": "#2B3640", "coop": "#AEB8C2"}
"""Lead and cooperating units in the network (node colour)."""
HIGHLIGHT = "#111111"
"""The highlighted unit and its ties."""
_FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"

NOTEBOOK_RENDERER = "plotly_mimetype+notebook"
"""Figures as plotly JSON for JupyterLab's plotly extension, plus HTML for classic viewers."""

RENDERER_ENV = SITE_ENV
"""Environment variable naming the plotly renderer; ``zone render`` sets ``zone_briefing``."""


def use_seeds(seeds: str | os.PathLike[str] | None) -> None:
    """Read this notebook's tables from ``seeds`` (the notebooks' ``seeds`` parameter).

    None keeps the process default: ``$ZONE_SEEDS``, else the packaged seeds, or the
    folder ``zone render`` gave its worker. A folder that is not a seeds folder stops
    here with :class:`~zone_lib.errors.SeedsNotFoundError` saying why.

    Args:
        seeds: A folder of seed ``.txt`` files, or None.
    """
    if seeds:
        set_default_seeds(seeds_dir(seeds))


def setup_plotly() -> None:
    """Choose plotly's renderer for a notebook (``plotly.io.renderers.default``).

    In JupyterLab (the default) figures are sent as plotly JSON plus HTML
    (``plotly_mimetype+notebook``). Under ``zone render`` (:func:`use_renderer` in its
    worker, or ``ZONE_PLOTLY_RENDERER`` in the environment of a Jupyter kernel it starts)
    the briefing renderer of :mod:`zone_lib.views.figure_html`, which writes small
    deterministic HTML that loads the shared plotly.js.

    It also shows every DataFrame as a reader's table (:func:`zone_lib.views.setup_tables`):
    every row, full text, bilingual headers; interactive (itables) in JupyterLab.

    """
    figure_html.register()
    name = current_renderer() or NOTEBOOK_RENDERER
    pio.renderers.default = name
    setup_tables()


# --------------------------------------------------------------------------- helpers


def _memo(name: str, compute, seeds: Seeds = None) -> pd.DataFrame:
    """A copy of a library table, computed (and schema-checked) once per corpus.

    Kept on the :class:`~zone_lib.ingest.corpus.Corpus` (the default one while the
    seed files are unchanged): a briefing calls these tables dozens of times.
    """
    corpus = load_corpus(seeds)
    return corpus.cached(("views", name), lambda: compute(corpus)).copy()


def memo_view(fn):
    """Memoise a view per corpus and arguments; each caller gets its own copy.

    A briefing asks for the same view several times (its table, its header block, a
    figure), and a worker renders many briefings of the same corpus. Views are pure
    functions of the seed files and their arguments, so the result is kept on the
    :class:`~zone_lib.ingest.corpus.Corpus` like the library tables. Arguments that cannot
    be hashed are computed, not kept.
    """

    @functools.wraps(fn)
    def wrapper(*args, seeds: Seeds = None, **kwargs):
        key = ("view", fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            return fn(*args, seeds=seeds, **kwargs)
        corpus = load_corpus(seeds)
        value = corpus.cached(key, lambda: fn(*args, seeds=corpus, **kwargs))
        return value.copy() if isinstance(value, pd.DataFrame) else value

    wrapper.uncached = fn
    return wrapper


def _matrix(seeds: Seeds = None) -> pd.DataFrame:
    return _memo("matrix", lambda c: matrix(DOC_ID, c), seeds)


def _resp(seeds: Seeds = None) -> pd.DataFrame:
    return _memo("responsibilities", lambda c: responsibilities(DOC_ID, c), seeds)


def _norm_text(text: str) -> str:
    """Text folded for comparing two cells: NFKC, no white space or punctuation."""
    return fold(text or "", alnum=True)


def _wrap(text: str, width: int = 36) -> str:
    """HTML-escaped text broken into lines of ``width`` characters for hover labels."""
    text = html.escape(str(text or ""))
    lines = [text[i : i + width] for i in range(0, len(text), width)] or [""]
    return "<br>".join(lines)


def _section_en(no: int) -> str:
    return params.labels()["sections"][int(no) - 1]["en"]


def _section_short(no: int) -> str:
    return params.labels()["sections"][int(no) - 1]["short_zh"]


def _status_zh(status: str) -> str:
    return params.labels()["status"][status]["zh"]


def _role_zh(role: str) -> str:
    return params.labels()["roles"][role]["zh"]


def _units_of(resp: pd.DataFrame) -> dict[int, dict[str, list[str]]]:
    """task_no -> {"lead": [...], "coop": [...]} in the document's order."""
    out: dict[int, dict[str, list[str]]] = {}
    for row in resp.sort_values(["task_no", "order"], kind="stable").itertuples():
        out.setdefault(int(row.task_no), {"lead": [], "coop": []})[row.role].append(row.unit)
    return out


def _task_label(task_no: int, task: str, width: int = 16) -> str:
    short = task if len(task) <= width else task[: width - 1] + "…"
    return f"{int(task_no):02d} {short}"


def bilingual(df: pd.DataFrame) -> pd.DataFrame:
    """Rename a view's columns to bilingual headings for display (年度 Year, 任务 Task …).

    Args:
        df: A table of this module.

    Returns:
        A copy whose known columns carry Chinese and English headings.
    """
    names = params.labels()["columns"]
    return df.rename(columns={c: names[c] for c in df.columns if c in names})
