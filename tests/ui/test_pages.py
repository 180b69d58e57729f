"""Typing into each page gives the worked results; refused entries show the reason and no numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import recomputed


def type_into(qtbot: Any, field: Any, text: str) -> None:
    """Replace a field's text the way a person does: select all, then type."""
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)


# --- Liquid ---------------------------------------------------------------------------------
def test_liquid_default_is_two_tablets_in_100_ml(window: Any) -> None:
    liquid = window.pages[1]
    # 1 mg/mL × 100 mL = 100 mg = 2 × 50 mg tablets, made up to 100 mL (LDN Research Trust).
    assert liquid.recipe is not None
    assert liquid.recipe.tablets == 2
    shown = liquid.results.text()
    assert "2 × 50 mg tablets → 100 mL of 1 mg/mL" in shown


def test_typing_a_new_strength_updates_the_recipe(qtbot: Any, window: Any) -> None:
    liquid = window.pages[1]
    window.show_page(1)
    # 0.5 mg/mL × 100 mL = 50 mg = 1 × 50 mg tablet.
    recomputed(qtbot, liquid, lambda: type_into(qtbot, liquid.strength, "0.5 mg/mL"))
    assert liquid.recipe.tablets == 1
    assert "1 × 50 mg tablet → 100 mL of 0.5 mg/mL" in liquid.results.text()


def test_a_refused_volume_shows_the_reason_and_no_result(qtbot: Any, window: Any) -> None:
    liquid = window.pages[1]
    window.show_page(1)
    recomputed(qtbot, liquid, lambda: type_into(qtbot, liquid.volume, "100 cc"))
    assert liquid.recipe is None
    assert not liquid.results.has_result
    shown = liquid.results.text()
    assert "write mL" in shown
    assert "tablet" not in shown  # no numbers from the last good entry linger
    assert liquid.volume._message_row.isVisible()
    recomputed(qtbot, liquid, lambda: type_into(qtbot, liquid.volume, "100 mL"))
    assert liquid.recipe.tablets == 2


def test_a_combination_the_core_refuses_is_shown_as_refused(qtbot: Any, window: Any) -> None:
    liquid = window.pages[1]
    # 200 mg/mL is above naltrexone HCl's water solubility (about 100 mg/mL, resources/drug.toml).
    recomputed(qtbot, liquid, lambda: type_into(qtbot, liquid.strength, "200 mg/mL"))
    assert liquid.recipe is None
    assert "solubility" in liquid.results.text()


def test_powder_source_shows_the_powder_fields(qtbot: Any, window: Any) -> None:
    liquid = window.pages[1]
    window.show_page(1)
    assert not liquid.potency.isVisible()
    recomputed(qtbot, liquid, lambda: liquid.source.setCurrentIndex(liquid.source.findData("powder")))
    assert liquid.potency.isVisible() and not liquid.tablet_strength.isVisible()
    assert liquid.recipe is not None and liquid.recipe.tablets == 0


# --- Capsules -------------------------------------------------------------------------------
def test_capsules_worked_example_with_aliquot(qtbot: Any, window: Any) -> None:
    capsules = window.pages[2]
    window.show_page(2)
    recomputed(qtbot, capsules, lambda: type_into(qtbot, capsules.strength, "1.5 mg"))
    recipe = capsules.recipe
    # 30 capsules + 1 extra = 31 made; 31 × 1.5 mg = 46.5 mg of drug, under the 120 mg MWQ; filler
    # 37.5 mg a capsule (39 mg fill − 1.5 mg) × 31 = 1,162.5 mg, shown 1,163 mg;
    # so the drug is weighed by aliquot: 120 mg weighed; 310 mg of mixture would leave a 120.125 mg
    # portion a 1 mg balance cannot show, so it is made up to 320 mg and 124 mg (46.5 × 320 ÷ 120) taken.
    assert recipe.capsules == 31
    assert recipe.api_mg == 46.5
    assert recipe.aliquot is not None
    shown = capsules.results.text()
    assert "Make 31 capsules" in shown
    assert "46.5 mg of drug and 1,163 mg of filler in the batch; the drug is weighed by aliquot" in shown
    assert "Aliquot" in shown and "320 mg of mixture" in shown and "Weigh 124 mg of this mixture" in shown


def test_capsules_bad_count_shows_no_result(qtbot: Any, window: Any) -> None:
    capsules = window.pages[2]
    window.show_page(2)
    recomputed(qtbot, capsules, lambda: type_into(qtbot, capsules.count, "2.5"))
    assert capsules.recipe is None
    assert "whole number" in capsules.results.text()
    assert "Make" not in capsules.results.headline.text()


def test_calibrated_method_needs_its_fill(qtbot: Any, window: Any) -> None:
    capsules = window.pages[2]
    window.show_page(2)
    assert not capsules.calibrated_fill.isVisible()
    capsules.capsule_size.setCurrentIndex(capsules.capsule_size.findData("3"))
    recomputed(qtbot, capsules, lambda: capsules.method.setCurrentIndex(1))
    assert capsules.calibrated_fill.isVisible()
    assert capsules.recipe is not None and capsules.recipe.method == "calibrated"


