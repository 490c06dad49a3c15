"""Tables for readers: every row, full text, bilingual headers, links, badges.

A view (:func:`zone_lib.views.year_view` …) returns a tidy DataFrame for researchers:
``task_no`` beside ``task``, ``status`` beside ``status_zh``, ``lead`` beside
``lead_en``. A reader wants one column per fact. :func:`show` turns such a DataFrame
into a :class:`ReaderTable` that displays

- no index column, no internal columns (``is_new``, ``role_zh``, ``lead_en`` …), a
  column whose value is the same on every row when the page title already says it;
- Chinese headers with English beneath; task numbers and names joined
  (``22 建设互联网门诊``); long text wrapped in wide columns; statuses and roles as badges;
- every row and the whole text of every cell (never pandas' display limits); an empty
  table says “无 none”;
- in the HTML site, links: a unit to its briefing, a year to its year, a section to its
  platform briefing, a ``source_line`` to the seed text at that line;
- in the site, a searchable, sortable, paged DataTables table (``assets/zone-tables.js``,
  offline); in JupyterLab, the same table made interactive by itables.

How each column is shown is data: ``zone_lib/data/reader_columns.json``. The display
also carries the table as CSV (``text/csv``), which the renderer writes beside the page.
"""

from __future__ import annotations

import functools
import html
import json
import math
from importlib import resources
from typing import Any

import pandas as pd

from zone_lib.ingest.corpus import load_corpus
from zone_lib.tables.documents import documents
from zone_lib.views import params, site

TABLE_CLASS = "zone-table"
CSV_MIME = "text/csv"
PAGE_LENGTH = 25
"""Rows per page of a long table in the site (longer tables are paged, with “all” offered)."""
SEARCH_FROM = 10
"""Tables with more rows than this get a search box."""


@functools.cache
def spec() -> dict[str, Any]:
    """The column display rules of ``zone_lib/data/reader_columns.json``."""
    text = resources.files("zone_lib").joinpath("data/reader_columns.json").read_text(encoding="utf-8")
    return json.loads(text)


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def _int_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _a(href: str | None, text: str, links: bool, cls: str = "") -> str:
    if not links or not href:
        return text
    extra = f' class="{cls}"' if cls else ""
    return f'<a href="{_esc(href)}"{extra}>{text}</a>'


def badge(key: str) -> str:
    """A small bilingual badge (``<span class="zone-badge zone-badge-new">新增 new</span>``)."""
    b = spec()["badges"].get(str(key))
    if b is None:
        return f'<span class="zone-badge">{_esc(key)}</span>'
    return (
        f'<span class="zone-badge zone-badge-{_esc(key)}">{_esc(b["zh"])} '
        f'<span class="en">{_esc(b["en"])}</span></span>'
    )


def unit_html(unit: str, links: bool) -> str:
    """A unit's name (linked to its briefing in the site) with its English name beneath."""
    en = params.unit_en(unit) if unit else ""
    name = _a(site.unit_page(unit), _esc(unit), links)
    return name + (f'<span class="en">{_esc(en)}</span>' if en and en != unit else "")


def section_html(section_no: int, links: bool) -> str:
    """A section as ``(五) 互联网医疗平台``, linked to its briefing in the site."""
    s = params.labels()["sections"][int(section_no) - 1]
    label = f"({s['numeral']}) {s['short_zh']}"
    text = _a(site.platform_page(section_no), _esc(label), links)
    return f'<span title="{_esc(s["en"])}">{text}</span>'


