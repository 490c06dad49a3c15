"""Stage 3, tables: the corpus tables (matrix, tasks, milestones, responsibilities, units, targets).

Each public function takes ``seeds`` (a folder or a :class:`~zone_lib.ingest.corpus.Corpus`)
and returns a checked DataFrame. Imports ``ingest`` and ``parse``.
"""
