"""Same request, same numbers everywhere: the facade, the command line (--json) and the app (typed
into its fields) give the same dates, doses, volumes, capsules and fills."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ldn_desk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from ldn_desk.desk import (
    CapsuleForm,
    CapsuleInput,
    Desk,
    FromProtocol,
    FromRule,
    LiquidForm,
    LiquidInput,
    PlanOutcome,
    PlanRequest,
)
from ldn_desk.units.quantity import Quantity
from tests.ui.conftest import recomputed
from tests.ui.test_pages import type_into

START = dt.date(2026, 12, 1)
PLAN, LIQUID, CAPSULES = 0, 1, 2


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    assert code == EXIT_OK, captured.err
    payload: dict[str, Any] = json.loads(captured.out)
    return payload


def _select(combo: Any, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _steps(outcome: PlanOutcome) -> list[tuple[int, int | None, str, float]]:
    plan = outcome.plan
    return [(s.from_day, s.to_day, s.start_date(plan.start_date).isoformat(), s.dose_mg) for s in plan.steps]


def _fills(outcome: PlanOutcome) -> list[tuple[int, int, str, float | None, tuple[tuple[float, int], ...]]]:
    assert outcome.supply is not None
    return [
        (
            f.from_day,
            f.to_day,
            f.due_date.isoformat(),
            f.volume_ml,
            tuple((c.strength_mg, c.count) for c in f.capsules),
        )
        for f in outcome.supply.fills
    ]


def _cli_steps(payload: dict[str, Any]) -> list[tuple[int, int | None, str, float]]:
    return [(s["from_day"], s["to_day"], s["start_date"], s["dose_mg"]) for s in payload["steps"]]


def _cli_fills(
    payload: dict[str, Any],
) -> list[tuple[int, int, str, float | None, tuple[tuple[float, int], ...]]]:
    return [
        (
            f["from_day"],
            f["to_day"],
            f["due_date"],
            f.get("volume_ml"),
            tuple((c["strength_mg"], c["count"]) for c in f.get("capsules", [])),
        )
        for f in payload["fills"]
    ]


def test_a_custom_liquid_plan_is_the_same_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    facade = Desk().plan(PlanRequest(FromRule(0.5, 0.5, 7), START, target_mg=2, form=LiquidForm(1.0)))
    rule = ["--start", "0.5 mg", "--step", "0.5 mg", "--every", "7 days", "--target", "2 mg"]
    cli = _cli(["schedule", *rule, "--start-date", "2026-12-01", "--liquid", "1 mg/mL"], capsys)
    page = window.pages[PLAN]
    recomputed(qtbot, page, lambda: _select(page.protocol, ""))
    for field, text in (
        (page.start_dose, "0.5 mg"),
        (page.step_dose, "0.5 mg"),
        (page.every, "7 days"),
        (page.target, "2 mg"),
        (page.start_date, "2026-12-01"),
    ):
        recomputed(qtbot, page, lambda field=field, text=text: type_into(qtbot, field, text))
    recomputed(
        qtbot, page, lambda: page.liquid_strength.setCurrentIndex(page.liquid_strength.findText("1 mg/mL"))
    )
    app = page.outcome
    assert app is not None and page.results.has_result

    # 0.5 mg rising by 0.5 mg every 7 days to 2 mg: days 1-7, 8-14, 15-21, then 2 mg from day 22.
    steps = [(1, 7, "2026-12-01", 0.5), (8, 14, "2026-12-08", 1.0), (15, 21, "2026-12-15", 1.5)]
    steps.append((22, None, "2026-12-22", 2.0))
    assert _steps(facade) == _steps(app) == _cli_steps(cli) == steps
    # At 1 mg/mL each dose in mg is that many mL.
    assert facade.liquid is not None and app.liquid is not None
    volumes = [m.volume_ml for m in facade.liquid.measures]
    assert volumes == [m.volume_ml for m in app.liquid.measures] == [s["volume_ml"] for s in cli["steps"]]
    assert volumes == [0.5, 1, 1.5, 2]
    shown = [page.model.index(row, 3).data() for row in range(page.model.rowCount())]
    assert shown[0] == "0.5 mL on the 1 mL syringe (0.01 mL marks)"  # 50 marks of 0.01 mL
    assert shown[3] == "2 mL on the 3 mL syringe (0.1 mL marks)"  # 20 marks of 0.1 mL
    # Review on day 57 (8 weeks + 1 day; 4 weeks at 2 mg from day 22 ends sooner), so the supply
    # covers days 1-57: water, 14-day BUD, fills of 3.5 + 7 = 10.5 mL, 10.5 + 14 = 24.5 mL, 28 mL;
    # day 57 alone would be a fill of its own, so days 43-57 (over the BUD as one) are evened out to
    # 43-50 (16 mL) and 51-57 (14 mL); 7 x 0.5 + 7 x 1 + 7 x 1.5 + 36 x 2 = 93 mg in all.
    fills = [
        (1, 14, "2026-12-01", 10.5, ()),
        (15, 28, "2026-12-15", 24.5, ()),
        (29, 42, "2026-12-29", 28, ()),
        (43, 50, "2027-01-12", 16, ()),
        (51, 57, "2027-01-20", 14, ()),
    ]
    assert _fills(facade) == _fills(app) == _cli_fills(cli) == fills
    assert facade.total_mg == app.total_mg == cli["total_mg"] == 93
    assert "93 mg in 5 fills" in page.results.text()


def test_capsules_listed_without_a_space_are_the_same_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    facade = Desk().plan(PlanRequest(FromProtocol("standard"), START, form=CapsuleForm((1.5, 3))))
    cli = _cli(
        ["schedule", "--protocol", "standard", "--start-date", "2026-12-01", "--capsules", "1.5 mg,3 mg"],
        capsys,
    )
    page = window.pages[PLAN]
    recomputed(qtbot, page, lambda: type_into(qtbot, page.start_date, "2026-12-01"))
    recomputed(qtbot, page, lambda: _select(page.form_kind, "capsules"))
    recomputed(qtbot, page, lambda: _select(page.capsule_set, "listed"))
    recomputed(qtbot, page, lambda: type_into(qtbot, page.capsule_strengths, "1.5 mg,3 mg"))
    app = page.outcome
    assert app is not None and app.capsules is not None and facade.capsules is not None

    # Standard (DOMAIN.md section 2): 1.5 mg days 1-14, 3 mg days 15-28, 4.5 mg from day 29.
    steps = [(1, 14, "2026-12-01", 1.5), (15, 28, "2026-12-15", 3.0), (29, None, "2026-12-29", 4.5)]
    assert _steps(facade) == _steps(app) == _cli_steps(cli) == steps
    texts = ["1 × 1.5 mg", "1 × 3 mg", "1 × 3 mg + 1 × 1.5 mg"]  # fewest capsules for each dose
    assert [m.dose.text for m in facade.capsules.measures] == [m.dose.text for m in app.capsules.measures]
    assert [s["capsules_text"] for s in cli["steps"]] == texts
    assert [page.model.index(row, 3).data() for row in range(3)] == texts
    # Through the review on day 57, one fill (180-day BUD for solids): 1.5 mg capsules on days
    # 1-14 and 29-57 (14 + 29 = 43), 3 mg capsules on days 15-57 (14 + 29 = 43).
    fills = [(1, 57, "2026-12-01", None, ((3.0, 43), (1.5, 43)))]
    assert _fills(facade) == _fills(app) == _cli_fills(cli) == fills


def test_a_decimal_comma_in_a_list_is_refused_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["schedule", "--protocol", "standard", "--capsules", "1,5 mg, 3 mg"])
    line = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and line.startswith('ldn-desk: --capsules: "1,5 mg" — ')
    page = window.pages[PLAN]
    recomputed(qtbot, page, lambda: _select(page.form_kind, "capsules"))
    recomputed(qtbot, page, lambda: _select(page.capsule_set, "listed"))
    recomputed(qtbot, page, lambda: type_into(qtbot, page.capsule_strengths, "1,5 mg, 3 mg"))
    assert page.outcome is None and not page.results.has_result
    error = page.capsule_strengths.error()
    assert error is not None and "use a decimal point" in error
    assert error.split(" — ", 1)[1] in line  # the same reason, word for word


def test_a_liquid_recipe_is_the_same_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    request = LiquidInput(Quantity(1, "mg/mL"), Quantity(150, "mL"), START, formula="fawcett_1997")
    facade = Desk().liquid_recipe(request)
    batch = ["--strength", "1 mg/mL", "--volume", "150 mL", "--formula", "fawcett_1997"]
    cli = _cli(["liquid", *batch, "--compounded", "2026-12-01"], capsys)
    page = window.pages[LIQUID]
    recomputed(qtbot, page, lambda: type_into(qtbot, page.volume, "150 mL"))
    recomputed(qtbot, page, lambda: _select(page.formula, "fawcett_1997"))
    recomputed(qtbot, page, lambda: type_into(qtbot, page.compounded, "2026-12-01"))
    app = page.recipe
    assert app is not None
    # 1 mg/mL x 150 mL = 150 mg = 3 x 50 mg tablets; Fawcett's formula is stable 60 days at 4 °C
    # (DOMAIN.md section 4): day 1 is 1 December, so day 60 is 29 January 2027.
    for recipe in (facade, app):
        assert (recipe.tablets, recipe.batch_volume_ml, recipe.bud.date.isoformat()) == (3, 150, "2027-01-29")
    assert (cli["tablets"], cli["batch_volume_ml"], cli["bud"]) == (3, 150, "2027-01-29")
    # Ascorbic acid 0.5 g per 100 mL, x 1.5 for 150 mL = 750 mg.
    amounts = [i.amount_text for i in facade.ingredients]
    assert (
        amounts == [i.amount_text for i in app.ingredients] == [i["amount_text"] for i in cli["ingredients"]]
    )
    assert "750 mg" in amounts


def test_a_capsule_recipe_is_the_same_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    facade = Desk().capsule_recipe(CapsuleInput(Quantity(0.5, "mg"), 30, START))
    cli = _cli(["capsules", "--strength", "0.5 mg", "--count", "30", "--compounded", "2026-12-01"], capsys)
    page = window.pages[CAPSULES]
    recomputed(qtbot, page, lambda: type_into(qtbot, page.strength, "0.5 mg"))
    recomputed(qtbot, page, lambda: type_into(qtbot, page.compounded, "2026-12-01"))
    app = page.recipe
    assert app is not None and app.aliquot is not None and facade.aliquot is not None
    # 30 + 1 extra = 31 capsules of 0.5 mg: 15.5 mg of drug, under the 120 mg MWQ, so by aliquot
    # (DOMAIN.md section 5). Size 5 holds 0.13 mL x 0.3 g/mL of MCC = 39 mg; the drug displaces its
    # own weight, 39 - 0.5 = 38.5 mg of filler a capsule, x 31 = 1,193.5 mg. Solid BUD 180 days:
    # day 1 is 1 December 2026, so day 180 is 29 May 2027.
    for recipe in (facade, app):
        assert (recipe.capsules, recipe.size, recipe.api_mg) == (31, "5", 15.5)
        assert recipe.excipient_mg == pytest.approx(1193.5)
        assert recipe.bud.date == dt.date(2027, 5, 29)
    assert (cli["capsules"], cli["size"], cli["api_mg"], cli["excipient_mg"]) == (31, "5", 15.5, 1193.5)
    assert cli["bud"] == "2027-05-29"
    # The aliquot: at least the MWQ of drug (120 mg) weighed, the same dilution everywhere.
    weighings = (facade.aliquot.weigh_api_mg, facade.aliquot.dilute_to_mg, facade.aliquot.take_mg)
    assert weighings == (app.aliquot.weigh_api_mg, app.aliquot.dilute_to_mg, app.aliquot.take_mg)
    assert weighings == tuple(cli["aliquot"][k] for k in ("weigh_api_mg", "dilute_to_mg", "take_mg"))
    assert weighings[0] == 120


def test_an_edited_plan_is_the_same_from_the_command_line_and_the_app(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldn_desk.desk import PlanEdit
    from ui.pages.plan.saved import show_request

    argv = ["schedule", "--protocol", "gentle", "--start-date", "2026-12-01", "--liquid", "1 mg/mL"]
    cli = _cli([*argv, "--hold", "15:7 days", "--step-back-from", "40", "--halve-from", "70"], capsys)
    edits = (PlanEdit.hold_day(15, 7), PlanEdit.step_back(40), PlanEdit.halve(70))
    request = PlanRequest(FromProtocol("gentle"), START, edits=edits, form=LiquidForm(1.0))
    facade = Desk().plan(request)
    page = window.pages[PLAN]
    recomputed(qtbot, page, lambda: show_request(page, request))
    app = page.outcome
    assert app is not None and page.results.has_result
    # Gentle: 0.5 mg days 1-14, 1 mg 15-28, 1.5 mg 29-42, … (14 days each). Held 1 mg 7 more days:
    # 1 mg 15-35, 1.5 mg 36-49. Back from day 40 to 1 mg for 14 days (40-53), then 1.5 mg again for
    # its full 14 days (54-67), 2 mg from 68 (68-81). Halved on day 70: 2 mg on 68-69, 1 mg for 14
    # days (70-83), climbing through 1.5 mg (84-97), then 2 mg for its 14 days (98-111), 2.5 mg 112-125…
    expected = [(1, 14, 0.5), (15, 35, 1), (36, 39, 1.5), (40, 53, 1), (54, 67, 1.5), (68, 69, 2)]
    expected += [(70, 83, 1), (84, 97, 1.5), (98, 111, 2), (112, 125, 2.5)]
    assert [(f, t, d) for f, t, _, d in _steps(facade)][:10] == expected
    assert _steps(facade) == _steps(app) == _cli_steps(cli)
    assert facade.plan.edits == app.plan.edits
    assert cli["edits"] == list(facade.plan.edits)
    assert _fills(facade) == _fills(app) == _cli_fills(cli)


def test_a_plan_split_across_two_strengths_is_the_same_everywhere(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.pages.plan.saved import show_request

    form = LiquidForm(1.0, switch_mg_per_ml=5.0, switch_day=29)
    request = PlanRequest(FromProtocol("standard"), START, form=form)
    facade = Desk().plan(request)
    argv = ["schedule", "--protocol", "standard", "--start-date", "2026-12-01", "--liquid", "1 mg/mL"]
    cli = _cli([*argv, "--switch-strength", "5 mg/mL from day 29"], capsys)
    page = window.pages[PLAN]
    # chosen on the page as a person would: the second strength, then its first day
    recomputed(qtbot, page, lambda: _select(page.protocol, "standard"))
    recomputed(qtbot, page, lambda: type_into(qtbot, page.start_date, "2026-12-01"))
    recomputed(qtbot, page, lambda: _select(page.liquid_strength, 1.0))
    recomputed(qtbot, page, lambda: _select(page.switch_strength, 5.0))
    recomputed(qtbot, page, lambda: page.switch_day.setValue(29))
    app = page.outcome
    assert app is not None and page.results.has_result
    assert app.request.form == form
    # Standard: 1.5 mg and 3 mg at 1 mg/mL (1.5 mL, 3 mL), then 4.5 mg at 5 mg/mL: 0.9 mL.
    assert facade.liquid is not None and app.liquid is not None
    volumes = [m.volume_ml for m in facade.liquid.measures]
    assert volumes == [m.volume_ml for m in app.liquid.measures] == [s["volume_ml"] for s in cli["steps"]]
    assert volumes == [1.5, 3, 0.9]
    assert _fills(facade) == _fills(app) == _cli_fills(cli)
    assert facade.supply is not None
    assert [f.strength_mg_per_ml for f in facade.supply.fills] == [
        f["strength_mg_per_ml"] for f in cli["fills"]
    ]
    shown = [page.model.index(row, 3).data() for row in range(page.model.rowCount())]
    assert shown[2] == "5 mg/mL: 0.9 mL on the 1 mL syringe (0.01 mL marks)"
    assert shown[0] == "1 mg/mL: 1.5 mL on the 3 mL syringe (0.1 mL marks)"
    assert "NEW bottle: 5 mg/mL" in page.results.text()
    # the page shows a saved split plan as it was chosen
    recomputed(qtbot, page, lambda: _select(page.switch_strength, None))
    assert page.outcome is not None and page.outcome.liquid is not None and page.outcome.liquid.switch is None
    recomputed(qtbot, page, lambda: show_request(page, request))
    assert page.outcome is not None and page.outcome.request.form == form
