"""Stage 4, analysis: words (jieba), tf-idf keywords, crosswalks, copies, reported progress.

Imports ``ingest``, ``parse`` and ``tables``.
"""
