"""Stage 6, reader: a document zone_lib has never seen, read into the corpus tables.

Imports every stage before it.
"""
