"""The ldn-desk command line: recipes and plans from the terminal, JSON for scripts.

Every subcommand reads its options with the same parser as the app. Bad input exits 2 with
one line on stderr naming the field; no traceback reaches the user.

Messages follow the environment's language, as gettext reads it (the first of LC_ALL,
LC_MESSAGES and LANG that is set; C or POSIX is English): the refusals and errors on stderr and
the warnings in the printed result are written through the catalog (ldn_desk/units/messages.py).
The result's own lines, the --help texts and `--json` stay as they are: the JSON's keys, codes and
texts are the program's English, so a script reads the same on every computer.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ldn_desk import __version__
from ldn_desk.errors import EnvironmentFault, LdnDeskError

# Subcommand name -> module under ldn_desk.cli.commands. Modules import the core lazily.
COMMANDS: tuple[str, ...] = (
    "dose",
    "capsules",
    "liquid",
    "schedule",
    "protocols",
    "log",
    "users",
    "formulas",
    "lots",
    "handout",
    "calendar",
    "review",
    "record",
    "mfr",
    "label",
)

EXIT_OK = 0
EXIT_ENVIRONMENT = 1  # the computer stops the work: read-only or full folder, log busy or absent
EXIT_BAD_INPUT = 2  # input a person can correct
EXIT_INTERRUPTED = 130


class Command(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> dict[str, Any]: ...

    def render(self, payload: dict[str, Any]) -> str: ...


_help_language = "en"  # the language --help is printed in (set only when help is asked for)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with the program's texts in the help language (through the catalog)."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(_help(heading) if heading else heading)

    def _format_text(self, text: str) -> str:
        return super()._format_text(_help(text))

    def _expand_help(self, action: argparse.Action) -> str:
        if action.help:
            import copy

            text = action.help
            action = copy.copy(action)
            action.help = _help(text)
        return super()._expand_help(action)


def _help(text: str) -> str:
    if _help_language == "en":
        return text
    from ldn_desk.units.language import help_text

    return help_text(text, _help_language)


# argparse looks its own words ("usage", "options") up through the name `_`, with gettext, each
# time it uses one, several times for every parser; they are the program's words in its languages
# instead: English, or the help language's catalog.
argparse._ = _help  # type: ignore[attr-defined]


def _speak_help(language: str) -> None:
    """Print --help in `language`: argparse's own words ("usage", "options") and the program's."""
    global _help_language
    _help_language = language


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so we choose the message."""

    def error(self, message: str) -> Any:
        raise LdnDeskError(message)

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _HelpFormatter(prog=self.prog)


def _one_line(message: str) -> str:
    """The message with control characters shown escaped (a newline as \\n), so a refusal is
    always one line on stderr, even when argparse quotes a stray argument as it was typed."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in message
    )


def _load(name: str) -> Command:
    module: Any = importlib.import_module(f"ldn_desk.cli.commands.{name}")
    return module  # type: ignore[no-any-return]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`only`) the one subcommand about to run: building a parser imports its
    command module, and a quick `dose` should not pay for the log's."""
    parser = _Parser(prog="ldn-desk", description="Low-dose naltrexone recipes and titration plans.")
    parser.add_argument("--version", action="version", version=f"ldn-desk {__version__}")
    parser.add_argument("--smoke", action="store_true", help="open the main window once and exit (checks)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS if only is None else (only,):
        command = _load(name)
        sub = subparsers.add_parser(name, help=command.HELP, description=command.HELP)
        sub.add_argument("--json", action="store_true", help="print one JSON object")
        command.add_arguments(sub)
    return parser


def message_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the messages: the first of LC_ALL, LC_MESSAGES and LANG that is set, as
    gettext reads them, when the program has its catalog; else (C, POSIX, unset, none) English."""
    from ldn_desk.units.language import SOURCE_LANGUAGE, languages

    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages() else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _said(error: Exception, language: str) -> str:
    from ldn_desk.units.messages import say_error

    return say_error(error, language)


# The headings the human-readable results put before the core's warnings.
_WARNING_HEADS = ("Warnings:", "Warning: ", "Note: ")


def _speak(payload: dict[str, Any], language: str) -> dict[str, Any]:
    """The payload to render for a person in `language`: the core's warnings translated."""
    from ldn_desk.units.messages import say

    warnings = payload.get("warnings")
    if language == "en" or not isinstance(warnings, list):
        return payload
    return {**payload, "warnings": [say(str(text), language) for text in warnings]}


def _speak_heads(text: str, language: str) -> str:
    from ldn_desk.units.messages import say

    if language == "en":
        return text
    lines = []
    for line in text.split("\n"):
        for head in _WARNING_HEADS:
            if line.startswith(head):
                line = say(head.strip(), language) + line[len(head.rstrip()) :]
                break
        lines.append(line)
    return "\n".join(lines)


def _refuse(error: Exception, language: str = "en") -> int:
    """Print one line for any failure and return the exit status it deserves."""
    if isinstance(error, EnvironmentFault):
        message, status = _said(error, language), EXIT_ENVIRONMENT
    elif isinstance(error, LdnDeskError):
        message, status = _said(error, language), EXIT_BAD_INPUT
    elif isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        reason = error.strerror or type(error).__name__
        message, status = f"cannot use{where}: {reason}", EXIT_ENVIRONMENT
    elif isinstance(error, UnicodeError):
        message, status = f"text that is not valid UTF-8 or cannot be shown ({error})", EXIT_BAD_INPUT
    else:
        message = (
            f"unexpected {type(error).__name__}: {error} — the request was not completed; please report this"
        )
        status = EXIT_ENVIRONMENT
    print(f"ldn-desk: {_one_line(message)}", file=sys.stderr)
    return status


def _run_app(smoke: bool) -> int:
    # The window's frame first: the app loads the engines once it is painted (ui/app.py).
    try:
        app = importlib.import_module("ui.app")
    except ImportError as error:
        print(f"ldn-desk: the desktop app is not available ({error})", file=sys.stderr)
        return 1
    return int(app.main(smoke=smoke))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments in ([], ["--smoke"]):
        # The app: skip building every subcommand's parser, which costs start-up time.
        return _run_app(smoke=bool(arguments))
    try:
        if "-h" in arguments or "--help" in arguments:
            _speak_help(message_language())
        parser = build_parser(arguments[0] if arguments[0] in COMMANDS else None)
        args = parser.parse_args(arguments)
        if args.command is None:
            return _run_app(smoke=args.smoke)
        command = _load(args.command)
        payload = command.run(args)
    except KeyboardInterrupt:
        print("ldn-desk: stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the one place every failure becomes one line, never a traceback
        if os.environ.get("LDN_DESK_DEBUG") and not isinstance(error, LdnDeskError):
            raise  # a developer chasing a fault wants the traceback
        return _refuse(error, message_language())
    if args.json:
        text = json.dumps(payload, ensure_ascii=False, indent=2)
    else:
        language = message_language()
        text = _speak_heads(command.render(_speak(payload, language)), language)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed early; that is not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK
