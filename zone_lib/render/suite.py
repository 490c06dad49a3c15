"""Which briefings ``zone render`` makes: notebook, parameters, title and file name.

The full suite is the overview, one briefing per year, one per responsible unit of
``nx-impl-2019`` and one per section (platform) of the “1-2-3-5” framework, the
analyses (one crosswalk per document of ``corpus_facts.json`` against the regional
plan, keywords, the reported 2020 progress, the scraped copy), the data-quality check
and the teaching tour, each when its notebook exists. A briefing's file name comes from its
canonical parameter (``unit-自治区医保局.html``, whatever alias was asked for), made
safe by :mod:`zone_lib.safe_names`; an invalid parameter keeps the value as given, so
the failed briefing is listed under the name the user asked for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zone_lib.errors import ParameterError, ZoneError
from zone_lib.safe_names import safe_stem
from zone_lib.views import params

NOTEBOOKS_ENV = "ZONE_NOTEBOOKS"
"""Environment variable naming a folder of briefing notebooks to use instead of the packaged ones."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_NOTEBOOK_CANDIDATES = (_PACKAGE_DIR / "_notebooks", _PACKAGE_DIR.parent / "notebooks")

ANALYSES = "分析 Analyses: crosswalks, keywords, reported progress, the scraped copy"

KINDS = {
    "overview": ("overview.ipynb", None, "总览 Overview"),
    "year": ("year.ipynb", "year", "年度简报 Year briefings"),
    "unit": ("unit.ipynb", "unit", "单位简报 Unit briefings"),
    "platform": ("platform.ipynb", "platform", "平台简报 Platform (section) briefings"),
    "crosswalk": ("crosswalk.ipynb", "doc", ANALYSES),
    "keywords": ("keywords.ipynb", None, ANALYSES),
    "progress": ("progress.ipynb", None, ANALYSES),
    "copies": ("copies.ipynb", None, ANALYSES),
    "check": ("check.ipynb", None, "数据质量 Data quality"),
    "tour": ("tour.ipynb", None, "导览 Teaching tour"),
}
"""kind → (notebook file, parameter name, bilingual group title); kinds sharing a title share a group."""

ANALYSIS_KINDS = ("crosswalk", "keywords", "progress", "copies")
"""The analysis briefings (``zone render --analysis``)."""


@dataclass(frozen=True)
class Briefing:
    """One briefing to render.

    Attributes:
        kind: A key of :data:`KINDS`.
        notebook: File name of the notebook in the notebooks folder.
        parameters: papermill parameters (empty for the overview).
        stem: File-name stem of the HTML briefing.
        title: Bilingual title for the index and the page.
    """

    kind: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)
    stem: str = ""
    title: str = ""

    @property
    def file(self) -> str:
        """The HTML file name inside the output folder."""
        return f"{self.stem}.html"

    def parameter_text(self) -> str:
        """Parameters as ``name=value`` text for the index and messages."""
        return ", ".join(f"{k}={v}" for k, v in self.parameters.items())