# --- Titration plan -------------------------------------------------------------------------
def _doses(page: Any) -> list[tuple[str, str]]:
    model = page.model
    return [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]


def test_standard_protocol_table(window: Any) -> None:
    plan = window.pages[0]
    # resources/protocols.toml: +1.5 mg every 14 days from 1.5 mg gives 1.5 mg on days 1-14,
    # 3 mg on days 15-28 and 4.5 mg from day 29.
    assert _doses(plan) == [("Days 1–14", "1.5 mg"), ("Days 15–28", "3 mg"), ("From day 29", "4.5 mg")]
    assert plan.results.has_result


def test_liquid_strength_choice_gives_ml_per_step(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    index = plan.liquid_strength.findText("1 mg/mL")
    recomputed(qtbot, plan, lambda: plan.liquid_strength.setCurrentIndex(index))
    measure = [plan.model.index(r, 3).data() for r in range(plan.model.rowCount())]
    # At 1 mg/mL: 1.5 mg = 1.5 mL (15 marks of 0.1 mL) and 3 mg = 3 mL (30 marks), both on the
    # 3 mL syringe with 0.1 mL marks, the smallest that holds them (resources/syringes.toml).
    assert measure[0] == "1.5 mL on the 3 mL syringe (0.1 mL marks)"
    assert measure[1] == "3 mL on the 3 mL syringe (0.1 mL marks)"
    # 4.5 mg = 4.5 mL: more than the 3 mL syringe holds; 45 whole marks on the 5 mL syringe with
    # 0.1 mL marks (22.5 marks, not whole, on the one with 0.2 mL marks), so that one is named.
    assert measure[2] == "4.5 mL on the 5 mL syringe (0.1 mL marks)"
    assert all(plan.model.index(r, 3).data(Qt.ItemDataRole.DecorationRole) is None for r in range(3))
    assert not any("not measurable" in text for text in measure)


def test_an_unmeasurable_liquid_step_says_so(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: plan.protocol.setCurrentIndex(plan.protocol.findData("")))
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.start_dose, "1.25 mg"))
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.step_dose, "1.25 mg"))
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.target, "2.5 mg"))
    index = plan.liquid_strength.findText("1 mg/mL")
    recomputed(qtbot, plan, lambda: plan.liquid_strength.setCurrentIndex(index))
    measure = [plan.model.index(r, 3).data() for r in range(plan.model.rowCount())]
    # At 1 mg/mL, 1.25 mg = 1.25 mL: over 1 mL, so past the 1 mL syringe (0.01 mL marks), and
    # 12.5 marks of 0.1 mL (3 mL, 5 mL) or 6.25 of 0.2 mL (5 mL, 10 mL): no default syringe
    # measures it. The calculated volume is shown, not its rounded text "1.3 mL".
    assert measure[0] == "1.25 mL: not measurable"
    assert plan.model.index(0, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    assert any("1.25 mL" in text for text in plan.results.alerts.texts())
    # 2.5 mg = 2.5 mL = 25 marks of 0.1 mL on the 3 mL syringe.
    assert measure[1] == "2.5 mL on the 3 mL syringe (0.1 mL marks)"


def test_custom_plan_never_overshoots(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: plan.protocol.setCurrentIndex(plan.protocol.findData("")))
    # Custom defaults: 1 mg, +1 mg every 7 days, to 4.5 mg: 1, 2, 3, 4, then 4.5 mg.
    assert [dose for _, dose in _doses(plan)] == ["1 mg", "2 mg", "3 mg", "4 mg", "4.5 mg"]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.target, "12 mg"))
    assert plan.plan is None and plan.model.rowCount() == 0
    assert "10 mg" in plan.results.text()  # refused above 10 mg a day


def test_hold_and_step_back(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    plan.table.selectRow(0)
    plan.hold_days.setValue(7)
    recomputed(qtbot, plan, plan.hold_button.click)
    # Holding 1.5 mg 7 more days: days 1-21, then 3 mg on days 22-35, 4.5 mg from day 36.
    assert _doses(plan) == [("Days 1–21", "1.5 mg"), ("Days 22–35", "3 mg"), ("From day 36", "4.5 mg")]
    plan.back_day.setValue(25)
    recomputed(qtbot, plan, plan.back_button.click)
    # From day 25 (in the 3 mg step) back to 1.5 mg for one 14-day interval, then up again.
    doses = _doses(plan)
    assert doses[1] == ("Days 22–24", "3 mg")
    assert doses[2] == ("Days 25–38", "1.5 mg")
    assert doses[3][1] == "3 mg"
    assert "Changes made" in plan.results.text()
    recomputed(qtbot, plan, plan.undo_button.click)
    assert _doses(plan)[0] == ("Days 1–14", "1.5 mg")


def test_capsule_form_uses_the_advisors_set(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: plan.form_kind.setCurrentIndex(1))
    measure = [plan.model.index(r, 3).data() for r in range(plan.model.rowCount())]
    # 1.5, 3 and 4.5 mg from 1.5 mg capsules alone would need 3 capsules for 4.5 mg; each text
    # is written by the core, e.g. '1 × 1.5 mg'.
    assert measure[0].endswith("1.5 mg")
    assert all("cannot be made" not in text for text in measure)
    recomputed(qtbot, plan, lambda: plan.capsule_set.setCurrentIndex(1))
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.capsule_strengths, "2 mg"))
    assert any("cannot be made" in text for text in plan.results.alerts.texts())


