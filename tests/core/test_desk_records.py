"""The facade's record operations: printed once when saved, reprinted byte for byte even after the
program changes, recalculated separately, corrected with the numbers as saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ldn_desk.desk import records
from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.recipes.capsules.recipe import CapsuleInput
from ldn_desk.recipes.liquid.recipe import LiquidInput
from ldn_desk.recipes.lots import IngredientLine
from ldn_desk.store import Store
from ldn_desk.units.quantity import Quantity

MADE = dt.date(2026, 12, 1)
# LDN Research Trust: 1 mg/mL from two 50 mg tablets in water to 100 mL. USP <795> aqueous, not
# preserved: 14 days; made 1 December 2026 (Day 1) -> do not use after 14 December 2026.
LIQUID = LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE)
# 30 capsules of 0.5 mg and 1 extra: 31 × 0.5 mg = 15.5 mg of naltrexone HCl powder (assay 100 %).
CAPSULES = CapsuleInput(Quantity(0.5, "mg"), 30, MADE, size="3")
NAMES = records.RecordNames(patient="Zyxwa Qorvanth", rx_number="RX-1001", compounded_by="A. Pharmacist",
                            checked_by="B. Checker", patient_ref="1961-07-04")  # fmt: skip
DOCUMENT = records.DocumentSettings(pharmacy="Riverside Pharmacy", contact="01234 567890", paper="a4")
LINES = (
    IngredientLine("Naltrexone HCl 50 mg tablets", "Accord", "NX-2291", "2027-03-31", "2 tablets"),
    IngredientLine("Purified water", "Baxter", "W-77", "2027-01", "100 mL"),
)


def text_of(pdf: bytes) -> str:
    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


@pytest.fixture
def store(store_engine: str) -> Iterator[Store]:
    opened = Store.open(store_engine)
    yield opened
    opened.close()


def bud_of(days: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later program that dates an unpreserved aqueous preparation `days` days, not USP's 14."""
    from ldn_desk.recipes import bud

    known = bud.categories()

    def changed() -> dict[str, Any]:
        return {**known, "aqueous_unpreserved": dataclasses.replace(known["aqueous_unpreserved"], days=days)}

    monkeypatch.setattr(bud, "categories", changed)


def test_a_new_record_takes_the_recipe_given_and_prints_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from ldn_desk.documents import record as record_document
    from ldn_desk.recipes import records as recipe_records

    recipe = records.make_recipe(LIQUID)
    printed: list[bytes] = []
    original = record_document.record_pdf

    def counted(*args: Any, **kwargs: Any) -> bytes:
        printed.append(original(*args, **kwargs))
        return printed[-1]

    def never(_inp: Any) -> Any:
        raise AssertionError("the recipe shown is saved, not worked out again")

    monkeypatch.setattr(record_document, "record_pdf", counted)
    monkeypatch.setattr(recipe_records, "make_liquid", never)
    new = records.new_record(LIQUID, NAMES, DOCUMENT, LINES, recipe=recipe)
    assert len(printed) == 1 and new.pdf == printed[0]
    assert (new.kind, new.compounded_on, new.bud) == ("liquid", MADE, dt.date(2026, 12, 14))
    assert new.inputs["strength_mg_per_ml"] == 1 and new.results["tablets"] == 2
    assert new.document["paper"] == "a4" and new.document["checked_by"] == "B. Checker"
    assert new.ingredients == LINES


def test_the_lots_are_on_the_printed_record() -> None:
    new = records.new_record(LIQUID, NAMES, DOCUMENT, LINES)
    assert new.pdf is not None
    text = text_of(new.pdf)
    for expected in ("Accord", "NX-2291", "2027-03-31", "2 tablets", "Baxter", "W-77", "2027-01", "100 mL"):
        assert expected in text
    # A line the formula does not name is printed too, on a row of its own.
    bottle = IngredientLine("Amber bottle 100 mL", "Wheaton", "AB-7", "2030-01")
    extra = records.new_record(LIQUID, NAMES, DOCUMENT, (*LINES, bottle))
    assert extra.pdf is not None and "Amber bottle 100 mL Wheaton AB-7 2030-01" in text_of(extra.pdf)