def _cell(kind: str, value: Any, row: dict[str, Any], links: bool, col: str = "") -> tuple[str, str | None]:
    """HTML of one cell and its sort key (``data-order``), or None to sort by the text."""
    rule = spec()["columns"].get(col, {})
    if kind == "task":
        no = row.get(rule.get("no", "task_no"))
        name = value if rule.get("no") else row.get("task", "")
        if _missing(name):
            name = ""
        if _missing(no):
            return (_esc(name), None) if name else ('<span class="zone-empty">—</span>', "")
        return f'<span class="zone-no">{int(no)}</span> {_esc(name)}', f"{int(no):04d}"
    if _missing(value) or (isinstance(value, str) and value == ""):
        return '<span class="zone-empty">—</span>', "" if kind in {
            "int",
            "share",
            "line",
            "year",
            "score",
            "float",
        } else None
    if kind == "int":
        return _esc(_int_text(value)), None
    if kind == "score":
        return f"{float(value):.2f}", f"{float(value):.6f}"
    if kind == "float":
        return f"{float(value):.4g}", f"{float(value):.8f}"
    if kind == "share":
        return f"{float(value):.0%}", f"{float(value):.6f}"
    if kind == "year":
        y = int(value)
        return _a(site.year_page(y), f"{y}", links), None
    if kind == "unit":
        return unit_html(str(value), links), None
    if kind == "units":
        names = [u for u in str(value).split("、") if u]
        return "、".join(_a(site.unit_page(u), _esc(u), links) for u in names), None
    if kind == "section":
        no = row.get("section_no")
        if _missing(no):
            return _esc(value), None
        return section_html(int(no), links), f"{int(no):02d}"
    if kind == "badge":
        return badge(str(value)), None
    if kind == "pair":
        en = row.get(f"{col}_en", row.get("label_en", ""))
        en = "" if _missing(en) else str(en)
        return _esc(value) + (f'<span class="en">{_esc(en)}</span>' if en else ""), None
    if kind == "line":
        seed = row.get("seed_file")
        if not _missing(seed) and seed:
            n = int(value)
            return _a(site.seed_line_href(str(seed), n), str(n), links, "zone-line"), f"{n:08d}"
        doc = row.get(rule.get("doc", "doc_id"))
        doc = params.DOC_ID if _missing(doc) else str(doc)
        n = int(value)
        return _a(site.line_href(n, doc), str(n), links, "zone-line"), f"{n:08d}"
    if kind == "doc":
        return doc_html(str(value)), None
    if kind == "long":
        return _esc(value), None
    if isinstance(value, list | tuple):
        return _esc("；".join(map(str, value))), None
    return _esc(_int_text(value)), None


def _doc_numbers() -> dict[str, str]:
    """doc_id → 文号 of the default corpus (kept on the corpus)."""
    corpus = load_corpus()

    def make() -> dict[str, str]:
        d = documents(corpus)
        return {k: str(v or "") for k, v in zip(d.doc_id, d.doc_number)}

    return corpus.cached(("views", "doc_numbers"), make)


def doc_html(doc_id: str) -> str:
    """A document as its id with its number beneath (``nx-impl-2019`` / 宁政办发〔2019〕10号)."""
    number = _doc_numbers().get(doc_id, "")
    return f'<span class="zone-doc">{_esc(doc_id)}</span>' + (  # the space shows outside the site's CSS
        f' <span class="en">{_esc(number)}</span>' if number else ""
    )


