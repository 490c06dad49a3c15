"""Stage 5, quality: every line accounted for, and the data-quality findings of ``zone check``.

Imports every stage before it.
"""
