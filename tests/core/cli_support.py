"""Running ldn-desk in the test's own process, and the dose-writing rules its text must obey."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import event
from hypothesis.control import currently_in_test_context

from ldn_desk.cli import EXIT_BAD_INPUT, EXIT_OK, main


def dose_argv(dose: str, strength: str, *extra: str) -> list[str]:
    """`ldn-desk dose` arguments for a dose of a liquid of this strength."""
    return ["dose", "--dose", dose, "--strength", strength, *extra]


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `ldn-desk ARGV`."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The one JSON object of `ldn-desk ARGV --json` (--json added unless ARGV has it), which
    must exit 0 with nothing on stderr."""
    code, out, err = run_cli(argv if "--json" in argv else [*argv, "--json"], capsys)
    assert code == EXIT_OK, err
    assert err == ""
    payload: dict[str, Any] = json.loads(out)
    return payload


def cli_text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The human text of `ldn-desk ARGV`, which must exit 0."""
    code, out, err = run_cli(argv, capsys)
    assert code == EXIT_OK, err
    return out


def one_error_line(stderr: str) -> str:
    """A refusal's stderr: one line, no traceback, starting with the program's name."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("ldn-desk: ")
    return lines[0]


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line of `ldn-desk ARGV`, which must exit 2 with nothing on stdout."""
    code, out, err = run_cli(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    return one_error_line(err)


def fuzz_run(argv: list[str], capsys: pytest.CaptureFixture[str], named: re.Pattern[str]) -> str | None:
    """Any input: exit 0 with nothing on stderr (returns stdout), or exit 2 with one line on
    stderr that `named` matches (returns None) — never another exit code or a traceback."""
    capsys.readouterr()  # examples share the fixture; start clean
    code, out, err = run_cli(argv, capsys)
    assert code in (EXIT_OK, EXIT_BAD_INPUT), (argv, code, err)
    if currently_in_test_context():
        event(f"exit {code}")  # --hypothesis-show-statistics: how many examples were made
    if code == EXIT_BAD_INPUT:
        assert out == ""
        lines = err.split("\n")
        assert lines[-1] == "" and len(lines) == 2, (argv, err)
        assert named.match(lines[0]), (argv, lines[0])
        return None
    assert err == ""
    return out


# --- the dose-writing rules (ISMP) -------------------------------------------------------------

UNSAFE = [
    (re.compile(r"(?<![0-9A-Za-z])\.[0-9]"), "no leading zero"),
    (re.compile(r"[0-9]\.[0-9]*0(?![0-9])"), "trailing zero"),
    (re.compile(r"[µμ]g"), "µg instead of mcg"),
    (re.compile(r"\bcc\b"), "cc instead of mL"),
    (re.compile(r"\bmls?\b"), "ml instead of mL"),
    (re.compile(r"\bqhs\b|\bhs\b", re.IGNORECASE), "qhs/HS"),
    (re.compile(r"\bQD\b|\bqd\b"), "QD"),
    (re.compile(r"[0-9](?:mg|mL|mcg|g/mL)\b"), "no space before the unit"),
    (re.compile(r"[0-9]e[-+]?[0-9]|\bnan\b|\binf\b", re.IGNORECASE), "not a plain number"),
    (re.compile(r"(?<![0-9,.])[0-9]{4,}(?:\.[0-9]+)? (?:mg|mL|mcg)\b"), "no thousands comma"),
]


def _texts(payload: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every *_text value and every string under steps, warnings, labels, names."""
    if isinstance(payload, dict):
        for name, value in payload.items():
            yield from _texts(value, name)
    elif isinstance(payload, list):
        for item in payload:
            yield from _texts(item, key)
    elif isinstance(payload, str) and (
        key.endswith("_text") or key in {"steps", "warnings", "text", "auxiliary_labels", "syringe"}
    ):
        yield key, payload


def assert_safe_text(payload: dict[str, Any]) -> None:
    """Every text a person reads in a JSON payload obeys the dose-writing rules."""
    for where, text in _texts(payload):
        for pattern, rule in UNSAFE:
            assert not pattern.search(text), f"{where}: {rule}: {text!r}"


def assert_safe_lines(text: str) -> None:
    """Every line of a command's human text obeys the dose-writing rules."""
    for line in text.splitlines():
        for pattern, rule in UNSAFE:
            assert not pattern.search(line), f"text: {rule}: {line!r}"
