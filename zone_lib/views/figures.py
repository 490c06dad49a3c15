"""The briefings' plotly figures: heatmap, timeline, section bars, unit network, unit Gantt, targets.

Each figure is built as a plain dict (``{"data": [...], "layout": {...}}``) and handed to
plotly once, unvalidated, as a :class:`plotly.graph_objects.Figure`: building it through
plotly's objects (property validation, deep copies, templates merged on every update)
was most of a briefing's time. The dicts are memoised per corpus and argument; each call
returns its own figure. The tests check the figures' contents.

Conventions every figure keeps:

- a section always has its colour of :data:`~zone_lib.views.common.SECTION_COLOURS`;
  years, statuses and roles are greys, so no other category looks like a section;
- legends sit in their own band (above the plot, under the title and the dropdown), never
  on an axis title; panels are stacked, so that their labels never reach a neighbour;
- counts are integers on the axes and in the hover; a log axis is labelled 1, 2, 5, 10 …
"""

from __future__ import annotations

import copy
import html
import itertools
import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from zone_lib.ingest.corpus import load_corpus
from zone_lib.tables.tasks import milestones, tasks
from zone_lib.views import params
from zone_lib.views.common import (
    _FONT,
    HIGHLIGHT,
    ROLE_COLOURS,
    SECTION_COLOURS,
    STATUS_COLOURS,
    YEAR_COLOURS,
    _matrix,
    _resp,
    _task_label,
    _wrap,
)
from zone_lib.views.overview import targets
from zone_lib.views.params import check_platform, check_unit, check_year, section_label
from zone_lib.views.unit import unit_schedule, unit_share
from zone_lib.views.year import year_view

# --------------------------------------------------------------------------- common look

_GRID = "#EBF0F8"
_AXIS = {
    "gridcolor": _GRID,
    "linecolor": _GRID,
    "zerolinecolor": _GRID,
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 12},
}
_TEMPLATE = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(SECTION_COLOURS),
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
    }
}
"""The look of plotly's ``plotly_white``, reduced to what these figures use (the full template
is 7 KB a figure)."""

_TITLE_BAND = 60  # two lines: the Chinese title, the English under it (a phone is 390 px wide)
_BILINGUAL = re.compile(r"^(?P<zh>.*?[^\x00-\x7f][^A-Za-z]*?)\s+(?P<en>[A-Za-z(].*)$")


def _title(text: str, y: float) -> dict[str, Any]:
    """A figure title: the Chinese as the title, the English as plotly's subtitle under it."""
    m = _BILINGUAL.match(text or "")
    title: dict[str, Any] = {"x": 0.01, "xanchor": "left", "y": y, "yanchor": "top", "yref": "container"}
    if not m or "<br>" in text:
        return title | {"text": text}
    return title | {"text": m["zh"], "subtitle": {"text": m["en"], "font": {"size": 11}}}


def _two_lines(text: str, limit: int = 0) -> str:
    """A bilingual label (``年度主要任务 Annual main tasks``) on two lines, English in smaller type.

    Labels of ``limit`` characters or fewer, and labels with no English part, stay as they are.
    """
    m = _BILINGUAL.match(text or "")
    if not m or "<br>" in text or len(text) <= limit:
        return text
    return f'{m["zh"]}<br><span style="font-size:11px">{m["en"]}</span>'


_MENU_BAND = 44
_LOG_TICKS = (1, 2, 5)


def _unchecked(fig: go.Figure) -> go.Figure:
    """Skip plotly's property validation on a figure built with plotly's objects (same JSON)."""
    fig._validate = False
    fig.layout._validate = False
    return fig


