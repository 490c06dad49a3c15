"""zone_lib: tidy tables from Ningxia's “互联网+医疗健康” demonstration-zone documents.

The public API::

    import zone_lib
    zone_lib.documents()         # one row per document of the corpus
    zone_lib.matrix()            # the 40-task annual matrix, one row per cell
    zone_lib.tasks()             # numbered tasks of every task document
    zone_lib.milestones()        # year milestones: prose, table cells, deadlines
    zone_lib.responsibilities()  # lead / cooperating units per task
    zone_lib.units()             # the unit registry: canonical names, levels, kinds, aliases
    zone_lib.discrepancies()     # where the annex table and the prose disagree
    zone_lib.table_lines()       # how every line of the table region was read
"""

from .corpus import documents, load_corpus
from .errors import (
    DocumentNotFoundError,
    ParseError,
    SeedReadError,
    SeedsNotFoundError,
    TableParseError,
    ZoneError,
)
from .tables import discrepancies, matrix, table_lines
from .task_tables import milestones, responsibilities, task_documents, tasks
from .unit_registry import canonical_unit, unit_links, units

__version__ = "0.1.0"

__all__ = [
    "DocumentNotFoundError",
    "ParseError",
    "SeedReadError",
    "SeedsNotFoundError",
    "TableParseError",
    "ZoneError",
    "canonical_unit",
    "discrepancies",
    "documents",
    "load_corpus",
    "matrix",
    "milestones",
    "responsibilities",
    "table_lines",
    "task_documents",
    "tasks",
    "unit_links",
    "units",
]
