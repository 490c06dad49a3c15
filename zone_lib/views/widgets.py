"""Live explorers for JupyterLab (ipywidgets): the interactive layer over :mod:`zone_lib.views`.

Each explorer has ``.widget`` (the container to display), a control (``.dropdown``,
or ``.search`` for :class:`MilestoneSearch`), ``.table`` (the DataFrame currently
shown), ``.html`` (the table rendered) and ``.figure`` (the plotly figure currently
shown, drawn into ``.output``). Changing the control updates ``.table``, ``.html``
and ``.figure`` in place, so explorers are testable without a browser::

    ex = YearExplorer(2020)
    ex.dropdown.value = 2021
    ex.table.year.unique()   # [2021]

The briefings never depend on these widgets: under papermill they render as static
output and the notebooks show the same tables and figures with plain calls.
"""

from __future__ import annotations

import html as html_lib

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from IPython import get_ipython
from IPython.display import display

from zone_lib import views
from zone_lib.tables.tasks import milestones, tasks
from zone_lib.views import params

_TABLE_STYLE = (
    "<style>.zone-table td,.zone-table th{text-align:left;vertical-align:top;padding:2px 6px;"
    "font-size:12px}.zone-table{border-collapse:collapse}.zone-table tr:nth-child(even){background:#f6f6f6}"
    "</style>"
)


def table_html(df: pd.DataFrame, max_rows: int = 200) -> str:
    """A DataFrame as a compact HTML table with bilingual headings.

    Args:
        df: The table.
        max_rows: Rows shown at most (a note says how many were left out).

    Returns:
        HTML text.
    """
    shown = views.bilingual(df.head(max_rows))
    body = shown.to_html(index=False, escape=True, classes="zone-table", border=0, na_rep="")
    more = len(df) - len(shown)
    note = f"<p><i>… {more} more rows</i></p>" if more > 0 else ""
    return _TABLE_STYLE + body + note


def _in_kernel() -> bool:
    """True inside a Jupyter kernel (where an Output widget can capture a display)."""
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class _Explorer:
    """Shared machinery: a control, an HTML table and a figure in an Output."""

    title = ""

    def __init__(self, control: w.ValueWidget, show_figure: bool = True) -> None:
        self.control = control
        self.show_figure = show_figure
        self.header = w.HTML()
        self.html = w.HTML()
        self.output = w.Output()
        self.table: pd.DataFrame = pd.DataFrame()
        self.figure: go.Figure | None = None
        children = [w.HBox([control]), self.header, self.html]
        if show_figure:
            children.append(self.output)
        self.widget = w.VBox(children)
        control.observe(self._on_change, names="value")
        self.refresh()

    def _on_change(self, change: dict) -> None:
        self.refresh()

    def compute(self) -> tuple[pd.DataFrame, go.Figure | None, str]:
        """The table, figure and heading for the control's current value."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Recompute the table and figure for the control's current value and redraw."""
        table, figure, heading = self.compute()
        self.table = table
        self.figure = figure
        self.header.value = f"<h4>{html_lib.escape(heading)}</h4>"
        self.html.value = table_html(table)
        if self.show_figure:
            # Set the Output's state directly rather than capturing a display into it:
            # no clear_output(wait=True) / capture messages for a notebook runner to track.
            self.output.outputs = ()
            if figure is not None and _in_kernel():
                self.output.append_display_data(figure)

    def _ipython_display_(self) -> None:  # display(explorer) shows its widget
        display(self.widget)


class YearExplorer(_Explorer):
    """What is due in a year (:func:`zone_lib.views.year_view`), with a year dropdown.

    Args:
        initial_year: The year shown first (validated).
        show_figure: Also draw the year's section bars.
    """

    def __init__(self, initial_year: int | str = 2020, show_figure: bool = True) -> None:
        year = params.check_year(initial_year)
        self.dropdown = w.Dropdown(
            options=[(f"{y}年 {y}", y) for y in params.valid_years()], value=year, description="年度 Year"
        )
        super().__init__(self.dropdown, show_figure)

    def compute(self) -> tuple[pd.DataFrame, go.Figure | None, str]:
        """Tasks due in the selected year and its section bars."""
        year = params.check_year(self.dropdown.value)
        cols = ["section_no", "task_no", "task", "status_zh", "status", "text", "lead", "source_line"]
        table = views.year_view(year)[cols]
        figure = views.fig_section_bars(year) if self.show_figure else None
        new = int(table.status.isin(["new", "changed"]).sum())
        return table, figure, f"{year}年: {len(table)} tasks due, {new} new or changed"