def test_a_reprint_is_the_first_print_even_after_the_program_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = records.new_record(LIQUID, NAMES, DOCUMENT, LINES)
    record_id = store.save_record(new)
    bud_of(30, monkeypatch)
    assert records.make_recipe(LIQUID).bud.date == dt.date(2026, 12, 30)  # the change is real
    copy = records.reprint(store, record_id)
    assert copy.as_first_printed and copy.note == ""
    assert copy.pdf == new.pdf and copy.sha256 == store.record(record_id).pdf_sha256
    assert "14 December 2026" in text_of(copy.pdf) and "NX-2291" in text_of(copy.pdf)
    check = records.recalculate(store, record_id)
    found = {difference.label: difference.texts() for difference in check.differences}
    # 30 days from 1 December 2026 (Day 1) is 30 December 2026.
    assert found["BUD › days"] == ("14", "30")
    assert found["BUD › date"] == ("“2026-12-14”", "“2026-12-30”")
    assert not check.same and "differently from when it was saved" in check.summary()
    assert "BUD › days: 14 saved, 30 now" in check.summary()


def test_a_changed_weight_is_reported_and_the_reprint_keeps_the_saved_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ldn_desk.recipes.capsules import recipe as capsule_recipe

    lines = (IngredientLine("Naltrexone HCl powder", "Medisca", "API-5", "2028-01-31", "120.4 mg"),)
    new = records.new_record(CAPSULES, NAMES, DOCUMENT, lines)
    record_id = store.save_record(new)
    assert records.recalculate(store, record_id).same
    original = capsule_recipe.powder_per_hcl
    monkeypatch.setattr(capsule_recipe, "powder_per_hcl", lambda *args: original(*args) * 1.1)
    assert records.reprint(store, record_id).pdf == new.pdf
    found = {
        difference.label: difference.texts()
        for difference in records.recalculate(store, record_id).differences
    }
    # 31 capsules × 0.5 mg = 15.5 mg of powder; 10 % more per mg of HCl: 15.5 × 1.1 = 17.05 mg.
    assert found["powder (mg)"] == ("15.5", "17.05")


def test_a_correction_prints_its_lots_with_the_numbers_as_saved(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.save_record(records.new_record(LIQUID, NAMES, DOCUMENT, LINES))
    store.sign_off(first, "B. Checker")
    before = store.printed_pdf(first)
    bud_of(30, monkeypatch)  # the program changed since: a correction must not take its numbers
    corrected_lines = (dataclasses.replace(LINES[0], lot="NX-2292"), LINES[1])
    with pytest.raises(InputError, match="reason"):
        records.amend(store, first, {"ingredients": corrected_lines})
    second = records.amend(store, first, {"ingredients": corrected_lines}, "wrong lot entered")
    text = text_of(records.reprint(store, second).pdf)
    assert "NX-2292" in text and "NX-2291" not in text
    assert "14 December 2026" in text and "30 December 2026" not in text
    assert records.reprint(store, first).pdf == before  # version 1 as it was printed
    with pytest.raises(InputError, match="cannot be corrected"):
        records.amend(store, second, {"bud": dt.date(2026, 12, 10)})


# -- records saved before the log kept printed PDFs (log format 4) -------------------------------


def older_log(path: Path, results: dict[str, Any]) -> None:
    """A log as LDN Desk wrote it in format 4: options as typed, the liquid command's JSON."""
    from ldn_desk.store import db, migrations

    options = {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-12-01", "source": "tablets",
               "tablet_strength": None, "formula": "water", "potency": None, "water": None, "salt": "HCl",
               "balance_mwq": None}  # fmt: skip
    document = {
        "pharmacy": "Riverside Pharmacy",
        "contact": "",
        "prescriber": "",
        "directions": None,
        "paper": "a4",
    }
    conn = db.connect(path)
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    migrations.migrate(conn, 0, 4)
    conn.execute(
        """INSERT INTO record (id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud,
               compounded_by, status, inputs_json, results_json, document_json, created_at)
           VALUES (1, 'liquid', 'RX-1001', 'Zyxwa Qorvanth', '', 'zyxwa qorvanth', '2026-12-01', '2026-12-14',
               'A. Pharmacist', 'draft', ?, ?, ?, '2026-12-01T09:00:00+00:00')""",
        (json.dumps(options), json.dumps(results), json.dumps(document)),
    )
    for position, line in enumerate(LINES, 1):
        conn.execute(
            "INSERT INTO ingredient VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (position, line.name, line.maker, line.lot, line.expiry, line.actual_amount, line.lot),
        )
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
def older_results() -> dict[str, Any]:
    """What `ldn-desk liquid` gave for the record's options: the results that program saved."""
    from ldn_desk.cli import build_parser
    from ldn_desk.cli.commands import liquid

    argv = ["liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01"]
    payload: dict[str, Any] = json.loads(json.dumps(liquid.run(build_parser().parse_args(argv))))
    return payload


def test_an_older_record_is_printed_again_and_says_so(tmp_path: Path, older_results: dict[str, Any]) -> None:
    older_log(tmp_path / "log.sqlite3", older_results)
    with Store.open(tmp_path / "log.sqlite3") as store:
        copy = records.reprint(store, 1)
        assert not copy.as_first_printed
        assert "saved before LDN Desk kept each record's printed PDF" in copy.note
        assert "not the first print" in copy.note and "agrees with the results saved" in copy.note
        text = text_of(copy.pdf)
        assert "NX-2291" in text and "14 December 2026" in text
        check = records.recalculate(store, 1)
        assert check.same and check.older_record and "older record" in check.summary()
        # A correction of it is printed, since today's program agrees with what was saved.
        second = records.amend(
            store, 1, {"ingredients": (dataclasses.replace(LINES[0], lot="NX-2292"), LINES[1])}
        )
        assert records.reprint(store, second).as_first_printed


def test_an_older_record_calculated_differently_says_what_differs(
    tmp_path: Path, older_results: dict[str, Any]
) -> None:
    # As if the program of then had asked for 3 tablets: it is said, field by field, never hidden.
    older_log(tmp_path / "log.sqlite3", {**older_results, "tablets": 3})
    with Store.open(tmp_path / "log.sqlite3") as store:
        (difference,) = records.recalculate(store, 1).differences
        assert str(difference) == "tablets: 3 saved, 2 now"
        assert (
            "differs from the results saved with it: tablets: 3 saved, 2 now"
            in records.reprint(store, 1).note
        )
        with pytest.raises(LdnDeskError, match="calculated it differently"):
            records.amend(store, 1, {"compounded_by": "A. Pharmacist-Smith"})
        assert store.count() == 1


def test_an_older_record_whose_options_cannot_be_read_is_refused_plainly(
    tmp_path: Path, older_results: dict[str, Any]
) -> None:
    path = tmp_path / "log.sqlite3"
    older_log(path, older_results)
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER record_content_is_final")
    conn.execute(
        """UPDATE record SET inputs_json = '{"strength": "1,5 mg/mL", "volume": "100 mL", "compounded": "2026-12-01"}'"""
    )
    conn.commit()
    conn.close()
    with (
        Store.open(path) as store,
        pytest.raises(LdnDeskError, match="cannot be worked out again") as refused,
    ):
        records.reprint(store, 1)
    assert "decimal point" in str(refused.value)


def test_a_record_keeps_the_label_directions_asked_for_and_the_components_expiry(store: Store) -> None:
    from ldn_desk.recipes.bud import ComponentExpiry

    # The tablets expire 10 December 2026, before the 14-day date (14 December): the BUD is the 10th.
    tablets = ComponentExpiry("Naltrexone HCl 50 mg tablets", dt.date(2026, 12, 10), lot="NX-2291")
    inp = dataclasses.replace(LIQUID, expiries=(tablets,))
    # 1.5 mg of 1 mg/mL is 1.5 mL (DOMAIN.md: the dose in mL with the mg beside it).
    document = dataclasses.replace(DOCUMENT, dose_mg=1.5, time_of_day="morning", add_directions="Shake well.",
                                   dispensed=dt.date(2026, 12, 2))  # fmt: skip
    new = records.new_record(inp, NAMES, document, LINES)
    assert new.bud == dt.date(2026, 12, 10) and new.pdf is not None
    text = text_of(new.pdf)
    assert (
        "Take 1.5 mL (1.5 mg) by mouth once a day in the morning. Measure with an oral syringe. Shake well."
        in text
    )
    assert "dispensed 2 December 2026" in text and "NX-2291" in text
    record_id = store.save_record(new)
    saved = store.record(record_id)
    assert records.saved_input(saved) == inp
    assert records.DocumentSettings.from_record(saved) == document.resolved()
    assert records.recalculate(store, record_id).same
    # A copy printed again from the saved inputs and settings (as for a record kept without its PDF)
    # gives the first print's bytes: nothing the label or the BUD said is lost.
    again = records.print_record(records.make_recipe(records.saved_input(saved)), NAMES,
                                 records.DocumentSettings.from_record(saved), saved.ingredients,
                                 compounded=saved.compounded_on, content_sha256=saved.content_sha256)  # fmt: skip
    assert again == new.pdf