def _layout(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    """The common look on a figure built with plotly's objects (the check and analysis briefings).

    The figure keeps its own legend; a dropdown (if any) sits in its own band below the title.
    """
    height = height or 450
    has_menu = bool(fig.layout.updatemenus)
    top, bottom = (146 if has_menu else 96), 40
    fig.update_layout(
        title=_title(title, 1 - 14 / height),
        font={"family": _FONT, "size": 12},
        template=_TEMPLATE,
        height=height,
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        hoverlabel={"align": "left"},
    )
    if has_menu:
        plot_height = max(height - top - bottom, 50)
        # one property each: re-setting the menus would re-validate every button
        for menu in fig.layout.updatemenus:
            menu.y = 1 + 48 / plot_height
            menu.yanchor = "bottom"
    return fig


def _base_layout(title: str, height: int, *, menu: bool = False, legend: bool = False) -> dict[str, Any]:
    """Title, font, template and margins; a band for a dropdown; the legend under everything.

    The title sits at the top of the figure and the dropdown (``menu``) in a band under
    it. The legend is horizontal and placed in the figure's bottom margin (``yref =
    container``): plotly reserves its height, however many lines it wraps to on a phone,
    in addition to the axis labels and titles, so it never covers them.
    """
    top = _TITLE_BAND + (_MENU_BAND if menu else 0)
    layout: dict[str, Any] = {
        "title": _title(title, 1 - 12 / height),
        "font": {"family": _FONT, "size": 12},
        "template": _TEMPLATE,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": top, "b": 30},
        "hoverlabel": {"align": "left"},
        "showlegend": legend,
    }
    if legend:
        layout["legend"] = {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "traceorder": "normal",
            "font": {"size": 11},
        }
    return layout


def _dropdown(buttons: list[dict], active: int = 0, above_px: int = 6, plot_px: int = 400) -> list[dict]:
    """A dropdown just above the plot (``above_px`` over its top edge), in the title's band."""
    return [
        {
            "type": "dropdown",
            "direction": "down",
            "buttons": buttons,
            "active": active,
            "x": 0,
            "xanchor": "left",
            "y": 1 + above_px / max(plot_px, 50),
            "yanchor": "bottom",
            "showactive": True,
            "pad": {"l": 0, "t": 0, "b": 0, "r": 0},
        }
    ]


def _legend_swatch(
    name: str, colour: str, *, group: str = "", symbol: str = "square", line: str | None = None
) -> dict:
    """A legend entry that draws nothing on the plot (a key for a colour or a mark)."""
    marker: dict[str, Any] = {"color": colour, "symbol": symbol, "size": 12}
    if line:
        marker["line"] = {"color": line, "width": 2}
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "marker": marker,
        "name": _two_lines(name, limit=24),
        "legendgroup": group or name,
        "showlegend": True,
        "hoverinfo": "skip",
    }


def _num(value: Any) -> int | float:
    """A number for the figure JSON: an integer when it is one (70, not 70.0)."""
    f = float(value)
    return int(f) if f.is_integer() else f


def _log_ticks(lo: float, hi: float) -> tuple[list[int], list[str]]:
    """Ticks 1, 2, 5, 10, 20, 50 … covering ``lo``–``hi``, labelled as plain integers."""
    vals: list[int] = []
    decade = 10 ** math.floor(math.log10(max(lo, 1)))
    while decade <= hi * 10:
        for m in _LOG_TICKS:
            v = m * decade
            if lo / 2.5 <= v <= hi * 2.5:
                vals.append(int(v))
        decade *= 10
    return vals, [f"{v:,}" for v in vals]


def _figure(fig: dict[str, Any]) -> go.Figure:
    """A plotly figure of a dict built here (not validated: the tests check these figures)."""
    return go.Figure(copy.deepcopy(fig), _validate=False)


def _memo_figure(name: str, args: tuple, build) -> go.Figure:
    """The figure dict of ``build()``, kept per corpus and arguments; a new figure each call."""
    corpus = load_corpus()
    return _figure(corpus.cached(("figure", name, args), build))


def _section_short(no: int) -> str:
    """``(三) 三项保障 The safeguards``: a section's name short enough for a legend on a phone."""
    s = params.labels()["sections"][int(no) - 1]
    return f"({s['numeral']}) {s['short_zh']} {s['en'].split(' (')[0]}"


def _section_legend(sections: Sequence[int]) -> list[dict]:
    return [
        _legend_swatch(_section_short(s), SECTION_COLOURS[s - 1], group=f"s{s}")
        for s in sorted(set(sections))
    ]


# --------------------------------------------------------------------------- heatmap


