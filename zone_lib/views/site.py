"""Where things are in the rendered site: the file of each briefing and of each seed text.

The HTML site written by ``zone render`` is flat: ``year-2021.html``,
``unit-自治区医保局.html``, ``platform-5.html``, ``overview.html``, ``check.html``, and
the seed texts under ``source/`` (one page per seed file, a line anchor ``#L943`` per
line). The tables and header blocks of the briefings link to these pages when they are
rendered for the site (:func:`linking`); in JupyterLab they show plain text.
"""

from __future__ import annotations

import functools
import os

from zone_lib.safe_names import safe_stem
from zone_lib.tables.documents import documents
from zone_lib.views import params

SOURCE_DIR = "source"
"""Folder of the site that holds the seed texts as pages."""

SITE_ENV = "ZONE_PLOTLY_RENDERER"
SITE_RENDERER = "zone_briefing"


_renderer: str | None = None


def use_renderer(name: str | None) -> str | None:
    """Make ``name`` the plotly renderer of this process (what ``setup_plotly`` picks); None to undo.

    ``zone render`` sets the briefing renderer this way in its worker process (the
    environment is left alone); a Jupyter kernel it starts gets ``ZONE_PLOTLY_RENDERER`` in
    the kernel's own environment instead.

    Args:
        name: A registered plotly renderer name, or None.

    Returns:
        The previous choice, to restore it afterwards.
    """
    global _renderer
    previous, _renderer = _renderer, name
    return previous


def current_renderer() -> str | None:
    """The renderer chosen for this process: :func:`use_renderer`, else ``$ZONE_PLOTLY_RENDERER``."""
    return _renderer or os.environ.get(SITE_ENV) or None


def linking() -> bool:
    """Whether output is being rendered for the HTML site (links between pages make sense)."""
    return current_renderer() == SITE_RENDERER


def _stem(name: str) -> str:
    return safe_stem(name)


def year_page(year: int) -> str:
    """File of a year's briefing."""
    return f"year-{int(year)}.html"


def platform_page(section_no: int) -> str:
    """File of a section's (platform's) briefing."""
    return f"platform-{int(section_no)}.html"


def crosswalk_page(doc_id: str) -> str:
    """File of a crosswalk briefing (one document against the regional plan)."""
    return f"crosswalk-{_stem(doc_id)}.html"


@functools.cache
def _units() -> frozenset[str]:
    return frozenset(params.valid_units().unit)


def unit_page(unit: str) -> str | None:
    """File of a unit's briefing, or None when the unit has none (not a unit of the plan)."""
    return f"unit-{_stem(unit)}.html" if unit in _units() else None


@functools.cache
def _seed_files() -> dict[str, str]:
    docs = documents()
    return dict(zip(docs.doc_id, docs.seed_file))


def seed_page(seed_file: str) -> str:
    """File (relative to the site) of a seed text's page."""
    stem = seed_file.rsplit(".", 1)[0]
    return f"{SOURCE_DIR}/{_stem(stem)}.html"


def line_href(line: int, doc_id: str = params.DOC_ID) -> str | None:
    """Link to one line of a document's seed text (``source/002_….html#L943``)."""
    seed = _seed_files().get(doc_id)
    if seed is None:
        return None
    return f"{seed_page(seed)}#L{int(line)}"


def seed_line_href(seed_file: str, line: int) -> str:
    """Link to one line of a seed file."""
    return f"{seed_page(seed_file)}#L{int(line)}"
