"""The version of zone_lib (a base module: the render stage hashes it without importing the package)."""

__version__ = "0.1.0"
