"""The data-quality briefing: findings table and chart, raw seed lines."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from zone_lib.ingest.corpus import load_corpus
from zone_lib.quality.findings import check_labels, quality_findings, quality_rules, quality_summary
from zone_lib.tables.matrix import table_lines
from zone_lib.views.figures import _layout
from zone_lib.views.params import DOC_ID

SEVERITY_COLOURS = {"error": "#E45756", "warning": "#F58518", "info": "#9D9D9D"}


def quality_view(findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data-quality findings with bilingual check labels, most severe first.

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        One row per finding: ``检查 check``, ``级别 severity``, ``位置 where``
        (``seed_file:line``), ``说明 detail`` and ``原文 text``.
    """
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


def check_summary(findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Findings per check and severity, with what each check means in Chinese and English.

    Every check of ``zone_lib/data/quality.json`` is listed (a check with no finding
    too, so a reader sees what was checked); the explanations are data there
    (``explain_zh``, ``explain_en``).

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        ``check, label_zh, label_en, error, warning, info, total, note, explain_zh, explain_en``.
    """
    f = quality_findings() if findings is None else findings
    summary = quality_summary(f)
    rules = {c["check"]: c for c in quality_rules()["checks"]}
    summary["explain_zh"] = [rules.get(c, {}).get("explain_zh", "") for c in summary.check]
    summary["explain_en"] = [rules.get(c, {}).get("explain_en", "") for c in summary.check]
    return summary


def check_view(findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data-quality findings for readers, most severe first.

    The check in Chinese and English, the document by id and number, the line (linked to
    the seed text in the site).

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        ``check, check_en, severity, doc_id, seed_file, line, detail, source_text``.
    """
    f = quality_findings() if findings is None else findings
    labels = check_labels().set_index("check")
    return pd.DataFrame(
        {
            "check": [labels.at[c, "label_zh"] if c in labels.index else c for c in f.check],
            "check_en": [labels.at[c, "label_en"] if c in labels.index else "" for c in f.check],
            "severity": list(f.severity),
            "doc_id": list(f.doc_id),
            "seed_file": list(f.seed_file),
            "line": [int(x) for x in f.line],
            "detail": list(f.detail),
            "source_text": list(f.text),
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
    from IPython.display import HTML  # heavy: optional IPython, only when a table is shown in a notebook

    with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
        return HTML(df.to_html(index=False, escape=True, classes="dataframe", border=0))


def fig_quality(findings: pd.DataFrame | None = None) -> go.Figure:
    """Findings per check, stacked by severity (error / warning / info).

    Args:
        findings: :func:`zone_lib.quality_findings` output (computed when omitted).

    Returns:
        The figure; hover gives the count and the check's Chinese and English label.
    """
    f = quality_findings() if findings is None else findings
    summary = quality_summary(f)
    summary = summary[summary.total > 0]
    names = [f"{r.label_zh}<br>{r.label_en}" for r in summary.itertuples()]
    fig = go.Figure(_validate=False)
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