def test_start_date_typo_blocks_the_plan(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: type_into(qtbot, plan.start_date, "2026-13-01"))
    assert plan.model.rowCount() == 0 and plan.chart.steps == []
    assert "not a real calendar date" in plan.results.text()


def test_a_slow_capsule_search_never_freezes_the_window(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    """The advisor's search can run long on odd doses: the page says so at once and shows the
    suggestion when it comes, instead of blocking the window."""
    import threading

    import ldn_desk.plans.pipeline as pipeline

    release = threading.Event()
    real = pipeline.advise_capsule_strengths

    def slow(plan: Any, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real(plan, *args, **kwargs)

    monkeypatch.setattr(pipeline, "advise_capsule_strengths", slow)
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: plan.form_kind.setCurrentIndex(1))
    assert plan.plan is None
    assert "Still working out a capsule set" in plan.results.text()
    with qtbot.waitSignal(plan.plan_changed, timeout=5_000):
        release.set()
    assert plan.results.has_result
    assert plan.model.index(0, 3).data().endswith("1.5 mg")


def test_capsule_plan_follows_an_edit(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    recomputed(qtbot, plan, lambda: plan.form_kind.setCurrentIndex(1))
    plan.table.selectRow(0)
    recomputed(qtbot, plan, plan.hold_button.click)
    # Holding the first step 7 days: the capsule schedule names the new steps, not the old ones.
    assert [m.step.days_label for m in plan.schedule.measures] == ["Days 1–21", "Days 22–35", "From day 36"]


def test_very_dilute_liquid_is_made_by_serial_dilution(qtbot: Any, window: Any) -> None:
    liquid = window.pages[1]
    recomputed(qtbot, liquid, lambda: type_into(qtbot, liquid.strength, "0.1 mg/mL"))
    # 0.1 mg/mL × 100 mL = 10 mg: one 50 mg tablet in 50 mL makes a 1 mg/mL stock, of which
    # 10 mL (10 mg) is made up to 100 mL; the other 40 mL of stock is discarded.
    dilution = liquid.recipe.dilution
    assert dilution is not None
    assert (dilution.stock_volume_ml, dilution.aliquot_ml, dilution.final_volume_ml) == (50, 10, 100)
    shown = liquid.results.text()
    assert "by dilution of a 1 mg/mL stock" in shown
    assert "Measure of the stock" in shown
    assert "40 mL" in shown


def test_the_measure_column_is_never_cut_short(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    window.resize(1100, 750)
    index = plan.liquid_strength.findText("1 mg/mL")
    recomputed(qtbot, plan, lambda: plan.liquid_strength.setCurrentIndex(index))
    table, metrics = plan.table, plan.table.fontMetrics()
    width = table.columnWidth(3)
    for row in range(plan.model.rowCount()):
        text = plan.model.index(row, 3).data()
        # A text wider than its column wraps onto as many lines as it needs, all shown.
        lines = -(-metrics.horizontalAdvance(text) // max(width - 8, 1))
        assert table.rowHeight(row) >= lines * metrics.lineSpacing(), text


def test_the_new_supply_and_fill_warnings_stand_beside_the_results(qtbot: Any, window: Any) -> None:
    plan = window.pages[0]
    window.show_page(0)
    index = plan.liquid_strength.findText("1 mg/mL")
    recomputed(qtbot, plan, lambda: plan.liquid_strength.setCurrentIndex(index))
    # Standard to the review day 57 at 1 mg/mL: 14-day fills would leave day 57 alone, so the last
    # two are evened out to 8 and 7 days; each bottle carries the overage.
    texts = plan.results.alerts.texts()
    assert any("evened out to 8 days and 7 days" in text for text in texts)
    assert any("overage of 5% (at least 2 mL)" in text for text in texts)
    words = [word for _icon, word, _text in plan.results.alerts.model_.messages]
    assert words and all(words)  # each with its level in words (and its icon)

    capsules = window.pages[2]
    window.show_page(2)
    recomputed(qtbot, capsules, lambda: type_into(qtbot, capsules.strength, "1.5 mg"))
    recomputed(qtbot, capsules, lambda: capsules.filler.setCurrentIndex(capsules.filler.findData("lactose")))
    recomputed(
        qtbot, capsules, lambda: capsules.capsule_size.setCurrentIndex(capsules.capsule_size.findData("4"))
    )
    # Size 4 lactose: 205.8 mg estimated against 195 mg published, 5.54 % apart.
    assert any("5.54% apart" in text for text in capsules.results.alerts.texts())
