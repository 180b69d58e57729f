"""Save to log draws on lots on hand: only usable lots are offered, the record names the lot and
takes it off what is on hand, a powder lot's certificate reaches the recipe, and the command line's
`log add --lot` makes the same lines and BUD."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ldn_desk.desk.log import Store
from tests.ui.test_log_page import PATIENT, RX, fill_dialog, ready_liquid
from tests.ui.test_team import (  # noqa: F401  (fixtures)
    PHARMACIST,
    TECHNICIAN,
    team_log,
)

TABLETS = "Naltrexone HCl 50 mg tablets"


@pytest.fixture
def app_window(window: Any) -> Any:
    from ui.settings.store import AppSettings

    window.apply_settings(
        AppSettings(clinic_name="Riverside Pharmacy", clinic_contact="01234 567890", paper_size="A4")
    )
    return window


def _lot(store: Store, material: str, name: str, lot: str, expiry: dt.date, quantity: float, unit: str,
         **certificate: Any) -> Any:  # fmt: skip
    from ldn_desk.store.lots import NewLot

    return store.receive_lot(
        NewLot(material, name, "Accord", lot, expiry, dt.date(2026, 11, 20), quantity, unit, **certificate),  # type: ignore[arg-type]
        TECHNICIAN,
    )


@pytest.fixture
def tablet_lots(team_log: None) -> dict[str, int]:  # noqa: F811
    """An approved lot that expires 2026-12-10, one only received, one quarantined, a powder lot."""
    with Store.open_default() as store:
        good = _lot(store, "tablets", TABLETS, "NX-GOOD", dt.date(2026, 12, 10), 30, "tablets")
        received = _lot(store, "tablets", TABLETS, "NX-NEW", dt.date(2027, 6, 30), 30, "tablets")
        held = _lot(store, "tablets", TABLETS, "NX-HELD", dt.date(2027, 6, 30), 30, "tablets")
        powder = _lot(store, "powder", "Naltrexone HCl powder", "P-1", dt.date(2027, 6, 30), 5000, "mg",
                      salt="hydrochloride", assay_percent=98.0, water_percent=1.0)  # fmt: skip
        for lot in (good, held, powder):
            store.approve_lot(lot.id, PHARMACIST)
        store.quarantine_lot(held.id, "damaged container", PHARMACIST)
    return {"good": good.id, "received": received.id, "held": held.id, "powder": powder.id}


def _offered(box: Any) -> list[str]:
    return [box.itemText(index) for index in range(box.count())]


def test_only_usable_lots_are_offered_and_saving_draws_on_the_chosen_one(
    qtbot: Any, app_window: Any, tablet_lots: dict[str, int], monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:  # fmt: skip
    from ui.pages.log.dialogs import NO_LOT, SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.team import session

    session.sign_in(TECHNICIAN)
    liquid = ready_liquid(qtbot, app_window)
    # USP <795> aqueous: 14 days, 2026-12-14; the lot expires 2026-12-10, so the lot caps the BUD.
    assert liquid.recipe.bud.date > dt.date(2026, 12, 10)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        tablets_box, water_box = dialog.lot_choices
        assert water_box is None  # no excipient lot is held: the water's line is typed
        # Received (not approved), quarantined and powder lots are never offered for tablets.
        assert _offered(tablets_box) == [NO_LOT, "Accord · lot NX-GOOD · exp 2026-12-10 · 30 tablets on hand"]
        tablets_box.setCurrentIndex(1)
        table = dialog.ingredients
        # The lot's maker, lot and expiry are filled and fixed; 100 mg / 50 mg = 2 tablets drawn.
        assert [table.item(0, column).text() for column in range(2, 6)] == ["Accord", "NX-GOOD", "2026-12-10",
                                                                           "2 tablets"]  # fmt: skip
        assert not table.item(0, 3).flags() & table.item(0, 3).flags().ItemIsEditable
        seen["bud"] = dialog.bud.text()
        _water_line(table)

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    record_id = save_to_log(liquid)
    assert record_id is not None, messages
    assert "10 December 2026" in seen["bud"] and "capped" in seen["bud"] and "NX-GOOD" in seen["bud"]
    with Store.open_default() as store:
        assert store.lot(tablet_lots["good"]).on_hand == 30 - 2
        assert store.lot(tablet_lots["received"]).on_hand == 30  # untouched
        record = store.record(record_id)
        assert record.bud == dt.date(2026, 12, 10)
        line = record.ingredients[0]
        assert (line.name, line.maker, line.lot, line.expiry, line.actual_amount) == (
            TABLETS, "Accord", "NX-GOOD", "2026-12-10", "2 tablets"
        )  # fmt: skip
        assert [r.record_id for r in store.recall_list(tablet_lots["good"])] == [record_id]


def test_cancelling_keeps_the_chosen_lot(
    qtbot: Any, app_window: Any, tablet_lots: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.team import session

    session.sign_in(TECHNICIAN)
    liquid = ready_liquid(qtbot, app_window)

    def choose_and_cancel(dialog: Any) -> None:
        dialog.lot_choices[0].setCurrentIndex(1)
        dialog.ingredients.set_value(0, "actual_amount", "3 tablets")  # one spilled, say

    def cancel(self: Any) -> int:
        choose_and_cancel(self)
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", cancel)
    assert save_to_log(liquid) is None
    seen: list[Any] = []

    def look(self: Any) -> int:
        seen.append((self.lot_choices[0].currentIndex(), self.ingredients.lines()[0]["actual_amount"]))
        self.reject()
        return int(self.result())

    monkeypatch.setattr(SaveRecordDialog, "exec", look)
    assert save_to_log(liquid) is None
    assert seen == [(1, "3 tablets")]


def test_the_app_and_log_add_lot_make_the_same_lines_and_bud(
    qtbot: Any, app_window: Any, tablet_lots: dict[str, int], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], messages: list[str],
) -> None:  # fmt: skip
    import io
    import json
    import sys

    from ldn_desk.cli import EXIT_OK, main
    from ldn_desk.desk.log import log_location
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.team import session

    session.sign_in(TECHNICIAN)
    liquid = ready_liquid(qtbot, app_window)
    water = {"maker": "Baxter", "lot": "W-77", "expiry": "2027-01", "actual_amount": "100 mL"}

    def fill(dialog: Any) -> None:
        dialog.lot_choices[0].setCurrentIndex(1)
        for key, text in water.items():
            dialog.ingredients.set_value(1, key, text)

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    app_id = save_to_log(liquid)
    assert app_id is not None, messages
    folder = str(log_location()).rsplit("/", 1)[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO("dot-pass-4444\n"))
    code = main(["log", "add", "liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01",
                 "--patient", PATIENT, "--rx", RX, "--compounded-by", "A. Pharmacist", "--pharmacy",
                 "Riverside Pharmacy", "--ingredient", "Purified water | Baxter | W-77 | 2027-01 | 100 mL",
                 "--lot", f"{tablet_lots['good']}:2", "--as", "Dot Lee", "--password-stdin", "--data-dir", folder,
                 "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    cli_id = int(json.loads(out)["id"])
    with Store.open_default() as store:
        app, cli = store.record(app_id), store.record(cli_id)
        assert app.bud == cli.bud == dt.date(2026, 12, 10)
        # The command line puts its --ingredient lines first; the app keeps the formula's order.
        assert sorted(app.ingredients, key=repr) == sorted(cli.ingredients, key=repr)
        assert store.lot(tablet_lots["good"]).on_hand == 30 - 2 - 2


def test_a_powder_lots_certificate_reaches_the_capsule_recipe(
    qtbot: Any, app_window: Any, tablet_lots: dict[str, int], monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:  # fmt: skip
    from ldn_desk.desk.records import mfr_identity
    from ldn_desk.documents.record_lines import printed_formula
    from tests.ui.conftest import recomputed
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.team import session

    capsules = app_window.pages[2]
    recomputed(qtbot, capsules, lambda: capsules.compounded.set_text("2026-12-01"))
    typed_api_mg = capsules.recipe.api_mg  # at the page's 100 % assay and 0 % water
    mfr = mfr_identity(capsules.recipe)
    with Store.open_default() as store:
        store.approve_formula(mfr["id"], mfr["version"], mfr["sha256"], PHARMACIST)
    session.sign_in(TECHNICIAN)
    fields = capsules.record_fields
    fields.patient.setText(PATIENT)
    fields.rx.setText(RX)
    fields.compounded_by.setText("A. Pharmacist")
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        powder_box, filler_box, shells_box = dialog.lot_choices
        assert filler_box is None and shells_box is None  # no filler lot held; shells have none
        assert [powder_box.itemText(i) for i in range(1, powder_box.count())] == [
            "Accord · lot P-1 · exp 2027-06-30 · 5000 mg on hand"
        ]
        powder_box.setCurrentIndex(1)
        # The certificate is on the page, read-only while the lot is chosen.
        seen["fields"] = (capsules.potency.text(), capsules.water.text(), capsules.salt.currentData())
        seen["locked"] = capsules.potency.edit.isReadOnly() and not capsules.salt.isEnabled()
        seen["api_mg"] = capsules.recipe.api_mg
        seen["weighing"] = printed_formula(capsules.recipe)[0][1]
        for row in (1, 2):
            amount = f"{capsules.recipe.capsules} capsules" if row == 2 else "100 mg"
            for key, text in (("maker", "Medisca"), ("lot", f"LOT-{row}"), ("expiry", "2028-01"),
                              ("actual_amount", amount)):  # fmt: skip
                dialog.ingredients.set_value(row, key, text)
        seen["drawn"] = dialog.ingredients.lines()[0]["actual_amount"]

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    record_id = save_to_log(capsules)
    assert record_id is not None, messages
    assert seen["fields"] == ("98 %", "1 %", "HCl") and seen["locked"]
    # HCl powder at 98 % assay and 1 % water: each mg of HCl needs 1 / (0.98 × 0.99) mg weighed.
    assert seen["api_mg"] == pytest.approx(typed_api_mg / (0.98 * 0.99), rel=1e-3)
    drawn = float(seen["drawn"].split()[0])
    # The page's 30 capsules need under the balance's minimum weighable quantity, so the powder
    # goes by the aliquot method: the lot gives what is weighed for the aliquot (the record's
    # weighing line, "… in the batch; weigh 120 mg for the aliquot"), not the batch's 47.93 mg.
    assert f"weigh {seen['drawn']} for the aliquot" in seen["weighing"]
    assert drawn > seen["api_mg"]
    with Store.open_default() as store:
        record = store.record(record_id)
        assert (record.inputs["potency_percent"], record.inputs["water_percent"]) == (98.0, 1.0)
        assert record.ingredients[0].lot == "P-1" and record.ingredients[0].actual_amount == seen["drawn"]
        assert store.lot(tablet_lots["powder"]).on_hand == pytest.approx(5000 - drawn)
    assert not capsules.potency.edit.isReadOnly()  # saved: the next batch's assay is typed again


def test_in_spanish_the_lines_and_lots_read_spanish_and_the_record_keeps_its_words(
    qtbot: Any, tablet_lots: dict[str, int], monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:  # fmt: skip
    from tests.ui.conftest import spanish_main_window
    from ui.pages.log.dialogs import SaveRecordDialog
    from ui.pages.log.save import save_to_log
    from ui.team import session

    session.sign_in(TECHNICIAN)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        table = dialog.ingredients
        seen["lines"] = [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(2)]
        seen["offered"] = _offered(dialog.lot_choices[0])
        dialog.lot_choices[0].setCurrentIndex(1)
        _water_line(table)

    fill_dialog(monkeypatch, SaveRecordDialog, fill)
    monkeypatch.setattr(SaveRecordDialog, "show_problem", lambda _self, text: messages.append(text))
    from ui.settings.store import AppSettings

    with spanish_main_window(qtbot) as window:
        window.apply_settings(AppSettings(clinic_name="Farmacia Sol", paper_size="A4"))
        record_id = save_to_log(ready_liquid(qtbot, window))
    assert record_id is not None, messages
    # 1 mg/mL × 100 mL = 100 mg = two 50 mg tablets, made up to 100 mL with water.
    assert seen["lines"] == [
        ("Comprimidos de naltrexona HCl de 50 mg", "2 comprimidos (100 mg de naltrexona HCl)"),
        ("Agua purificada", "hasta 100 mL (c.s.p.)"),
    ]
    assert seen["offered"][1] == "Accord · lote NX-GOOD · cad. 2026-12-10 · quedan 30 comprimidos"
    with Store.open_default() as store:  # the record in the pharmacy's words, as in English
        names = [line.name for line in store.record(record_id).ingredients]
    assert names == [TABLETS, "Purified water"]


def _water_line(table: Any) -> None:
    """The water line of the Save to log table filled as the pharmacist types it."""
    for key, text in (
        ("maker", "Baxter"),
        ("lot", "W-77"),
        ("expiry", "2027-01"),
        ("actual_amount", "100 mL"),
    ):
        table.set_value(1, key, text)