def fig_heatmap(highlight_year: int | str | None = None) -> go.Figure:
    """Task × year matrix: a coloured cell where the table has one, coloured by section.

    Hovering a cell shows the task, the section, the full cell text and its source
    line. A dropdown zooms to one section; the legend names the sections' colours.

    Args:
        highlight_year: Outline this year's column (optional).

    Returns:
        The figure.
    """
    hy = None if highlight_year is None else check_year(highlight_year)
    return _memo_figure("heatmap", (hy,), lambda: _heatmap(hy))


def _heatmap(hy: int | None) -> dict[str, Any]:
    m = _matrix()
    years = params.valid_years()
    tasks_ = m.drop_duplicates("task_no").sort_values("task_no")[["task_no", "task", "section_no"]]
    ylabels = [_task_label(t, n, 14) for t, n in zip(tasks_.task_no, tasks_.task)]
    cell = {(int(r.task_no), int(r.year)): r for r in m.itertuples()}
    z, text = [], []
    for t in tasks_.itertuples():
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
    data: list[dict] = [
        {
            "type": "heatmap",
            "z": z,
            "x": [str(y) for y in years],
            "y": ylabels,
            "text": text,
            "hovertemplate": "%{text}<extra></extra>",
            "colorscale": scale,
            "zmin": 0.5,
            "zmax": n + 0.5,
            "xgap": 2,
            "ygap": 2,
            "hoverongaps": False,
            "showscale": False,
            "showlegend": False,
            "name": "cells",
        }
    ]
    data += _section_legend(range(1, n + 1))
    height = 22 * len(ylabels) + 230
    plot_px = 22 * len(ylabels)
    layout = _base_layout("年度主要任务 Annual main tasks: task × year", height, menu=True, legend=True)
    layout["plot_bgcolor"] = "#EEEEEE"
    layout["yaxis"] = {"autorange": "reversed", "type": "category", "tickfont": {"size": 11}}
    layout["xaxis"] = {"side": "top", "type": "category", "fixedrange": True}
    if hy is not None:
        layout["shapes"] = [
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": years.index(hy) - 0.5,
                "x1": years.index(hy) + 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#222222", "width": 3},
            }
        ]
    buttons = [
        {"label": "全部 All sections", "method": "relayout", "args": [{"yaxis.autorange": "reversed"}]}
    ]
    positions = list(tasks_.section_no.astype(int))
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
    # the year labels sit above the plot: the dropdown goes over them
    layout["updatemenus"] = _dropdown(buttons, above_px=30, plot_px=plot_px)
    layout["margin"]["t"] += 24
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- timeline


def fig_timeline(
    doc_ids: Sequence[str] = ("nx-impl-2019", "qtx-impl-2019"),
    section: int | str | None = None,
) -> go.Figure:
    """Gantt-like year milestones per task; the county plan under the regional one.

    Each bar is one prose milestone (``2019年，…``, ranges such as ``2019—2020年``) or
    deadline of :func:`zone_lib.milestones`, placed from its first to its last year and
    coloured by section; documents with no year milestones are left out. Hover shows
    the full milestone text and its source line; a dropdown shows one section. The
    panels are stacked (one per document, the same years), so that one panel's task
    labels never run into another's bars.

    Args:
        doc_ids: Task documents, one panel each (default: the region, then Qingtongxia).
        section: Show only this section (1-8 or a name); default all with a dropdown.

    Returns:
        The figure.
    """
    only = check_platform(section) if section is not None else None
    return _memo_figure("timeline", (tuple(doc_ids), only), lambda: _timeline(tuple(doc_ids), only))


