"""Reported progress: Ningxia's own account of 2020 linked to the milestones it planned.

The national notice 国卫规划发〔2020〕22号 (``nhc-5yi-2020``) carries an annex of
provinces' practices (``附件：`` then items ``一、北京市…``, ``二、上海市…``). The
item whose heading names 宁夏 is Ningxia's report of what it had achieved by
2020: one paragraph of points ``一是…二是…``, each opening with a short theme
sentence (``打造“一体化”医疗服务新模式。``) followed by statements.

:func:`reported_progress` splits that item into statements and links each to
the planned milestones of the regional Implementation Plan (``nx-impl-2019``,
prose and table) by character-bigram containment: the share of the
statement's bigrams found in the task's title and the milestone's text, bigrams
common to the milestones (more than :data:`STOP_SHARE` of them) left out.
Reports and plans word things differently, so scores are modest; the top
three tasks per statement are kept and :data:`LINK_THRESHOLD` marks the links
worth reading as such.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from zone_lib.errors import ParseError
from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.tables.matrix import MATRIX_DOC
from zone_lib.tables.tasks import milestones, tasks
from zone_lib.textutil import bigrams, chinese_numeral

#: Bigrams found in more than this share of the milestones (医疗, 健康, 互联, 全区,
#: 建设, …) are no evidence of a link and are left out of a statement's bigrams.
STOP_SHARE = 0.2
#: A statement is linked to a milestone when this share of its (non-stop) bigrams
#: occurs in the task title plus milestone text. Most unrelated milestones score
#: below 0.1; the clear links (电子健康码 and 诊前、诊中、诊后 -> task 21, 一站式结算 ->
#: task 36, 产业发展 -> task 6) score 0.17-0.38.
LINK_THRESHOLD = 0.15
#: Links kept per statement (distinct tasks, best milestone of each).
TOP_N = 3
#: Within a task, a milestone due by :data:`PREFERRED_YEAR` is preferred to a later
#: one scoring at most this much higher.
PREFER_MARGIN = 0.05
#: The report covers the years up to this one.
PREFERRED_YEAR = 2020

#: Columns of :func:`reported_progress`.
PROGRESS_COLUMNS = [
    "statement_no", "point_no", "theme", "statement", "figures", "source_line", "task_no", "task", "year",
    "milestone_text", "milestone_source", "milestone_line", "score", "rank", "is_link",
]  # fmt: skip

_NUM = "一二三四五六七八九十"
_ITEM = re.compile(rf"^\s*([{_NUM}]{{1,3}})、(.+)$")
_POINT = re.compile(rf"(?:^|(?<=[。；;]))([{_NUM}]{{1,3}})是")
_SENTENCE = re.compile(r"(?<=[。！？])")
#: Arabic numbers with their multiplier, approximation and unit: 5万多名, 5亿余条, 20分钟, 90%.
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*[万亿千百]?[多余]?"
    r"(?:%|％|分钟|小时|个|名|条|家|项|所|人次|人|次|年|天|台|张|倍|元|个百分点)?"
)

#: The progress report read by :func:`reported_progress` (``data/corpus_facts.json``).
REPORT_DOC: str = corpus_facts()["progress_report"]


def figures(text: str) -> list[str]:
    """Arabic numbers of a text with their unit, in order.

    >>> figures("备案注册全国医师5万多名，累计汇聚数据5亿余条，20分钟即可完成")
    ['5万多名', '5亿余条', '20分钟']
    >>> figures("覆盖90%以上")
    ['90%']
    """
    return [m.group().replace(" ", "") for m in _FIGURE.finditer(text)]


def annex_item(doc: Document, names: str = "宁夏") -> tuple[int, str, list[tuple[int, str]]]:
    """The annex item of a document whose heading names a region.

    The annex starts at the last line opening with ``附件`` (the whole document if
    there is none); its items are headed ``十一、宁夏回族自治区…`` and run to the
    next heading.

    Args:
        doc: The document holding the annex.
        names: Text the item's heading must contain.

    Returns:
        ``(item_no, heading, body)`` with body the item's non-blank ``(line_no, text)``.

    Raises:
        LookupError: If no annex item's heading contains ``names``.
    """
    lines = doc.numbered_lines()
    starts = [k for k, (_, text) in enumerate(lines) if text.strip().startswith("附件")]
    lines = lines[starts[-1] + 1 :] if starts else lines
    found: tuple[int, str] | None = None
    body: list[tuple[int, str]] = []
    for n, text in lines:
        m = _ITEM.match(text)
        if m and len(text.strip()) <= 60:
            if found is not None:
                break
            if names in m.group(2):
                found = (chinese_numeral(m.group(1)), m.group(2).strip())
            continue
        if found is not None and text.strip():
            body.append((n, text.strip()))
    if found is None:
        raise ParseError(doc.seed.name, None, f"an annex item of {doc.doc_id} whose heading names {names!r}")
    return found[0], found[1], body


def split_points(text: str) -> list[tuple[int, str, list[str]]]:
    """Split a paragraph of ``一是…二是…`` points into ``(point_no, theme, statements)``.

    The theme is a point's first sentence; the statements are the rest, split at
    ``。！？``. Text before ``一是`` is point 0 with no theme.

    >>> split_points("一是打造新模式。建成平台。汇聚数据。二是推进新机制。推行健康码。")
    [(1, '打造新模式。', ['建成平台。', '汇聚数据。']), (2, '推进新机制。', ['推行健康码。'])]
    """
    marks = list(_POINT.finditer(text))
    out = []
    lead = text[: marks[0].start()].strip() if marks else text.strip()
    if lead:
        out.append((0, "", [s.strip() for s in _SENTENCE.split(lead) if s.strip()]))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        sentences = [s.strip() for s in _SENTENCE.split(text[m.end() : end]) if s.strip()]
        if sentences:
            out.append((chinese_numeral(m.group(1)), sentences[0], sentences[1:]))
    return out


def _candidates(seeds: Seeds) -> tuple[list[dict], set[str]]:
    """Milestones of nx-impl-2019 with their task titles and bigrams, and the stop bigrams."""
    titles = tasks(MATRIX_DOC, seeds=seeds).set_index("task_no")["task"].to_dict()
    out = []
    for r in milestones(MATRIX_DOC, seeds=seeds).itertuples():
        task = titles.get(r.task_no, "")
        out.append(
            {
                "task_no": int(r.task_no),
                "task": task,
                "year": int(r.year_to),
                "milestone_text": r.text,
                "milestone_source": r.source,
                "milestone_line": int(r.source_line),
                "grams": bigrams(f"{task}。{r.text}"),
            }
        )
    counts = Counter(g for c in out for g in c["grams"])
    stop = {g for g, n in counts.items() if n > STOP_SHARE * len(out)}
    return out, stop


def _best_per_task(grams: set[str], candidates: list[dict]) -> list[dict]:
    """Each task's best milestone for a statement, preferring those due by 2020."""
    by_task: dict[int, list[tuple[float, dict]]] = {}
    for c in candidates:
        score = len(grams & c["grams"]) / len(grams) if grams else 0.0
        by_task.setdefault(c["task_no"], []).append((score, c))
    out = []
    for scored in by_task.values():
        top = max(s for s, _ in scored)
        early = [(s, c) for s, c in scored if c["year"] <= PREFERRED_YEAR and s >= top - PREFER_MARGIN]
        pool = early or scored
        # highest score, then earliest year, then prose before table
        score, c = max(pool, key=lambda t: (t[0], -t[1]["year"], t[1]["milestone_source"] == "prose"))
        out.append({**{k: v for k, v in c.items() if k != "grams"}, "score": round(score, 3)})
    out.sort(key=lambda r: (-r["score"], r["task_no"]))
    return out


