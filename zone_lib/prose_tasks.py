"""Numbered tasks in the prose of an implementation plan.

Reads, for every numbered task (``1.统一数据标准规范。2019年，…``), its name, its
section (``（一）…``), its year milestones (``2019年，…。2020年，…``) and its
``牵头单位：`` / ``配合单位：`` lines, each with the line it stands on. Lines
broken by a page break (``…信息数`` / ``据接口…``) are joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import chinese_numeral, collapse_ws, fold, strip_markup
from .units import split_units

_PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_SECTION = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$")
_TASK = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_UNIT_LINE = re.compile(r"^(牵头单位|配合单位|责任单位)\s*[:：]\s*(.*)$")
_ROLES = {"牵头单位": "lead", "配合单位": "coop", "责任单位": "lead"}
#: A year milestone opening a sentence: 2019年， / 到2022年， / 2019—2020年， / 2019年—2020年，
MILESTONE = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:到|至)?(?P<y1>20\d{2})年?"
    r"(?:\s*[—–\-~至到]+\s*(?P<y2>20\d{2}))?年(?:底前|底|前)?\s*[，,：:]"
)


@dataclass(frozen=True)
class Milestone:
    """What a task's prose promises for one year (or a range of years)."""

    year_from: int
    year_to: int
    marker: str
    text: str
    source_line: int


@dataclass
class ProseTask:
    """A numbered task of the prose, with its milestones and units."""

    task_no: int
    task: str
    section_no: int | None
    section: str
    text: str
    source_line: int
    milestones: list[Milestone] = field(default_factory=list)
    units: list[tuple[str, str, int]] = field(default_factory=list)  # (unit, role, line)
    lines: list[int] = field(default_factory=list)

    def milestone_text(self, year: int) -> str:
        """All milestone text covering ``year``, joined."""
        return "".join(m.text for m in self.milestones if m.year_from <= year <= m.year_to)


@dataclass(frozen=True)
class ProseSection:
    """A section heading ``（一）…`` among the tasks."""

    section_no: int
    title: str
    source_line: int


@dataclass
class ProseParse:
    """Result of reading the task part of a document."""

    tasks: list[ProseTask]
    sections: list[ProseSection]
    used_lines: dict[int, str]  # line -> role (task, continuation, units, section, part)


class _Text:
    """Text joined from several lines, remembering which line each character came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[tuple[int, int]] = []  # (offset, line)
        self.length = 0

    def add(self, text: str, line: int) -> None:
        self.starts.append((self.length, line))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, ln in self.starts:
            if start > offset:
                break
            line = ln
        return line


def split_milestones(text: str, line_at) -> tuple[str, list[Milestone]]:
    """Split a task's text at its year milestones.

    Args:
        text: The task text after its name.
        line_at: Function giving the source line of a character offset.

    Returns:
        The text before the first milestone and the milestones in order.
    """
    marks = list(MILESTONE.finditer(text))
    if not marks:
        return text, []
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        y1 = int(m.group("y1"))
        y2 = int(m.group("y2")) if m.group("y2") else y1
        marker = m.group(0).strip()
        body = text[m.end() : end].strip()
        out.append(
            Milestone(y1, y2, marker, body, line_at(m.start() + len(m.group(0)) - len(m.group(0).lstrip())))
        )
    return text[: marks[0].start()].strip(), out


def parse_prose_tasks(numbered_lines: list[tuple[int, str]], stop_at: int | None = None) -> ProseParse:
    """Read the numbered tasks of a document.

    Args:
        numbered_lines: ``(line_no, text)`` of the document.
        stop_at: A line number at which to stop (an annex table, say).

    Returns:
        Tasks in order, the section headings, and the role of every line used.
    """
    tasks: list[ProseTask] = []
    sections: list[ProseSection] = []
    used: dict[int, str] = {}
    section: ProseSection | None = None
    current: ProseTask | None = None
    body: _Text | None = None
    unit_role: tuple[str, int] | None = None
    unit_text = ""
    expected = 1

    def close_units() -> None:
        nonlocal unit_role, unit_text
        if current is not None and unit_role is not None:
            role, line = unit_role
            current.units.extend((u, role, line) for u in split_units(unit_text))
        unit_role, unit_text = None, ""

    def close_task() -> None:
        nonlocal current, body
        close_units()
        if current is not None and body is not None:
            full = body.text
            name, _, rest = full.partition("。")
            if not rest and "。" not in full:
                name, rest = full, ""
            current.task = collapse_ws(name)
            current.text = collapse_ws(full)
            offset = len(name) + 1
            _, current.milestones = split_milestones(rest, lambda o: body.line_at(o + offset))
            tasks.append(current)
        current, body = None, None

    for line_no, raw in numbered_lines:
        if stop_at is not None and line_no >= stop_at:
            break
        text = strip_markup(raw).strip()
        if not text:
            continue
        folded = fold(text)
        unit = _UNIT_LINE.match(text)
        task = _TASK.match(text)
        sec = _SECTION.match(text)
        part = _PART.match(folded)
        if unit and current is not None:
            close_units()
            unit_role, unit_text = (_ROLES[unit.group(1)], line_no), unit.group(2)
            used[line_no] = "units"
            current.lines.append(line_no)
            if unit_text.rstrip().endswith("。"):
                close_units()
            continue
        if task and int(task.group(1)) == expected:
            close_task()
            current = ProseTask(
                expected,
                "",
                section.section_no if section else None,
                section.title if section else "",
                "",
                line_no,
            )
            body = _Text()
            body.add(task.group(2).strip(), line_no)
            current.lines.append(line_no)
            used[line_no] = "task"
            expected += 1
            continue
        if sec:
            close_task()
            try:
                number = chinese_numeral(sec.group(1))
            except ValueError:
                number = None
            if number is not None:
                section = ProseSection(number, collapse_ws(sec.group(2)).rstrip("。"), line_no)
                sections.append(section)
                used[line_no] = "section"
                continue
        if part:
            close_task()
            section = None if tasks else section
            used[line_no] = "part"
            continue
        if unit_role is not None:
            unit_text += text  # a unit list broken over lines
            used[line_no] = "units"
            current.lines.append(line_no)
            continue
        if current is not None and body is not None and not current.units:
            body.add(text, line_no)
            current.lines.append(line_no)
            used[line_no] = "continuation"
            continue
    close_task()
    with_tasks = {t.section_no for t in tasks}
    first_task = tasks[0].source_line if tasks else 0
    last_task = tasks[-1].source_line if tasks else 0
    sections = [s for s in sections if s.section_no in with_tasks and s.source_line <= last_task]
    for line, role in list(used.items()):
        if role == "section" and not (first_task - 10 <= line <= last_task):
            del used[line]  # a heading outside the task part is not ours
    return ProseParse(tasks, sections, used)
