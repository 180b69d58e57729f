"""Test plug-in: LDN Desk opens no network connection, so any attempt during the tests fails loudly.

Enable it for the whole suite with one line in tests/conftest.py:

    pytest_plugins = ["no_network"]

or for one run with `pytest -p no_network` (tests/ on the path). While active, creating an
Internet socket (IPv4 or IPv6), connecting any socket to a network address, and looking up a
host name raise NetworkUsedError. Local sockets between processes (AF_UNIX, as socketpair uses)
are allowed: they never leave the machine. Child processes are not covered.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any

_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_depth = 0
_saved: dict[str, Any] = {}


class NetworkUsedError(AssertionError):
    """A test (or the code under test) tried to reach the network."""


def _refuse(what: str) -> NetworkUsedError:
    return NetworkUsedError(f"LDN Desk must never use the network, but something tried to {what}")


def _guarded_init(
    self: socket.socket, family: int = -1, type: int = -1, proto: int = -1, fileno: Any = None
) -> None:
    # family -1 without a file descriptor means the default, AF_INET.
    if fileno is None and (family == -1 or family in _NETWORK_FAMILIES):
        raise _refuse(f"create a network socket (family {family})")
    _saved["init"](self, family, type, proto, fileno)


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if self.family in _NETWORK_FAMILIES:
        raise _refuse(f"connect to {address!r}")
    _saved["connect"](self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if self.family in _NETWORK_FAMILIES:
        raise _refuse(f"connect to {address!r}")
    return int(_saved["connect_ex"](self, address))


def _refusing(what: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise _refuse(f"{what} {args[:1]!r}")

    return refuse


def block() -> None:
    """Start refusing network use (nested calls are counted)."""
    global _depth
    _depth += 1
    if _depth > 1:
        return
    _saved.update(
        init=socket.socket.__init__, connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
        create_connection=socket.create_connection, getaddrinfo=socket.getaddrinfo,
        gethostbyname=socket.gethostbyname, gethostbyname_ex=socket.gethostbyname_ex,
    )  # fmt: skip
    socket.socket.__init__ = _guarded_init  # type: ignore[method-assign]
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.create_connection = _refusing("open a connection to")
    socket.getaddrinfo = _refusing("look up the address")
    socket.gethostbyname = _refusing("look up the host")
    socket.gethostbyname_ex = _refusing("look up the host")


def unblock() -> None:
    """Undo the last `block()`; the real functions come back when the outermost one ends."""
    global _depth
    if _depth == 0:
        return
    _depth -= 1
    if _depth:
        return
    socket.socket.__init__ = _saved["init"]  # type: ignore[method-assign]
    socket.socket.connect = _saved["connect"]  # type: ignore[method-assign]
    socket.socket.connect_ex = _saved["connect_ex"]  # type: ignore[method-assign]
    socket.create_connection = _saved["create_connection"]
    socket.getaddrinfo = _saved["getaddrinfo"]
    socket.gethostbyname = _saved["gethostbyname"]
    socket.gethostbyname_ex = _saved["gethostbyname_ex"]
    _saved.clear()


def active() -> bool:
    return _depth > 0


@contextlib.contextmanager
def network_blocked() -> Iterator[None]:
    block()
    try:
        yield
    finally:
        unblock()


# -- pytest hooks: active from configuration to the end of the session -----------------------------


def pytest_configure(config: Any) -> None:
    block()


def pytest_unconfigure(config: Any) -> None:
    unblock()
