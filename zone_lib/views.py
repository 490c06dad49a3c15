"""Briefing views of the annual task matrix: DataFrames and plotly figures.

Every view validates its parameter with :mod:`zone_lib.params` (so ``year_view(2030)``
raises :class:`zone_lib.errors.ParameterError`), labels sections and units in Chinese
with English alongside, and keeps the source line of every fact. Figures are
deterministic (fixed ordering, no random ids) and carry plotly's own controls
(dropdowns) so a reader of the static HTML briefing can still choose a section, a
year or a unit.

Tables:
    :func:`year_view`, :func:`year_by_section`, :func:`year_by_unit`,
    :func:`unit_view`, :func:`unit_by_year`, :func:`unit_partners`, :func:`unit_share`,
    :func:`platform_view`, :func:`platform_units`, :func:`platform_discrepancies`,
    :func:`overview`, :func:`targets`.

Figures:
    :func:`fig_heatmap`, :func:`fig_timeline`, :func:`fig_section_bars`,
    :func:`fig_unit_network`, :func:`fig_targets`.
"""

from __future__ import annotations

import html
import importlib
import itertools
import math
import re
import textwrap
import unicodedata
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import params
from .params import DOC_ID, check_platform, check_unit, check_year, section_label, unit_en

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
"""One fixed colour per section 1-8."""

YEAR_COLOURS = ("#4C78A8", "#F58518", "#54A24B", "#E45756")
STATUS_COLOURS = {"new": "#E45756", "changed": "#F58518", "continued": "#9D9D9D"}
_FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"

NOTEBOOK_RENDERER = "plotly_mimetype+notebook"
"""Figures as plotly JSON for JupyterLab's plotly extension, plus HTML for classic viewers."""

RENDERER_ENV = "ZONE_PLOTLY_RENDERER"
"""Environment variable naming the plotly renderer; ``zone render`` sets ``zone_briefing``."""


def setup_plotly() -> None:
    """Choose plotly's renderer for a notebook (``plotly.io.renderers.default``).

    In JupyterLab (the default) figures are sent as plotly JSON plus HTML
    (``plotly_mimetype+notebook``). Under ``zone render`` the environment variable
    ``ZONE_PLOTLY_RENDERER`` names the briefing renderer of :mod:`zone_lib.figure_html`,
    which writes small deterministic HTML that loads the shared plotly.js.

    """
    import os

    import plotly.io as pio

    from . import figure_html

    figure_html.register()
    name = os.environ.get(RENDERER_ENV) or NOTEBOOK_RENDERER
    pio.renderers.default = name


# --------------------------------------------------------------------------- helpers


_MEMO: dict[str, tuple[object, pd.DataFrame]] = {}


def _memo(name: str, compute) -> pd.DataFrame:
    """A copy of a library table, computed (and schema-checked) once per corpus.

    :func:`zone_lib.corpus.load_corpus` returns the same object while the seed files are
    unchanged, so it keys the memo: a briefing calls these tables dozens of times.
    """
    from .corpus import load_corpus

    corpus = load_corpus()
    hit = _MEMO.get(name)
    if hit is None or hit[0] is not corpus:
        hit = (corpus, compute())
        _MEMO[name] = hit
    return hit[1].copy()


def _matrix() -> pd.DataFrame:
    from .tables import matrix

    return _memo("matrix", matrix)


def _resp() -> pd.DataFrame:
    from .task_tables import responsibilities

    return _memo("responsibilities", lambda: responsibilities(DOC_ID))