def reported_progress(seeds: Seeds = None, top_n: int = TOP_N) -> pd.DataFrame:
    """Ningxia's reported achievements of 2020 linked to the milestones of its Implementation Plan.

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        top_n: Tasks kept per statement.

    Returns:
        One row per statement and linked task (``top_n`` per statement), with the
        columns of :data:`PROGRESS_COLUMNS`: ``statement_no`` runs over the item,
        ``point_no`` is the 一是/二是 number and ``theme`` that point's first
        sentence; ``figures`` lists the statement's Arabic numbers with units;
        ``source_line`` is the statement's line in the seed file. The linked
        milestone is the task's best-scoring one (``score``: share of the
        statement's non-stop bigrams in task title plus milestone), one due by 2020
        preferred when within :data:`PREFER_MARGIN`; ``year`` is the year it is
        due; ``rank`` 1..top_n; ``is_link`` when ``score`` reaches :data:`LINK_THRESHOLD`.

    Raises:
        DocumentNotFoundError: If the corpus has no ``nhc-5yi-2020`` or ``nx-impl-2019``.
        LookupError: If the notice's annex has no item naming 宁夏.
    """
    doc = load_corpus(seeds).get(REPORT_DOC)
    _, _, body = annex_item(doc)
    candidates, stop = _candidates(seeds)
    rows = []
    statement_no = 0
    for line_no, text in body:
        for point_no, theme, statements in split_points(text):
            for statement in statements:
                statement_no += 1
                links = _best_per_task(bigrams(statement) - stop, candidates)[:top_n]
                for rank, link in enumerate(links, start=1):
                    rows.append(
                        {
                            "statement_no": statement_no,
                            "point_no": point_no,
                            "theme": theme,
                            "statement": statement,
                            "figures": figures(statement),
                            "source_line": line_no,
                            **link,
                            "rank": rank,
                            "is_link": link["score"] >= LINK_THRESHOLD,
                        }
                    )
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
