"""Stage 8, render: ``zone render`` — the briefing suite, the papermill engine, pages and the site.

Imports every stage before it.
"""
