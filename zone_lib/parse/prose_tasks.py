"""Numbered tasks in the prose of an implementation plan.

Reads, for every numbered task (``1.统一数据标准规范。2019年，…``), its name, its
section (``（一）…``), its year milestones (``2019年，…。2020年，…``) and its
``牵头单位：`` / ``配合单位：`` lines, each with the line it stands on. Lines
broken by a page break (``…信息数`` / ``据接口…``) are joined back.

Tasks are numbered in one of three ways (a *numbering scheme*, found from the
text by :func:`detect_scheme`): ``1.`` items under ``（一）`` sections (the
seeds), ``（一）`` items under ``一、`` parts, or ``一是…二是…`` items inside
paragraphs. Every line the parser does not use is kept in
:attr:`ProseParse.other_lines` with the reason, and lines it cannot read (a task
number out of sequence, a unit line before any task, a paragraph between two
tasks that continues neither) in :attr:`ProseParse.problems`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zone_lib.parse.unit_names import split_units
from zone_lib.textutil import chinese_numeral, collapse_ws, strip_markup

_PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_SECTION = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$")
_TASK = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_YISHI = re.compile(r"^([一二三四五六七八九十]+)是\s*(\S.*)$")
#: Where an inline ``二是`` item starts: the start of a line or after a sentence end.
_YISHI_SPLIT = re.compile(r"(?:(?<=[。；;])|^)\s*(?=[一二三四五六七八九十]+是)")
_UNIT_LINE = re.compile(
    r"^(牵头单位|配合单位|责任单位|牵头部门|配合部门|责任部门|负责单位|负责部门)\s*[:：]\s*(.*)$"
)
_ROLES = {"牵头": "lead", "配合": "coop", "责任": "first", "负责": "first"}
_CLAUSE_UNITS = re.compile(r"^(牵头|配合|责任|负责)(?:单位|部门)\s*[:：]\s*(.+)$")
_LEAD_COOP = re.compile(r"^(.+?)牵头[，,](.+?)配合$")
_LEAD_ONLY = re.compile(r"^(.+?)(?:分别)?(?:牵头)?负责$|^(.+?)牵头$")
_DEADLINE = re.compile(r"\d{4}年|长期|持续|年底")
_SUB_ITEM = re.compile(r"^(?:[(（]\d{1,2}[)）]|\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]+是)")
#: A year milestone opening a sentence: 2019年， / 到2022年， / 2019—2020年， / 2019年—2020年，
#: / 2021年底前， / 2021年底前完成… / 从2019年起，
MILESTONE = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?P<lead>到|至|从|自)?(?P<y1>20\d{2})年?"
    r"(?:\s*[—–\-~至到]+\s*(?P<y2>20\d{2}))?年"
    r"(?:(?P<open>起|开始)\s*[，,：:]?|(?:底前|底|前)?\s*[，,：:]|底前(?=[^\s，,：:]))"
)
#: Full-width digits made half-width one for one, so offsets stay those of the text.
_HALF_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_FULL_DIGIT = re.compile("[\uff10-\uff19]")


def half_digits(text: str) -> str:
    """The text with full-width digits made half-width, one character for one (offsets unchanged)."""
    return text.translate(_HALF_DIGITS) if _FULL_DIGIT.search(text) else text


_SENTENCE_END = "。！？!?；;"
_CLOSERS = "”’」』"
#: Longest line read as the rest of a unit list broken over lines.
UNIT_CONTINUATION_MAX = 40


@dataclass(frozen=True)
class Milestone:
    """What a task's prose promises for one year (or a range of years).

    ``year_to`` is None for an open-ended milestone (``从2019年起，…``).
    """

    year_from: int
    year_to: int | None
    marker: str
    text: str
    source_line: int
    offset: int = field(default=0, compare=False)  # where the marker starts in the task's text


@dataclass
class ProseTask:
    """A numbered task of the prose, with its milestones and units.

    ``task_no`` is the printed number; when the numbering restarts (at ``1.`` after
    a heading, or at ``一是``) it goes on from the last task's (``printed_no`` keeps
    the number as printed).
    ``milestones`` hold the closed year ranges, ``open_milestones`` those with no
    end year (``从2019年起``).
    """

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
    open_milestones: list[Milestone] = field(default_factory=list)
    printed_no: int | None = None

    def milestone_text(self, year: int) -> str:
        """All milestone text covering ``year``, joined."""
        return "".join(m.text for m in self.milestones if m.year_from <= year <= m.year_to)

    def all_milestones(self) -> list[Milestone]:
        """Closed and open-ended milestones, in the order the text gives them."""
        return sorted(self.milestones + self.open_milestones, key=lambda m: (m.source_line, m.offset))


@dataclass(frozen=True)
class ProseSection:
    """A section heading ``（一）…`` among the tasks."""

    section_no: int
    title: str
    source_line: int


@dataclass
class ProseParse:
    """Result of reading the task part of a document.

    Attributes:
        tasks: The tasks in order.
        sections: The headings holding them.
        used_lines: Line -> role (task, continuation, units, section, part).
        problems: ``(line, reason)`` for lines that look like part of a task but
            could not be read as one.
        other_lines: Line -> why the line is not part of a task (``before the
            tasks``, ``section introduction``, ``after the tasks``); problem lines
            are not in it.
        scheme: The numbering scheme read (``arabic``, ``section`` or ``yishi``).
    """

    tasks: list[ProseTask]
    sections: list[ProseSection]
    used_lines: dict[int, str]
    problems: list[tuple[int, str]] = field(default_factory=list)
    other_lines: dict[int, str] = field(default_factory=dict)
    scheme: str = "arabic"


@dataclass(frozen=True)
class Scheme:
    """How the tasks of a document are numbered.

    Attributes:
        name: ``arabic`` (``1.`` tasks, ``（一）`` sections, ``一、`` parts),
            ``section`` (``（一）`` tasks, ``一、`` sections) or ``yishi``
            (``一是`` tasks inside paragraphs, ``（一）`` sections, ``一、`` parts).
        task: Pattern of a task's first line: group 1 the printed number, group 2 the rest.
        section: Pattern of a section heading, or None.
        part: Pattern of a part heading, or None.
        chinese: Whether the task number is a Chinese numeral.
    """

    name: str
    task: re.Pattern[str]
    section: re.Pattern[str] | None
    part: re.Pattern[str] | None
    chinese: bool


SCHEMES = {
    "arabic": Scheme("arabic", _TASK, _SECTION, _PART, False),
    "section": Scheme("section", _SECTION, _PART, None, True),
    "yishi": Scheme("yishi", _YISHI, _SECTION, _PART, True),
}


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


def split_milestones(text: str, line_at: Callable[[int], int]) -> tuple[str, list[Milestone]]:
    """Split a task's text at its year milestones.

    Recognises ``2019年，``, ``2019—2020年，``, ``到2022年，``, ``2021年底前，`` (also
    without the comma: ``2021年底前完成…``) and ``从2019年起，`` (open-ended:
    ``year_to`` is None), at the start of the text or of a sentence. Full-width
    digits count as digits.

    Args:
        text: The task text after its name.
        line_at: Function giving the source line of a character offset.

    Returns:
        The text before the first milestone and the milestones in order. The text
        before, each milestone's marker and text together hold every non-space
        character of ``text``.
    """
    marks = list(MILESTONE.finditer(half_digits(text)))
    if not marks:
        return text, []
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        y1 = int(m.group("y1"))
        y2: int | None = int(m.group("y2")) if m.group("y2") else y1
        if m.group("open") and not m.group("y2"):
            y2 = None
        marker = text[m.start() : m.end()].strip()
        body = text[m.end() : end].strip()
        lead = len(m.group(0)) - len(m.group(0).lstrip())
        out.append(Milestone(y1, y2, marker, body, line_at(m.start() + lead), m.start() + lead))
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


def _listed(units: list[str], role: str) -> list[tuple[str, str]]:
    """Units of one list with their roles; ``first``: the first listed leads, the others cooperate."""
    if role == "first":
        return [(u, "lead" if k == 0 else "coop") for k, u in enumerate(units)]
    return [(u, role) for u in units]


def read_clause(content: str) -> tuple[list[tuple[str, str]], list[str], list[str]] | None:
    """Read a bracketed responsibility clause, part by part (parts are separated by ``；``).

    Handles ``责任单位:A、B`` and ``负责部门：A、B`` (the first listed leads, the
    others cooperate), ``牵头单位：A`` / ``配合单位：B``, ``A负责``, ``A、B分别负责``,
    ``A牵头，B配合`` and deadlines (``2021年底前完成``, ``长期坚持``).

    Returns:
        ``(units with roles, deadline texts, parts not understood)`` such as
        ``适用范围：…``, or None if the clause names no unit.
    """
    units: list[tuple[str, str]] = []
    deadlines: list[str] = []
    other: list[str] = []
    for part in re.split(r"[；;]", content):
        part = part.strip()
        if not part:
            continue
        listed = _CLAUSE_UNITS.match(part)
        both = _LEAD_COOP.match(part)
        if listed:
            units += _listed(split_units(listed.group(2)), _ROLES[listed.group(1)])
        elif both:
            units += [(u, "lead") for u in split_units(both.group(1))]
            units += [(u, "coop") for u in split_units(both.group(2))]
        elif (lead := _LEAD_ONLY.match(part)) is not None:
            units += [(u, "lead") for u in split_units(lead.group(1) or lead.group(2))]
        elif _DEADLINE.search(part):
            deadlines.append(part)
        else:
            other.append(part)
    return (units, deadlines, other) if units else None


def responsibility_clause(content: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Read a bracketed responsibility clause (see :func:`read_clause`).

    Returns:
        ``(units with roles, deadline texts)``, or None if the clause names no unit.
    """
    read = read_clause(content)
    return None if read is None else (read[0], read[1])


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (``。``, ``；``, ``！`` …, or a closing bracket clause)."""
    body = text.rstrip().rstrip(_CLOSERS)
    if not body:
        return False
    if body[-1] in "）)":
        return _trailing_group(body) is not None
    return body[-1] in _SENTENCE_END


def _opens_continuation(text: str) -> bool:
    """Whether a line that follows a finished sentence still belongs to the task above it."""
    folded = half_digits(text)
    if MILESTONE.match(folded) or _SUB_ITEM.match(folded):
        return True
    group = _trailing_group(text)
    return group is not None and not group[0].strip() and read_clause(group[1]) is not None


def _pieces(text: str, scheme: Scheme) -> list[str]:
    """A line cut where inline ``二是`` items start (yishi scheme); else the line itself."""
    if scheme.name != "yishi":
        return [text]
    cuts = [m.start() for m in _YISHI_SPLIT.finditer(text) if m.start() > 0 or m.end() == 0]
    bounds = sorted({0, *cuts, len(text)})
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _number(m: re.Match[str], scheme: Scheme) -> int | None:
    if not scheme.chinese:
        return int(half_digits(m.group(1)))
    try:
        return chinese_numeral(m.group(1))
    except ValueError:
        return None


def parse_prose_tasks(
    numbered_lines: list[tuple[int, str]],
    stop_at: int | None = None,
    scheme: str = "arabic",
    task_parts: set[int] | None = None,
) -> ProseParse:
    """Read the numbered tasks of a document.

    A task's section is the nearest ``（一）`` heading after the last ``一、`` part
    heading, or that part heading itself when the part has no such headings (as in
    a notice whose actions are ``一、…``).

    A line belongs to the task above it if that task has no unit line yet and the
    line continues a sentence the line before left open (a page break), opens a
    year milestone, a sub-item (``（1）``, ``一是``) or a responsibility clause.

    Args:
        numbered_lines: ``(line_no, text)`` of the document.
        stop_at: A line number at which to stop (an annex table, say).
        scheme: The numbering scheme, a key of :data:`SCHEMES`.
        task_parts: With the ``section`` scheme, the lines of the ``一、`` headings
            whose items are tasks (None: all of them).

    Returns:
        Tasks in order, the section headings holding them, the role of every line
        used, the lines not understood and why the other lines were left out.
    """
    sch = SCHEMES[scheme]
    tasks: list[ProseTask] = []
    headings: list[ProseSection] = []
    used: dict[int, str] = {}
    other: dict[int, str] = {}
    stray: list[tuple[int, int]] = []  # (line, task_no it follows)
    problems: list[tuple[int, str]] = []
    part: ProseSection | None = None
    section: ProseSection | None = None
    current: ProseTask | None = None
    body: _Text | None = None
    body_open = False  # the task's text may still continue
    last_line_text = ""
    unit_role: tuple[str, int] | None = None
    unit_text = ""
    expected = 1  # the next printed number
    run_offset = 0  # task_no of the last task before the numbering restarted at 1
    heading_since_task = True
    in_task_part = True
    holding: list[ProseSection] = []
    held: set[int] = set()  # ids of the headings in holding

    def close_units() -> None:
        nonlocal unit_role, unit_text
        if current is not None and unit_role is not None:
            role, line = unit_role
            current.units.extend((u, r, line) for u, r in _listed(split_units(unit_text), role))
        unit_role, unit_text = None, ""

    def close_task() -> None:
        nonlocal current, body, body_open
        close_units()
        if current is not None and body is not None:
            full = body.text
            kept = ""  # parts of a responsibility clause not understood: they stay in the task's text
            clause = _trailing_group(full)
            if clause is not None and not current.units:
                read = read_clause(clause[1])
                if read is not None:
                    units, deadlines, rest = read
                    where = body.line_at(len(clause[0]))
                    current.units.extend((u, r, where) for u, r in units)
                    current.deadlines.extend((d, where) for d in deadlines)
                    full = clause[0].rstrip() + "。" if not clause[0].rstrip().endswith("。") else clause[0]
                    kept = "（" + "；".join(rest) + "）" if rest else ""
            name, _, rest_text = full.partition("。")
            if not rest_text and "。" not in full:
                name, rest_text = full, ""
            current.task = collapse_ws(name)
            current.text = collapse_ws(full + kept)
            offset = len(name) + 1
            _, found = split_milestones(rest_text, lambda o: body.line_at(o + offset))
            current.milestones = [m for m in found if m.year_to is not None]
            current.open_milestones = [m for m in found if m.year_to is None]
            tasks.append(current)
        current, body, body_open = None, None, False

    def leave(line_no: int, text: str) -> None:
        """A line outside every task: why, or a problem when it sits between two tasks."""
        if current is not None and not heading_since_task:
            stray.append((line_no, current.task_no))
        elif not tasks and current is None and not headings:
            other[line_no] = "before the tasks"
        elif current is None and heading_since_task and (tasks or headings):
            other[line_no] = "section introduction" if tasks else "before the tasks"
        else:
            other[line_no] = "outside the tasks"

    for line_no, raw in numbered_lines:
        if stop_at is not None and line_no >= stop_at:
            break
        line_text = strip_markup(raw).strip()
        if not line_text:
            continue
        for text in _pieces(line_text, sch):
            folded = half_digits(text)
            unit = _UNIT_LINE.match(text)
            task = sch.task.match(folded)
            number = _number(task, sch) if task else None
            sec = sch.section.match(text) if sch.section else None
            part_m = sch.part.match(text) if sch.part else None
            if unit:
                if current is None:
                    why = f"a {unit.group(1)} line before the first task; no task to give it to"
                    problems.append((line_no, why))
                    continue
                close_units()
                role = _ROLES[unit.group(1)[:2]]
                unit_role, unit_text = (role, line_no), unit.group(2)
                used[line_no] = "units"
                current.lines.append(line_no)
                body_open = False
                if unit_text.rstrip().endswith("。"):
                    close_units()
                continue
            restart = heading_since_task or sch.name == "yishi"
            starts_run = number == 1 and restart and bool(tasks or current)
            skipped = number == expected + 1 and not starts_run  # one number missing: the run goes on
            if task and in_task_part and (number == expected or starts_run or skipped):
                close_task()
                if starts_run and number != expected:
                    run_offset = tasks[-1].task_no if tasks else 0
                if skipped:
                    gone = run_offset + expected
                    problems.append(
                        (line_no, f"task {gone} is missing: {run_offset + number} follows {gone - 1}")
                    )
                holder = section or part
                if holder is not None and id(holder) not in held:
                    held.add(id(holder))
                    holding.append(holder)
                task_no = run_offset + number
                current = ProseTask(
                    task_no,
                    "",
                    holder.section_no if holder else None,
                    holder.title if holder else "",
                    "",
                    line_no,
                    printed_no=number,
                )
                body = _Text()
                body.add(text[task.start(2) :].strip(), line_no)  # as printed, not folded
                body_open = True
                current.lines.append(line_no)
                used[line_no] = "task"
                expected = number + 1
                heading_since_task = False
                last_line_text = text
                continue
            heading = None
            m = sec or part_m
            if m and not (task and sch.task is sch.section):
                try:
                    hnum = chinese_numeral(m.group(1))
                except ValueError:
                    hnum = None
                if hnum is not None:
                    title = collapse_ws(m.group(2)).split("。")[0]
                    heading = ProseSection(hnum, title, line_no)
            if heading is not None:
                close_task()
                if sec:
                    section = heading
                else:
                    part, section = heading, None
                top = part_m if sch.part is not None else sec  # the scheme's top heading level
                if top and task_parts is not None:
                    in_task_part = line_no in task_parts
                headings.append(heading)
                used[line_no] = "section" if sec else "part"
                heading_since_task = True
                continue
            if unit_role is not None:
                if len(text) <= UNIT_CONTINUATION_MAX and "。" not in text[:-1]:
                    unit_text += text  # a unit list broken over lines
                    used[line_no] = "units"
                    current.lines.append(line_no)
                    if text.endswith("。"):
                        close_units()
                    continue
                close_units()
            if current is not None and body is not None and body_open and not current.units:
                if not ends_sentence(last_line_text) or _opens_continuation(text):
                    body.add(text, line_no)
                    current.lines.append(line_no)
                    used[line_no] = "continuation"
                    last_line_text = text
                    continue
                body_open = False
            if task and number is not None and in_task_part:
                why = f"numbered {task.group(1)} where task {expected} was expected; not read as a task"
                problems.append((line_no, why))
                continue
            leave(line_no, text)
    close_task()
    last = tasks[-1].task_no if tasks else None
    last_line = max(tasks[-1].lines) if tasks else None
    for line_no, why in list(other.items()):
        if last_line is not None and line_no > last_line and why == "section introduction":
            other[line_no] = "after the tasks"  # under a heading that no task follows
    for line_no, after in stray:
        if after == last:
            other.setdefault(line_no, "after the tasks")
        else:
            why = f"a paragraph after task {after} that does not continue it (the line above ends a sentence)"
            problems.append((line_no, why))
    problem_lines = {n for n, _ in problems}
    other = {n: why for n, why in other.items() if n not in problem_lines and n not in used}
    return ProseParse(tasks, holding, used, sorted(problems), other, sch.name)


def detect_scheme(
    numbered_lines: list[tuple[int, str]], stop_at: int | None = None
) -> tuple[str, ProseParse]:
    """Find how a document numbers its tasks, from the text alone, and read them.

    ``arabic`` if at least two ``1.`` tasks are found; else ``section`` if at least
    two ``（一）`` items carry task evidence (a unit or a year milestone) — only the
    ``一、`` parts whose items carry such evidence hold tasks, so ``（一）指导思想``
    under ``一、总体要求`` is not a task; else ``yishi`` if at least two ``一是``
    items are found; else ``arabic`` with no task.

    Returns:
        The scheme's name and the parse read with it.
    """
    arabic = parse_prose_tasks(numbered_lines, stop_at, "arabic")
    if len(arabic.tasks) >= 2:
        return "arabic", arabic
    section = parse_prose_tasks(numbered_lines, stop_at, "section")
    parts = _parts_with_evidence(numbered_lines, stop_at, section)
    if parts:
        kept = parse_prose_tasks(numbered_lines, stop_at, "section", task_parts=parts)
        if len(kept.tasks) >= 2:
            return "section", kept
    yishi = parse_prose_tasks(numbered_lines, stop_at, "yishi")
    if len(yishi.tasks) >= 2:
        return "yishi", yishi
    return "arabic", arabic


def _parts_with_evidence(
    numbered_lines: list[tuple[int, str]], stop_at: int | None, parse: ProseParse
) -> set[int]:
    """Lines of the ``一、`` headings whose ``（一）`` items name units (else: have year milestones)."""
    part_lines = sorted(n for n, role in parse.used_lines.items() if role == "section")
    if not part_lines:
        return set()

    def part_of(task: ProseTask) -> int | None:
        above = [n for n in part_lines if n < task.source_line]
        return above[-1] if above else None

    def dated(task: ProseTask) -> bool:
        return bool(task.milestones or task.open_milestones or task.deadlines)

    for evidence in (lambda t: bool(t.units), dated):
        parts = {part_of(t) for t in parse.tasks if evidence(t)}
        parts.discard(None)
        if parts:
            return parts  # type: ignore[return-value]
    return set()
