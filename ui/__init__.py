"""LDN Desk desktop app (PySide6): the only package that imports Qt."""

import builtins as _builtins
from collections.abc import Iterator as _Iterator
from contextlib import contextmanager as _contextmanager

CHECK_STATEMENT = (
    "LDN Desk is a calculation aid. Every result must be checked by the pharmacist or prescriber "
    "before it is used."
)

# Python's own import function, as it was before PySide6 replaced it with one that reads every
# newly imported module's source to see whether it selects a Qt feature (snake_case and the like).
# The core never imports Qt (the import contracts check it), so that check is skipped for it.
_PLAIN_IMPORT = _builtins.__import__


@_contextmanager
def plain_imports() -> _Iterator[None]:
    """Import the Qt-free core with Python's own import function, not PySide6's feature check:
    its modules end as they do when imported before Qt, without reading each one's source."""
    hooked = _builtins.__import__
    _builtins.__import__ = _PLAIN_IMPORT
    try:
        yield
    finally:
        _builtins.__import__ = hooked