def notebooks_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder of briefing notebooks.

    Args:
        path: A folder to use; else ``$ZONE_NOTEBOOKS``, else the packaged notebooks
            (``zone_lib/_notebooks`` in a wheel, ``notebooks/`` in a checkout).

    Returns:
        The folder.

    Raises:
        ZoneError: If no folder with ``overview.ipynb`` is found.
    """
    candidates = [Path(path)] if path else []
    if not path and os.environ.get(NOTEBOOKS_ENV):
        candidates = [Path(os.environ[NOTEBOOKS_ENV])]
    candidates = candidates or list(_NOTEBOOK_CANDIDATES)
    for cand in candidates:
        if (cand / "overview.ipynb").is_file():
            return cand.resolve()
    raise ZoneError(
        "no briefing notebooks found (looked for overview.ipynb in "
        + ", ".join(str(c) for c in candidates)
        + f"); pass --notebooks DIR or set {NOTEBOOKS_ENV}"
    )


def overview() -> Briefing:
    """The overview briefing."""
    return Briefing("overview", KINDS["overview"][0], {}, "overview", "总览 Overview")


def check() -> Briefing:
    """The data-quality briefing."""
    return Briefing("check", KINDS["check"][0], {}, "check", "数据质量检查 Data-quality check")


def year(value: Any) -> Briefing:
    """The briefing of one year (an invalid year is kept as given, to fail visibly)."""
    try:
        y = params.check_year(value)
    except ParameterError:
        return Briefing(
            "year", "year.ipynb", {"year": value}, f"year-{safe_stem(str(value))}", f"{value}年 Year {value}"
        )
    return Briefing("year", "year.ipynb", {"year": y}, f"year-{y}", f"{y}年 Year {y}")


def unit(value: Any) -> Briefing:
    """The briefing of one responsible unit, by name, alias or English name."""
    try:
        name = params.check_unit(value)
    except ParameterError:
        return Briefing(
            "unit", "unit.ipynb", {"unit": str(value)}, f"unit-{safe_stem(str(value))}", str(value)
        )
    en = params.unit_en(name)
    return Briefing("unit", "unit.ipynb", {"unit": name}, f"unit-{safe_stem(name)}", f"{name} {en}".strip())


def platform(value: Any) -> Briefing:
    """The briefing of one section (platform), by number 1-8 or name."""
    try:
        no = params.check_platform(value)
    except ParameterError:
        return Briefing(
            "platform", "platform.ipynb", {"platform": value}, f"platform-{safe_stem(str(value))}", str(value)
        )
    return Briefing(
        "platform",
        "platform.ipynb",
        {"platform": no},
        f"platform-{no}",
        params.section_label(no, short=False),
    )


def crosswalk(value: Any) -> Briefing:
    """The crosswalk briefing of one document against the regional plan (id or number)."""
    try:
        doc = params.check_doc(value)
    except ParameterError:
        return Briefing(
            "crosswalk",
            "crosswalk.ipynb",
            {"doc": str(value)},
            f"crosswalk-{safe_stem(str(value))}",
            str(value),
        )
    info = params.valid_docs().set_index("doc_id").loc[doc]
    return Briefing(
        "crosswalk",
        "crosswalk.ipynb",
        {"doc": doc},
        f"crosswalk-{safe_stem(doc)}",
        f"任务对应 Crosswalk: {info.title} ({doc}) → {info.to_doc}",
    )


def keywords() -> Briefing:
    """The keywords briefing."""
    return Briefing(
        "keywords", KINDS["keywords"][0], {}, "keywords", "关键词 Keywords by year, document and section"
    )


def progress() -> Briefing:
    """The reported 2020 progress briefing."""
    return Briefing(
        "progress", KINDS["progress"][0], {}, "progress", "2020年进展 Reported 2020 progress against the plan"
    )


def copies() -> Briefing:
    """The scraped-copy briefing."""
    return Briefing(
        "copies", KINDS["copies"][0], {}, "copies", "复制件 The scraped web copy against the original"
    )


def tour() -> Briefing:
    """The teaching tour (its notebook's default year)."""
    return Briefing("tour", KINDS["tour"][0], {}, "tour", "导览 A guided tour (policy course)")


def analyses(notebooks: Path | None = None) -> list[Briefing]:
    """The analysis briefings: one crosswalk per document, keywords, progress, copies.

    Args:
        notebooks: The notebooks folder (default: :func:`notebooks_dir`); a kind whose
            notebook is not there is left out.
    """
    folder = notebooks or notebooks_dir()
    out: list[Briefing] = []
    if (folder / KINDS["crosswalk"][0]).is_file():
        out += [crosswalk(d) for d in params.valid_docs().doc_id]
    for kind, make in (("keywords", keywords), ("progress", progress), ("copies", copies)):
        if (folder / KINDS[kind][0]).is_file():
            out.append(make())
    return out


def full_suite(include_check: bool = True, notebooks: Path | None = None) -> list[Briefing]:
    """Every briefing: overview, each year, unit and section, the analyses, check, tour.

    Args:
        include_check: Add the data-quality briefing (when its notebook exists).
        notebooks: The notebooks folder (default: :func:`notebooks_dir`).

    Returns:
        The briefings in index order.
    """
    out = [overview()]
    out += [year(y) for y in params.valid_years()]
    out += [unit(u) for u in params.valid_units().unit]
    out += [platform(int(p)) for p in params.valid_platforms().section_no]
    folder = notebooks or notebooks_dir()
    out += analyses(folder)
    if include_check and (folder / KINDS["check"][0]).is_file():
        out.append(check())
    if (folder / KINDS["tour"][0]).is_file():
        out.append(tour())
    return out


def deduplicate(briefings: list[Briefing]) -> list[Briefing]:
    """Drop repeated briefings (same file), keeping the first."""
    seen: set[str] = set()
    out = []
    for b in briefings:
        if b.file not in seen:
            seen.add(b.file)
            out.append(b)
    return out