def _norm_text(text: str) -> str:
    """Text folded for comparing two cells: NFKC, no white space or punctuation."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in folded if ch.isalnum())


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


# --------------------------------------------------------------------------- year


def year_view(year: int | str) -> pd.DataFrame:
    """What is due in a year, task by task, and what is new compared with the year before.

    A task is ``new`` when it has a cell this year but none the year before (every
    task is new in the first year), ``changed`` when both years have a cell but the
    wording differs, ``continued`` when the wording is the same. ``is_new`` is true for
    new and changed tasks.

    Args:
        year: A valid year (see :func:`zone_lib.params.valid_years`).

    Returns:
        One row per task with a cell in ``year``, by section and task: ``year,
        section_no, section, section_en, task_no, task, status, status_zh, is_new,
        text, previous_text, n_items, lead, lead_en, coop, year_basis, source_line,
        prose_line``.
    """
    y = check_year(year)
    m = _matrix()
    units = _units_of(_resp())
    prev = m[m.year == y - 1].set_index("task_no")
    cur = m[m.year == y].sort_values(["section_no", "task_no"], kind="stable")
    rows = []
    for r in cur.itertuples():
        t = int(r.task_no)
        if t not in prev.index:
            status, previous = "new", ""
        else:
            previous = str(prev.loc[t, "text"])
            status = "continued" if _norm_text(previous) == _norm_text(r.text) else "changed"
        lead = units.get(t, {}).get("lead", [])
        coop = units.get(t, {}).get("coop", [])
        rows.append(
            {
                "year": y,
                "section_no": int(r.section_no),
                "section": r.section,
                "section_en": _section_en(r.section_no),
                "task_no": t,
                "task": r.task,
                "status": status,
                "status_zh": _status_zh(status),
                "is_new": status != "continued",
                "text": r.text,
                "previous_text": previous,
                "n_items": int(r.n_items),
                "lead": "、".join(lead),
                "lead_en": "; ".join(unit_en(u) for u in lead),
                "coop": "、".join(coop),
                "year_basis": r.year_basis,
                "source_line": int(r.source_line),
                "prose_line": r.prose_line,
            }
        )
    return pd.DataFrame(rows)


def year_by_section(year: int | str) -> pd.DataFrame:
    """Per section: tasks due in a year, new, changed, continued, and ended since last year.

    Args:
        year: A valid year.

    Returns:
        One row per section 1-8: ``section_no, section, section_en, n_tasks, new,
        changed, continued, ended`` (``ended``: a cell the year before, none this year).
    """
    y = check_year(year)
    view = year_view(y)
    m = _matrix()
    before = set(m.loc[m.year == y - 1, "task_no"])
    now = set(m.loc[m.year == y, "task_no"])
    ended = m[(m.year == y - 1) & m.task_no.isin(before - now)]
    rows = []
    for s in params.valid_platforms().itertuples():
        part = view[view.section_no == s.section_no]
        rows.append(
            {
                "section_no": s.section_no,
                "section": s.section,
                "section_en": s.section_en,
                "n_tasks": len(part),
                "new": int((part.status == "new").sum()),
                "changed": int((part.status == "changed").sum()),
                "continued": int((part.status == "continued").sum()),
                "ended": int((ended.section_no == s.section_no).sum()),
            }
        )
    return pd.DataFrame(rows)


def year_by_unit(year: int | str) -> pd.DataFrame:
    """Per unit: how many of the tasks due in a year it leads or supports.

    Args:
        year: A valid year.

    Returns:
        ``unit, unit_en, lead, coop, total, new`` (``new``: of those tasks, the new or
        changed ones), most tasks first.
    """
    y = check_year(year)
    view = year_view(y)[["task_no", "is_new"]]
    resp = _resp().merge(view, on="task_no")
    rows = []
    for unit, g in resp.groupby("unit", sort=True):
        rows.append(
            {
                "unit": unit,
                "unit_en": unit_en(unit),
                "lead": int(g.loc[g.role == "lead", "task_no"].nunique()),
                "coop": int(g.loc[g.role == "coop", "task_no"].nunique()),
                "total": int(g.task_no.nunique()),
                "new": int(g.loc[g.is_new, "task_no"].nunique()),
            }
        )
    out = pd.DataFrame(rows, columns=["unit", "unit_en", "lead", "coop", "total", "new"])
    return out.sort_values(
        ["total", "lead", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- unit


def unit_view(unit: str) -> pd.DataFrame:
    """The task-year cells a unit leads or supports.

    Args:
        unit: A unit name or alias (see :func:`zone_lib.params.valid_units`).

    Returns:
        One row per (task, year) cell of a task naming the unit: ``unit, unit_en,
        year, role, role_zh, section_no, section, section_en, task_no, task, text,
        source_line`` (the table line of the cell) and ``unit_line`` (the line naming
        the unit), by year, section and task.
    """
    u = check_unit(unit)
    resp = _resp()
    mine = resp[resp.unit == u][["task_no", "role", "source_line"]].rename(
        columns={"source_line": "unit_line"}
    )
    mine = mine.drop_duplicates("task_no")
    m = _matrix().merge(mine, on="task_no")
    m = m.sort_values(["year", "section_no", "task_no"], kind="stable")
    out = pd.DataFrame(
        {
            "unit": u,
            "unit_en": unit_en(u),
            "year": m.year.astype(int),
            "role": m.role,
            "role_zh": m.role.map(_role_zh),
            "section_no": m.section_no.astype(int),
            "section": m.section,
            "section_en": m.section_no.map(_section_en),
            "task_no": m.task_no.astype(int),
            "task": m.task,
            "text": m.text,
            "source_line": m.source_line.astype(int),
            "unit_line": m.unit_line.astype(int),
        }
    )
    return out.reset_index(drop=True)


def unit_by_year(unit: str) -> pd.DataFrame:
    """A unit's load by year: tasks led and supported, and its share of the year's cells.

    Args:
        unit: A unit name or alias.

    Returns:
        One row per valid year: ``year, lead, coop, total, year_cells, share``
        (``share`` = total / year_cells, the fraction of that year's cells naming it).
    """
    view = unit_view(unit)
    m = _matrix()
    rows = []
    for y in params.valid_years():
        part = view[view.year == y]
        total_cells = int((m.year == y).sum())
        total = len(part)
        rows.append(
            {
                "year": y,
                "lead": int((part.role == "lead").sum()),
                "coop": int((part.role == "coop").sum()),
                "total": total,
                "year_cells": total_cells,
                "share": round(total / total_cells, 3) if total_cells else 0.0,
            }
        )
    return pd.DataFrame(rows)


def unit_partners(unit: str) -> pd.DataFrame:
    """Units co-listed with a unit on the same tasks, with counts.

    Args:
        unit: A unit name or alias.

    Returns:
        ``partner, partner_en, n_tasks, n_cells, unit_leads, partner_leads`` (tasks on
        which the unit, or the partner, is a lead), most shared tasks first.
    """
    u = check_unit(unit)
    resp = _resp()
    cells = _matrix().groupby("task_no").size()
    tasks = set(resp.loc[resp.unit == u, "task_no"])
    my_role = resp[resp.unit == u].drop_duplicates("task_no").set_index("task_no").role
    others = resp[resp.task_no.isin(tasks) & (resp.unit != u)]
    rows = []
    for partner, g in others.groupby("unit", sort=True):
        ts = sorted(set(g.task_no))
        rows.append(
            {
                "partner": partner,
                "partner_en": unit_en(partner),
                "n_tasks": len(ts),
                "n_cells": int(sum(cells.get(t, 0) for t in ts)),
                "unit_leads": int(sum(my_role.get(t) == "lead" for t in ts)),
                "partner_leads": int(g.loc[g.role == "lead", "task_no"].nunique()),
            }
        )
    out = pd.DataFrame(
        rows, columns=["partner", "partner_en", "n_tasks", "n_cells", "unit_leads", "partner_leads"]
    )
    return out.sort_values(
        ["n_tasks", "n_cells", "partner"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _document_label(doc_id: str) -> str:
    """Chinese title with the English beside it, from the labels or the manifest."""
    entry = params.labels()["documents"].get(doc_id)
    if entry:
        return f"{entry['zh']} {entry['en']}"
    from .corpus import documents

    docs = documents().set_index("doc_id")
    return f"{docs.loc[doc_id, 'title']} {docs.loc[doc_id, 'title_en']}".strip()


def unit_in_documents(unit: str) -> pd.DataFrame:
    """How a unit of nx-impl-2019 appears in the other task documents.

    Names are matched through the unit registry (:func:`zone_lib.canonical_unit`), so
    aliases count (自治区医保局 / 自治区医疗保障局). City units (市…) of Qingtongxia are a
    different level and are not the same unit.

    Args:
        unit: A unit name or alias.

    Returns:
        ``doc_id, document, n_tasks, n_lead, n_coop, tasks`` (task numbers, the
        first listed lead), one row per task document, documents without the unit
        included with zero counts.
    """
    from .task_tables import task_documents
    from .unit_registry import canonical_unit, unit_links

    u = check_unit(unit)
    canonical = canonical_unit(u)["canonical"]
    links = unit_links()
    mine = links[links.canonical == canonical]
    rows = []
    for doc_id in task_documents():
        g = mine[mine.doc_id == doc_id]
        lead = sorted(set(g.loc[g.role == "lead", "task_no"]))
        coop = sorted(set(g.loc[g.role == "coop", "task_no"]) - set(lead))
        rows.append(
            {
                "doc_id": doc_id,
                "document": _document_label(doc_id),
                "n_tasks": len(set(g.task_no)),
                "n_lead": len(lead),
                "n_coop": len(coop),
                "tasks": ", ".join(f"{t}*" if t in lead else str(t) for t in sorted(set(g.task_no))),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "document", "n_tasks", "n_lead", "n_coop", "tasks"])


def unit_share() -> pd.DataFrame:
    """Every unit's share of the load: the task-year cells of the tasks naming it.

    Returns:
        ``unit, unit_en, n_tasks, n_lead, n_coop, n_cells, lead_cells, share,
        lead_share`` (``share`` = n_cells / all cells of the matrix; ``lead_share`` =
        lead_cells / all cells), heaviest first.
    """
    resp = _resp().drop_duplicates(["task_no", "unit"])
    cells = _matrix().groupby("task_no").size()
    total = int(cells.sum())
    rows = []
    for unit, g in resp.groupby("unit", sort=True):
        lead_tasks = g.loc[g.role == "lead", "task_no"]
        n_cells = int(sum(cells.get(t, 0) for t in g.task_no))
        lead_cells = int(sum(cells.get(t, 0) for t in lead_tasks))
        rows.append(
            {
                "unit": unit,
                "unit_en": unit_en(unit),
                "n_tasks": int(g.task_no.nunique()),
                "n_lead": int(lead_tasks.nunique()),
                "n_coop": int((g.role == "coop").sum()),
                "n_cells": n_cells,
                "lead_cells": lead_cells,
                "share": round(n_cells / total, 3),
                "lead_share": round(lead_cells / total, 3),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(
        ["n_cells", "lead_cells", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- platform


def platform_view(platform: int | str) -> pd.DataFrame:
    """The tasks of one section (platform) with their text year by year.

    Args:
        platform: A section 1-8 or its name (see :func:`zone_lib.params.check_platform`).

    Returns:
        One row per task of the section: ``section_no, section, section_en, task_no,
        task, 2019 … 2022`` (the cell text, ``""`` when the year has none),
        ``n_years, lead, lead_en, coop, source_line``.
    """
    no = check_platform(platform)
    m = _matrix()
    m = m[m.section_no == no]
    units = _units_of(_resp())
    years = params.valid_years()
    rows = []
    for task_no, g in m.groupby("task_no", sort=True):
        texts = dict(zip(g.year.astype(int), g.text))
        lead = units.get(int(task_no), {}).get("lead", [])
        row = {
            "section_no": no,
            "section": g.section.iloc[0],
            "section_en": _section_en(no),
            "task_no": int(task_no),
            "task": g.task.iloc[0],
        }
        row.update({str(y): texts.get(y, "") for y in years})
        row.update(
            {
                "n_years": len(texts),
                "lead": "、".join(lead),
                "lead_en": "; ".join(unit_en(x) for x in lead),
                "coop": "、".join(units.get(int(task_no), {}).get("coop", [])),
                "source_line": int(g.source_line.min()),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def platform_units(platform: int | str) -> pd.DataFrame:
    """Units responsible for the tasks of one section, with counts.

    Args:
        platform: A section 1-8 or its name.

    Returns:
        ``unit, unit_en, lead, coop, n_tasks``, most tasks first.
    """
    no = check_platform(platform)
    tasks = set(_matrix().loc[lambda d: d.section_no == no, "task_no"])
    resp = _resp()
    resp = resp[resp.task_no.isin(tasks)]
    rows = [
        {
            "unit": unit,
            "unit_en": unit_en(unit),
            "lead": int(g.loc[g.role == "lead", "task_no"].nunique()),
            "coop": int(g.loc[g.role == "coop", "task_no"].nunique()),
            "n_tasks": int(g.task_no.nunique()),
        }
        for unit, g in resp.groupby("unit", sort=True)
    ]
    out = pd.DataFrame(rows, columns=["unit", "unit_en", "lead", "coop", "n_tasks"])
    return out.sort_values(
        ["n_tasks", "lead", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def platform_discrepancies(platform: int | str) -> pd.DataFrame:
    """The table–prose discrepancies (:func:`zone_lib.discrepancies`) of one section.

    Args:
        platform: A section 1-8 or its name.

    Returns:
        The rows of :func:`zone_lib.discrepancies` whose task is in the section.
    """
    from .tables import discrepancies

    no = check_platform(platform)
    tasks = set(_matrix().loc[lambda d: d.section_no == no, "task_no"])
    d = discrepancies()
    return d[d.task_no.isin(tasks)].reset_index(drop=True)


def overview() -> pd.DataFrame:
    """One row per section of the “1-2-3-5” framework: tasks, cells per year, discrepancies.

    Returns:
        ``section_no, numeral, section, short_zh, section_en, part_zh, tasks
        (e.g. "21–28"), n_tasks, 2019 … 2022`` (tasks with a cell that year),
        ``n_cells, n_discrepancies, main_lead`` (the unit leading most of its tasks).
    """
    from .tables import discrepancies

    m = _matrix()
    resp = _resp()
    disc = discrepancies()
    rows = []
    for s in params.valid_platforms().itertuples():
        part = m[m.section_no == s.section_no]
        tasks = sorted(set(part.task_no))
        lead = resp[resp.task_no.isin(tasks) & (resp.role == "lead")]
        counts = lead.groupby("unit").task_no.nunique().sort_index()
        main = counts.sort_values(ascending=False, kind="stable").index[0] if len(counts) else ""
        row = {
            "section_no": s.section_no,
            "numeral": s.numeral,
            "section": s.section,
            "short_zh": s.short_zh,
            "section_en": s.section_en,
            "part_zh": s.part_zh,
            "tasks": f"{tasks[0]}–{tasks[-1]}" if tasks else "",
            "n_tasks": len(tasks),
        }
        row.update({str(y): int((part.year == y).sum()) for y in params.valid_years()})
        row.update(
            {
                "n_cells": len(part),
                "n_discrepancies": int(disc.task_no.isin(tasks).sum()),
                "main_lead": main,
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- targets

_TARGET_RE = re.compile(
    r"(?P<prefix>不低于|达到|超过|至少)?(?P<value>\d+(?:\.\d+)?)\s*(?P<measure>%|％|个|家|所)(?P<rest>[^,，。;；、()（）]*)"
)


def _with_series(out: pd.DataFrame) -> pd.DataFrame:
    """Add ``series``: one trajectory per (task, measure), split by object when a year repeats."""
    dup = out.groupby(["task_no", "measure", "year"]).value.transform("size") > 1
    split = set(out.loc[dup, "task_no"].astype(str) + out.loc[dup, "measure"])
    key = out.task_no.astype(str) + out.measure
    out = out.assign(
        series=[
            f"{t:02d} {task} ({meas})" + (f" {obj[:4]}" if k in split else "")
            for t, task, meas, obj, k in zip(out.task_no, out.task, out.measure, out.object, key)
        ]
    )
    return out.reset_index(drop=True)


_TARGET_COLUMNS = [
    "task_no",
    "task",
    "section_no",
    "year",
    "value",
    "measure",
    "object",
    "phrase",
    "text",
    "source_line",
]


def _extract_targets(m: pd.DataFrame) -> pd.DataFrame:
    """Fallback reader: numbers followed by %, 个, 家 or 所 in the matrix cells."""
    rows = []
    for r in m.sort_values(["task_no", "year"]).itertuples():
        for hit in _TARGET_RE.finditer(r.text):
            measure = "%" if hit["measure"] in "%％" else hit["measure"]
            rest = re.sub(r"^(以上|左右)?(的)?(当年)?", "", hit["rest"])
            start = max(r.text.rfind(ch, 0, hit.start()) for ch in ",，。;；、()（）") + 1
            rows.append(
                {
                    "task_no": int(r.task_no),
                    "task": r.task,
                    "section_no": int(r.section_no),
                    "year": int(r.year),
                    "value": float(hit["value"]),
                    "measure": measure,
                    "object": rest[:8],
                    "phrase": r.text[start : hit.end()].strip(),
                    "text": r.text,
                    "source_line": int(r.source_line),
                }
            )
    return _with_series(pd.DataFrame(rows, columns=_TARGET_COLUMNS))


def _library_targets(m: pd.DataFrame) -> pd.DataFrame | None:
    """The table-cell targets of ``zone_lib.targets`` (if that module exists), in this module's columns."""
    try:
        module = importlib.import_module("zone_lib.targets")
    except ImportError:
        return None
    func = getattr(module, "targets", None)
    if func is None:
        return None
    found = func(DOC_ID)
    needed = {"doc_id", "task_no", "year", "value", "unit", "subject", "text", "source", "source_line"}
    if not isinstance(found, pd.DataFrame) or not needed <= set(found.columns):
        return None
    found = found[(found.doc_id == DOC_ID) & (found.source == "table") & found.year.notna()]
    cells = m[["task_no", "year", "task", "section_no", "text", "source_line"]].rename(
        columns={"text": "cell_text", "source_line": "cell_line"}
    )
    found = found.assign(task_no=found.task_no.astype(int), year=found.year.astype(int))
    merged = found.merge(cells, on=["task_no", "year"], how="inner")
    out = pd.DataFrame(
        {
            "task_no": merged.task_no.astype(int),
            "task": merged.task,
            "section_no": merged.section_no.astype(int),
            "year": merged.year.astype(int),
            "value": merged.value.astype(float),
            "measure": merged.unit.astype(str),
            "object": merged.subject.fillna("").astype(str),
            "phrase": merged.text.astype(str),
            "text": merged.cell_text,
            "source_line": merged.source_line.astype(int),
        }
    )
    out = out.drop_duplicates(["task_no", "year", "value", "measure", "object"])
    return _with_series(out.sort_values(["task_no", "year", "value"], kind="stable"))


def targets() -> pd.DataFrame:
    """Quantified targets (percentages and counts) of the annual task matrix cells.

    Uses :func:`zone_lib.targets.targets` (table cells of nx-impl-2019) when that module
    exists; otherwise reads numbers followed by ``%``, ``个``, ``家`` or ``所`` out of the
    matrix cells.

    Returns:
        ``task_no, task, section_no, year, value, measure, object, phrase, text,
        source_line, series`` (``text``: the full cell; ``series`` groups the values
        of one trajectory).
    """
    m = _matrix()
    found = _library_targets(m)
    return found if found is not None else _extract_targets(m)


# --------------------------------------------------------------------------- figures


def _layout(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    """Common look; the dropdown (if any) sits in its own band below the title."""
    height = height or 450
    has_menu = bool(fig.layout.updatemenus)
    top, bottom = (130 if has_menu else 80), 40
    fig.update_layout(
        title={"text": title, "x": 0.01, "y": 1 - 14 / height, "yanchor": "top", "yref": "container"},
        font={"family": _FONT, "size": 12},
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        hoverlabel={"align": "left"},
    )
    if has_menu:
        plot_height = max(height - top - bottom, 50)
        fig.update_layout(
            updatemenus=[{**m.to_plotly_json(), "y": 1 + 48 / plot_height} for m in fig.layout.updatemenus]
        )
    return fig


def _dropdown(buttons: list[dict], label_x: float = 0.0, active: int = 0) -> list[dict]:
    return [
        {
            "type": "dropdown",
            "direction": "down",
            "buttons": buttons,
            "active": active,
            "x": label_x,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "showactive": True,
        }
    ]


def fig_heatmap(highlight_year: int | str | None = None) -> go.Figure:
    """Task × year matrix: a coloured cell where the table has one, coloured by section.

    Hovering a cell shows the task, the section, the full cell text and its source
    line. A dropdown zooms to one section.

    Args:
        highlight_year: Outline this year's column (optional).

    Returns:
        The figure.
    """
    m = _matrix()
    years = params.valid_years()
    tasks = m.drop_duplicates("task_no").sort_values("task_no")[["task_no", "task", "section_no"]]
    ylabels = [_task_label(t, n) for t, n in zip(tasks.task_no, tasks.task)]
    cell = {(int(r.task_no), int(r.year)): r for r in m.itertuples()}
    z, text = [], []
    for t in tasks.itertuples():
        zrow, trow = [], []
        for y in years:
            r = cell.get((int(t.task_no), y))
            if r is None:
                zrow.append(None)
                trow.append(f"{int(t.task_no)} {html.escape(t.task)} · {y}: —")
            else:
                zrow.append(int(r.section_no))
                trow.append(
                    f"<b>{int(r.task_no)} {html.escape(r.task)}</b> · {y}<br>"
                    f"{html.escape(section_label(r.section_no))}<br>{_wrap(r.text)}<br>"
                    f"<i>line {int(r.source_line)}</i> ({r.year_basis})"
                )
        z.append(zrow)
        text.append(trow)
    n = len(SECTION_COLOURS)
    scale = []
    for i, colour in enumerate(SECTION_COLOURS):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=ylabels,
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorscale=scale,
            zmin=0.5,
            zmax=n + 0.5,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            colorbar={
                "title": {"text": "部分 Section"},
                "tickvals": list(range(1, n + 1)),
                "ticktext": [f"({s['numeral']}) {s['short_zh']}" for s in params.labels()["sections"]],
                "len": 0.9,
            },
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", tickfont={"size": 11})
    fig.update_xaxes(side="top", type="category")
    fig.update_layout(plot_bgcolor="#EEEEEE")
    if highlight_year is not None:
        hy = str(check_year(highlight_year))
        fig.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=years.index(int(hy)) - 0.5,
            x1=years.index(int(hy)) + 0.5,
            y0=0,
            y1=1,
            line={"color": "#222222", "width": 3},
        )
    buttons = [
        {"label": "全部 All sections", "method": "relayout", "args": [{"yaxis.autorange": "reversed"}]}
    ]
    positions = list(tasks.section_no.astype(int))
    for s in range(1, n + 1):
        idx = [i for i, sec in enumerate(positions) if sec == s]
        if not idx:
            continue
        buttons.append(
            {
                "label": section_label(s),
                "method": "relayout",
                "args": [{"yaxis.range": [max(idx) + 0.5, min(idx) - 0.5], "yaxis.autorange": False}],
            }
        )
    fig.update_layout(updatemenus=_dropdown(buttons))
    return _layout(fig, "年度主要任务 Annual main tasks: task × year", height=22 * len(ylabels) + 160)


def fig_timeline(
    doc_ids: Sequence[str] = ("nx-impl-2019", "qtx-impl-2019"),
    section: int | str | None = None,
) -> go.Figure:
    """Gantt-like year milestones per task; the county plan beside the regional one.

    Each bar is one prose milestone (``2019年，…``, ranges such as ``2019—2020年``) or
    deadline of :func:`zone_lib.milestones`, placed from its first to its last year and
    coloured by section; documents with no year milestones are left out. Hover shows
    the full milestone text and its source line; a dropdown shows one section.

    Args:
        doc_ids: Task documents, one panel each (default: the region, then Qingtongxia).
        section: Show only this section (1-8 or a name); default all with a dropdown.

    Returns:
        The figure.
    """
    from .task_tables import milestones, tasks

    only = check_platform(section) if section is not None else None
    doc_labels = params.labels()["documents"]
    panels = []
    for doc in doc_ids:
        ms = milestones(doc)
        ms = ms[ms.source.isin(["prose", "deadline"]) & ms.year_to.notna()]
        if ms.empty:
            continue
        ts = tasks(doc)[["task_no", "task", "section_no"]].drop_duplicates("task_no")
        ms = ms.merge(ts, on="task_no", how="left")
        ms = ms[ms.section_no.notna()]
        if only is not None:
            ms = ms[ms.section_no == only]
        if ms.empty:
            continue
        ms = ms.assign(
            year_from=ms.year_from.fillna(ms.year_to).astype(int),
            year_to=ms.year_to.astype(int),
            section_no=ms.section_no.astype(int),
        ).sort_values(["section_no", "task_no", "year_from", "source_line"], kind="stable")
        panels.append((doc, ms))
    titles = []
    for doc, _ in panels:
        entry = doc_labels.get(doc, {})
        titles.append(f"{entry.get('level_zh', doc)} {entry.get('level_en', '')} · {doc}")
    fig = make_subplots(rows=1, cols=max(1, len(panels)), subplot_titles=titles, horizontal_spacing=0.12)
    trace_sections: list[int] = []
    categories: dict[int, dict[int | None, list[str]]] = {}
    for col, (doc, ms) in enumerate(panels, start=1):
        ms = ms.assign(label=[_task_label(t, n, 12) for t, n in zip(ms.task_no, ms.task)])
        categories[col] = {None: list(dict.fromkeys(ms.label))}
        for s, g in ms.groupby("section_no", sort=True):
            categories[col][int(s)] = list(dict.fromkeys(g.label))
            hover = [
                f"<b>{html.escape(doc)} · {int(r.task_no)} {html.escape(r.task)}</b><br>"
                f"{r.year_from}–{r.year_to} {html.escape(str(r.marker))}<br>{_wrap(r.text)}<br>"
                f"<i>{r.source}, line {int(r.source_line)}</i>"
                for r in g.itertuples()
            ]
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=list(g.label),
                    base=[y - 0.45 for y in g.year_from],
                    x=[(b - a) + 0.9 for a, b in zip(g.year_from, g.year_to)],
                    marker={"color": SECTION_COLOURS[int(s) - 1], "line": {"color": "white", "width": 1}},
                    opacity=0.85,
                    name=section_label(int(s)),
                    legendgroup=f"s{int(s)}",
                    showlegend=col == 1 or all(int(s) not in categories[c] for c in range(1, col)),
                    hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                row=1,
                col=col,
            )
            trace_sections.append(int(s))
        fig.update_yaxes(
            type="category",
            categoryorder="array",
            categoryarray=categories[col][None],
            autorange="reversed",
            row=1,
            col=col,
        )
    years = params.valid_years()
    fig.update_xaxes(tickvals=years, range=[years[0] - 0.6, years[-1] + 0.6], title_text="年度 Year")
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.08})
    n_rows = max((len(c[None]) for c in categories.values()), default=1)
    if only is None and panels:
        buttons = [
            {
                "label": "全部 All sections",
                "method": "update",
                "args": [
                    {"visible": [True] * len(trace_sections)},
                    {f"yaxis{'' if c == 1 else c}.categoryarray": categories[c][None] for c in categories},
                ],
            }
        ]
        for s in range(1, 9):
            if s not in trace_sections:
                continue
            layout = {
                f"yaxis{'' if c == 1 else c}.categoryarray": categories[c].get(s, []) for c in categories
            }
            buttons.append(
                {
                    "label": section_label(s),
                    "method": "update",
                    "args": [{"visible": [ts == s for ts in trace_sections]}, layout],
                }
            )
        fig.update_layout(updatemenus=_dropdown(buttons))
    title = "年度里程碑 Year milestones: region and county"
    if only is not None:
        title += f" · {section_label(only)}"
    return _layout(fig, title, height=min(2400, 18 * n_rows + 220))


