"""The command line: version, exit codes, one-line errors with no traceback, and ldn-desk dose."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import cli_json, cli_text, dose_argv, one_error_line, refusal

from ldn_desk import __version__
from ldn_desk.cli import COMMANDS, EXIT_BAD_INPUT, main

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_SCRIPT = Path(sys.executable).with_name("ldn-desk.exe" if sys.platform == "win32" else "ldn-desk")
DOSE = ["dose", "--dose", "1.5 mg", "--strength", "1 mg/mL"]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False, timeout=60)


# --- version and entry points ----------------------------------------------------------------


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"ldn-desk {__version__}"


def test_python_m_ldn_desk_version() -> None:
    result = _run([sys.executable, "-m", "ldn_desk", "--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ldn-desk {__version__}"


def test_console_script_version_and_dose() -> None:
    if not CONSOLE_SCRIPT.exists():
        pytest.skip(f"no console script beside {sys.executable}; install the project into this venv")
    version = _run([str(CONSOLE_SCRIPT), "--version"])
    assert (version.returncode, version.stdout.strip()) == (0, f"ldn-desk {__version__}")
    dose = _run([str(CONSOLE_SCRIPT), *DOSE, "--json"])
    assert dose.returncode == 0, dose.stderr
    assert json.loads(dose.stdout)["volume_ml"] == 1.5  # 1.5 mg ÷ 1 mg/mL


def test_dose_is_a_registered_command() -> None:
    assert "dose" in COMMANDS


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["dose", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--dose" in out and "--syringe-size" in out and "--graduation" in out


def test_building_the_parser_loads_nothing_heavy() -> None:
    # Start-up: subcommand modules import the core inside run(), so argument parsing (and
    # --help, --version) never pays for pint, ReportLab or Qt, and `ldn-desk dose` pays only
    # for what it uses. Checked in a fresh interpreter.
    heavy = ("pint", "ldn_desk.units.quantity", "reportlab", "PySide6")
    probe = f"import sys, ldn_desk.cli as c; c.build_parser(); print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = _run([sys.executable, "-c", probe])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- bad input: exit 2, one line on stderr, never a traceback ---------------------------------


@pytest.mark.parametrize(
    ("argv", "mentions"),
    [
        (["--bogus"], "--bogus"),
        (["frobnicate"], "frobnicate"),
        ([*DOSE, "--bogus"], "--bogus"),
        (["dose", "--strength", "1 mg/mL"], "--dose"),  # a required option missing
        (["dose", "--dose"], "--dose"),  # an option without its value
        (["dose", "--dose", "4,5 mg", "--strength", "1 mg/mL"], "ldn-desk: --dose:"),
        (["dose", "--dose", ".5 mg", "--strength", "1 mg/mL"], "leading zero"),
        (["dose", "--dose", "1.5 mL", "--strength", "1 mg/mL"], "ldn-desk: --dose:"),
        (["dose", "--dose", "1.5 mg", "--strength", "1 mg"], "ldn-desk: --strength:"),
        (["dose", "--dose", "1.5 mg", "--strength", "0 mg/mL"], "ldn-desk: --strength:"),
        (
            ["dose", "--dose", "12 mg", "--strength", "1 mg/mL"],
            'ldn-desk: --dose: "12 mg" — is above 10 mg',
        ),  # over the hard limit
        ([*DOSE, "--syringe-size", "3 mL"], 'ldn-desk: --syringe-size: "3 mL" — give --graduation'),
        ([*DOSE, "--graduation", "0.1 mL"], 'ldn-desk: --graduation: "0.1 mL" — give --syringe-size'),
        (
            [*DOSE, "--syringe-size", "1 mL", "--graduation", "0.3 mL"],
            'ldn-desk: --graduation: "0.3 mL" — does not divide',
        ),
        ([*DOSE, "--syringe-size", "3 cc", "--graduation", "0.1 mL"], "write mL"),
        ([*DOSE, "--syringe-size", "3 mg", "--graduation", "0.1 mL"], "ldn-desk: --syringe-size:"),
        ([*DOSE, "--syringe-size", "3 mL", "--graduation", "5 mL"], "ldn-desk: --graduation:"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    argv: list[str], mentions: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mentions in refusal(argv, capsys)


def test_bad_input_in_a_real_process_has_no_traceback() -> None:
    result = _run([sys.executable, "-m", "ldn_desk", "dose", "--dose", "4,5 mg", "--strength", "1 mg/mL"])
    assert result.returncode == EXIT_BAD_INPUT
    assert result.stdout == ""
    assert one_error_line(result.stderr).startswith('ldn-desk: --dose: "4,5 mg" — ')
    unknown = _run([sys.executable, "-m", "ldn_desk", "frobnicate"])
    assert unknown.returncode == EXIT_BAD_INPUT
    one_error_line(unknown.stderr)


def test_the_english_tests_pass_for_a_developer_whose_language_is_spanish() -> None:
    """The suite pins the locale (tests/conftest.py): run from a Spanish shell, the English
    refusal tests, in process and in a child process, still read English."""
    import os

    spanish = {**os.environ, "LANG": "es_ES.UTF-8", "LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}
    tests = [
        "tests/core/test_cli.py::test_bad_input_exits_2_with_one_line",
        "tests/core/test_cli.py::test_bad_input_in_a_real_process_has_no_traceback",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        capture_output=True, text=True, cwd=ROOT, env=spanish, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


# --- ldn-desk dose ----------------------------------------------------------------------------


def test_dose_json_for_a_measurable_volume(capsys: pytest.CaptureFixture[str]) -> None:
    # 1.5 mg ÷ 1 mg/mL = 1.5 mL = 15 marks on the 3 mL syringe (0.1 mL marks).
    payload = cli_json(DOSE, capsys)
    assert payload["volume_ml"] == 1.5
    assert payload["volume_ml_text"] == "1.5 mL"
    assert payload["dose_mg"] == 1.5
    assert payload["dose_mg_text"] == "1.5 mg"
    assert payload["syringe_ml"] == 3.0
    assert payload["graduation_ml"] == 0.1
    assert payload["syringe"] == "3 mL syringe (0.1 mL marks)"
    assert payload["measurable"] is True
    assert payload["nearest"] == []
    assert payload["warnings"] == []


# One 5 mL syringe with 0.2 mL marks: 4.5 mL is 22.5 marks on it.
DOSE_4_5_COARSE = dose_argv("4.5 mg", "1 mg/mL", "--syringe-size", "5 mL", "--graduation", "0.2 mL")


def test_dose_json_when_nothing_measures_it(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.5 mg ÷ 1 mg/mL = 4.5 mL = 22.5 marks of 0.2 mL: nearest 4.4 mL (4.4 mg), 4.6 mL (4.6 mg).
    payload = cli_json(DOSE_4_5_COARSE, capsys)
    assert payload["measurable"] is False
    assert payload["syringe_ml"] is None
    assert payload["graduation_ml"] is None
    assert [(n["volume_ml_text"], n["dose_mg_text"], n["syringe_ml"]) for n in payload["nearest"]] == [
        ("4.4 mL", "4.4 mg", 5.0),
        ("4.6 mL", "4.6 mg", 5.0),
    ]
    assert len(payload["warnings"]) == 1


def test_dose_with_a_user_syringe(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.5 mL on a 5 mL syringe with 0.1 mL marks: 45 whole marks.
    argv = dose_argv("4.5 mg", "1 mg/mL", "--syringe-size", "5 mL", "--graduation", "0.1 mL")
    payload = cli_json(argv, capsys)
    assert (payload["measurable"], payload["syringe_ml"], payload["graduation_ml"]) == (True, 5.0, 0.1)
    # Only the given syringe is used: 0.5 mL fits the 1 mL default, but here it is the 5 mL one.
    small = cli_json(
        dose_argv("0.5 mg", "1 mg/mL", "--syringe-size", "5 mL", "--graduation", "0.1 mL"), capsys
    )
    assert small["syringe_ml"] == 5.0


def test_dose_json_every_quantity_has_its_text(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["dose", "--dose", "1 mg", "--strength", "3 mg/mL"], capsys)
    for record in [payload, *payload["nearest"]]:
        for key, value in record.items():
            if key.endswith(("_ml", "_mg", "_mg_per_ml")):
                text = record[f"{key}_text"]
                assert (value is None) == (text is None), key
                assert text is None or " " in text, key  # a space before the unit


def test_dose_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text(DOSE, capsys)
    assert "1.5 mg of a 1 mg/mL liquid is 1.5 mL." in out
    assert "Measure 1.5 mL with the 3 mL syringe (0.1 mL marks)." in out
    out = cli_text(DOSE_4_5_COARSE, capsys)
    assert "Not measurable" in out
    # With the usual set, the 5 mL syringe with 0.1 mL marks measures it (45 marks), and says so.
    usual = cli_text(dose_argv("4.5 mg", "1 mg/mL"), capsys)
    assert "Measure 4.5 mL with the 5 mL syringe (0.1 mL marks)." in usual
    assert "4.4 mL gives 4.4 mg" in out
    assert "Warnings:" in out


def test_the_start_up_benchmark_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One timed start of each keeps the script from rotting; the 1.0x target itself is checked
    # by running the benchmark (benchmarks/README.md), where timings are steadier.
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))  # as when run as a script: its timing module
    spec = importlib.util.spec_from_file_location("bench_dose_cli", ROOT / "benchmarks" / "bench_dose_cli.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--runs", "1", "--target", "1000"]) == 0
    assert "ratio:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        # argparse puts the stray arguments in its message as typed, newline and all.
        (["liquid", "--strength", "1 mg/mL", "--volume", "30 mL", "a\nb"], "unrecognized arguments: a\\nb"),
        (["frobnicate\r\nrm"], "frobnicate\\r\\nrm"),
        (["schedule", "--protocol", "standard", "--time", "night\x1b[2J"], "night\\x1b[2J"),
    ],
)
def test_an_error_message_with_control_characters_stays_on_one_line(
    argv: list[str], shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert shown in err
    assert not any(char != "\n" and not char.isprintable() for char in err)


def test_a_quick_subcommand_builds_only_its_own_parser() -> None:
    # `ldn-desk dose` must not pay for the log package or the other subcommands' modules.
    probe = (
        "import sys, ldn_desk.cli as c; c.build_parser('dose'); "
        "print(sorted(m for m in sys.modules if m.startswith(('ldn_desk.store', 'ldn_desk.cli.commands.'))))"
    )
    result = _run([sys.executable, "-c", probe])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['ldn_desk.cli.commands.dose', 'ldn_desk.cli.commands.options']"


# --- every failure is one line: 2 for input, 1 for the computer, never a traceback ------------


def _failing_dose(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    import ldn_desk.cli.commands.dose as dose

    def run(args: object) -> dict[str, object]:
        raise error

    monkeypatch.setattr(dose, "run", run)


@pytest.mark.parametrize(
    ("error", "status", "says"),
    [
        (OSError(28, "No space left on device", "/data/log.sqlite3"), 1, "/data/log.sqlite3: No space left"),
        (PermissionError(13, "Permission denied", "/data"), 1, "cannot use /data: Permission denied"),
        (TypeError("boom"), 1, "unexpected TypeError: boom"),
        (UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed"), 2, "not valid UTF-8"),
    ],
)
def test_any_failure_is_one_line_with_the_right_status(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    status: int,
    says: str,
) -> None:
    monkeypatch.delenv("LDN_DESK_DEBUG", raising=False)
    _failing_dose(monkeypatch, error)
    assert main(DOSE) == status
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ldn-desk: ")
    assert says in lines[0]
    assert "Traceback" not in captured.err


def test_environment_faults_of_the_program_exit_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldn_desk.errors import EnvironmentFault

    _failing_dose(monkeypatch, EnvironmentFault("the log is busy; try again"))
    assert main(DOSE) == 1
    assert capsys.readouterr().err == "ldn-desk: the log is busy; try again\n"