class UnitExplorer(_Explorer):
    """The tasks a unit leads or supports (:func:`zone_lib.views.unit_view`), with a unit dropdown.

    Args:
        initial_unit: The unit shown first (name or alias, validated).
        show_figure: Also draw the unit network with the unit highlighted.
    """

    def __init__(self, initial_unit: str = "自治区卫生健康委", show_figure: bool = True) -> None:
        unit = params.check_unit(initial_unit)
        units = params.valid_units()
        self.dropdown = w.Dropdown(
            options=[(f"{r.unit} {r.unit_en}", r.unit) for r in units.itertuples()],
            value=unit,
            description="单位 Unit",
            layout=w.Layout(width="36em"),
        )
        super().__init__(self.dropdown, show_figure)

    def compute(self) -> tuple[pd.DataFrame, go.Figure | None, str]:
        """The selected unit's cells and the network highlighting it."""
        unit = params.check_unit(self.dropdown.value)
        cols = ["year", "role_zh", "role", "section_no", "task_no", "task", "text", "source_line"]
        table = views.unit_view(unit)[cols]
        figure = views.fig_unit_network(highlight=unit) if self.show_figure else None
        n_tasks = table.task_no.nunique()
        return table, figure, f"{unit} {params.unit_en(unit)}: {n_tasks} tasks, {len(table)} task-year cells"


class PlatformExplorer(_Explorer):
    """The tasks of one section (:func:`zone_lib.views.platform_view`), with a section dropdown.

    Args:
        initial_platform: The section shown first (1-8 or a name, validated).
        show_figure: Also draw the section's milestone timeline.
    """

    def __init__(self, initial_platform: int | str = 5, show_figure: bool = True) -> None:
        no = params.check_platform(initial_platform)
        self.dropdown = w.Dropdown(
            options=[(params.section_label(no), no) for no in params.valid_platforms().section_no],
            value=no,
            description="部分 Section",
            layout=w.Layout(width="36em"),
        )
        super().__init__(self.dropdown, show_figure)

    def compute(self) -> tuple[pd.DataFrame, go.Figure | None, str]:
        """The selected section's tasks and its timeline."""
        no = params.check_platform(self.dropdown.value)
        table = views.platform_view(no)
        figure = views.fig_timeline(section=no) if self.show_figure else None
        return table, figure, f"{params.section_label(no)}: {len(table)} tasks"


class MilestoneSearch(_Explorer):
    """Search the year milestones of the task documents by words in their text.

    A ``Text`` box filters :func:`zone_lib.milestones` (case-insensitive substring of
    the text, the task name or the marker); a dropdown picks the document.

    Args:
        query: The initial search words (all must occur; separated by spaces).
        doc_id: The initial document, or ``None`` for all task documents.
        max_rows: Rows shown in the HTML table at most (``.table`` keeps all).
    """

    def __init__(self, query: str = "", doc_id: str | None = "nx-impl-2019", max_rows: int = 100) -> None:
        ms = milestones(None)
        names = tasks(None)[["doc_id", "task_no", "task"]].drop_duplicates(["doc_id", "task_no"])
        self._all = ms.merge(names, on=["doc_id", "task_no"], how="left")
        self.max_rows = max_rows
        docs = sorted(self._all.doc_id.unique())
        if doc_id is not None and doc_id not in docs:
            raise params.ParameterError("doc_id", doc_id, docs, params._suggest(str(doc_id), docs))
        self.dropdown = w.Dropdown(
            options=[("全部 All documents", None)] + [(d, d) for d in docs],
            value=doc_id,
            description="文件 Doc",
        )
        self.search = w.Text(value=query, description="搜索 Search", placeholder="e.g. 电子健康卡 互联网医院")
        super().__init__(self.search, show_figure=False)
        self.dropdown.observe(self._on_change, names="value")
        self.widget.children = (w.HBox([self.search, self.dropdown]), *self.widget.children[1:])

    def compute(self) -> tuple[pd.DataFrame, go.Figure | None, str]:
        """Milestones matching the query in the selected document."""
        ms = self._all
        doc = getattr(self, "dropdown", None)
        if doc is not None and doc.value is not None:
            ms = ms[ms.doc_id == doc.value]
        words = [x for x in str(self.search.value).casefold().split() if x]
        if words:
            hay = (ms.text.fillna("") + " " + ms.task.fillna("") + " " + ms.marker.fillna("")).str.casefold()
            mask = pd.Series(True, index=ms.index)
            for word in words:
                mask &= hay.str.contains(word, regex=False)
            ms = ms[mask]
        cols = ["doc_id", "task_no", "task", "year_from", "year_to", "source", "text", "source_line"]
        table = ms[cols].reset_index(drop=True)
        query = " ".join(words) or "—"
        return table, None, f"{len(table)} milestones matching {query!r}"

    def refresh(self) -> None:
        """Recompute the matching milestones and redraw the table."""
        table, _, heading = self.compute()
        self.table = table
        self.header.value = f"<h4>{html_lib.escape(heading)}</h4>"
        self.html.value = table_html(table, max_rows=self.max_rows)
