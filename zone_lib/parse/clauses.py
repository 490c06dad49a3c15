"""Responsibility clauses as a small grammar: who is responsible, in which role.

A clause is a bracketed span in any bracket style — ``（…）``, ``(…)``, ``〔…〕``,
``【…】``, ``[…]`` — whose content reads as one or more *segments* (split at ``；`` and
``。``), each of them one of:

* a **label** and its units: ``责任单位：A、B``, ``牵头单位:A``, ``负责部门：A``; a label the
  vocabulary does not know but that ends like one (``数据提供单位``) is kept under its own
  name and reported;
* **groups** of units each closed by a role verb: ``A、B负责``, ``A牵头，B、C参与``,
  ``A指导，B负责落实``; a group with no verb of its own takes the verb of the next one
  (``A、B，各省级人民政府按职责分工负责``); ``会同有关部门`` and ``按职责分工`` are dropped,
  a tail ``等有关部门和单位`` is cut off the name and kept as a flag;
* a **scope** (``适用范围：…``), a **convention** (``列第一位者为牵头单位，下同``), a
  **not-listed remark** (``以下均需X落实，不再列出``) or anything else (a deadline,
  ``长期坚持``), which is kept as the clause's remainder.

A bracket whose content has none of the first kind (``（含技工院校）``) is not a clause.
A clause opened and never closed before the end of its paragraph is read and reported.

Roles: ``lead`` and ``coop`` where the text labels them, ``resp`` where units are listed
without distinction (``负责``, ``指导``, ``责任单位``); a label it does not know gives the
label itself as the role. The vocabulary is data: ``zone_lib/data/reader.json``
(``clauses``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from zone_lib.parse.vocabulary import by_length, vocabulary

_OPEN = "（(〔【[［"
_CLOSE = {"（": "）", "(": ")", "〔": "〕", "【": "】", "[": "]", "［": "］"}
_ANY_CLOSE = "）)〕】]］"
_SEGMENT = re.compile(r"[；;。]")
_GROUP = "，,"
_LIST = re.compile(r"[、，,]")
_BRACKETS = "（）()〔〕【】[]［］"


@dataclass(frozen=True)
class ClauseUnit:
    """One unit named in a clause.

    Attributes:
        unit: The name as printed, minus ``等…`` and dropped phrases.
        role: ``lead``, ``coop``, ``resp``, or an unknown label as printed.
        label: The word that gave the role (``牵头``, ``负责``, ``责任单位`` …).
        is_collective: The name was followed by ``等有关部门…`` (others are meant too),
            or is itself a collective (``各有关部门和单位``).
        order: Position in the clause, from 1.
    """

    unit: str
    role: str
    label: str
    is_collective: bool
    order: int


@dataclass
class Clause:
    """A responsibility clause.

    Attributes:
        text: The clause as printed, brackets included.
        start: Offset of the opening bracket in the paragraph.
        end: Offset after the closing bracket (the paragraph's end if cut off).
        units: The units, in listed order.
        scope: A scope segment (``适用范围：…``), or ``""``.
        remainder: Segments that name no unit (deadlines, ``长期坚持``), joined by ``；``.
        states_first_leads: The clause states that the first listed unit leads, from here on.
        not_listed: Units a ``以下均需…不再列出`` remark makes responsible for what follows.
        is_cut_off: The closing bracket is missing.
        unknown_labels: Role labels it does not know (kept as the role of their units).
    """

    text: str
    start: int
    end: int
    units: list[ClauseUnit] = field(default_factory=list)
    scope: str = ""
    remainder: str = ""
    states_first_leads: bool = False
    not_listed: list[str] = field(default_factory=list)
    is_cut_off: bool = False
    unknown_labels: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _grammar() -> dict:
    v = vocabulary()["clauses"]
    labels = v["labels"]
    label_re = re.compile(
        r"^\s*(" + "|".join(map(re.escape, by_length(labels))) + r"|[\u4e00-\u9fff]{1,8}?(?:"
        + "|".join(map(re.escape, v["unit_label_endings"])) + r"))\s*[:：]\s*(.*)$",
        re.S,
    )  # fmt: skip
    scope_re = re.compile(r"^\s*(" + "|".join(map(re.escape, by_length(v["scope_labels"]))) + r")\s*[:：]")
    known = "|".join(map(re.escape, by_length(labels)))
    any_label = known + r"|[\u4e00-\u9fff]{1,8}?(?:" + "|".join(map(re.escape, v["unit_label_endings"])) + ")"
    # a label after a comma starts a new segment: （牵头单位：A，配合单位：B、C）
    label_split_re = re.compile(r"[，,](?=\s*(?:" + any_label + r")\s*[:：])")
    # an unbracketed clause opens a paragraph or a sentence with a known label: 责任单位：A、B。
    bare_re = re.compile(r"(?:^|(?<=[。；;！？\s]))\s*(?:" + known + r")\s*[:：]")
    bare_next_re = re.compile(r"\s*(?:" + known + r")\s*[:：]")
    verbs = by_length(v["verbs"])
    return {
        "labels": labels,
        "label_re": label_re,
        "scope_re": scope_re,
        "verbs": [(w, v["verbs"][w]) for w in verbs],
        "dropped": by_length(v["dropped_phrases"]),
        "tails": by_length(v["collective_tails"]),
        "first_leads": re.compile("|".join(f"(?:{x})" for x in v["conventions"]["first_leads"])),
        "label_split_re": label_split_re,
        "bare_re": bare_re,
        "bare_next_re": bare_next_re,
        "nl_starts": by_length(v["not_listed"]["starts"]),
        "nl_ends": v["not_listed"]["ends"],
        "endings": tuple(by_length(v["unit_endings"])),
    }


def default_split(names: str) -> list[str]:
    """Split a unit list at ``、``, ``，`` and ``,`` outside brackets, names as printed."""
    out, depth, cur = [], 0, []
    for ch in names:
        if ch in "（([〔【":
            depth += 1
        elif ch in "）)]〕】":
            depth = max(0, depth - 1)
        if depth == 0 and _LIST.match(ch):
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [n.strip(" \u3000。") for n in out if n.strip(" \u3000。")]


def is_unit_name(name: str) -> bool:
    """Whether ``name`` reads as the name of a unit (it ends like one, or is a collective ``各…``)."""
    g = _grammar()
    if re.search(r"[：:。；;！？]", name):
        return False  # a label or a sentence glued to a name
    bare = re.sub(r"[（(][^（）()]*[）)]$", "", name)
    return 1 < len(name) <= 30 and (bare.endswith(g["endings"]) or name.startswith("各"))


def states_first_leads(text: str) -> bool:
    """Whether a text states that the first unit listed leads (``列第一位者为牵头单位``, ``首位…牵头``)."""
    return "牵头" in text and bool(_grammar()["first_leads"].search(text))


def bracket_spans(text: str) -> list[tuple[int, int, bool]]:
    """Top-level bracketed spans of ``text``: ``(start, end, closed)``; nested brackets stay inside."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append((i, ch))
        elif ch in _ANY_CLOSE and stack:
            start, _ = stack.pop()
            if not stack:
                spans.append((start, i + 1, True))
    if stack:
        spans.append((stack[0][0], len(text), False))
    return spans


def _top_split(text: str, seps: str) -> list[str]:
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "（([〔【":
            depth += 1
        elif ch in "）)]〕】":
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def clean_names(raw: str, split: Callable[[str], list[str]] = default_split) -> tuple[list[str], bool]:
    """A unit list as names, a collective tail (``等``, ``等有关部门``) cut off each name.

    Dropped phrases (``会同有关部门``, ``按职责分工``) are removed and ``X会同Y`` is read as
    two units.

    Returns:
        ``(names, collective)``: the names as printed otherwise, and whether a tail was
        cut or a name is itself a collective (``各…``).
    """
    g = _grammar()
    text = raw.strip(" \u3000")
    for phrase in g["dropped"]:
        text = text.replace(phrase, "")
    text = text.replace("会同", "、")  # X会同Y负责: both responsible
    collective = False
    names = []
    for name in split(text):
        for tail in g["tails"]:
            if name.endswith(tail) and len(name) > len(tail):
                name, collective = name[: -len(tail)], True
                break
        if name:
            names.append(name)
    return names, collective or any(n.startswith("各") for n in names)


def _names(raw: str, split: Callable[[str], list[str]]) -> tuple[list[str], bool] | None:
    """The unit names of a group's name part, and whether a collective tail was cut; None if not units."""
    names, collective = clean_names(raw, split)
    if not names or not all(is_unit_name(n) for n in names):
        return None
    return names, collective


def _verb_of(group: str) -> tuple[str, str, str] | None:
    """``(names part, verb, role)`` when the group ends in a role verb."""
    g = _grammar()
    text = group.strip(" \u3000")
    for phrase in g["dropped"]:
        if text.endswith(phrase):
            text = text[: -len(phrase)]
    for verb, role in g["verbs"]:
        if text.endswith(verb) and len(text) > len(verb):
            names = text[: -len(verb)]
            for phrase in g["dropped"]:
                names = names.replace(phrase, "")
            return names, verb, role
    return None


def read_clause(content: str, split: Callable[[str], list[str]] = default_split) -> Clause | None:
    """Read the content of a bracket as a responsibility clause.

    Args:
        content: What stands between the brackets.
        split: How a unit list is split into names (``default_split`` keeps names as
            printed; the corpus passes :func:`zone_lib.unit_names.split_units`).

    Returns:
        The :class:`Clause` (text and offsets left for the caller), or ``None`` when the
        content names no unit in a role.
    """
    g = _grammar()
    clause = Clause(text=content, start=0, end=0)
    rest: list[str] = []
    order = 0

    def add(names: list[str], role: str, label: str, collective: bool) -> None:
        nonlocal order
        for name in names:
            order += 1
            clause.units.append(ClauseUnit(name, role, label, collective, order))

    segments = [part for seg in _top_split(content, "；;。") for part in g["label_split_re"].split(seg)]
    for segment in segments:
        seg = segment.strip(" \u3000")
        if not seg:
            continue
        if states_first_leads(seg):
            clause.states_first_leads = True
            continue
        start = next((w for w in g["nl_starts"] if seg.startswith(w)), None)
        if start and any(e in seg for e in g["nl_ends"]):
            body = _top_split(seg[len(start) :], _GROUP)[0]
            found = _verb_of(body)
            named = _names(found[0] if found else body, split)
            if named:
                clause.not_listed += named[0]
            continue
        if g["scope_re"].match(seg):
            clause.scope = (clause.scope + "；" + seg).lstrip("；")
            continue
        m = g["label_re"].match(seg)
        if m:
            label, names_part = m.group(1), m.group(2)
            named = _names(names_part, split)
            if named:
                role = g["labels"].get(label)
                if role is None:
                    clause.unknown_labels.append(label)
                    role = label
                add(named[0], role, label, named[1])
                continue
        pending: list[tuple[list[str], bool]] = []
        read_any = False
        for group in _top_split(seg, _GROUP):
            found = _verb_of(group)
            if found:
                named = _names(found[0], split)
                if named is None:
                    pending = []
                    continue
                for names, collective in pending:
                    add(names, found[2], found[1], collective)
                add(named[0], found[2], found[1], named[1])
                pending, read_any = [], True
            else:
                named = _names(group, split)
                if named is not None:
                    pending.append(named)
                else:
                    pending = []
        if not read_any:
            rest.append(seg)
    clause.remainder = "；".join(rest)
    if not clause.units and not clause.not_listed and not clause.states_first_leads:
        return None
    return clause


def find_clauses(paragraph: str, split: Callable[[str], list[str]] = default_split) -> list[Clause]:
    """Every responsibility clause of a paragraph, in order (see the module docstring).

    Args:
        paragraph: One paragraph of a document.
        split: How a unit list is split into names.

    Returns:
        The clauses with their offsets; a clause whose closing bracket is missing has
        ``is_cut_off`` set. Cached: the same paragraph is read once (do not change the
        clauses returned).
    """
    if (
        not any(ch in paragraph for ch in _OPEN)
        and "：" not in paragraph
        and ":" not in paragraph
        and ("由" not in paragraph)
    ):
        return []
    return _find_clauses(paragraph, split)


def _bare_clauses(
    paragraph: str, spans: list[tuple[int, int, bool]], split: Callable[[str], list[str]]
) -> list[Clause]:
    """Clauses without brackets.

    A known label opening the paragraph or a sentence (``责任单位：A、B。``) starts one; it
    runs to the end of its sentence, and on over sentences that open with a label too
    (``牵头单位：A。配合单位：B。``).
    """
    g = _grammar()
    out: list[Clause] = []
    done = 0
    for m in g["bare_re"].finditer(paragraph):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if start < done or any(a <= start < b for a, b, _ in spans):
            continue
        end = len(paragraph)
        k = m.end()
        while True:
            stop = paragraph.find("。", k)
            if stop < 0:
                break
            if g["bare_next_re"].match(paragraph, stop + 1):
                k = stop + 1
                continue
            end = stop + 1
            break
        clause = read_clause(paragraph[start:end], split)
        if clause is None:
            continue
        clause.text, clause.start, clause.end = paragraph[start:end], start, end
        out.append(clause)
        done = end
    return out


#: A paragraph's closing sentence that only assigns the work: ``具体工作由A会同B负责。``,
#: ``分别由A、B负责。``, ``由A牵头，B配合。`` — at most a short subject, 由, the units and
#: their verbs, nothing after the last verb. A 由-sentence inside a paragraph, or one that goes
#: on after the verb (``由A负责拟定``), names an actor in prose and is not a clause.
_BY_SENTENCE = re.compile(r"^[^，,。；;：:由]{0,8}?(?:分别)?由([^。；;由]{2,80}(?:负责|牵头|配合|参与))$")


def _sentence_clauses(
    paragraph: str, spans: list[tuple[int, int, bool]], split: Callable[[str], list[str]]
) -> list[Clause]:
    """Clauses written as a sentence of their own, outside brackets (see ``_BY_SENTENCE``).

    Every name must read as a unit (``is_unit_name``); ``A会同B`` lists both.
    """
    out: list[Clause] = []
    sentences = list(re.finditer(r"[^。；;！？]+[。；;！？]?", paragraph.rstrip()))
    for m in sentences[-1:]:
        start, end = m.start(), m.end()
        if any(a <= start < b or a < end <= b for a, b, _ in spans):
            continue
        sentence = m.group().strip()
        hit = _BY_SENTENCE.match(sentence.rstrip("。；;！？"))
        if not hit:
            continue
        clause = read_clause(hit.group(1).replace("会同", "、"), split)
        if clause is None or not clause.units or clause.remainder:
            continue
        if not all(is_unit_name(u.unit) for u in clause.units):
            continue
        lead = m.start() + len(m.group()) - len(m.group().lstrip())
        clause.text, clause.start, clause.end = paragraph[lead:end], lead, end
        out.append(clause)
    return out


@lru_cache(maxsize=4096)
def _find_clauses(paragraph: str, split: Callable[[str], list[str]]) -> list[Clause]:
    out = []
    spans = bracket_spans(paragraph)
    for start, end, closed in spans:
        inner = paragraph[start + 1 : end - 1 if closed else end]
        clause = read_clause(inner, split)
        if clause is None:
            continue
        clause.text, clause.start, clause.end, clause.is_cut_off = (
            paragraph[start:end],
            start,
            end,
            not closed,
        )
        out.append(clause)
    bare = _bare_clauses(paragraph, spans, split)
    if "由" in paragraph:
        taken = [(c.start, c.end) for c in bare]
        bare += [
            c for c in _sentence_clauses(paragraph, spans, split)
            if not any(a <= c.start < b for a, b in taken)
        ]  # fmt: skip
    return sorted(out + bare, key=lambda c: c.start) if bare else out


def strip_clauses(paragraph: str, clauses: list[Clause]) -> str:
    """The paragraph without its clauses (for titles and sentence text)."""
    out, last = [], 0
    for c in clauses:
        out.append(paragraph[last : c.start])
        last = c.end
    out.append(paragraph[last:])
    return "".join(out)
