"""Placing table cells in years, and comparing the table with the prose.

A cell's column is evidence of its year, but PDF extraction shifts cells. The
column reading allows for that: a row has one slot more than there are years
(the header's empty task column), and the reading drops one empty slot, where
the header puts it if it can, otherwise where the row leaves one.

The prose milestones (``2019年，…。2020年，…``) are the second line of evidence.
Every order-keeping assignment of a row's cells to years is scored by how much
of each cell's wording its year's milestone holds (character bigrams, which
tolerate the table's abridged wording). The column reading stands unless the
prose clearly prefers another assignment; then the cells it moves get
``year_basis == "prose"`` and are listed in the discrepancies.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from zone_lib.textutil import containment

#: A cell's wording counts as found in a milestone at this containment.
MATCH = 0.5
#: The prose must beat the column reading by this much (summed over the row) ...
ROW_MARGIN = 0.5
#: ... and, for every cell it moves, by this much for that cell.
CELL_MARGIN = 0.3

_ITEM = re.compile(r"[(（](\d{1,2})[)）]")


def split_items(text: str) -> list[str]:
    """Split a cell at its numbered sub-items ``(1)…(2)…``.

    Markers count only when they run 1, 2, 3… from the start of the cell;
    otherwise the cell is one item.

    >>> split_items("(1)升级网络。 (2)建成专网。")
    ['升级网络。', '建成专网。']
    """
    marks = list(_ITEM.finditer(text))
    seq = []
    for m in marks:
        if int(m.group(1)) == len(seq) + 1:
            seq.append(m)
    if not seq or text[: seq[0].start()].strip():
        return [text] if text else []
    items = []
    for k, m in enumerate(seq):
        end = seq[k + 1].start() if k + 1 < len(seq) else len(text)
        item = text[m.end() : end].strip()
        if item:
            items.append(item)
    return items


@dataclass(frozen=True)
class Placement:
    """The year chosen for one cell, with the evidence."""

    year: int
    year_column: int
    year_basis: str  # "column" or "prose"
    score: float  # containment of the cell in its year's prose milestone (0 if none)


def column_readings(
    slots: list[int], n_slots: int, n_years: int, header_gaps: list[int]
) -> list[tuple[int, ...]]:
    """Year positions the column structure allows for cells standing in ``slots``.

    Args:
        slots: Slot indexes (after the name column) of the row's non-empty cells.
        n_slots: Slots in the row.
        n_years: Year columns in the header.
        header_gaps: Slots the header leaves without a year, most plausible first.

    Returns:
        Distinct readings (a year position per cell), the preferred one first.
    """
    extra = n_slots - n_years
    if extra <= 0:
        return [tuple(slots)] if all(s < n_years for s in slots) else []
    empty = [s for s in range(n_slots) if s not in slots]
    readings: list[tuple[int, ...]] = []
    preferred = [g for g in header_gaps if g in empty][:extra]
    candidates = [tuple(preferred)] if len(preferred) == extra else []
    # otherwise drop the rightmost empty slots first: a row shifted left
    candidates += list(itertools.combinations(sorted(empty, reverse=True), extra))
    for dropped in candidates:
        reading = tuple(s - sum(1 for d in dropped if d < s) for s in slots)
        if reading not in readings and all(p < n_years for p in reading):
            readings.append(reading)
    return readings


def place_cells(
    cells: list[str],
    slots: list[int],
    n_slots: int,
    years: list[int],
    header_gaps: list[int],
    prose: dict[int, str] | None,
) -> list[Placement]:
    """Choose the year of each non-empty cell of a row.

    Args:
        cells: The row's non-empty cells, in order.
        slots: Their slot indexes after the name column.
        n_slots: Number of slots of the row.
        years: The header's years, in order.
        header_gaps: Slots without a year in the header.
        prose: Milestone text per year from the prose, or None if there is none.

    Returns:
        One placement per cell.
    """
    readings = column_readings(slots, n_slots, len(years), header_gaps)
    if not readings:  # more cells than the columns explain: keep their order
        readings = [tuple(range(len(cells)))] if len(cells) <= len(years) else []
    if not readings:
        readings = [tuple(min(k, len(years) - 1) for k in range(len(cells)))]

    def sims(assign: tuple[int, ...]) -> list[float]:
        if not prose:
            return [0.0] * len(cells)
        return [containment(c, prose.get(years[p], "")) for c, p in zip(cells, assign)]

    col = max(readings, key=lambda r: (sum(sims(r)), -readings.index(r)))
    chosen = col
    if prose and len(cells) <= len(years):
        best = max(itertools.combinations(range(len(years)), len(cells)), key=lambda a: sum(sims(a)))
        col_s, best_s = sims(col), sims(best)
        moved = [k for k in range(len(cells)) if best[k] != col[k]]
        if (
            best not in readings
            and sum(best_s) - sum(col_s) >= ROW_MARGIN
            and all(best_s[k] >= MATCH and best_s[k] - col_s[k] >= CELL_MARGIN for k in moved)
        ):
            chosen = best
    scores = sims(chosen)
    return [
        Placement(years[p], years[c], "column" if p == c else "prose", round(s, 3))
        for p, c, s in zip(chosen, col, scores)
    ]
