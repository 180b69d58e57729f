"""The acting user of a command (--as NAME) and passwords: from the terminal, or one a line from
standard input with --password-stdin; never from an option's value, which a shell history keeps."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ldn_desk.errors import InputError

if TYPE_CHECKING:
    from ldn_desk.store.users import Credentials


def add_acting(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    parser.add_argument("--as", dest="acting", required=required, metavar="NAME", help=f"the user {what}")
    parser.add_argument(
        "--password-stdin", action="store_true",
        help="read passwords from standard input, one a line (the acting user's first)",
    )  # fmt: skip


class Passwords:
    """The passwords a command needs, read in order as the command asks for them."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._stdin = bool(getattr(args, "password_stdin", False))
        self._lines: Iterator[str] | None = None

    def read(self, prompt: str) -> str:
        if self._stdin:
            if self._lines is None:
                self._lines = iter(sys.stdin.readline, "")
            line = next(self._lines, None)
            if line is None:
                raise InputError("--password-stdin", None, f"gave no line for {prompt}",
                                 "one password a line, the acting user's first")  # fmt: skip
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():  # getpass would warn and read the password echoed
            raise InputError("password", None, "could not be read: standard input is not a terminal",
                             "--password-stdin with the password on standard input")  # fmt: skip
        try:
            return getpass.getpass(f"{prompt}: ")
        except (OSError, EOFError):
            raise InputError("password", None, "could not be read from a terminal",
                             "--password-stdin with the password on standard input") from None  # fmt: skip


def credentials(args: argparse.Namespace, passwords: Passwords) -> Credentials:
    from ldn_desk.desk.log import Credentials

    name = " ".join(str(args.acting).split())
    if not name:
        raise InputError("--as", None, "needs the user's name", "--as 'Bea Lund'")
    return Credentials(name, passwords.read(f"Password for {name}"))
