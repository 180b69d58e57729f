"""LDN Desk core: units, dose text, recipes, titration plans, dates, documents and storage."""

__version__ = "0.1.0"
