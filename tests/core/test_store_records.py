"""Compounding records: saved whole, final once signed, corrected only by new versions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import DOCUMENT, LIQUID_INPUTS, LIQUID_RESULTS, PATIENT, capsules, liquid, tablets, water

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.store import Ingredient, RecordError, Store


@pytest.fixture
def store(store_engine: str) -> Iterator[Store]:
    opened = Store.open(store_engine)
    yield opened
    opened.close()


def test_a_saved_record_comes_back_exactly(store: Store) -> None:
    record_id = store.save_record(liquid())
    saved = store.record(record_id)
    assert saved.status == "draft" and saved.checked_by is None and saved.signed_at is None
    assert (saved.kind, saved.patient, saved.compounded_on, saved.bud) == (
        "liquid", PATIENT, dt.date(2026, 12, 1), dt.date(2026, 12, 14),
    )  # fmt: skip
    # Inputs, results and document settings are exactly what was given, floats to the last bit.
    assert saved.inputs == LIQUID_INPUTS
    assert saved.results == LIQUID_RESULTS
    assert saved.results["binary_noise"] == 0.1 + 0.2
    assert saved.document == DOCUMENT
    assert list(saved.results) == list(LIQUID_RESULTS)  # key order too: a reprint walks them in order
    assert saved.ingredients == (tablets(), water())
    assert saved.as_new() == liquid()


def test_a_reopened_log_gives_the_same_record(store_engine: str) -> None:
    with Store.open(store_engine) as first:
        record_id = first.save_record(capsules())
        before = first.record(record_id)
    with Store.open(store_engine) as again:
        assert again.record(record_id) == before


def test_the_payload_of_the_liquid_command_is_stored_as_printed(store: Store) -> None:
    from ldn_desk.cli import build_parser
    from ldn_desk.cli.commands import liquid as liquid_command

    args = build_parser().parse_args(["liquid", "--strength", "1 mg/mL", "--volume", "100 mL",
                                      "--compounded", "2026-12-01"])  # fmt: skip
    payload = liquid_command.run(args)
    record_id = store.save_record(liquid(results=payload))
    assert json.dumps(store.record(record_id).results) == json.dumps(payload)


def test_sign_off_needs_every_lot_expiry_and_amount(store: Store) -> None:
    record_id = store.save_record(liquid(ingredients=(tablets(), Ingredient("Purified water"))))
    with pytest.raises(
        RecordError, match=r"ingredient 2 \(Purified water\): maker, lot, expiry, actual amount"
    ):
        store.sign_off(record_id, "B. Checker")
    assert store.record(record_id).status == "draft"
    empty = store.save_record(liquid(ingredients=()))
    with pytest.raises(RecordError, match="no ingredients"):
        store.sign_off(empty, "B. Checker")


def test_a_signed_record_is_final_and_a_correction_is_a_new_version(store: Store) -> None:
    first = store.save_record(liquid())
    signed = store.sign_off(first, "B. Checker")
    assert signed.status == "signed" and signed.checked_by == "B. Checker" and signed.signed_at
    with pytest.raises(RecordError, match="already signed"):
        store.sign_off(first, "C. Other")
    with pytest.raises(InputError, match="reason"):
        store.amend(first, {"bud": dt.date(2026, 12, 10)})
    second = store.amend(
        first, {"ingredients": (tablets("NX-2292"), water())}, reason="wrong tablet lot entered"
    )
    assert second != first
    assert store.record(first) == signed.__class__(**{**signed.__dict__, "superseded_by": second})
    corrected = store.record(second)
    assert corrected.status == "draft" and corrected.supersedes == first and corrected.reason
    assert corrected.ingredients[0].lot == "NX-2292"
    with pytest.raises(RecordError, match="already corrected by version"):
        store.amend(first, {"bud": dt.date(2026, 12, 10)}, reason="again")
    third = store.amend(second, {"compounded_by": "A. Pharmacist-Smith"})  # a draft needs no reason
    with pytest.raises(RecordError, match="replaced by version"):
        store.sign_off(second, "B. Checker")  # only the latest version can be signed
    assert [version.id for version in store.history(third)] == [first, second, third]
    assert [version.id for version in store.history(first)] == [first, second, third]
    assert [version.current for version in store.history(second)] == [False, False, True]


def test_the_file_itself_refuses_deletes_and_changes_to_signed_records(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        record_id = store.save_record(liquid())
        store.sign_off(record_id, "B. Checker")
        store.save_plan(PATIENT, {"steps": []})
    conn = sqlite3.connect(tmp_path / "log.sqlite3")
    for statement in (
        "DELETE FROM record",
        "DELETE FROM ingredient",
        "DELETE FROM plan_version",
        "DELETE FROM plan",
        "UPDATE record SET checked_by = 'someone else'",
        "UPDATE ingredient SET lot = 'X'",
        "UPDATE plan_version SET plan_json = '{}'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(statement)
    conn.execute("INSERT INTO record (kind, rx_number, patient, compounded_on, bud, compounded_by, status, "
                 "inputs_json, results_json, created_at) VALUES ('liquid', 'R', 'P', '2026-12-01', "
                 "'2026-12-14', 'A', 'draft', '{}', '{}', 'now')")  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):  # a draft's content is final too; only sign-off changes it
        conn.execute("UPDATE record SET patient = 'Q' WHERE status = 'draft'")
    conn.close()


def test_the_api_offers_no_way_to_delete() -> None:
    names = [name for name in dir(Store) if not name.startswith("__")]
    assert not [name for name in names if any(word in name for word in ("delete", "remove", "drop", "purge"))]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "cream"}, "kind"),
        ({"patient": "  "}, "patient"),
        ({"rx_number": ""}, "Rx number"),
        ({"compounded_by": ""}, "compounded by"),
        ({"bud": dt.date(2026, 11, 30)}, "BUD"),
        ({"compounded_on": "2026-12-01"}, "compounded on"),
        ({"results": {"x": float("nan")}}, "results"),
        ({"inputs": {"when": dt.date(2026, 12, 1)}}, "inputs"),
        ({"ingredients": ({"name": "Water", "expiry": "03/2027"},)}, "expiry"),
        ({"ingredients": ({"name": "Water", "actual_amount": "4,5 mg"},)}, "actual amount"),
        ({"ingredients": ({"name": "Water", "actual_amount": "2.5 tablets"},)}, "actual amount"),
        ({"ingredients": ({"name": "Water", "actual_amount": "5 days"},)}, "actual amount"),
        ({"ingredients": ({"name": "Water", "expiry": "2027-02-30"},)}, "expiry"),
        ({"ingredients": ({"name": "Water", "expiry": "2027-13"},)}, "expiry"),
    ],
)
def test_bad_records_are_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as raised:
        liquid(**changes)
    assert raised.value.field == field


def test_amend_refuses_unknown_fields_and_unknown_ids(store: Store) -> None:
    record_id = store.save_record(liquid())
    with pytest.raises(InputError, match="status"):
        store.amend(record_id, {"status": "signed"})
    with pytest.raises(RecordError, match="no record 999"):
        store.record(999)
    with pytest.raises(LdnDeskError):
        store.sign_off(999, "B. Checker")


def test_ingredients_may_be_given_as_plain_data(store: Store) -> None:
    line = {
        "name": "Purified water",
        "maker": "Baxter",
        "lot": "W-77",
        "expiry": "2027-01",
        "actual_amount": "100 mL",
    }
    record_id = store.save_record(liquid(ingredients=(tablets(), line)))
    assert store.record(record_id).ingredients[1] == water()


def test_amounts_as_weighed_measured_or_counted_are_kept_as_typed() -> None:
    for typed in ("15.2 mg", "0.5 g", "100 mL", "2 tablets", "1 tablet", "31 capsules"):
        assert Ingredient("Item", actual_amount=f" {typed} ").actual_amount == typed
    assert Ingredient("Item", expiry="2028-02-29").expiry == "2028-02-29"  # a leap day


# The store keeps bytes, it does not print: any PDF's bytes will do here.
PDF = b"%PDF-1.4\n% a compounding record as first printed\n%%EOF\n"


def test_the_printed_pdf_is_kept_with_the_record_and_given_back_checked(store: Store) -> None:
    import hashlib

    record_id = store.save_record(liquid(pdf=PDF))
    record = store.record(record_id)
    assert record.printed and record.pdf_sha256 == hashlib.sha256(PDF).hexdigest()
    assert store.printed_pdf(record_id) == PDF
    assert record.as_new().pdf is None  # the record's data; the bytes are read on their own
    plain = store.save_record(liquid())
    assert not store.record(plain).printed and store.printed_pdf(plain) is None
    with pytest.raises(RecordError, match="no record 999"):
        store.printed_pdf(999)
    store.check()


def test_a_failed_save_keeps_no_pdf_either(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from ldn_desk.store import records

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("power cut while saving")

    monkeypatch.setattr(records, "fingerprint", broken)  # fails after the record row is written
    with pytest.raises(RuntimeError):
        store.save_record(liquid(pdf=PDF))
    monkeypatch.undo()
    assert store.count() == 0
    assert store._conn.execute("SELECT count(*) FROM record_pdf").fetchone()[0] == 0


def test_a_printed_record_is_corrected_only_with_its_corrected_pdf(store: Store) -> None:
    first = store.save_record(liquid(pdf=PDF))
    with pytest.raises(RecordError, match="needs its own printed PDF"):
        store.amend(first, {"ingredients": (tablets("NX-2292"), water())})
    assert store.record(first).superseded_by is None  # nothing was saved
    corrected = PDF.replace(b"first printed", b"corrected lot")
    second = store.amend(first, {"ingredients": (tablets("NX-2292"), water()), "pdf": corrected})
    assert store.printed_pdf(second) == corrected and store.printed_pdf(first) == PDF


@pytest.mark.parametrize("pdf", [b"", b"not a pdf", "%PDF-1.4 as text"])
def test_a_pdf_that_is_not_a_pdf_is_refused(pdf: object) -> None:
    with pytest.raises(InputError, match="printed record"):
        liquid(pdf=pdf)


def test_a_pdf_changed_in_the_file_is_never_given_out(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        record_id = store.save_record(liquid(pdf=PDF))
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):  # the file refuses the change by its own rules
        conn.execute("UPDATE record_pdf SET pdf = ?", (PDF + b" ",))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM record_pdf")
    # Someone with the file drops the rule and changes one byte: the fingerprint gives it away.
    conn.execute("DROP TRIGGER record_pdf_is_final")
    conn.execute(
        "UPDATE record_pdf SET pdf = ? WHERE record_id = ?", (PDF.replace(b"first", b"First"), record_id)
    )
    conn.commit()
    conn.close()
    from ldn_desk.store import LogFileError, TamperedRecordError

    with Store.open(path) as store:
        with pytest.raises(
            TamperedRecordError, match=f"PDF of record {record_id} no longer matches the SHA-256"
        ):
            store.printed_pdf(record_id)
        with pytest.raises(LogFileError, match="does not match its fingerprint"):
            store.check()