def fig_section_bars(year: int | str | None = None) -> go.Figure:
    """Tasks with a cell per section: by year (all years), or new/changed/continued in one year.

    Args:
        year: With a year, stacked bars of that year's new, changed and continued
            tasks; without, one bar per year and a dropdown to show a single year.

    Returns:
        The figure.
    """
    m = _matrix()
    secs = params.valid_platforms()
    xlabels = [
        f"({r.numeral}) {r.short_zh}<br>" + "<br>".join(textwrap.wrap(r.section_en.split(" (")[0], 16))
        for r in secs.itertuples()
    ]
    fig = go.Figure()
    if year is None:
        years = params.valid_years()
        for i, y in enumerate(years):
            part = m[m.year == y]
            counts, hovers = [], []
            for s in secs.section_no:
                rows = part[part.section_no == s].sort_values("task_no")
                counts.append(len(rows))
                hovers.append(
                    "<br>".join(f"{int(t)} {html.escape(n)}" for t, n in zip(rows.task_no, rows.task))
                )
            fig.add_trace(
                go.Bar(
                    x=xlabels,
                    y=counts,
                    name=f"{y}年",
                    marker_color=YEAR_COLOURS[i % len(YEAR_COLOURS)],
                    hovertext=hovers,
                    hovertemplate=f"<b>{y}</b> %{{y}} tasks<br>%{{hovertext}}<extra></extra>",
                )
            )
        buttons = [
            {"label": "全部年度 All years", "method": "restyle", "args": [{"visible": [True] * len(years)}]}
        ]
        buttons += [
            {
                "label": f"{y}年",
                "method": "restyle",
                "args": [{"visible": [j == i for j in range(len(years))]}],
            }
            for i, y in enumerate(years)
        ]
        fig.update_layout(barmode="group", updatemenus=_dropdown(buttons))
        title = "各部分年度任务数 Tasks per section and year"
    else:
        y = check_year(year)
        view = year_view(y)
        for status in ("new", "changed", "continued"):
            counts, hovers = [], []
            for s in secs.section_no:
                rows = view[(view.section_no == s) & (view.status == status)]
                counts.append(len(rows))
                hovers.append(
                    "<br>".join(f"{int(t)} {html.escape(n)}" for t, n in zip(rows.task_no, rows.task))
                )
            lab = params.labels()["status"][status]
            fig.add_trace(
                go.Bar(
                    x=xlabels,
                    y=counts,
                    name=f"{lab['zh']} {lab['en']}",
                    marker_color=STATUS_COLOURS[status],
                    hovertext=hovers,
                    hovertemplate="%{y} tasks<br>%{hovertext}<extra></extra>",
                )
            )
        fig.update_layout(barmode="stack")
        title = f"{y}年 各部分任务 Tasks due in {y} by section: new, changed, continued"
    fig.update_yaxes(title_text="任务数 Tasks")
    fig.update_xaxes(tickangle=0)
    fig.update_layout(legend={"orientation": "h", "y": -0.32})
    return _layout(fig, title, height=540)


