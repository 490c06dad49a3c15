"""Stage 7, views: briefing parameters, tables and plotly figures, live widgets.

One module per briefing kind (:mod:`.year`, :mod:`.unit`, :mod:`.platform`,
:mod:`.overview`, :mod:`.check`, and :mod:`.analysis` for the crosswalk, keywords,
progress and copy briefings), the figures (:mod:`.figures`), what they share
(:mod:`.common`), parameters (:mod:`.params`), the plotly renderer of the HTML
briefings (:mod:`.figure_html`) and the ipywidgets explorers (:mod:`.widgets`).
``from zone_lib import views`` gives every view and figure by name.
Imports every stage before it.
"""

from zone_lib.views.analysis import (
    copy_alignment_view,
    copy_extra,
    copy_missing,
    copy_summary,
    crosswalk_counts,
    crosswalk_view,
    fig_copy_alignment,
    fig_crosswalk,
    fig_crosswalk_counts,
    fig_keywords,
    fig_keywords_by_year,
    fig_progress,
    keywords_table,
    keywords_view,
    progress_candidates,
    progress_statements,
    progress_tasks,
    progress_view,
)
from zone_lib.views.check import check_summary, check_view, fig_quality, full_table, quality_view, raw_lines
from zone_lib.views.common import (
    NOTEBOOK_RENDERER,
    RENDERER_ENV,
    SECTION_COLOURS,
    STATUS_COLOURS,
    YEAR_COLOURS,
    bilingual,
    setup_plotly,
    use_seeds,
)
from zone_lib.views.figures import (
    fig_heatmap,
    fig_section_bars,
    fig_targets,
    fig_timeline,
    fig_unit_gantt,
    fig_unit_network,
    figures,
)
from zone_lib.views.headline import Headline, headline
from zone_lib.views.overview import overview, targets
from zone_lib.views.platform import discrepancy_kinds, platform_discrepancies, platform_units, platform_view
from zone_lib.views.tables import ReaderTable, setup_tables, show
from zone_lib.views.unit import (
    unit_by_year,
    unit_in_documents,
    unit_partners,
    unit_schedule,
    unit_share,
    unit_view,
)
from zone_lib.views.year import year_by_section, year_by_unit, year_view

__all__ = [
    "copy_alignment_view",
    "copy_extra",
    "copy_missing",
    "copy_summary",
    "crosswalk_counts",
    "crosswalk_view",
    "fig_copy_alignment",
    "fig_crosswalk",
    "fig_crosswalk_counts",
    "fig_keywords",
    "fig_keywords_by_year",
    "fig_progress",
    "keywords_table",
    "keywords_view",
    "progress_candidates",
    "progress_statements",
    "progress_tasks",
    "progress_view",
    "check_summary",
    "discrepancy_kinds",
    "NOTEBOOK_RENDERER",
    "Headline",
    "ReaderTable",
    "RENDERER_ENV",
    "SECTION_COLOURS",
    "STATUS_COLOURS",
    "YEAR_COLOURS",
    "bilingual",
    "check_view",
    "fig_heatmap",
    "headline",
    "fig_quality",
    "fig_section_bars",
    "fig_targets",
    "fig_timeline",
    "fig_unit_gantt",
    "fig_unit_network",
    "figures",
    "full_table",
    "overview",
    "platform_discrepancies",
    "platform_units",
    "platform_view",
    "quality_view",
    "raw_lines",
    "setup_plotly",
    "use_seeds",
    "setup_tables",
    "show",
    "targets",
    "unit_by_year",
    "unit_in_documents",
    "unit_partners",
    "unit_schedule",
    "unit_share",
    "unit_view",
    "year_by_section",
    "year_by_unit",
    "year_view",
]
