"""The core's own messages in another language: the English template in the catalog, filled with
the core's values as the core wrote them; English untouched; the command line in the
environment's language, `--json` in the program's English."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cli_support import run_cli

from ldn_desk.cli import message_language
from ldn_desk.desk import Desk
from ldn_desk.errors import InputError, RecipeError
from ldn_desk.recipes.dose_range import check_daily_dose_mg
from ldn_desk.units import language
from ldn_desk.units.messages import refusal, say, say_error

# DOMAIN.md / resources/dose_limits.toml: the usual LDN target is 4.5 mg a day; 6 mg the top of
# the published range; above 10 mg a day is refused without an override.
USUAL_ALERT = "5 mg a day is above the usual LDN target of 4.5 mg."


@pytest.fixture(autouse=True)
def _nothing_missing() -> None:
    language.missing.clear()


def test_english_is_the_cores_text_unchanged() -> None:
    (alert,) = check_daily_dose_mg(5)
    assert alert.text == USUAL_ALERT
    assert say(alert.text, "en") == alert.text
    error = InputError("daily dose", "12 mg", "is above 10 mg a day", "4.5 mg")
    assert say_error(error, "en") == str(error) == 'daily dose: "12 mg" — is above 10 mg a day, e.g. 4.5 mg'
    assert (
        refusal("Up to", "12 mg", "is above 10 mg a day", "4.5 mg", "en")
        == 'Up to: "12 mg" — is above 10 mg a day, e.g. 4.5 mg'
    )
    assert Desk.say(USUAL_ALERT) == USUAL_ALERT  # outside speaking(): the pharmacy's English


def test_an_alert_is_the_catalogs_sentence_with_the_cores_doses() -> None:
    (alert,) = check_daily_dose_mg(5)
    assert say(alert.text, "es") == "5 mg al día supera la dosis objetivo habitual de LDN, 4.5 mg."
    (low,) = check_daily_dose_mg(0.01)  # under the mg/mcg check
    assert say(low.text, "es") == "0.01 mg al día es muy poco: compruebe si son mg o mcg."
    assert language.missing == set()


def test_a_refusal_keeps_what_was_typed_and_translates_the_rest() -> None:
    with pytest.raises(InputError) as refused:
        check_daily_dose_mg(12, "daily dose")
    shown = say_error(refused.value, "es")
    # The typed "12 mg" and the example 4.5 mg are the core's; the field's name is the caller's.
    assert shown.startswith('daily dose: "12 mg" — supera 10 mg al día, fuera de la naltrexona')
    assert shown.endswith("; por ejemplo, 4.5 mg")
    assert refusal("Hasta", "12 mg", refused.value.problem, "4.5 mg", "es").startswith(
        'Hasta: "12 mg" — supera 10 mg'
    )
    recipe = RecipeError("No capsule set suggested: no set of up to 3 of these strengths makes every dose")
    assert say_error(recipe, "es") == (
        "No se propone ningún juego de cápsulas: ningún juego de hasta 3 de estas concentraciones prepara todas las dosis"
    )
    assert language.missing == set()


def test_dates_days_and_thousands_take_the_languages_form_and_decimals_keep_the_point() -> None:
    text = (
        "The supply covers days 1–27 (to 27 March 2026); the plan runs to day 56: the patient needs "
        "more from 28 March 2026 (day 28)."
    )
    assert say(text, "es") == (
        "El suministro cubre los días 1–27 (hasta el 27 de marzo de 2026); el plan llega al día 56: el "
        "paciente necesitará más a partir del 28 de marzo de 2026 (día 28)."
    )
    # 1 day / 2 days: the plural of the language.
    evened = (
        "The last two fills are evened out to 8 days and 7 days rather than 14 days and 1 day, so no batch "
        "is made for 1 day alone."
    )
    assert "8 días y 7 días, en lugar de 14 días y 1 día" in say(evened, "es")
    # 1,290 mg in English would read 1.29 mg to a Spanish reader: the thousands mark is a space;
    # 46.5 mg keeps its decimal point (ISMP).
    powder = "The batch's 1,290 mg of powder is under the balance's minimum weighable quantity (46.5 mg): it is weighed by the aliquot method in the steps."
    assert say(powder, "es").startswith("Los 1\u00a0290 mg de polvo del lote están por debajo")
    assert "(46.5 mg)" in say(powder, "es")


def test_a_message_the_catalog_lacks_stays_english_and_is_noted() -> None:
    unknown = "A sentence nobody has translated."
    assert say(unknown, "es") == unknown
    assert ("es", unknown) in language.missing
    # A document's sentence never stands in for a core message: "{strengths} capsules." is the
    # handout's, so this is not half translated.
    assert say("Nobody knows 1 mg capsules.", "es") == "Nobody knows 1 mg capsules."


def test_sentences_the_core_joins_are_translated_one_by_one() -> None:
    joined = f'{USUAL_ALERT} Choose "These strengths:" and list the capsules.'
    assert say(joined, "es") == (
        "5 mg al día supera la dosis objetivo habitual de LDN, 4.5 mg. Elija «Estas concentraciones:» y "
        "escriba las cápsulas."
    )


@pytest.mark.parametrize(
    ("environ", "code"),
    [({"LANG": "es_ES.UTF-8"}, "es"), ({"LANG": "es_MX.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
     ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"), ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
     ({"LANG": "fr_FR.UTF-8"}, "en"), ({}, "en"), ({"LC_ALL": "", "LANG": "es"}, "es")],
)  # fmt: skip
def test_the_command_line_reads_its_language_as_gettext_does(environ: dict[str, str], code: str) -> None:
    # The first of LC_ALL, LC_MESSAGES, LANG that is set wins; C is English; French has no catalog.
    assert message_language(environ) == code


def _speaking(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", value)


def test_the_command_lines_refusals_and_warnings_in_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _speaking(monkeypatch, "es_ES.UTF-8")
    code, _out, err = run_cli(["dose", "--dose", "100 cc", "--strength", "1 mg/mL"], capsys)
    assert code == 2
    assert err == (
        'ldn-desk: --dose: "100 cc" — no se usa la abreviatura de centímetros cúbicos; escriba mL; por ejemplo, '
        "100 mL\n"
    )
    code, _out, err = run_cli(["dose"], capsys)
    assert err == "ldn-desk: faltan estos argumentos obligatorios: --dose, --strength\n"
    # 5 mg of 1 mg/mL is 5 mL; 5 mg is above the usual 4.5 mg target.
    code, out, err = run_cli(["dose", "--dose", "5 mg", "--strength", "1 mg/mL"], capsys)
    assert code == 0 and err == ""
    assert "Advertencias:\n  - 5 mg al día supera la dosis objetivo habitual de LDN, 4.5 mg." in out
    assert "5 mL" in out
    # The JSON is the same on every computer: keys, codes and texts in the program's English.
    code, out, _err = run_cli(["dose", "--dose", "5 mg", "--strength", "1 mg/mL", "--json"], capsys)
    assert json.loads(out)["warnings"] == [USUAL_ALERT]
    assert language.missing == set()


def test_the_change_of_bottle_warning_in_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _speaking(monkeypatch, "es_ES.UTF-8")
    argv = ["schedule", "--protocol", "standard", "--start-date", "2026-03-01", "--liquid", "1 mg/mL",
            "--switch-strength", "5 mg/mL from day 29"]  # fmt: skip
    code, out, err = run_cli(argv, capsys)
    assert code == 0, err
    # Day 29 of a plan from 1 March is 29 March. The standard ladder's last dose from the old
    # bottle is 3 mg ÷ 1 mg/mL = 3 mL; its first from the new is 4.5 mg ÷ 5 mg/mL = 0.9 mL.
    assert (
        "Desde el 29 de marzo de 2026 (día 29) el paciente usa un frasco NUEVO: 5 mg/mL (después de 1 mg/mL)"
        in out
    )
    assert "la dosis en mL cambia de 3 mL a 0.9 mL" in out
    assert "the patient uses a NEW" not in out
    assert language.missing == set()


def test_english_command_line_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _speaking(monkeypatch, "C.UTF-8")
    _code, _out, err = run_cli(["dose", "--dose", "100 cc", "--strength", "1 mg/mL"], capsys)
    assert err == "ldn-desk: --dose: \"100 cc\" — 'cc' is not used; write mL, e.g. 100 mL\n"


@pytest.mark.parametrize(
    ("strength", "volume", "spanish"),
    [
        # 1 mg/mL x 60 mL = 60 mg: 2 whole 50 mg tablets make 100 mg / 1 mg/mL = 100 mL.
        (1, 60, "Volumen aumentado de 60 mL a 100 mL para usar 2 comprimidos enteros;"),
        # 0.7 mg/mL: 2 tablets make 142.9 mL (between marks); 7 tablets make 350 / 0.7 = 500 mL, of
        # which the 100 mL asked for is dispensed and 500 - 100 = 400 mL discarded.
        (
            0.7,
            100,
            "(2 comprimidos darían 142.9 mL, entre las marcas); se etiquetan y se dispensan 100 mL y se "
            "desechan los otros 400 mL.",
        ),
        # 0.25 mg/mL x 37 mL: 40 mL takes 10 mL of the 1 mg/mL stock, a mark of the 10 mL syringe.
        (
            0.25,
            37,
            "a 40 mL para que la parte de la solución madre que necesita (10 mL) caiga en una marca de una "
            "jeringa oral de 10 mL (marcas de 0.2 mL); se etiquetan y se dispensan 37 mL",
        ),
    ],
)
def test_a_raised_volume_reads_spanish_whole(strength: float, volume: float, spanish: str) -> None:
    from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
    from ldn_desk.units.quantity import Quantity

    made = make_liquid(LiquidInput(Quantity(strength, "mg/mL"), Quantity(volume, "mL"), dt.date(2026, 12, 1)))
    (raised,) = [alert.text for alert in made.alerts if alert.text.startswith("Volume raised")]
    said = say(raised, "es")
    assert spanish in said
    assert not {"tablets", "whole", "batch", "mark"} & set(said.replace(";", " ").split())
    assert not language.missing


def test_a_strength_no_mark_fits_is_refused_in_spanish() -> None:
    from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
    from ldn_desk.units.quantity import Quantity

    # 0.73 mg/mL: n tablets make n x 68.49… mL, on a 1 mL mark only when n is a multiple of 73.
    with pytest.raises(InputError) as caught:
        make_liquid(LiquidInput(Quantity(0.73, "mg/mL"), Quantity(60, "mL"), dt.date(2026, 12, 1)))
    said = say_error(caught.value, "es")
    assert "no se puede preparar con comprimidos enteros de 50 mg" in said
    assert "1 comprimido da 68.5 mL" in said
    assert not language.missing


def test_no_aliquot_on_a_mark_is_refused_in_spanish() -> None:
    from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
    from ldn_desk.units.quantity import Quantity

    # 0.137 mg/mL x 100 mL takes 13.7 mL of the 1 mg/mL stock, between the 0.5 mL marks of the 25 mL
    # cylinder, and no batch up to 2,000 mL takes a part on a mark (tests/core/test_liquid.py).
    with pytest.raises(InputError) as caught:
        make_liquid(LiquidInput(Quantity(0.137, "mg/mL"), Quantity(100, "mL"), dt.date(2026, 12, 1)))
    said = say_error(caught.value, "es")
    assert "necesita 13.7 mL de solución madre" in said
    assert "entre las marcas de una probeta graduada de 25 mL (marcas de 0.5 mL)" in said
    assert said.endswith("elija una concentración más redonda; por ejemplo, 0.1 mg/mL")
    assert not language.missing


def test_a_wasteful_raise_reads_spanish() -> None:
    from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
    from ldn_desk.units.quantity import Quantity

    # 0.7 mg/mL x 100 mL: 500 mL made to dispense 100 mL (tests/core/test_liquid.py).
    made = make_liquid(LiquidInput(Quantity(0.7, "mg/mL"), Quantity(100, "mL"), dt.date(2026, 12, 1)))
    (waste,) = [alert.text for alert in made.alerts if "is made to dispense" in alert.text]
    assert say(waste, "es").startswith("Se preparan 500 mL para dispensar 100 mL, así que se desechan 400 mL")
    assert not language.missing


def test_a_message_is_said_whole_in_spanish_or_whole_in_english() -> None:
    # Two sentences the catalog has: both Spanish. One it lacks beside one it has: all English.
    known = "Shake well before use; For oral use only; Refrigerate (2–8 °C); do not use after 1 March 2026."
    assert say(known, "es") == (
        "Agitar bien antes de usar; Solo por vía oral; Conservar en nevera (2–8 °C); no usar después del 1 de marzo de 2026."
    )
    mixed = "Weigh 120 mg of naltrexone HCl powder. Hum the tune while you stir."
    language.missing.clear()
    assert say(mixed, "es") == mixed
    assert language.missing == {("es", mixed)}
    # A value the catalog cannot say leaves the template's sentence English too, never half of it.
    odd = "Weigh 120 mg of some unlisted gum."
    assert say(odd, "es") == odd
    # Amounts alone take the language's thousands mark, and keep the decimal point: no template needed.
    language.missing.clear()
    assert say("1,209 mg", "es") == "1\u00a0209 mg" and say("37.5 mg", "es") == "37.5 mg"
    assert language.missing == set()


def test_a_refusal_whose_problem_the_catalog_lacks_is_english_whole() -> None:
    language.missing.clear()
    shown = refusal("strength", "5 mg", "is a problem no catalog has heard of", "1 mg", "es")
    assert shown == InputError("strength", "5 mg", "is a problem no catalog has heard of", "1 mg").message
    assert "por ejemplo" not in shown
    assert ("es", "is a problem no catalog has heard of") in language.missing
