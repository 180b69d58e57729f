"""The network guard refuses every way out, and the log works entirely without the network."""

from __future__ import annotations

import datetime as dt
import socket
import urllib.request
from pathlib import Path

import pytest
from no_network import NetworkUsedError, active, network_blocked
from store_samples import liquid

from ldn_desk.store import Store, restore


def test_the_guard_refuses_sockets_connections_and_lookups() -> None:
    with network_blocked():
        with pytest.raises(NetworkUsedError, match="network socket"):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with pytest.raises(NetworkUsedError):
            socket.socket()  # the default family is AF_INET
        with pytest.raises(NetworkUsedError):
            socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        with pytest.raises(NetworkUsedError, match="connection"):
            socket.create_connection(("192.0.2.1", 80), timeout=0.01)
        with pytest.raises(NetworkUsedError, match="look up"):
            socket.getaddrinfo("example.org", 443)
        with pytest.raises(NetworkUsedError):
            socket.gethostbyname("example.org")
        with pytest.raises(NetworkUsedError):
            urllib.request.urlopen("http://192.0.2.1/", timeout=0.01)
        if hasattr(socket, "AF_UNIX"):
            left, right = socket.socketpair()  # local, between processes: allowed
            left.close()
            right.close()


def test_the_guard_is_undone_after_a_nested_use() -> None:
    was_active = active()
    init = socket.socket.__init__
    with network_blocked(), network_blocked():
        assert active()
    assert active() == was_active and socket.socket.__init__ is init


def test_the_whole_log_works_with_the_network_refused(tmp_path: Path) -> None:
    with network_blocked():
        path = tmp_path / "log.sqlite3"
        with Store.open(path) as store:
            record_id = store.save_record(liquid())
            store.sign_off(record_id, "B. Checker")
            store.amend(record_id, {"bud": dt.date(2026, 12, 10)}, reason="BUD corrected")
            store.search(lot="NX-2291")
            store.save_plan("Jan Nowak", {"steps": []})
            copy = store.backup(tmp_path / "copy.sqlite3")
            store.export_csv(tmp_path / "out.csv")
            store.check()
        restore(copy, path)