def _columns(df: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """``(column, kind, zh, en)`` of the columns a reader sees, in order."""
    rules = spec()["columns"]
    out = []
    for col in df.columns:
        name = str(col)
        rule = rules.get(name)
        if rule is None:
            if name.isdigit() and len(name) == 4:  # a year column (platform_view, overview)
                kind = "long" if df[col].map(lambda v: isinstance(v, str)).any() else "int"
                out.append((name, kind, f"{name}年", ""))
                continue
            numeric = pd.api.types.is_integer_dtype(df[col].dtype)
            zh, _, en = name.partition(" ")
            out.append((name, "int" if numeric else "text", zh, en))
            continue
        kind = rule.get("kind", "text")
        if kind == "drop":
            continue
        if rule.get("join") and rule["join"] in df.columns:
            continue
        if rule.get("constant_drop") and len(df) > 1 and df[col].astype(str).nunique() == 1:
            continue
        out.append((name, kind, rule.get("zh", name), rule.get("en", "")))
    return out


def _unbilingual(df: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`zone_lib.views.bilingual`: the view's own column names, so each is shown once."""
    reverse: dict[str, list[str]] = {}
    for name, heading in params.labels()["columns"].items():
        reverse.setdefault(heading, []).append(name)
    if not any(str(c) in reverse for c in df.columns):
        return df
    used: set[str] = set()
    names = []
    for col in df.columns:
        for cand in reverse.get(str(col), []):
            if cand not in used and cand not in df.columns:
                used.add(cand)
                names.append(cand)
                break
        else:
            names.append(col)
    out = df.copy()
    out.columns = names
    return out


def _csv_text(df: pd.DataFrame) -> str:
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, list | tuple)).any():
            out[col] = out[col].map(lambda v: " | ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    return out.to_csv(index=False, lineterminator="\n")


class ReaderTable:
    """A DataFrame as a reader sees it (see the module docstring).

    Attributes:
        df: The table (unchanged; its CSV is what a reader downloads).
        caption: Optional caption above the table.
        name: Short ASCII name for the CSV file (``tasks``, ``by-unit`` …).
    """

    def __init__(self, df: pd.DataFrame, caption: str = "", name: str = "") -> None:
        df = df.reset_index(drop=True) if not isinstance(df.index, pd.RangeIndex) else df
        self.df = _unbilingual(df)
        self.caption = caption
        self.name = name

    def __len__(self) -> int:
        return len(self.df)

    def columns(self) -> list[tuple[str, str, str, str]]:
        """``(column, kind, zh, en)`` of the columns shown."""
        return _columns(self.df)

    def to_html(self, links: bool | None = None) -> str:
        """The whole table as HTML (every row; DataTables makes it interactive in the site).

        Args:
            links: Link units, years, sections and source lines to the site's pages
                (default: when rendering the site).
        """
        links = site.linking() if links is None else links
        cols = self.columns()
        n = len(self.df)
        classes = [TABLE_CLASS]
        if n > SEARCH_FROM:
            classes.append("zone-dt")
        if any(k == "long" for _, k, _, _ in cols):
            classes.append("zone-has-long")
        head = "".join(
            f'<th class="k-{k}" scope="col">{_esc(zh)}'
            + (f'<span class="en">{_esc(en)}</span>' if en else "")
            + "</th>"
            for _, k, zh, en in cols
        )
        rows = []
        records = self.df.to_dict("records")
        for rec in records:
            cells = []
            for col, kind, _, _ in cols:
                text, order = _cell(kind, rec.get(col), rec, links, col)
                attr = f' data-order="{_esc(order)}"' if order is not None else ""
                cells.append(f'<td class="k-{kind}"{attr}>{text}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        if not rows:
            rows.append(f'<tr class="zone-none"><td colspan="{max(len(cols), 1)}">无 none</td></tr>')
        caption = f"<caption>{_esc(self.caption)}</caption>" if self.caption else ""
        options = ""
        if n > SEARCH_FROM:
            options = f' data-page-length="{PAGE_LENGTH if n > PAGE_LENGTH else -1}"'
        return (
            f'<div class="zone-table-wrap"><table class="{" ".join(classes)}" data-rows="{n}"{options}>'
            f"{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody></table></div>\n"
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        csv = _csv_text(self.df)
        if site.linking():
            return {"text/html": self.to_html(), CSV_MIME: csv}
        return {"text/html": _itables_html(self), CSV_MIME: csv}

    def __repr__(self) -> str:
        return f"ReaderTable({len(self.df)} rows × {len(self.columns())} columns)"


def show(df: pd.DataFrame, caption: str = "", name: str = "") -> ReaderTable:
    """A DataFrame as a reader's table (every row, bilingual headers, links, badges).

    Args:
        df: A view's table.
        caption: Optional caption.
        name: Short name of the CSV file written beside the page.

    Returns:
        A :class:`ReaderTable`; display it (last expression of a cell).
    """
    return ReaderTable(df, caption, name)


# --------------------------------------------------------------------------- JupyterLab

_ITABLES_READY = False


def _itables_offline(itables) -> None:
    """Load itables' own DataTables bundle into the notebook page (offline, no CDN).

    ``itables.init_notebook_mode(connected=False)`` first displays a script that awaits
    the bundle and only then the bundle, so in JupyterLab the first script fails
    (“Cannot destructure property 'set_or_remove_dark_class'”, a page error). The bundle
    alone is all the offline tables need: they wait for it themselves.
    """
    try:
        from IPython.display import HTML, display  # heavy: optional IPython, only inside a kernel
        from itables.javascript import generate_init_offline_itables_html  # heavy: see above
    except ImportError:  # pragma: no cover - another itables version
        itables.init_notebook_mode(all_interactive=False, connected=False)
        return
    display(HTML(generate_init_offline_itables_html(itables.options.dt_bundle)))


def _itables_html(table: ReaderTable) -> str:
    """The table as an interactive itables/DataTables widget for JupyterLab (offline)."""
    try:
        import itables  # heavy: interactive tables, only in JupyterLab
    except ImportError:  # pragma: no cover - itables is a dependency
        return table.to_html(links=False)
    global _ITABLES_READY
    if not _ITABLES_READY:
        _itables_offline(itables)
        _ITABLES_READY = True
    cols = table.columns()
    shown = pd.DataFrame(
        {
            f"{zh} {en}".strip(): [
                _cell(kind, rec.get(col), rec, False, col)[0] for rec in table.df.to_dict("records")
            ]
            for col, kind, zh, en in cols
        }
    )
    if shown.empty:
        shown = pd.DataFrame({"": ["无 none"]})
    return itables.to_html_datatable(
        shown,
        caption=table.caption or None,
        connected=False,
        allow_html=True,
        showIndex=False,
        maxBytes=0,
        classes="display compact",
    )


# --------------------------------------------------------------------------- display hook


def _dataframe_bundle(df: pd.DataFrame, include=None, exclude=None) -> dict[str, str]:
    return ReaderTable(df)._repr_mimebundle_()


def setup_tables() -> None:
    """Show every DataFrame displayed in this IPython session as a reader's table.

    Called by :func:`zone_lib.views.setup_plotly`; outside IPython it does nothing.
    """
    try:
        from IPython import get_ipython  # heavy: optional IPython, only inside a kernel
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is None:
        return
    ip.display_formatter.mimebundle_formatter.for_type(pd.DataFrame, _dataframe_bundle)