def _network_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (unit, load, position) and weighted lead ties of nx-impl-2019."""
    share = unit_share()
    nodes = share.sort_values(
        ["n_cells", "lead_cells", "unit"], ascending=[False, False, True], kind="stable"
    )
    nodes = nodes.reset_index(drop=True)
    n = len(nodes)
    nodes["angle"] = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    nodes["x"] = [round(math.cos(a), 6) for a in nodes.angle]
    nodes["y"] = [round(math.sin(a), 6) for a in nodes.angle]
    resp = _resp().drop_duplicates(["task_no", "unit"])
    cells = _matrix().groupby("task_no").size()
    ties: dict[tuple[str, str], dict[str, int]] = {}
    for task_no, g in resp.groupby("task_no", sort=True):
        leads = list(g.loc[g.role == "lead", "unit"])
        for a, b in itertools.product(leads, list(g.unit)):
            if a == b:
                continue
            key = tuple(sorted((a, b)))
            kind = "lead_lead" if b in leads else "lead_coop"
            entry = ties.setdefault(
                key, {"n_tasks": 0, "n_cells": 0, "lead_lead": 0, "lead_coop": 0, "_seen": 0}
            )
            if entry["_seen"] == task_no:
                continue
            entry["_seen"] = int(task_no)
            entry["n_tasks"] += 1
            entry["n_cells"] += int(cells.get(task_no, 0))
            entry[kind] += 1
    edges = pd.DataFrame(
        [
            {"a": a, "b": b, **{k: v for k, v in e.items() if not k.startswith("_")}}
            for (a, b), e in sorted(ties.items())
        ],
        columns=["a", "b", "n_tasks", "n_cells", "lead_lead", "lead_coop"],
    )
    return nodes, edges


def fig_unit_network(highlight: str | None = None) -> go.Figure:
    """Lead/cooperation ties between units, sized by load, on a fixed circular layout.

    Nodes are the units of nx-impl-2019 placed on a circle, heaviest first from the
    top, clockwise; node size is the unit's load (task-year cells of its tasks). A tie
    joins a lead unit and every other unit of the same task; its width is the load
    they share. A dropdown highlights one unit and its ties.

    Args:
        highlight: A unit (name or alias) to highlight initially.

    Returns:
        The figure.
    """
    nodes, edges = _network_data()
    pos = {u: (x, y) for u, x, y in zip(nodes.unit, nodes.x, nodes.y)}
    highlighted = check_unit(highlight) if highlight is not None else None
    fig = go.Figure()
    top = max(edges.n_cells.max(), 1) if len(edges) else 1
    widths = (0.6, 1.6, 3.2, 6.0)
    bucket = [min(3, int(4 * (c - 1) / top)) for c in edges.n_cells]
    n_base = 0
    for b, width in enumerate(widths):
        part = edges[[k == b for k in bucket]]
        xs, ys = [], []
        for r in part.itertuples():
            xs += [pos[r.a][0], pos[r.b][0], None]
            ys += [pos[r.a][1], pos[r.b][1], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": width, "color": "rgba(120,120,120,0.45)"},
                hoverinfo="skip",
                showlegend=False,
                name=f"ties {b}",
            )
        )
        n_base += 1
    mid_hover = [
        f"{html.escape(r.a)} — {html.escape(r.b)}<br>{r.n_tasks} shared tasks, {r.n_cells} cells"
        f"<br>lead–lead {r.lead_lead}, lead–coop {r.lead_coop}"
        for r in edges.itertuples()
    ]
    fig.add_trace(
        go.Scatter(
            x=[(pos[a][0] + pos[b][0]) / 2 for a, b in zip(edges.a, edges.b)],
            y=[(pos[a][1] + pos[b][1]) / 2 for a, b in zip(edges.a, edges.b)],
            mode="markers",
            marker={"size": 6, "color": "rgba(0,0,0,0)"},
            hovertext=mid_hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="ties",
        )
    )
    n_base += 1
    units = list(nodes.unit)
    big = max(nodes.n_cells.max(), 1)
    size = {u: 10 + 36 * math.sqrt(c / big) for u, c in zip(units, nodes.n_cells)}
    short = [u.replace("自治区", "").replace("人民政府", "政府") for u in units]
    fig.add_trace(
        go.Scatter(
            x=list(nodes.x),
            y=list(nodes.y),
            mode="markers+text",
            text=short,
            textposition=["top center" if y >= 0 else "bottom center" for y in nodes.y],
            marker={
                "size": [size[u] for u in units],
                "color": ["#4C78A8" if ls > 0 else "#9ECAE9" for ls in nodes.lead_cells],
                "line": {"color": "white", "width": 1},
            },
            hovertext=[
                f"<b>{html.escape(r.unit)}</b><br>{html.escape(r.unit_en)}<br>"
                f"{r.n_tasks} tasks ({r.n_lead} lead, {r.n_coop} coop), {r.n_cells} cells, "
                f"share {r.share:.0%}"
                for r in nodes.itertuples()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="units",
        )
    )
    n_base += 1
    # One hidden trace per unit: its ties in red, ringed endpoints (the unit and its partners).
    for u in units:
        part = edges[(edges.a == u) | (edges.b == u)]
        xs, ys, sizes, ring = [], [], [], []
        for r in part.itertuples():
            other = r.b if r.a == u else r.a
            xs += [pos[u][0], pos[other][0], None]
            ys += [pos[u][1], pos[other][1], None]
            sizes += [size[u] + 6, size[other] + 6, 0]
            ring += ["#E45756", "#F58518", "#F58518"]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                line={"width": 2.5, "color": "rgba(228,87,86,0.8)"},
                marker={"symbol": "circle-open", "size": sizes, "color": ring, "line": {"width": 3}},
                hoverinfo="skip",
                visible=u == highlighted,
                showlegend=False,
                name=f"ties of {u}",
            )
        )
    buttons = [
        {
            "label": "全部 All units",
            "method": "restyle",
            "args": [{"visible": [True] * n_base + [False] * len(units)}],
        }
    ]
    for i, u in enumerate(units):
        buttons.append(
            {
                "label": f"{u} {unit_en(u)}",
                "method": "restyle",
                "args": [{"visible": [True] * n_base + [j == i for j in range(len(units))]}],
            }
        )
    active = 0 if highlighted is None else units.index(highlighted) + 1
    fig.update_layout(updatemenus=_dropdown(buttons, active=active))
    fig.update_xaxes(visible=False, range=[-1.45, 1.45])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    title = "单位协作网络 Lead–cooperation ties between units (size = load)"
    if highlighted:
        title += f" · {highlighted} {unit_en(highlighted)}"
    return _layout(fig, title, height=720)


def fig_targets() -> go.Figure:
    """Target trajectories: quantified targets (percent, counts) by year, one line per target.

    Values come from :func:`targets`; hover shows the phrase, the full cell text and
    its source line. Percentages and counts have their own panels.

    Returns:
        The figure.
    """
    t = targets()
    fig = make_subplots(rows=1, cols=2, subplot_titles=("比例 Percent (%)", "数量 Counts (个/家/所)"))
    for i, (series, g) in enumerate(t.groupby("series", sort=True)):
        g = g.sort_values("year")
        col = 1 if g.measure.iloc[0] in ("%", "％") else 2
        fig.add_trace(
            go.Scatter(
                x=list(g.year),
                y=list(g.value),
                mode="lines+markers",
                name=series,
                line={"color": SECTION_COLOURS[int(g.section_no.iloc[0]) - 1]},
                marker={"symbol": ["circle", "square", "diamond", "triangle-up", "x"][i % 5], "size": 9},
                hovertext=[
                    f"<b>{html.escape(r.phrase)}</b><br>{_wrap(r.text)}<br><i>line {int(r.source_line)}</i>"
                    for r in g.itertuples()
                ],
                hovertemplate="%{x}: %{y}<br>%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    years = params.valid_years()
    fig.update_xaxes(tickvals=years, range=[years[0] - 0.4, years[-1] + 0.4])
    fig.update_yaxes(type="log", title_text="log scale", row=1, col=2)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return _layout(fig, "量化目标 Target trajectories", height=560)


SEVERITY_COLOURS = {"error": "#E45756", "warning": "#F58518", "info": "#9D9D9D"}


def quality_view(findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data-quality findings with bilingual check labels, most severe first.

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        One row per finding: ``检查 check``, ``级别 severity``, ``位置 where``
        (``seed_file:line``), ``说明 detail`` and ``原文 text``.
    """
    from .quality import check_labels, quality_findings

    f = quality_findings() if findings is None else findings
    labels = check_labels().set_index("check")
    label = {c: f"{labels.at[c, 'label_zh']} {labels.at[c, 'label_en']}" for c in labels.index}
    return pd.DataFrame(
        {
            "检查 check": [label.get(c, c) for c in f.check],
            "级别 severity": list(f.severity),
            "位置 where": [f"{sf}:{int(ln)}" for sf, ln in zip(f.seed_file, f.line)],
            "说明 detail": list(f.detail),
            "原文 text": list(f.text),
        }
    )


