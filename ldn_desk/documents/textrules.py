"""Checks printed text against the dose-writing rules (ISMP); the tests run it on every PDF.

The rules themselves live once, in the core's text layer (`ldn_desk.units.free_text`), where the
same set also refuses typed directions before they are printed.
"""

from __future__ import annotations

from ldn_desk.units.free_text import dose_text_problems

__all__ = ["dose_text_problems"]
