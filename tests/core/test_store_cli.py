"""ldn-desk log: list, show, export, backup, restore, check and new, with --json and --data-dir."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from cli_support import cli_json, cli_text
from store_samples import PATIENT, capsules, liquid, tablets, water

from ldn_desk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from ldn_desk.paths import ENV_VAR, LOG_FILE_NAME
from ldn_desk.store import Store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / LOG_FILE_NAME) as store:
        first = store.save_record(liquid())
        store.sign_off(first, "B. Checker")
        store.amend(first, {"ingredients": (tablets("NX-3000"), water())}, reason="lot misread")
        store.save_record(capsules())
    return folder


def test_list_with_a_lot_recall_as_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["log", "list", "--data-dir", str(data_dir), "--lot", "nx-2291", "--json"], capsys)
    (record,) = payload["records"]
    assert (record["id"], record["status"], record["superseded_by"]) == (1, "signed", 2)
    assert record["lots"] == ["NX-2291", "W-77"] and record["bud_text"] == "14 December 2026"
    # Options before the action work too.
    again = cli_json(["log", "--json", "--data-dir", str(data_dir), "list", "--lot", "NX-2291"], capsys)
    assert again["records"] == payload["records"]


def test_list_as_text_marks_replaced_versions(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "list", "--data-dir", str(data_dir)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert "signed, replaced by 2" in lines[-1] and PATIENT in lines[-1]
    out = cli_text(["log", "list", "--data-dir", str(data_dir), "--current", "--limit", "1"], capsys)
    assert "(first 1 shown" in out and "replaced" not in out


def test_the_data_folder_comes_from_the_environment(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_dir))
    assert len(cli_json(["log", "list", "--json"], capsys)["records"]) == 3


def test_show_gives_the_whole_record_and_its_versions(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = cli_json(["log", "show", "2", "--data-dir", str(data_dir), "--json"], capsys)
    assert payload["versions"] == [1, 2]
    record = payload["record"]
    assert record["supersedes"] == 1 and record["reason"] == "lot misread"
    assert record["ingredients"][0]["lot"] == "NX-3000"
    assert record["results"]["naltrexone_hcl_mg_text"] == "100 mg"
    text = cli_text(["log", "show", "1", "--data-dir", str(data_dir)], capsys)
    assert "Checked by: B. Checker" in text and "Replaced by record 2" in text and "Versions: 1 → 2" in text


def test_export_writes_a_new_private_csv(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "recall.csv"
    payload = cli_json(
        ["log", "export", "--lot", "NX-2291", "-o", str(out), "--data-dir", str(data_dir), "--json"], capsys
    )
    assert (payload["records"], payload["rows"]) == (1, 2)  # one record, two ingredient lines
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["lot"] for row in rows] == ["NX-2291", "W-77"] and rows[0]["replaced_by"] == "2"
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert main(["log", "export", "-o", str(out), "--data-dir", str(data_dir)]) == EXIT_BAD_INPUT
    assert "already exists" in capsys.readouterr().err
    assert main(["log", "export", "-o", "-", "--data-dir", str(data_dir)]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 6


def test_a_spreadsheet_formula_in_a_cell_is_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(tmp_path / LOG_FILE_NAME) as store:
        store.save_record(liquid(patient="=HYPERLINK(1)", compounded_by="@SUM(1)"))
    assert main(["log", "export", "-o", "-", "--data-dir", str(tmp_path)]) == EXIT_OK
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["patient"], row["compounded_by"]) == ("'=HYPERLINK(1)", "'@SUM(1)")


def test_backup_restore_check_and_new(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = cli_json(["log", "backup", "--data-dir", str(data_dir), "--json"], capsys)
    copy = Path(made["output"])
    assert copy.parent == data_dir / "backups" and made["counts"]["record"] == 3
    checked = cli_json(["log", "check", "--data-dir", str(data_dir), "--json"], capsys)
    assert checked["ok"] is True and checked["records"] == 3
    assert main(["log", "new", "--data-dir", str(data_dir)]) == EXIT_BAD_INPUT  # needs --yes
    assert "--yes" in capsys.readouterr().err
    started = cli_json(["log", "new", "--yes", "--data-dir", str(data_dir), "--json"], capsys)
    assert Path(started["moved_aside"]).exists()
    assert cli_json(["log", "list", "--data-dir", str(data_dir), "--json"], capsys)["records"] == []
    restored = cli_json(["log", "restore", str(copy), "--data-dir", str(data_dir), "--json"], capsys)
    assert restored["records"] == 3 and Path(restored["moved_aside"]).exists()


def test_a_damaged_log_gives_one_line_with_both_ways_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / LOG_FILE_NAME).write_text(f"notes about {PATIENT}\n")
    assert main(["log", "list", "--data-dir", str(tmp_path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "ldn-desk log new" in err and "ldn-desk log restore FILE" in err
    assert PATIENT not in err
    assert (tmp_path / LOG_FILE_NAME).read_text() == f"notes about {PATIENT}\n"


def test_bad_options_name_the_option(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "list", "--data-dir", str(data_dir), "--from", "03/12/2026"]) == EXIT_BAD_INPUT
    assert "--from" in capsys.readouterr().err
    assert main(["log", "show", "99", "--data-dir", str(data_dir)]) == EXIT_BAD_INPUT
    assert "no record 99" in capsys.readouterr().err


def test_looking_at_a_missing_log_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "typo"
    payload = cli_json(["log", "list", "--json", "--data-dir", str(folder)], capsys)
    assert payload["exists"] is False and payload["records"] == []
    assert "No log yet" in cli_text(["log", "list", "--data-dir", str(folder)], capsys)
    for action in (["show", "1"], ["check"], ["backup"], ["export", "-o", "-"]):
        assert main(["log", *action, "--data-dir", str(folder)]) == EXIT_BAD_INPUT
        assert "no compounding log" in capsys.readouterr().err
    assert not folder.exists()
    assert main(["log", "list", "--limit", "0", "--data-dir", str(folder)]) == EXIT_BAD_INPUT
    assert "--limit" in capsys.readouterr().err


def test_restoring_an_older_backup_needs_confirm_loss(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = data_dir / "backups" / "older.sqlite3"
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        store.backup(copy)
        later = store.save_record(liquid())  # record 4, which the backup lacks
    before = (data_dir / LOG_FILE_NAME).read_bytes()
    assert main(["log", "restore", str(copy), "--data-dir", str(data_dir)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and f"1 record (1 patient): {later} (2026-12-01, draft)" in err
    assert "--confirm-loss" in err and PATIENT not in err
    assert (data_dir / LOG_FILE_NAME).read_bytes() == before
    restored = cli_json(
        ["log", "restore", str(copy), "--confirm-loss", "--data-dir", str(data_dir), "--json"], capsys
    )
    assert restored["records"] == 3 and restored["dropped"] == [later]
    assert Path(restored["moved_aside"]).read_bytes() == before
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        assert store.save_record(liquid()) == later + 1  # the dropped record keeps its number


def test_log_new_on_a_full_disk_says_so_in_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from ldn_desk.cli import EXIT_ENVIRONMENT
    from ldn_desk.store import replace

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(replace, "migrate", full)
    before = (data_dir / LOG_FILE_NAME).read_bytes()
    assert main(["log", "new", "--yes", "--data-dir", str(data_dir)]) == EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "the disk is full" in err and "was left as it was" in err
    assert (data_dir / LOG_FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [f".{LOG_FILE_NAME}.lock", LOG_FILE_NAME]


def test_a_new_log_of_a_team_is_started_by_its_administrator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from team_samples import ADMIN, TECHNICIAN, team

    folder = tmp_path / "data"
    with Store.open(folder / LOG_FILE_NAME) as store:
        team(store)
    new = ["log", "new", "--yes", "--data-dir", str(folder)]
    assert main(new) == EXIT_BAD_INPUT
    assert "started by an administrator (--as NAME)" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(TECHNICIAN.password + "\n"))
    assert main([*new, "--as", TECHNICIAN.name, "--password-stdin"]) == EXIT_BAD_INPUT
    assert "only an administrator" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN.password + "\n"))
    started = cli_json([*new, "--as", ADMIN.name, "--password-stdin", "--json"], capsys)
    assert Path(started["moved_aside"]).exists()
    with Store.open(folder / LOG_FILE_NAME) as store:
        assert store.count() == 0 and len(store.users()) == 5 and store.check().ok
