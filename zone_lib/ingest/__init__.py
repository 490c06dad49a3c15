"""Stage 1, ingest: find the seeds, read files as text, split them into documents, the corpus.

Imports only the base modules (``errors``, ``textutil``, ``files``, ``schemas``).
"""
