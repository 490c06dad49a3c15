"""Stage 2, parse: readers of one document's lines (tables, numbered prose, plans, units, targets).

Parsers take numbered lines and return plain objects; they do not load the corpus.
Imports the base modules and ``ingest``.
"""