def _timeline(doc_ids: tuple[str, ...], only: int | None) -> dict[str, Any]:
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
        ms = ms.assign(label=[_task_label(t, n, 12) for t, n in zip(ms.task_no, ms.task)])
        panels.append((doc, ms))
    years = params.valid_years()
    row_px, gap_px = 17, 70
    counts = [max(1, ms.label.nunique()) for _, ms in panels] or [1]
    plot_px = row_px * sum(counts) + gap_px * (len(counts) - 1)
    menu = only is None and bool(panels)
    height = plot_px + _TITLE_BAND + (_MENU_BAND if menu else 0) + 40 + 120
    title = "年度里程碑 Year milestones: region and county"
    if only is not None:
        title += f" · {section_label(only)}"
    layout = _base_layout(title, height, menu=menu, legend=True)
    data: list[dict] = []
    trace_sections: list[int] = []
    categories: dict[int, dict[int | None, list[str]]] = {}
    annotations = []
    top = 1.0
    sections_seen: list[int] = []
    for i, (doc, ms) in enumerate(panels, start=1):
        share = counts[i - 1] * row_px / plot_px
        domain = [max(0.0, top - share), top]
        top = domain[0] - gap_px / plot_px
        suffix = "" if i == 1 else str(i)
        categories[i] = {None: list(dict.fromkeys(ms.label))}
        for s, g in ms.groupby("section_no", sort=True):
            s = int(s)
            categories[i][s] = list(dict.fromkeys(g.label))
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                    "y": list(g.label),
                    "base": [y - 0.45 for y in g.year_from],
                    "x": [(b - a) + 0.9 for a, b in zip(g.year_from, g.year_to)],
                    "marker": {"color": SECTION_COLOURS[s - 1], "line": {"color": "white", "width": 1}},
                    "opacity": 0.9,
                    "name": _section_short(s),
                    "legendgroup": f"s{s}",
                    "showlegend": s not in sections_seen,
                    "hovertext": [
                        f"<b>{html.escape(doc)} · {int(r.task_no)} {html.escape(r.task)}</b><br>"
                        f"{r.year_from}–{r.year_to} {html.escape(str(r.marker))}<br>{_wrap(r.text)}<br>"
                        f"<i>{r.source}, line {int(r.source_line)}</i>"
                        for r in g.itertuples()
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                }
            )
            sections_seen.append(s)
            trace_sections.append(s)
        layout[f"yaxis{suffix}"] = {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories[i][None],
            "autorange": "reversed",
            "domain": domain,
            "anchor": f"x{suffix}",
            "tickfont": {"size": 11},
        }
        layout[f"xaxis{suffix}"] = {
            "tickvals": years,
            "ticktext": [str(y) for y in years],
            "range": [years[0] - 0.6, years[-1] + 0.6],
            "anchor": f"y{suffix}",
            "fixedrange": True,
            **({} if i == 1 else {"matches": "x"}),
        }
        entry = doc_labels.get(doc, {})
        annotations.append(
            {
                "text": f"<b>{entry.get('level_zh', doc)} {entry.get('level_en', '')}</b> · {doc}",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "xanchor": "left",
                "y": domain[1],
                "yanchor": "bottom",
                "yshift": 22,
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    layout["annotations"] = annotations
    layout["barmode"] = "overlay"
    if menu:
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
        for s in range(1, len(SECTION_COLOURS) + 1):
            if s not in trace_sections:
                continue
            buttons.append(
                {
                    "label": section_label(s),
                    "method": "update",
                    "args": [
                        {"visible": [ts == s for ts in trace_sections]},
                        {
                            f"yaxis{'' if c == 1 else c}.categoryarray": categories[c].get(s, [])
                            for c in categories
                        },
                    ],
                }
            )
        layout["updatemenus"] = _dropdown(buttons, above_px=48, plot_px=plot_px)
    layout["margin"]["t"] += 46  # the first panel's title
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- section bars


def fig_section_bars(year: int | str | None = None) -> go.Figure:
    """Tasks with a cell per section: by year (all years), or new/changed/continued in one year.

    Horizontal bars, one group per section (its name reads on a phone too); the section
    names carry their colour as a mark.

    Args:
        year: With a year, stacked bars of that year's new, changed and continued
            tasks; without, one bar per year and a dropdown to show a single year.

    Returns:
        The figure.
    """
    y = None if year is None else check_year(year)
    return _memo_figure("section_bars", (y,), lambda: _section_bars(y))


def _section_axis_labels() -> list[str]:
    secs = params.valid_platforms()
    return [
        f"<span style='color:{SECTION_COLOURS[int(r.section_no) - 1]}'>■</span> ({r.numeral}) {r.short_zh}"
        for r in secs.itertuples()
    ]


def _section_bars(year: int | None) -> dict[str, Any]:
    m = _matrix()
    secs = params.valid_platforms()
    ylabels = _section_axis_labels()
    data: list[dict] = []
    layout: dict[str, Any]
    if year is None:
        years = params.valid_years()
        for i, y in enumerate(years):
            part = m[m.year == y]
            counts, hovers = [], []
            for s in secs.section_no:
                rows = part[part.section_no == s].sort_values("task_no")
                counts.append(len(rows))
                hovers.append(
                    f"{html.escape(section_label(int(s)))}<br>"
                    + "<br>".join(f"{int(t)} {html.escape(n)}" for t, n in zip(rows.task_no, rows.task))
                )
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": ylabels,
                    "x": counts,
                    "name": f"{y}年",
                    "marker": {"color": YEAR_COLOURS[i % len(YEAR_COLOURS)]},
                    "hovertext": hovers,
                    "hovertemplate": f"<b>{y}</b>: %{{x:d}} tasks<br>%{{hovertext}}<extra></extra>",
                }
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
        height = 36 * len(years) * len(ylabels) // 2 + 260
        layout = _base_layout("各部分年度任务数 Tasks per section and year", height, menu=True, legend=True)
        layout["barmode"] = "group"
        layout["updatemenus"] = _dropdown(buttons, plot_px=height - 200)
    else:
        view = year_view(year)
        for status in ("new", "changed", "continued"):
            counts, hovers = [], []
            for s in secs.section_no:
                rows = view[(view.section_no == s) & (view.status == status)]
                counts.append(len(rows))
                hovers.append(
                    "<br>".join(f"{int(t)} {html.escape(n)}" for t, n in zip(rows.task_no, rows.task))
                )
            lab = params.labels()["status"][status]
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": ylabels,
                    "x": counts,
                    "name": f"{lab['zh']} {lab['en']}",
                    "marker": {"color": STATUS_COLOURS[status], "line": {"color": "white", "width": 1}},
                    "hovertext": hovers,
                    "hovertemplate": f"{lab['zh']} {lab['en']}: %{{x:d}}<br>%{{hovertext}}<extra></extra>",
                }
            )
        height = 40 * len(ylabels) + 190
        layout = _base_layout(
            f"{year}年 各部分任务 Tasks due in {year} by section: new, changed, continued",
            height,
            legend=True,
        )
        layout["barmode"] = "stack"
    layout["yaxis"] = {"autorange": "reversed", "type": "category", "tickfont": {"size": 12}}
    layout["xaxis"] = {
        "title": {"text": "任务数 Tasks"},
        "tickformat": "d",
        "dtick": 1 if year is not None else 2,
        "rangemode": "tozero",
        "fixedrange": True,
    }
    layout["bargap"] = 0.25
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- unit network

