"""Shared test set-up: no test touches the real user's files or needs a display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
