"""ldn-desk users and the signing actions of ldn-desk log: the same rules as the store, from a terminal."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from cli_support import run_cli
from team_samples import MFR, team_record

from ldn_desk.cli import EXIT_BAD_INPUT, EXIT_OK
from ldn_desk.paths import LOG_FILE_NAME
from ldn_desk.store import Store


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         *passwords: str) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{p}\n" for p in passwords)))
    return run_cli(argv, capsys)


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    d = ["--data-dir", str(folder), "--password-stdin"]
    assert _cli(["users", "add", "Ada Admin", "--initials", "AA", "--role", "administrator", *d], capsys,
                monkeypatch, "admin-pass-1")[0] == EXIT_OK  # fmt: skip
    for name, initials, role, password in (("Bea Lund", "BL", "pharmacist", "bea-pass-22"),
                                           ("Cy Moss", "CM", "pharmacist", "cy-pass-333"),
                                           ("Dot Lee", "DL", "technician", "dot-pass-4444")):  # fmt: skip
        code, _out, err = _cli(["users", "add", name, "--initials", initials, "--role", role, "--as", "Ada Admin",
                                *d], capsys, monkeypatch, "admin-pass-1", password)  # fmt: skip
        assert code == EXIT_OK, err
    return folder


def test_users_are_listed_with_their_roles(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    code, out, _ = _cli(["users", "list", "--data-dir", str(data_dir)], capsys, monkeypatch)
    assert code == EXIT_OK
    assert "Bea Lund" in out and "pharmacist" in out and "Dot Lee" in out and "technician" in out
    assert "lock-out after 5 wrong passwords" in out
    # After the first, adding a user needs an administrator.
    code, _, err = _cli(["users", "add", "Eve", "--initials", "E", "--role", "technician", "--data-dir",
                         str(data_dir), "--password-stdin"], capsys, monkeypatch, "eve-pass-555")  # fmt: skip
    assert code == EXIT_BAD_INPUT and "needs an administrator" in err
    code, _, err = _cli(["users", "add", "Eve", "--initials", "E", "--role", "technician", "--as", "Bea Lund",
                         "--data-dir", str(data_dir), "--password-stdin"], capsys, monkeypatch, "bea-pass-22",
                        "eve-pass-555")  # fmt: skip
    assert code == EXIT_BAD_INPUT and "only an administrator may manage users" in err


def test_no_password_option_exists() -> None:
    from ldn_desk.cli import build_parser

    parser = build_parser()
    text = parser.format_help()
    for sub in ("users", "log"):
        assert "--password " not in build_parser(sub).format_help()
    assert "--password=" not in text


def test_a_record_is_prepared_verified_and_released_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        from ldn_desk.store.users import Credentials

        store.approve_formula(
            MFR["id"], MFR["version"], MFR["sha256"], Credentials("Bea Lund", "bea-pass-22")
        )
        record_id = store.save_record(team_record(), by=Credentials("Dot Lee", "dot-pass-4444"))
    d = ["--data-dir", str(data_dir), "--password-stdin"]
    rid = str(record_id)
    code, out, err = _cli(["log", "sign", rid, "--as", "Dot Lee", *d], capsys, monkeypatch, "dot-pass-4444")
    assert code == EXIT_OK, err
    assert "Prepared by Dot Lee (technician)" in out
    code, _, err = _cli(["log", "verify", rid, "--as", "Dot Lee", *d], capsys, monkeypatch, "dot-pass-4444")
    assert code == EXIT_BAD_INPUT and "only a pharmacist may verify records" in err
    code, _, err = _cli(["log", "verify", rid, "--as", "Bea Lund", *d], capsys, monkeypatch, "wrong-password")
    assert code == EXIT_BAD_INPUT and "wrong password for Bea Lund" in err
    code, _, err = _cli(["log", "sign", rid, "--checked-by", "Anyone", "--data-dir", str(data_dir)], capsys,
                        monkeypatch)  # fmt: skip
    assert code == EXIT_BAD_INPUT and "this log has users" in err
    code, out, err = _cli(["log", "verify", rid, "--as", "Bea Lund", *d], capsys, monkeypatch, "bea-pass-22")
    assert code == EXIT_OK, err
    code, out, err = _cli(["log", "release", rid, "--as", "Cy Moss", *d], capsys, monkeypatch, "cy-pass-333")
    assert code == EXIT_OK, err
    assert [line.split(" by ")[0] for line in out.splitlines()[1:]] == ["Prepared", "Verified", "Released"]
    code, out, _ = _cli(["log", "show", rid, "--data-dir", str(data_dir)], capsys, monkeypatch)
    assert "Verified by Bea Lund (pharmacist)" in out and "Released by Cy Moss (pharmacist)" in out
    code, out, _ = _cli(["log", "trail", rid, "--data-dir", str(data_dir), "-o", str(data_dir / "trail.csv")],
                        capsys, monkeypatch)  # fmt: skip
    assert code == EXIT_OK and "signed  verified" in out
    assert (data_dir / "trail.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == 5  # header, saved, 3 signatures


def test_disable_needs_a_reason_and_an_administrator(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    d = ["--data-dir", str(data_dir), "--password-stdin"]
    code, out, err = _cli(["users", "disable", "Cy Moss", "--reason", "left", "--as", "Ada Admin", *d], capsys,
                          monkeypatch, "admin-pass-1")  # fmt: skip
    assert code == EXIT_OK, err
    assert "disabled" in out
    code, out, _ = _cli(["log", "trail", "--data-dir", str(data_dir)], capsys, monkeypatch)
    assert code == EXIT_OK and "active: true → false  by Ada Admin — reason: left" in out
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        (entry,) = [e for e in store.trail("user") if e.action == "disabled"]
        assert (entry.user, entry.old, entry.new, entry.reason) == ("Ada Admin", "true", "false", "left")


def test_a_password_read_from_no_terminal_is_refused_on_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    def no_terminal(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", no_terminal)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    code, out, err = run_cli(["log", "verify", "1", "--as", "Bea Lund", "--data-dir", str(data_dir)], capsys)
    assert code == EXIT_BAD_INPUT and out == "" and "--password-stdin" in err and len(err.splitlines()) == 1


def test_a_password_is_never_read_echoed_from_a_pipe(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, err = _cli(["log", "verify", "1", "--as", "Bea Lund", "--data-dir", str(data_dir)], capsys,
                          monkeypatch, "bea-pass-22")  # fmt: skip
    assert code == EXIT_BAD_INPUT and "not a terminal" in err and len(err.splitlines()) == 1


def test_formulas_and_lots_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    d = ["--data-dir", str(data_dir), "--password-stdin"]
    code, out, _ = _cli(["formulas", "list", "--data-dir", str(data_dir)], capsys, monkeypatch)
    assert code == EXIT_OK and "LDN-MFR-L1" in out and "draft" in out
    code, _, err = _cli(["formulas", "approve", "LDN-MFR-L1", "--as", "Dot Lee", *d], capsys, monkeypatch,
                        "dot-pass-4444")  # fmt: skip
    assert code == EXIT_BAD_INPUT and "only a pharmacist may approve formulas" in err
    code, out, err = _cli(["formulas", "approve", "LDN-MFR-L1", "--as", "Bea Lund", *d], capsys, monkeypatch,
                          "bea-pass-22")  # fmt: skip
    assert code == EXIT_OK, err
    assert "LDN-MFR-L1" in out and "approved by Bea Lund" in out
    receive = ["lots", "receive", "--material", "powder", "--name", "Naltrexone HCl powder", "--maker", "Medisca",
               "--lot", "P-77", "--expiry", "2028-01", "--received", "2026-11-20", "--quantity", "25000",
               "--unit", "mg", "--as", "Dot Lee", *d]  # fmt: skip
    code, _, err = _cli(receive, capsys, monkeypatch, "dot-pass-4444")
    assert code == EXIT_BAD_INPUT and "assay" in err  # a powder needs its certificate
    code, out, err = _cli([*receive, "--assay", "99.2 %", "--water", "0.5 %", "--salt", "hydrochloride"], capsys,
                          monkeypatch, "dot-pass-4444")  # fmt: skip
    assert code == EXIT_OK, err
    assert "is received" in out
    code, out, _ = _cli(["lots", "list", "--data-dir", str(data_dir)], capsys, monkeypatch)
    assert "received" in out and "P-77" in out and "expires 2028-01-31" in out and "on hand 25000 mg" in out
    code, out, err = _cli(
        ["lots", "approve", "1", "--as", "Bea Lund", *d], capsys, monkeypatch, "bea-pass-22"
    )
    assert code == EXIT_OK and "is approved" in out, err
    pdf = tmp_path / "recall.pdf"
    code, out, err = _cli(["lots", "recall", "1", "--reason", "maker's notice", "-o", str(pdf), "--as", "Bea Lund",
                           *d], capsys, monkeypatch, "bea-pass-22")  # fmt: skip
    assert code == EXIT_OK, err
    assert "is recalled" in out and "Records that used it (0)" in out and pdf.read_bytes().startswith(b"%PDF")


def test_a_record_drawing_a_powder_lot_takes_its_certificate_and_expiry(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from ldn_desk.store.lots import NewLot
    from ldn_desk.store.users import Credentials

    bea, dot = Credentials("Bea Lund", "bea-pass-22"), Credentials("Dot Lee", "dot-pass-4444")
    d = ["--data-dir", str(data_dir), "--password-stdin"]
    assert _cli(["formulas", "approve", "LDN-MFR-L3", "--as", "Bea Lund", *d], capsys, monkeypatch,
                "bea-pass-22")[0] == EXIT_OK  # fmt: skip
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        # Expires 10 December 2026: sooner than the liquid's own BUD, so it caps the BUD.
        lot = store.receive_lot(NewLot("powder", "Naltrexone HCl powder", "Medisca", "P-9", dt.date(2026, 12, 10),
                                       dt.date(2026, 11, 20), 5000, "mg", salt="hydrochloride", assay_percent=98.0,
                                       water_percent=1.0), dot)  # fmt: skip
        unapproved = lot.id
    add = ["log", "add", "liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--source", "powder",
           "--compounded", "2026-12-01", "--patient", "Ann Lee", "--rx", "RX-9", "--compounded-by", "Dot Lee",
           "--pharmacy", "Main Street Pharmacy", "--lot", f"{lot.id}:103", "--as", "Dot Lee", *d]  # fmt: skip
    code, _, err = _cli(add, capsys, monkeypatch, "dot-pass-4444")
    assert code == EXIT_BAD_INPUT and "not approved yet" in err
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        store.approve_lot(unapproved, bea)
    code, out, err = _cli([*add, "--json"], capsys, monkeypatch, "dot-pass-4444")
    assert code == EXIT_OK, err
    record_id = int(__import__("json").loads(out)["id"])
    with Store.open(data_dir / LOG_FILE_NAME) as store:
        record = store.record(record_id)
        assert record.document["mfr"]["id"] == "LDN-MFR-L3"
        # The certificate's values, not the defaults (100 %, 0 %), went into the recipe.
        assert (record.inputs["potency_percent"], record.inputs["water_percent"]) == (98.0, 1.0)
        assert record.bud == dt.date(2026, 12, 10)  # capped by the lot's expiry
        (line,) = [item for item in record.ingredients if item.lot == "P-9"]
        assert (line.maker, line.expiry, line.actual_amount) == ("Medisca", "2026-12-10", "103 mg")
        assert store.lot(unapproved).on_hand == 5000 - 103