def full_table(df: pd.DataFrame):
    """Display a table with every row and the full text of every cell (escaped HTML).

    pandas cuts long cells to 50 characters in notebooks; findings and milestones are
    read in full.

    Args:
        df: The table.

    Returns:
        An ``IPython.display.HTML`` object (plain text in a terminal).
    """
    from IPython.display import HTML

    with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
        return HTML(df.to_html(index=False, escape=True, classes="dataframe", border=0))


def fig_quality(findings: pd.DataFrame | None = None) -> go.Figure:
    """Findings per check, stacked by severity (error / warning / info).

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        The figure; hover gives the count and the check's Chinese and English label.
    """
    from .quality import quality_findings, quality_summary

    f = quality_findings() if findings is None else findings
    summary = quality_summary(f)
    summary = summary[summary.total > 0]
    names = [f"{r.label_zh}<br>{r.label_en}" for r in summary.itertuples()]
    fig = go.Figure()
    for severity in ("error", "warning", "info"):
        fig.add_trace(
            go.Bar(
                y=names,
                x=list(summary[severity]),
                name={"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}[severity],
                orientation="h",
                marker={"color": SEVERITY_COLOURS[severity]},
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack", yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.15}
    )
    return _layout(fig, "数据质量 Findings per check", height=max(300, 80 + 48 * len(names)))


def figures() -> dict[str, go.Figure]:
    """Every figure without parameters, by name (for briefings and smoke tests).

    Returns:
        ``{"heatmap": …, "timeline": …, "section_bars": …, "unit_network": …, "targets": …}``.
    """
    return {
        "heatmap": fig_heatmap(),
        "timeline": fig_timeline(),
        "section_bars": fig_section_bars(),
        "unit_network": fig_unit_network(),
        "targets": fig_targets(),
    }


def raw_lines(first: int, last: int, doc_id: str = DOC_ID) -> pd.DataFrame:
    """Raw lines of a document's seed text, with how the table reader classified each.

    Args:
        first: First seed-file line number (1-based, inclusive).
        last: Last line number (inclusive).
        doc_id: The document (default the Implementation Plan with the annex table).

    Returns:
        ``line, kind, task_no, text``: ``kind`` comes from :func:`zone_lib.table_lines`
        (caption, header, section, row, continuation, blank …) and is empty outside
        the table region; tabs in ``text`` are shown as ``→``.
    """
    from .corpus import load_corpus
    from .tables import table_lines

    lines = [(n, t) for n, t in load_corpus().get(doc_id).numbered_lines() if first <= n <= last]
    tl = table_lines()
    tl = tl[tl.doc_id == doc_id].set_index("line")
    return pd.DataFrame(
        {
            "line": [n for n, _ in lines],
            "kind": [str(tl.kind.get(n, "")) for n, _ in lines],
            "task_no": [tl.task_no.get(n, pd.NA) for n, _ in lines],
            "text": [t.replace("\t", " → ") for _, t in lines],
        }
    )