_NETWORK: dict[str, tuple[object, tuple[pd.DataFrame, pd.DataFrame]]] = {}


def _network_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (unit, load, position) and weighted lead ties of nx-impl-2019 (once per corpus)."""
    corpus = load_corpus()
    hit = _NETWORK.get("network")
    if hit is None or hit[0] is not corpus:
        hit = (corpus, _compute_network())
        _NETWORK["network"] = hit
    nodes, edges = hit[1]
    return nodes.copy(), edges.copy()


def _spread(n: int) -> list[int]:
    """Circle slots for the units by load rank: the heavy ones spread round the circle.

    Rank ``i`` goes to slot ``i * step mod n``, ``step`` near ``0.38 n`` and coprime with
    ``n``, so neighbours on the circle are rarely both large and their labels keep apart.
    """
    if n < 4:
        return list(range(n))
    step = max(1, round(0.382 * n))
    while math.gcd(step, n) != 1:
        step += 1
    return [(i * step) % n for i in range(n)]


def _compute_network() -> tuple[pd.DataFrame, pd.DataFrame]:
    share = unit_share()
    nodes = share.sort_values(
        ["n_cells", "lead_cells", "unit"], ascending=[False, False, True], kind="stable"
    )
    nodes = nodes.reset_index(drop=True)
    n = len(nodes)
    nodes["slot"] = _spread(n)
    nodes["angle"] = [math.pi / 2 - 2 * math.pi * k / n for k in nodes.slot]
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


def _short_unit(u: str) -> str:
    return u.replace("自治区", "").replace("人民政府", "政府")


def _padded_label(u: str, x: float) -> str:
    """The short name, kept clear of its node's highlight ring by an en space on the node's side."""
    name = _short_unit(u)
    return f"\u2002{name}" if x > 0.2 else f"{name}\u2002" if x < -0.2 else name


def _label_position(x: float, y: float) -> str:
    """Where a node's label goes: outward from the circle (beside it, or above/below at the poles)."""
    if abs(x) < 0.2:
        return "top center" if y > 0 else "bottom center"
    return "middle right" if x > 0 else "middle left"


