"""The briefings' plotly figures: heatmap, timeline, section bars, unit network, targets."""

from __future__ import annotations

import html
import itertools
import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from zone_lib.ingest.corpus import load_corpus
from zone_lib.tables.tasks import milestones, tasks
from zone_lib.views import params
from zone_lib.views.common import (
    _FONT,
    SECTION_COLOURS,
    STATUS_COLOURS,
    YEAR_COLOURS,
    _matrix,
    _resp,
    _task_label,
    _wrap,
)
from zone_lib.views.overview import targets
from zone_lib.views.params import check_platform, check_unit, check_year, section_label, unit_en
from zone_lib.views.unit import unit_share
from zone_lib.views.year import year_view

# --------------------------------------------------------------------------- figures


_AXIS = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "zerolinecolor": "#EBF0F8",
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 15},
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
is validated and copied into every figure: a tenth of a second and 7 KB a figure)."""


def _unchecked(fig: go.Figure) -> go.Figure:
    """Skip plotly's property validation from here on; a figure is the same JSON either way.

    These figures are built by this module and checked by its tests; validation and the
    deep copies it makes were most of a briefing's time.
    """
    fig._validate = False
    fig.layout._validate = False
    return fig


def _layout(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    """Common look; the dropdown (if any) sits in its own band below the title."""
    height = height or 450
    has_menu = bool(fig.layout.updatemenus)
    top, bottom = (130 if has_menu else 80), 40
    fig.update_layout(
        title={"text": title, "x": 0.01, "y": 1 - 14 / height, "yanchor": "top", "yref": "container"},
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
        ),
        _validate=False,
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
    fig = _unchecked(
        make_subplots(rows=1, cols=max(1, len(panels)), subplot_titles=titles, horizontal_spacing=0.12)
    )
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
    fig = go.Figure(_validate=False)
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


def _compute_network() -> tuple[pd.DataFrame, pd.DataFrame]:
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
    fig = go.Figure(_validate=False)
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
    titles = ("比例 Percent (%)", "数量 Counts (个/家/所)")
    fig = _unchecked(make_subplots(rows=1, cols=2, subplot_titles=titles))
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
