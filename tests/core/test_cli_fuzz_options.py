"""Every option of every subcommand, fuzzed with unicode: digits of every script, superscripts and
subscripts, format (invisible, bidi) characters, unpaired surrogates and huge numbers.

Found by walking the parser, so an option added later is fuzzed too. Each run must end in one of
two ways: exit 0, or exit 2 with one line (1 is for the computer, and nothing here touches a file
the run does not own). A number is never changed silently: an amount, count, id, date or list
written with anything but ASCII or full-width digits is refused, and one written in full-width
digits gives exactly what its ASCII form gives.
"""

from __future__ import annotations

import argparse
import itertools
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_desk.cli import build_parser, main

FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:  # fmt: skip
    subs = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, sub in action.choices.items():
            yield from _leaves(sub, (*path, name))


LEAVES = dict(_leaves(build_parser()))
PATHS = {"-o", "--output", "--data-dir", "backup_file"}  # files and folders: given, never fuzzed
NUMBERS = {"AMOUNT", "STRENGTH", "VOLUME", "N", "ID", "PERCENT", "DENSITY", "DURATION", "LIST", "DATE"}


def _name(action: argparse.Action) -> str:
    return action.option_strings[0] if action.option_strings else action.dest


def _good(path: tuple[str, ...], name: str) -> str | None:
    """A value that option accepts (None: the option needs none to run)."""
    capsules = "capsules" in path
    return {
        "--dose": "1.5 mg", "--strength": "0.5 mg" if capsules else "1 mg/mL", "--volume": "100 mL",
        "--count": "30", "--patient": "Ann Lee", "--rx": "RX-1001", "--compounded-by": "AB",
        "--pharmacy": "Main Street Pharmacy", "--checked-by": "CD", "id": "1", "--limit": "20",
        "--start": "1 mg", "--step": "1 mg", "--every": "7 days", "--target": "4.5 mg", "--days": "84",
        "--ladder": "0.5 mg, 1 mg", "--liquid": "1 mg/mL", "--capsules": "1 mg, 0.5 mg", "--fill-days": "28",
        "--compounded": "2026-12-01", "--start-date": "2026-12-01", "--from": "2026-12-01", "--to": "2026-12-31",
        "--date": "2026-12-01", "--potency": "99 %", "--water": "0.5 %", "--balance-mwq": "120 mg",
        "--extra": "1", "--calibrated-fill": "95 mg", "--drug-density": "0.6 g/mL", "--tablet-strength": "50 mg",
        "--syringe-size": "5 mL", "--graduation": "0.1 mL", "--copies": "2", "--skip": "1",
    }.get(name)  # fmt: skip


def _fuzzable(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [action for action in parser._actions
            if action.nargs != 0 and not isinstance(action, argparse._SubParsersAction | argparse._HelpAction)
            and _name(action) not in PATHS]  # fmt: skip


CASES = sorted((path, _name(action)) for path, parser in LEAVES.items() for action in _fuzzable(parser))

# -- what a person might paste --------------------------------------------------------------------

_ZEROS = sorted({chr(code - unicodedata.digit(chr(code))) for code in range(0x110000)
                 if unicodedata.category(chr(code)) == "Nd"})  # fmt: skip
_FULL_WIDTH_ZERO = "\uff10"
_SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUB = "₀₁₂₃₄₅₆₇₈₉"
_FORMAT = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u00ad",
           "\ufeff", "\u2060", "\u061c"]  # fmt: skip
_SURROGATES = ["\ud800", "\udfff", "\udc80"]


@st.composite
def _variant(draw: st.DrawFn, good: str) -> tuple[str, str]:
    """(kind, text): the good value with its digits in another script, or a hidden character added."""
    kind = draw(st.sampled_from(["script", "full-width", "super", "sub", "format", "surrogate"]))
    if kind in ("script", "full-width", "super", "sub"):
        zero = draw(st.sampled_from(_ZEROS)) if kind == "script" else _FULL_WIDTH_ZERO
        table = {"super": _SUPER, "sub": _SUB}.get(kind)
        which = draw(st.integers(min_value=0, max_value=10_000))
        out, changed = [], 0
        for char in good:
            if (char.isdigit() and (which >> changed) & 1) or (char.isdigit() and changed == 0):
                out.append(table[int(char)] if table else chr(ord(zero) + int(char)))
            else:
                out.append(char)
            changed += char.isdigit()
        text = "".join(out)
        if kind == "script" and zero == "0":
            kind = "ascii"
        return kind, text
    place = draw(st.integers(min_value=0, max_value=len(good)))
    mark = draw(st.sampled_from(_FORMAT if kind == "format" else _SURROGATES))
    return kind, good[:place] + mark + good[place:]


_ANY = st.text(st.characters(categories=["Nd", "No", "Cf", "Zs", "Lo", "Sm", "Po"]), max_size=12)
_HUGE = st.sampled_from(["9" * 29, "9" * 29 + " mg", "1" + "0" * 400, "9" * 5000, "-" + "9" * 30, "1e999"])

# -- running it --------------------------------------------------------------------------------------


def _argv(path: tuple[str, ...], option: str, value: str, scratch: Path, run: int) -> list[str]:
    parser = LEAVES[path]
    argv: list[str] = list(path)
    for action in parser._actions:
        name = _name(action)
        if name == option or (not action.required and name not in ("id", "backup_file")):
            continue
        if name in ("-o", "--output"):
            argv += [name, str(scratch / f"out-{run}.pdf")]
        elif name == "backup_file":
            argv.append(str(scratch / "no-such-backup.sqlite3"))
        elif (good := _good(path, name)) is not None:
            argv += [good] if not action.option_strings else [name, good]
    argv += [value] if not option.startswith("-") else [option, value]
    if path[0] == "log":
        argv += ["--data-dir", str(scratch / "data")]
    return argv


_runs = itertools.count()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _numeric(path: tuple[str, ...], option: str) -> bool:
    action = next(action for action in LEAVES[path]._actions if _name(action) == option)
    return str(action.metavar) in NUMBERS


@FUZZ
@given(case=st.sampled_from(CASES), data=st.data())
def test_every_option_refuses_on_one_line_and_never_changes_a_number(
    case: tuple[tuple[str, ...], str], data: st.DataObject, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, option = case
    good = _good(path, option)
    if good is not None and data.draw(st.booleans()):
        kind, value = data.draw(_variant(good))
    else:
        kind, value = "any", data.draw(st.one_of(_ANY, _HUGE, st.sampled_from(_FORMAT + _SURROGATES)))
    run = next(_runs)
    argv = _argv(path, option, value, tmp_path, run)
    code, out, err = _run(argv, capsys)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        assert out == "" and len(err.splitlines()) == 1 and err.startswith("ldn-desk: "), (argv, err)
    hidden = kind in ("format", "surrogate")
    if hidden or (kind in ("super", "sub", "script") and _numeric(path, option)):
        assert code == 2, (argv, out)  # refused, never read as some other number or text
    if (
        kind == "full-width"
        and code == 0
        and _numeric(path, option)
        and "-o" not in argv
        and path[:2] != ("log", "add")
    ):
        # Full-width digits are the same digits: the same answer as typed in ASCII.
        ascii_code, ascii_out, _ = _run(_argv(path, option, good or "", tmp_path, run), capsys)
        assert (ascii_code, ascii_out) == (0, out), argv
