"""zone_lib: tidy tables from Ningxia's “互联网+医疗健康” demonstration-zone documents.

The public API::

    import zone_lib
    zone_lib.documents()         # one row per document of the corpus
    zone_lib.matrix()            # the 40-task annual matrix, one row per cell
    zone_lib.tasks()             # numbered tasks of every task document
    zone_lib.milestones()        # year milestones: prose, table cells, deadlines
    zone_lib.plan_tree()         # the Plans as section trees; plan_goals(): their 到2020年/到2022年 goals
    zone_lib.responsibilities()  # lead / cooperating units per task
    zone_lib.units()             # the unit registry: canonical names, levels, kinds, aliases
    zone_lib.targets()           # quantitative targets (覆盖90%以上, 80个以上, 373家 …) by year
    zone_lib.crosswalk(a, b)     # which task of document a answers which of document b (jieba)
    zone_lib.keywords(by="year") # distinctive words per section, year or document (jieba TF-IDF)
    zone_lib.reported_progress() # Ningxia's 2020 report linked to the planned milestones
    zone_lib.copy_report()       # the scraped web copy of the Plan: coverage, duplicates, order
    zone_lib.discrepancies()     # where the annex table and the prose disagree
    zone_lib.table_lines()       # how every line of the table region was read
    zone_lib.line_accounting()   # every line of every seed: used, boilerplate or reported
    zone_lib.quality_findings()  # the data-quality findings of `zone check`
    zone_lib.read_document(path) # a plan it has never seen, into the same tables

    corpus = zone_lib.load("my_seeds")  # one seeds folder, read once
    corpus.matrix()              # every table above is a method, computed once per corpus
    zone_lib.matrix(seeds=corpus)  # … or pass the corpus (or a folder) as ``seeds``

HTML briefings: ``zone render`` (:mod:`zone_lib.render.pages`).
"""

from zone_lib._version import __version__ as __version__
from zone_lib.analysis.copies import copy_alignment, copy_report, find_copies
from zone_lib.analysis.crosswalk import crosswalk, crosswalk_summary
from zone_lib.analysis.keywords import keywords
from zone_lib.analysis.progress import reported_progress
from zone_lib.errors import (
    DocumentNotFoundError,
    EmptyDocumentError,
    FileTooLargeError,
    NotTextError,
    ParameterError,
    ParseError,
    SeedReadError,
    SeedsNotFoundError,
    TableParseError,
    ZoneError,
)
from zone_lib.ingest.corpus import TABLES, Corpus, load, load_corpus
from zone_lib.parse.targets import extract_targets
from zone_lib.quality.accounting import accounting_summary, line_accounting
from zone_lib.quality.findings import quality_findings
from zone_lib.reader.own_document import OwnDocument, read_document
from zone_lib.tables.documents import documents
from zone_lib.tables.matrix import discrepancies, matrix, table_lines
from zone_lib.tables.plans import plan_goals, plan_tree
from zone_lib.tables.targets import targets
from zone_lib.tables.tasks import milestones, responsibilities, task_documents, tasks
from zone_lib.tables.units import canonical_unit, unit_links, units

# every corpus table is also a method of a Corpus: zone_lib.load().matrix() …
TABLES.update(
    documents=documents,
    matrix=matrix,
    table_lines=table_lines,
    discrepancies=discrepancies,
    tasks=tasks,
    milestones=milestones,
    responsibilities=responsibilities,
    task_documents=task_documents,
    plan_tree=plan_tree,
    plan_goals=plan_goals,
    targets=targets,
    units=units,
    unit_links=unit_links,
    crosswalk=crosswalk,
    crosswalk_summary=crosswalk_summary,
    keywords=keywords,
    reported_progress=reported_progress,
    copy_report=copy_report,
    copy_alignment=copy_alignment,
    find_copies=find_copies,
    line_accounting=line_accounting,
    accounting_summary=accounting_summary,
    quality_findings=quality_findings,
)

__all__ = [
    "Corpus",
    "TABLES",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "FileTooLargeError",
    "NotTextError",
    "OwnDocument",
    "ParameterError",
    "ParseError",
    "SeedReadError",
    "SeedsNotFoundError",
    "TableParseError",
    "ZoneError",
    "accounting_summary",
    "canonical_unit",
    "copy_alignment",
    "copy_report",
    "crosswalk",
    "crosswalk_summary",
    "discrepancies",
    "documents",
    "find_copies",
    "keywords",
    "line_accounting",
    "load",
    "load_corpus",
    "matrix",
    "milestones",
    "plan_goals",
    "plan_tree",
    "quality_findings",
    "read_document",
    "reported_progress",
    "responsibilities",
    "table_lines",
    "targets",
    "extract_targets",
    "task_documents",
    "tasks",
    "unit_links",
    "units",
]