def fig_unit_network(highlight: str | None = None) -> go.Figure:
    """Lead/cooperation ties between units, sized by load, on a fixed circular layout.

    Nodes are the units of nx-impl-2019 on a circle, the heaviest spread round it;
    node size is the unit's load (task-year cells of its tasks), node colour says
    whether it leads any task (legend). Labels stand outside the circle, beside their
    node; hover gives every figure. A tie joins a lead unit and every other unit of
    the same task; its width is the load they share. A dropdown highlights one unit,
    its ties and its partners.

    Args:
        highlight: A unit (name or alias) to highlight initially.

    Returns:
        The figure.
    """
    highlighted = check_unit(highlight) if highlight is not None else None
    units, base = load_corpus().cached(("figure", "unit_network"), _unit_network)
    fig = copy.deepcopy(base)
    n_base = len(fig["data"]) - len(units)
    if highlighted is not None:
        i = units.index(highlighted)
        fig["data"][n_base + i]["visible"] = True
        fig["layout"]["updatemenus"][0]["active"] = i + 1
    return _figure(fig)


def _unit_network() -> tuple[list[str], dict[str, Any]]:
    nodes, edges = _network_data()
    pos = {u: (x, y) for u, x, y in zip(nodes.unit, nodes.x, nodes.y)}
    data: list[dict] = []
    top = max(edges.n_cells.max(), 1) if len(edges) else 1
    widths = (0.6, 1.6, 3.2, 6.0)
    bucket = [min(3, int(4 * (c - 1) / top)) for c in edges.n_cells]
    for b, width in enumerate(widths):
        part = edges[[k == b for k in bucket]]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for r in part.itertuples():
            xs += [pos[r.a][0], pos[r.b][0], None]
            ys += [pos[r.a][1], pos[r.b][1], None]
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {"width": width, "color": "rgba(120,130,140,0.35)"},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"ties {b}",
            }
        )
    data.append(
        {
            "type": "scatter",
            "x": [(pos[a][0] + pos[b][0]) / 2 for a, b in zip(edges.a, edges.b)],
            "y": [(pos[a][1] + pos[b][1]) / 2 for a, b in zip(edges.a, edges.b)],
            "mode": "markers",
            "marker": {"size": 6, "color": "rgba(0,0,0,0)"},
            "hovertext": [
                f"{html.escape(r.a)} — {html.escape(r.b)}<br>"
                f"{int(r.n_tasks)} shared tasks, {int(r.n_cells)} cells"
                f"<br>lead–lead {int(r.lead_lead)}, lead–coop {int(r.lead_coop)}"
                for r in edges.itertuples()
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "showlegend": False,
            "name": "ties",
        }
    )
    units = list(nodes.unit)
    big = max(nodes.n_cells.max(), 1)
    size = {u: round(10 + 30 * math.sqrt(c / big), 2) for u, c in zip(units, nodes.n_cells)}
    data.append(
        {
            "type": "scatter",
            "x": list(nodes.x),
            "y": list(nodes.y),
            "mode": "markers+text",
            "text": [_padded_label(u, x) for u, x in zip(units, nodes.x)],
            "textposition": [_label_position(x, y) for x, y in zip(nodes.x, nodes.y)],
            "textfont": {"size": 11, "color": "#2B3640"},
            "cliponaxis": False,
            "marker": {
                "size": [size[u] for u in units],
                "color": [ROLE_COLOURS["lead" if ls > 0 else "coop"] for ls in nodes.lead_cells],
                "line": {"color": "white", "width": 1},
            },
            "hovertext": [
                f"<b>{html.escape(r.unit)}</b><br>{html.escape(r.unit_en)}<br>"
                f"{int(r.n_tasks)} tasks ({int(r.n_lead)} lead, {int(r.n_coop)} coop), "
                f"{int(r.n_cells)} cells, share {r.share:.0%}"
                for r in nodes.itertuples()
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "showlegend": False,
            "name": "units",
        }
    )
    data.append(_legend_swatch("牵头单位 leads tasks (size = load)", ROLE_COLOURS["lead"], symbol="circle"))
    data.append(_legend_swatch("仅配合 cooperates only", ROLE_COLOURS["coop"], symbol="circle"))
    data.append(
        _legend_swatch(
            "所选单位及合作单位 selected unit and partners", "white", symbol="circle", line=HIGHLIGHT
        )
    )
    n_base = len(data)
    # One hidden trace per unit: its ties in black, ringed endpoints (the unit and its partners).
    for u in units:
        part = edges[(edges.a == u) | (edges.b == u)]
        xs, ys, sizes = [], [], []
        for r in part.itertuples():
            other = r.b if r.a == u else r.a
            xs += [pos[u][0], pos[other][0], None]
            ys += [pos[u][1], pos[other][1], None]
            sizes += [size[u] + 8, size[other] + 6, 0]
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers",
                "line": {"width": 2, "color": "rgba(17,17,17,0.75)"},
                "marker": {
                    "symbol": "circle-open",
                    "size": sizes,
                    "color": HIGHLIGHT,
                    "line": {"width": 2.5},
                },
                "hoverinfo": "skip",
                "visible": False,
                "showlegend": False,
                "name": f"ties of {u}",
            }
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
                "label": u,
                "method": "restyle",
                "args": [{"visible": [True] * n_base + [j == i for j in range(len(units))]}],
            }
        )
    height = 720
    layout = _base_layout("单位协作网络 Ties between units", height, menu=True, legend=True)
    layout["updatemenus"] = _dropdown(buttons, plot_px=height - 200)
    layout["xaxis"] = {"visible": False, "range": [-1.75, 1.75], "fixedrange": True}
    layout["yaxis"] = {"visible": False, "range": [-1.3, 1.3], "scaleanchor": "x", "fixedrange": True}
    return units, {"data": data, "layout": layout}


