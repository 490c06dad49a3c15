"""Numbered tasks in the prose of an implementation plan.

Reads, for every numbered task (``1.统一数据标准规范。2019年，…``), its name, its
section (``（一）…``), its year milestones (``2019年，…。2020年，…``) and its
``牵头单位：`` / ``配合单位：`` lines, each with the line it stands on. Lines
broken by a page break (``…信息数`` / ``据接口…``) are joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import chinese_numeral, collapse_ws, strip_markup
from .unit_names import split_units

_PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_SECTION = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$")
_TASK = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_UNIT_LINE = re.compile(r"^(牵头单位|配合单位|责任单位)\s*[:：]\s*(.*)$")
_ROLES = {"牵头单位": "lead", "配合单位": "coop", "责任单位": "lead"}
_RESPONSIBLE = re.compile(r"^(?:责任单位|负责单位|牵头单位)\s*[:：]\s*(.+)$")
_LEAD_COOP = re.compile(r"^(.+?)牵头[，,](.+?)配合$")
_LEAD_ONLY = re.compile(r"^(.+?)(?:分别)?(?:牵头)?负责$|^(.+?)牵头$")
_DEADLINE = re.compile(r"\d{4}年|长期|持续|年底")
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
    deadlines: list[tuple[str, int]] = field(default_factory=list)  # (text as written, line)
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


def _trailing_group(text: str) -> tuple[str, str] | None:
    """Split off a final bracketed group ``（…）`` (brackets inside it balanced)."""
    body = text.rstrip().rstrip("。")
    if not body.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return body[:i], body[i + 1 : -1]
    return None


def responsibility_clause(content: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Read a bracketed responsibility clause.

    Handles ``责任单位:A、B`` (first listed leads), ``A负责``, ``A、B分别负责``,
    ``A牵头，B配合`` and deadlines after a semicolon (``2021年底前完成``, ``长期坚持``).

    Returns:
        ``(units with roles, deadline texts)``, or None if the clause names no unit.
    """
    m = _RESPONSIBLE.match(content.strip())
    if m:
        units = split_units(m.group(1))
        return [(u, "lead" if k == 0 else "coop") for k, u in enumerate(units)], []
    units: list[tuple[str, str]] = []
    deadlines: list[str] = []
    for part in re.split(r"[；;]", content):
        part = part.strip()
        if not part:
            continue
        both = _LEAD_COOP.match(part)
        if both:
            units += [(u, "lead") for u in split_units(both.group(1))]
            units += [(u, "coop") for u in split_units(both.group(2))]
        elif (lead := _LEAD_ONLY.match(part)) is not None:
            units += [(u, "lead") for u in split_units(lead.group(1) or lead.group(2))]
        elif _DEADLINE.search(part):
            deadlines.append(part)
    return (units, deadlines) if units else None


def parse_prose_tasks(numbered_lines: list[tuple[int, str]], stop_at: int | None = None) -> ProseParse:
    """Read the numbered tasks of a document.

    A task's section is the nearest ``（一）`` heading after the last ``一、`` part
    heading, or that part heading itself when the part has no such headings (as in
    a notice whose actions are ``一、…``).

    Args:
        numbered_lines: ``(line_no, text)`` of the document.
        stop_at: A line number at which to stop (an annex table, say).

    Returns:
        Tasks in order, the section headings holding them, and the role of every
        line used.
    """
    tasks: list[ProseTask] = []
    headings: list[ProseSection] = []
    used: dict[int, str] = {}
    part: ProseSection | None = None
    section: ProseSection | None = None
    current: ProseTask | None = None
    body: _Text | None = None
    unit_role: tuple[str, int] | None = None
    unit_text = ""
    expected = 1
    holding: list[ProseSection] = []

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
            clause = _trailing_group(full)
            if clause is not None and not current.units:
                read = responsibility_clause(clause[1])
                if read is not None:
                    units, deadlines = read
                    where = body.line_at(len(clause[0]))
                    current.units.extend((u, r, where) for u, r in units)
                    current.deadlines.extend((d, where) for d in deadlines)
                    full = clause[0].rstrip() + "。" if not clause[0].rstrip().endswith("。") else clause[0]
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
        unit = _UNIT_LINE.match(text)
        task = _TASK.match(text)
        sec = _SECTION.match(text)
        part_m = _PART.match(text)
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
            holder = section or part
            if holder is not None and holder not in holding:
                holding.append(holder)
            current = ProseTask(
                expected,
                "",
                holder.section_no if holder else None,
                holder.title if holder else "",
                "",
                line_no,
            )
            body = _Text()
            body.add(task.group(2).strip(), line_no)
            current.lines.append(line_no)
            used[line_no] = "task"
            expected += 1
            continue
        heading = None
        if sec or part_m:
            m = sec or part_m
            try:
                number = chinese_numeral(m.group(1))
            except ValueError:
                number = None
            if number is not None:
                title = collapse_ws(m.group(2)).split("。")[0]
                heading = ProseSection(number, title, line_no)
        if heading is not None:
            close_task()
            if sec:
                section = heading
            else:
                part, section = heading, None
            headings.append(heading)
            used[line_no] = "section" if sec else "part"
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
    return ProseParse(tasks, holding, used)
