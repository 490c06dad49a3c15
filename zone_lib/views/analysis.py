"""The analysis briefings: crosswalks, keywords, reported 2020 progress, the scraped copy.

Thin tables and figures over :mod:`zone_lib.analysis` for the briefings
``crosswalk.ipynb`` (one per document crosswalked with the regional Implementation
Plan), ``keywords.ipynb``, ``progress.ipynb`` and ``copies.ipynb``. Every table keeps
the lines it came from (``from_line``, ``to_line``, ``statement_line`` …) with the
document they belong to (``from_doc`` …), so the site links each to its seed text.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from zone_lib.analysis.copies import copy_alignment, copy_report, find_copies
from zone_lib.analysis.crosswalk import crosswalk, crosswalk_summary, link_threshold
from zone_lib.analysis.keywords import keywords
from zone_lib.analysis.progress import LINK_THRESHOLD as PROGRESS_THRESHOLD
from zone_lib.analysis.progress import reported_progress
from zone_lib.ingest.corpus import load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.tables.tasks import tasks
from zone_lib.views import params
from zone_lib.views.common import _FONT, SECTION_COLOURS, YEAR_COLOURS, _wrap
from zone_lib.views.figures import _dropdown, _layout, _unchecked

MATCH_COLOURS = {"exact": "#4C78A8", "fuzzy": "#F58518", "none": "#E45756"}
STATUS_ORDER = ("linked", "added", "dropped")


def _memo(name: str, compute):
    """A value computed once per corpus (the default seeds while they are unchanged)."""
    corpus = load_corpus()
    return corpus.cached(("views", "analysis", name), compute)


def _task_lines() -> dict[tuple[str, int], int]:
    """``(doc_id, task_no) → source_line`` of every task of the corpus."""

    def compute():
        t = tasks()
        return {(str(d), int(n)): int(ln) for d, n, ln in zip(t.doc_id, t.task_no, t.source_line)}

    return _memo("task_lines", compute)


def _int_or_na(value) -> object:
    return pd.NA if pd.isna(value) else int(value)


def _years_text(value) -> str:
    """``"2019,2020,2021"`` as ``2019–2021``; gaps as ``2019、2021``."""
    years = sorted(int(y) for y in str(value or "").replace("、", ",").split(",") if y.strip())
    if not years:
        return ""
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return "、".join(map(str, years))


# --------------------------------------------------------------------------- crosswalk


def _summary(doc: str) -> pd.DataFrame:
    to = corpus_facts()["crosswalk"]["to"]
    return _memo(("summary", doc), lambda: crosswalk_summary(doc, to)).copy()


def crosswalk_view(doc: str = "qtx-impl-2019") -> pd.DataFrame:
    """What a document took up from the regional plan, what it added, what it left out.

    Args:
        doc: A document of :func:`zone_lib.views.params.valid_docs` (id or number).

    Returns:
        One row per task of either document (:func:`zone_lib.crosswalk_summary`):
        ``status`` (linked / added / dropped), ``from_doc, from_task, from_title,
        from_years, from_line``, ``to_doc, to_task, to_title, to_years, to_line``,
        ``score`` (similarity of the rank-1 link) and ``source`` (similarity or
        override). Linked and added rows in the document's task order, then the
        regional tasks it dropped.
    """
    doc = params.check_doc(doc)
    s = _summary(doc)
    lines = _task_lines()
    rows = []
    for r in s.itertuples(index=False):
        ft, tt = _int_or_na(r.from_task), _int_or_na(r.to_task)
        rows.append(
            {
                "status": r.status,
                "from_doc": r.from_doc,
                "from_task": ft,
                "from_title": r.from_title or "",
                "from_years": _years_text(r.from_years),
                "from_line": pd.NA if ft is pd.NA else lines.get((r.from_doc, ft), pd.NA),
                "to_doc": r.to_doc,
                "to_task": tt,
                "to_title": r.to_title or "",
                "to_years": _years_text(r.to_years),
                "to_line": pd.NA if tt is pd.NA else lines.get((r.to_doc, tt), pd.NA),
                "score": round(float(r.score), 3) if not pd.isna(r.score) else pd.NA,
                "source": r.source or "",
            }
        )
    out = pd.DataFrame(rows)
    for col in ("from_task", "from_line", "to_task", "to_line"):
        out[col] = out[col].astype("Int64")
    out["score"] = out["score"].astype("Float64")
    return out


def crosswalk_counts() -> pd.DataFrame:
    """Every crosswalked pair of documents side by side (``corpus_facts.json``).

    Returns:
        One row per document: ``from_doc, to_doc, n_tasks`` (its tasks), ``linked``,
        ``added`` (no regional counterpart), ``dropped`` (regional tasks it has no
        counterpart for), ``threshold`` (the score a link needs).
    """
    facts = corpus_facts()["crosswalk"]
    rows = []
    for doc in facts["from"]:
        s = _summary(doc)
        counts = s.status.value_counts()
        rows.append(
            {
                "from_doc": doc,
                "to_doc": facts["to"],
                "n_tasks": int(s.from_task.notna().sum()),
                "linked": int(counts.get("linked", 0)),
                "added": int(counts.get("added", 0)),
                "dropped": int(counts.get("dropped", 0)),
                "threshold": link_threshold(doc, facts["to"]),
            }
        )
    return pd.DataFrame(rows)


def fig_crosswalk(doc: str = "qtx-impl-2019") -> go.Figure:
    """The crosswalk as a matrix: the document's tasks (rows) × the regional tasks (columns).

    Each cell is the similarity of one of a task's three closest regional tasks
    (:func:`zone_lib.crosswalk`, ``top=3``); a ring marks the link the summary keeps
    (rank 1 above the pair's threshold, or a reading override).

    Args:
        doc: A document of :func:`zone_lib.views.params.valid_docs`.

    Returns:
        The figure; hover gives both task titles and the score.
    """
    doc = params.check_doc(doc)
    to = corpus_facts()["crosswalk"]["to"]
    cw = _memo(("crosswalk", doc), lambda: crosswalk(doc, to, top=3)).copy()
    summary = _summary(doc)
    t = tasks()
    from_titles = dict(zip(t[t.doc_id == doc].task_no.astype(int), t[t.doc_id == doc].task))
    to_tasks = t[t.doc_id == to]
    to_titles = dict(zip(to_tasks.task_no.astype(int), to_tasks.task))
    to_section = dict(zip(to_tasks.task_no.astype(int), to_tasks.section_no))
    ys = sorted(from_titles)
    xs = sorted(to_titles)
    score = {(int(r.from_task), int(r.to_task)): float(r.score) for r in cw.itertuples()}
    z, text = [], []
    for y in ys:
        z.append([score.get((y, x)) for x in xs])
        text.append(
            [
                f"{doc} {y} {html.escape(from_titles[y])}<br>{to} {x} {html.escape(to_titles[x])}"
                if (y, x) in score
                else ""
                for x in xs
            ]
        )
    ylabels = [f"{y} {from_titles[y][:9]}" for y in ys]
    fig = _unchecked(go.Figure(_validate=False))
    fig.add_trace(
        go.Heatmap(
            x=[str(x) for x in xs],
            y=ylabels,
            z=z,
            text=text,
            zmin=0,
            zmax=1,
            colorscale=[[0, "#F2F6FB"], [0.3, "#9ECAE9"], [1, "#08519C"]],
            colorbar={
                "title": {"text": "相似度 score", "side": "top"},
                "orientation": "h",
                "thickness": 10,
                "len": 0.5,
                "x": 1,
                "xanchor": "right",
                "y": 1.0,
                "yanchor": "bottom",
            },
            hovertemplate="%{text}<br>相似度 score %{z:.2f}<extra></extra>",
            hoverongaps=False,
            xgap=1,
            ygap=1,
        )
    )
    kept = summary[(summary.status == "linked") & summary.from_task.notna() & summary.to_task.notna()]
    fig.add_trace(
        go.Scatter(
            x=[str(int(v)) for v in kept.to_task],
            y=[f"{int(v)} {from_titles.get(int(v), '')[:9]}" for v in kept.from_task],
            mode="markers",
            marker={"symbol": "circle-open", "size": 11, "line": {"width": 2}, "color": "#E45756"},
            name="采用的对应 link kept",
            showlegend=True,
            hoverinfo="skip",
        )
    )
    section_ticks = [
        f'<span style="color:{SECTION_COLOURS[(int(to_section[x]) - 1) % len(SECTION_COLOURS)]}">{x}</span>'
        for x in xs
    ]
    fig.update_layout(
        xaxis={
            "title": {"text": f"{to} 任务 tasks (colour: section)"},
            "tickvals": [str(x) for x in xs],
            "ticktext": section_ticks,
            "tickangle": 0,
            "tickfont": {"size": 9},
            "side": "bottom",
        },
        yaxis={"autorange": "reversed", "tickfont": {"size": 10}, "title": {"text": f"{doc} 任务 tasks"}},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    return _layout(fig, f"对应矩阵 Crosswalk matrix<br>{doc} → {to}", height=max(420, 140 + 17 * len(ys)))


def fig_crosswalk_counts() -> go.Figure:
    """Linked / added / dropped tasks of each crosswalked document, stacked bars."""
    c = crosswalk_counts()
    colours = {"linked": "#4C78A8", "added": "#F58518", "dropped": "#9D9D9D"}
    names = {"linked": "有对应 linked", "added": "新增 added", "dropped": "未采用 dropped"}
    fig = _unchecked(go.Figure(_validate=False))
    for status in STATUS_ORDER:
        fig.add_trace(
            go.Bar(
                y=list(c.from_doc),
                x=list(c[status]),
                name=names[status],
                orientation="h",
                marker={"color": colours[status]},
                hovertemplate="%{y}: %{x} " + names[status] + "<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"autorange": "reversed"},
        xaxis={"title": {"text": "任务数 tasks"}, "tickformat": "d"},
        legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top", "traceorder": "normal"},
    )
    return _layout(fig, "各文件与自治区实施方案的对应<br>Each document against the regional plan", height=300)


# --------------------------------------------------------------------------- keywords


def _keywords(by: str) -> pd.DataFrame:
    return _memo(("keywords", by), lambda: keywords(by=by)).copy()


def keywords_view(by: str = "year") -> pd.DataFrame:
    """The ten most distinctive words of each group, one row per group.

    Args:
        by: ``year`` (the annual table's cells of each year), ``document`` or
            ``section`` (see :func:`zone_lib.keywords`).

    Returns:
        ``by, group, keywords`` (the words, most distinctive first, joined by `` · ``),
        ``top_word`` and ``top_weight``.
    """
    k = _keywords(by)
    rows = []
    for group, g in k.groupby("group", sort=False):
        g = g.sort_values("rank")
        rows.append(
            {
                "by": by,
                "group": str(group),
                "keywords": " · ".join(g.word),
                "top_word": g.word.iloc[0],
                "top_weight": round(float(g.weight.iloc[0]), 4),
            }
        )
    return pd.DataFrame(rows)


def keywords_table(by: str = "year") -> pd.DataFrame:
    """Every keyword with its rank and tf-idf weight (:func:`zone_lib.keywords`).

    Args:
        by: ``year``, ``document`` or ``section``.

    Returns:
        ``by, group, rank, word, weight`` (weight rounded to 4 decimals).
    """
    k = _keywords(by)
    k["group"] = k.group.astype(str)
    k["weight"] = k.weight.round(4)
    return k.reset_index(drop=True)


def fig_keywords(by: str = "year") -> go.Figure:
    """Bars of each group's ten keywords, one group at a time (dropdown).

    Args:
        by: ``year``, ``document`` or ``section``.

    Returns:
        The figure; each group's bars in its own colour.
    """
    k = _keywords(by)
    groups = list(dict.fromkeys(k.group.astype(str)))
    palette = YEAR_COLOURS if by == "year" else SECTION_COLOURS
    fig = _unchecked(go.Figure(_validate=False))
    for i, group in enumerate(groups):
        g = k[k.group.astype(str) == group].sort_values("rank")
        fig.add_trace(
            go.Bar(
                x=list(g.weight),
                y=list(g.word),
                orientation="h",
                name=group,
                visible=i == 0,
                marker={"color": palette[i % len(palette)]},
                hovertemplate=f"{html.escape(group)}: %{{y}} %{{x:.4f}}<extra></extra>",
            )
        )
    buttons = [
        {
            "label": group,
            "method": "update",
            "args": [{"visible": [j == i for j in range(len(groups))]}],
        }
        for i, group in enumerate(groups)
    ]
    fig.update_layout(
        updatemenus=_dropdown(buttons),
        showlegend=False,
        yaxis={"autorange": "reversed", "tickfont": {"size": 13}},
        xaxis={"title": {"text": "tf-idf 权重 weight"}},
    )
    title = {"year": "各年度关键词", "document": "各文件关键词", "section": "各部分关键词"}.get(by, "关键词")
    return _layout(fig, f"{title}<br>Keywords by {by}", height=440)


def fig_keywords_by_year() -> go.Figure:
    """The keywords of the four years side by side: one panel per year."""
    k = _keywords("year")
    years = list(dict.fromkeys(k.group.astype(str)))
    fig = make_subplots(
        rows=1, cols=len(years), subplot_titles=[f"{y}年" for y in years], horizontal_spacing=0.09
    )
    for i, y in enumerate(years):
        g = k[k.group.astype(str) == y].sort_values("rank")
        fig.add_trace(
            go.Bar(
                x=list(g.weight),
                y=list(g.word),
                orientation="h",
                name=f"{y}年",
                marker={"color": YEAR_COLOURS[i % len(YEAR_COLOURS)]},
                hovertemplate=f"{y}: %{{y}} %{{x:.4f}}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=i + 1,
        )
        fig.update_yaxes(autorange="reversed", row=1, col=i + 1)
        fig.update_xaxes(showticklabels=False, row=1, col=i + 1)
    fig.update_layout(font={"family": _FONT})
    return _layout(fig, "年度任务的关键词<br>Keywords of each year's cells (tf-idf)", height=420)


# --------------------------------------------------------------------------- reported progress


def _progress() -> pd.DataFrame:
    return _memo("progress", reported_progress).copy()


def progress_view(links_only: bool = False) -> pd.DataFrame:
    """Ningxia's reported 2020 progress, statement by statement, with the planned milestones it matches.

    Args:
        links_only: Keep only the matches at or above the link threshold
            (:data:`zone_lib.analysis.progress.LINK_THRESHOLD`).

    Returns:
        One row per statement × candidate milestone (the three closest, best first):
        ``statement_no, theme, statement, figures`` (the numbers it reports),
        ``report_doc, statement_line``, ``rank, match`` (``linked`` or ``weak``),
        ``score, task_no, task, milestone_year, milestone_text, milestone_source,
        milestone_line``.
    """
    p = _progress()
    report = corpus_facts()["progress_report"]
    out = pd.DataFrame(
        {
            "statement_no": p.statement_no.astype(int),
            "theme": p.theme,
            "statement": p.statement,
            "figures": ["、".join(f) if isinstance(f, list | tuple) else str(f or "") for f in p.figures],
            "report_doc": report,
            "statement_line": p.source_line.astype(int),
            "rank": p["rank"].astype(int),
            "match": ["linked" if x else "weak" for x in p.is_link],
            "score": p.score.astype(float).round(3),
            "task_no": p.task_no.astype(int),
            "task": p.task,
            "milestone_year": p.year.astype(int),
            "milestone_text": p.milestone_text,
            "milestone_source": p.milestone_source,
            "milestone_line": p.milestone_line.astype(int),
        }
    )
    if links_only:
        out = out[out.match == "linked"].reset_index(drop=True)
    return out


def progress_candidates() -> pd.DataFrame:
    """Every candidate milestone of every statement, without repeating the statement's text.

    Returns:
        ``statement_no, rank, match, score, task_no, task, milestone_year,
        milestone_text, milestone_source, milestone_line``.
    """
    cols = ["statement_no", "rank", "match", "score", "task_no", "task", "milestone_year"]
    return progress_view()[[*cols, "milestone_text", "milestone_source", "milestone_line"]]


def progress_statements() -> pd.DataFrame:
    """The reported statements, one row each, with their best match.

    Returns:
        ``statement_no, theme, statement, figures, report_doc, statement_line``,
        ``n_links`` (matches at or above the threshold), ``task_no, task,
        milestone_year, score, match`` of the best match.
    """
    v = progress_view()
    rows = []
    for no, g in v.groupby("statement_no", sort=True):
        best = g.sort_values("rank").iloc[0]
        rows.append(
            {
                "statement_no": int(no),
                "theme": best.theme,
                "statement": best.statement,
                "figures": best.figures,
                "report_doc": best.report_doc,
                "statement_line": int(best.statement_line),
                "n_links": int((g.match == "linked").sum()),
                "task_no": int(best.task_no),
                "task": best.task,
                "milestone_year": int(best.milestone_year),
                "score": float(best.score),
                "match": best.match,
            }
        )
    return pd.DataFrame(rows)


def progress_tasks() -> pd.DataFrame:
    """The planned tasks the 2020 report speaks to (links at or above the threshold).

    Returns:
        ``task_no, task, section_no, section, n_statements, statements`` (their
        numbers), ``best_score``; most statements first.
    """
    v = progress_view(links_only=True)
    t = tasks()
    t = t[t.doc_id == params.DOC_ID].set_index("task_no")
    rows = []
    for no, g in v.groupby("task_no", sort=True):
        rows.append(
            {
                "task_no": int(no),
                "task": g.task.iloc[0],
                "section_no": int(t.at[no, "section_no"]),
                "section": t.at[no, "section"],
                "n_statements": int(g.statement_no.nunique()),
                "statements": "、".join(str(s) for s in sorted(set(g.statement_no))),
                "best_score": float(g.score.max()),
            }
        )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(
        ["n_statements", "best_score", "task_no"], ascending=[False, False, True]
    ).reset_index(drop=True)


def fig_progress() -> go.Figure:
    """Each statement's three closest milestones by score, with the link threshold."""
    v = progress_view()
    fig = _unchecked(go.Figure(_validate=False))
    for rank, colour in zip((1, 2, 3), ("#4C78A8", "#9ECAE9", "#D0E1F2")):
        g = v[v["rank"] == rank]
        fig.add_trace(
            go.Bar(
                y=[f"陈述 {n}" for n in g.statement_no],
                x=list(g.score),
                name=f"第{rank}近 match {rank}",
                orientation="h",
                marker={"color": colour},
                customdata=[
                    [
                        int(r.task_no),
                        html.escape(r.task),
                        int(r.milestone_year),
                        html.escape(_wrap(r.statement, 40)),
                    ]
                    for r in g.itertuples()
                ],
                hovertemplate=(
                    "%{customdata[3]}<br>→ 任务 %{customdata[0]} %{customdata[1]} (%{customdata[2]})"
                    "<br>score %{x:.2f}<extra></extra>"
                ),
            )
        )
    fig.add_vline(x=PROGRESS_THRESHOLD, line={"dash": "dash", "color": "#E45756"})
    fig.add_annotation(
        x=PROGRESS_THRESHOLD,
        y=1,
        yref="paper",
        text=f"阈值 threshold {PROGRESS_THRESHOLD}",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"color": "#E45756"},
    )
    fig.update_layout(
        barmode="group",
        yaxis={"autorange": "reversed"},
        xaxis={"title": {"text": "相似度 score (bigram containment)"}},
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
    )
    n = v.statement_no.nunique()
    return _layout(fig, "报告与计划的对应<br>Statements and their closest milestones", height=160 + 60 * n)


# --------------------------------------------------------------------------- the scraped copy


def _report() -> dict:
    return _memo("copy_report", copy_report)


def _pair() -> tuple[str, str]:
    facts = corpus_facts()["scraped_copy"]
    return facts["copy"], facts["original"]


def copy_summary() -> pd.DataFrame:
    """How much of the original the scraped copy holds, in order, and what it adds.

    Returns:
        ``quantity, quantity_en, amount`` (as text), one row per measure of
        :func:`zone_lib.copy_report`.
    """
    r = _report()
    fc = _memo("find_copies", find_copies)
    copy, original = _pair()
    fc = fc[(fc.copy_id == copy) & (fc.original_id == original)]
    rows = [
        ("复制件", "copy", r["copy_id"]),
        ("原件", "original", r["original_id"]),
        ("判定为复制件", "judged a copy", "是 yes" if r["is_copy"] else "否 no"),
        ("复制件句子数", "sentences in the copy", str(r["n_copy_sentences"])),
        ("原件句子数", "sentences in the original", str(r["n_original_sentences"])),
        ("原件被覆盖的比例", "share of the original found in the copy", f"{r['coverage']:.0%}"),
        ("复制件来自原件的比例", "share of the copy taken from the original", f"{r['copy_share']:.0%}"),
        ("完全相同的句子", "sentences matched exactly", str(r["exact"])),
        ("近似的句子", "sentences matched approximately", str(r["fuzzy"])),
        ("原件缺失的句子", "original sentences missing from the copy", str(len(r["missing"]))),
        ("重复出现的句子", "sentences the copy holds twice", str(r["n_duplicate_sentences"])),
        ("复制件额外的内容", "text only the copy has (page furniture)", str(len(r["noise"]))),
        ("顺序一致（肯德尔 τ）", "order kept (Kendall's τ)", f"{r['kendall_tau']:.2f}"),
        ("按原顺序的比例", "share in the original's order", f"{r['in_order_share']:.0%}"),
    ]
    if len(fc):
        rows.append(("二元组包含度", "character-bigram containment", f"{float(fc.containment.iloc[0]):.1%}"))
    return pd.DataFrame(rows, columns=["quantity", "quantity_en", "amount"])


def copy_alignment_view() -> pd.DataFrame:
    """Every sentence of the scraped copy beside the sentence of the original it matches.

    Returns:
        ``copy_doc, copy_line, copy_sentence, original_doc, original_line,
        original_sentence, match`` (exact / fuzzy / none), ``score, occurrence``.
    """
    copy, original = _pair()
    a = _memo("alignment", copy_alignment).copy()
    return pd.DataFrame(
        {
            "copy_doc": copy,
            "copy_line": a.copy_line.astype(int),
            "copy_sentence": a.copy_sentence,
            "original_doc": original,
            "original_line": a.original_line.astype("Int64"),
            "original_sentence": a.original_sentence.fillna(""),
            "match": a["match"],
            "score": a.score.astype(float).round(3),
            "occurrence": a.occurrence.astype(int),
        }
    )


def copy_missing() -> pd.DataFrame:
    """Sentences of the original the copy does not hold (``copy_report()["missing"]``).

    Returns:
        ``original_doc, original_line, sentence``.
    """
    _, original = _pair()
    missing = _report()["missing"]
    return pd.DataFrame(
        {
            "original_doc": original,
            "original_line": [int(m["original_line"]) for m in missing],
            "sentence": [m["sentence"] for m in missing],
        },
        columns=["original_doc", "original_line", "sentence"],
    )


def copy_extra() -> pd.DataFrame:
    """What the copy holds beyond the original: page furniture and repeated passages.

    Returns:
        ``copy_doc, copy_line, what`` (``noise``: text the original does not have;
        ``embedded``: the original's closing lines run into another sentence),
        ``sentence``.
    """
    copy, _ = _pair()
    r = _report()
    rows = [
        {"copy_doc": copy, "copy_line": int(n["copy_line"]), "what": "noise", "sentence": n["sentence"]}
        for n in r["noise"]
    ]
    rows += [
        {"copy_doc": copy, "copy_line": int(e["copy_line"]), "what": "embedded", "sentence": e["sentence"]}
        for e in r["embedded"]
    ]
    return pd.DataFrame(rows, columns=["copy_doc", "copy_line", "what", "sentence"])


def fig_copy_alignment() -> go.Figure:
    """The copy's sentences in their order (x) against the original's line (y), by kind of match.

    A copy that keeps the original's order draws a rising line; a passage the copy
    holds a second time (open circles) draws a second one; a sentence with no match
    sits below the others.
    """
    a = copy_alignment_view()
    a = a.assign(position=range(1, len(a) + 1))
    fig = _unchecked(go.Figure(_validate=False))
    names = {"exact": "完全相同 exact", "fuzzy": "近似 fuzzy", "none": "无对应 none"}
    for match, occurrence in (("exact", 1), ("fuzzy", 1), ("exact", 2), ("fuzzy", 2), ("none", 1)):
        g = a[(a["match"] == match) & ((a.occurrence == occurrence) | (match == "none"))]
        if g.empty:
            continue
        name = names[match] + (" · 第二次出现 held again" if occurrence == 2 else "")
        fig.add_trace(
            go.Scatter(
                x=list(g.position),
                y=[None if pd.isna(v) else int(v) for v in g.original_line]
                if match != "none"
                else [None] * len(g),
                mode="markers",
                name=name,
                marker={
                    "color": MATCH_COLOURS[match],
                    "size": 6,
                    "symbol": "circle-open" if occurrence == 2 else "circle",
                },
                customdata=[
                    [int(r.copy_line), html.escape(_wrap(r.copy_sentence, 40))] for r in g.itertuples()
                ],
                hovertemplate="复制件行 copy line %{customdata[0]} · 原件行 original line %{y}"
                "<br>%{customdata[1]}<extra></extra>",
            )
        )
    none = a[a["match"] == "none"]
    if len(none):
        fig.data[-1].y = [float(a.original_line.min()) - 8] * len(none)
    fig.update_layout(
        xaxis={"title": {"text": "复制件中的句子顺序 sentence of the copy, in order"}, "tickformat": "d"},
        yaxis={"title": {"text": "原件行号 line of the original"}, "tickformat": "d"},
        legend={"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
    )
    return _layout(fig, "复制件与原件的对齐<br>The copy aligned with the original", height=460)