# --------------------------------------------------------------------------- unit Gantt


def fig_unit_gantt(unit: str) -> go.Figure:
    """A unit's tasks by year, Gantt-style: solid bars where it leads, hatched where it cooperates.

    One row per task (section order), one bar per run of consecutive years
    (:func:`zone_lib.views.unit_schedule`), in the section's colour. Hover gives the
    task, the role, the years and the table line.

    Args:
        unit: A unit name or alias.

    Returns:
        The figure.
    """
    u = check_unit(unit)
    return _memo_figure("unit_gantt", (u,), lambda: _unit_gantt(u))


def _unit_gantt(u: str) -> dict[str, Any]:
    sched = unit_schedule(u)
    years = params.valid_years()
    labels = [_task_label(t, n, 14) for t, n in zip(sched.task_no, sched.task)]
    sched = sched.assign(label=labels)
    order = list(dict.fromkeys(labels))
    roles = params.labels()["roles"]
    data: list[dict] = []
    for role in ("lead", "coop"):
        part = sched[sched.role == role]
        if part.empty:
            continue
        colours = [SECTION_COLOURS[int(s) - 1] for s in part.section_no]
        marker: dict[str, Any] = {"color": colours, "line": {"color": colours, "width": 1.5}}
        if role == "coop":
            marker["color"] = "white"
            marker["pattern"] = {"shape": "/", "fgcolor": colours, "size": 7, "solidity": 0.45}
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": list(part.label),
                "base": [a - 0.42 for a in part.year_from],
                "x": [b - a + 0.84 for a, b in zip(part.year_from, part.year_to)],
                "marker": marker,
                "name": f"{roles[role]['zh']} {roles[role]['en']}",
                "showlegend": False,
                "hovertext": [
                    f"<b>{int(r.task_no)} {html.escape(r.task)}</b><br>"
                    f"{html.escape(section_label(r.section_no))}<br>"
                    f"{roles[role]['zh']} {roles[role]['en']} · "
                    + (f"{r.year_from}" if r.year_from == r.year_to else f"{r.year_from}–{r.year_to}")
                    + f" ({int(r.n_years)} yr)<br><i>line {int(r.source_line)}</i>"
                    for r in part.itertuples()
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    lead, coop = roles["lead"], roles["coop"]
    data.append(_legend_swatch(f"{lead['zh']} {lead['en']} (实心 solid)", "#5F6C78", group="lead"))
    data.append(
        _legend_swatch(f"{coop['zh']} {coop['en']} (斜线 hatched)", "white", group="coop", line="#5F6C78")
    )
    data += _section_legend(sched.section_no)
    plot_px = 22 * max(1, len(order))
    height = plot_px + 200
    layout = _base_layout(f"逐年任务 {u}: tasks by year", height, legend=True)
    layout["barmode"] = "overlay"
    layout["yaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": order,
        "autorange": "reversed",
        "tickfont": {"size": 11},
        "fixedrange": True,
    }
    layout["xaxis"] = {
        "tickvals": years,
        "ticktext": [str(y) for y in years],
        "range": [years[0] - 0.55, years[-1] + 0.55],
        "side": "top",
        "fixedrange": True,
    }
    layout["margin"]["t"] += 20
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- targets


def fig_targets() -> go.Figure:
    """Target trajectories: quantified targets (percent, counts) by year, one line per target.

    Values come from :func:`targets`; hover shows the phrase, the full cell text and
    its source line. Percentages and counts have their own panels, one above the other;
    the counts are on a log axis labelled 1, 2, 5, 10, 20 …. A line has its section's
    colour and a marker of its own.

    Returns:
        The figure.
    """
    return _memo_figure("targets", (), _targets)


def _targets() -> dict[str, Any]:
    t = targets()
    years = params.valid_years()
    data: list[dict] = []
    counts: list[float] = []
    symbols = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down"]
    for i, (series, g) in enumerate(t.groupby("series", sort=True)):
        g = g.sort_values("year")
        percent = g.measure.iloc[0] in ("%", "％")
        if not percent:
            counts += [float(v) for v in g.value]
        data.append(
            {
                "type": "scatter",
                "xaxis": "x" if percent else "x2",
                "yaxis": "y" if percent else "y2",
                "x": [int(y) for y in g.year],
                "y": [_num(v) for v in g.value],
                "mode": "lines+markers",
                "name": series,
                "line": {"color": SECTION_COLOURS[int(g.section_no.iloc[0]) - 1]},
                "marker": {"symbol": symbols[i % len(symbols)], "size": 9},
                "hovertext": [
                    f"<b>{html.escape(r.phrase)}</b><br>{_wrap(r.text)}<br><i>line {int(r.source_line)}</i>"
                    for r in g.itertuples()
                ],
                "hovertemplate": f"%{{x}}: %{{y:,}}{'%' if percent else ''}<br>%{{hovertext}}<extra></extra>",
            }
        )
    height = 820
    layout = _base_layout("量化目标 Target trajectories", height, legend=True)
    xaxis = {
        "tickvals": years,
        "ticktext": [str(y) for y in years],
        "range": [years[0] - 0.4, years[-1] + 0.4],
        "fixedrange": True,
    }
    layout["xaxis"] = {**xaxis, "anchor": "y"}
    layout["xaxis2"] = {**xaxis, "anchor": "y2", "matches": "x"}
    layout["yaxis"] = {
        "domain": [0.58, 1.0],
        "title": {"text": "比例 Percent (%)"},
        "ticksuffix": "%",
        "rangemode": "tozero",
        "range": [0, 100],
        "fixedrange": True,
    }
    lo, hi = (min(counts), max(counts)) if counts else (1.0, 10.0)
    tickvals, ticktext = _log_ticks(lo, hi)
    layout["yaxis2"] = {
        "domain": [0.0, 0.44],
        "type": "log",
        "title": {"text": "数量 Counts (个/家/所, log)"},
        "tickvals": tickvals,
        "ticktext": ticktext,
        "range": [math.log10(max(lo, 1) / 1.6), math.log10(hi * 1.6)],
        "fixedrange": True,
    }
    return {"data": data, "layout": layout}


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
