"""Patient documents in the patient's language: the catalogs, dates and weekdays, the Spanish
handout and label, and the same request through the facade and the command line."""

from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from cli_support import cli_json, refusal
from pypdf import PdfReader

from ldn_desk.desk import Desk, FromProtocol, HandoutInfo, LiquidForm, PlanRequest
from ldn_desk.documents.calendar import CalendarDay, calendar_table
from ldn_desk.documents.content import Directions, label_content
from ldn_desk.documents.handout import handout_pdf
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.label import label_pdf
from ldn_desk.documents.pdfbase import PageSetup, make_styles
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError
from ldn_desk.plans.dispensing import dispense_capsules, dispense_liquid
from ldn_desk.plans.edits import with_time
from ldn_desk.plans.measuring import measure_capsules, measure_liquid
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.reference.files import resource_path
from ldn_desk.units import language
from ldn_desk.units.dates import long_date, short_date, weekday_names
from ldn_desk.units.dose_text import days_text, mg_text
from ldn_desk.units.free_text import find_problems
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)
INFO = HandoutInfo(patient="Ana Ruiz", date=dt.date(2026, 2, 27), prescriber="Dra. Soto", clinic="Clínica Norte",
                   contact="+34 910 000 000")  # fmt: skip
NO_PHONE = HandoutInfo(patient="Ana Ruiz", date=dt.date(2026, 2, 27))
SHIPPED = [code for code in language.languages() if code != language.SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((page.extract_text() or "") for page in pages).replace("\u00a0", " ").split())


def _handouts(lang: str) -> list[bytes]:
    """A liquid handout with its bottles, and a large-print capsule one taken in the morning
    without a phone number: between them every block of the handout is printed."""
    plan = plan_from_protocol("standard", START)
    liquid = handout_pdf(plan, INFO, PageSetup("a4"), liquid=measure_liquid(plan, Quantity(1, "mg/mL")),
                         supply=dispense_liquid(plan, Quantity(1, "mg/mL")), language=lang)  # fmt: skip
    morning = with_time(plan_from_protocol("weekly_1mg", START), "morning")
    capsules = handout_pdf(morning, NO_PHONE, PageSetup("letter", large_print=True),
                           capsules=measure_capsules(morning, [1, 0.5]), supply=dispense_capsules(morning, [1, 0.5]),
                           language=lang)  # fmt: skip
    return [liquid, capsules]


@pytest.fixture(scope="module")
def english() -> list[str]:
    return [_text(pdf) for pdf in _handouts("en")]


@pytest.fixture(scope="module")
def spanish() -> list[str]:
    language.missing.clear()
    texts = [_text(pdf) for pdf in _handouts("es")]
    assert sorted(language.missing) == []  # every sentence the handouts asked for was in the catalog
    return texts


# --- The catalogs ---------------------------------------------------------------------------------


def test_languages_are_found_from_the_catalog_folders() -> None:
    assert language.languages()[0] == "en"
    assert "es" in language.languages()
    assert Desk.languages()[:2] == (("en", "English"), ("es", "Español"))


def test_every_language_is_named_as_babel_names_it_and_each_catalog_has_its_name() -> None:
    # The names are written down so the window need not read Babel's locale data to show them;
    # each must be CLDR's own name of the language, and a new catalog must add its own.
    for code, name in language.OWN_NAMES.items():
        assert name == language.babel_language_name(code), code
    assert set(language.languages()) <= set(language.OWN_NAMES)
    assert language.language_name("de") == "Deutsch"  # no catalog: read from Babel


@pytest.mark.parametrize("code", SHIPPED)
def test_every_catalog_entry_stands_alone(code: str) -> None:
    """Each entry is its own block (one msgid, one msgstr, a blank line between entries) and none
    is there twice: two entries run together (as a merge can leave them) lose one's context,
    and the core's message then falls back to English."""
    text = language.catalog_path(code).read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n\n") if "msgid " in block]
    for block in blocks:
        lines = block.splitlines()
        assert sum(line.startswith("msgid ") for line in lines) == 1, block[:200]
        assert sum(line.startswith(("msgstr ", "msgstr[0]")) for line in lines) == 1, block[:200]

    def key(block: str) -> str:  # the context and the whole msgid, continuation lines too
        kept = block[block.find("msgctxt ") if "msgctxt " in block else block.find("msgid ") :]
        return kept[: kept.find("\nmsgstr")]

    keys = [key(block) for block in blocks]
    assert len(keys) == len(set(keys)), [key for key in keys if keys.count(key) > 1][:5]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_catalog_is_complete(code: str) -> None:
    with language.catalog_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    entries = [message for message in catalog if message.id]
    assert len(entries) > 150
    for message in entries:
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        # The program fills the {placeholders}: a translation keeps each one, and adds none.
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, message.id
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, message.id
        # Doses keep the ISMP rules in every language (decimal point, mL, no Latin shorthand).
        for string in strings:
            assert dose_text_problems(string) == [], (message.id, string)


def _prose(table: object, key: str = "") -> Iterator[str]:
    """Every sentence of a wording table that a patient reads."""
    if isinstance(table, dict):
        for name, value in table.items():
            # Not the patient's: sources, the maker's warning, keys; the card's blank line.
            if name not in {"source", "warning", "blank", "light_label"}:
                yield from _prose(value, name)
    elif isinstance(table, list):
        for value in table:
            yield from _prose(value, key)
    elif isinstance(table, str) and table:
        yield table


@pytest.mark.parametrize("code", SHIPPED)
def test_every_sentence_of_the_wording_files_is_translated(code: str) -> None:
    handout = tomllib.loads(resource_path("handout.toml").read_text(encoding="utf-8"))
    labels = tomllib.loads(resource_path("labels.toml").read_text(encoding="utf-8"))["text"]
    labels["directions"].pop("example")  # the pharmacist's example, in the pharmacy's language
    sentences = [*_prose(handout), *handout["plan_sources"], *_prose(labels)]
    language.missing.clear()
    with language.speaking(code):
        for sentence in sentences:
            language.tr(sentence)
    assert len(sentences) > 100
    assert sorted(language.missing) == []


def test_a_language_is_checked_by_its_code() -> None:
    assert language.check_language("ES") == "es"
    assert language.check_language("es_MX") == "es"  # a regional code is the language's catalog
    assert language.check_language(None) == "en"
    with pytest.raises(InputError) as refused:
        language.check_language("klingon")
    assert refused.value.field == "language"
    assert "en, es" in str(refused.value) and "es" in str(refused.value)


# --- Dates, weekdays, numbers ---------------------------------------------------------------------


def test_spanish_dates_weekdays_and_days() -> None:
    day = dt.date(2026, 12, 1)
    with language.speaking("es"):
        assert long_date(day) == "1 de diciembre de 2026"
        assert short_date(day) == "1 dic"
        assert weekday_names() == ("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom")
        assert days_text(2) == "2 días"
        assert days_text(1) == "1 día"
        # A comma is the decimal mark in Spanish: thousands are parted by a no-break space.
        assert mg_text(1290) == "1\u00a0290 mg" and mg_text(4.5) == "4.5 mg"
        assert dose_text_problems("Tome 1\u00a0290 mg") == []
    assert long_date(day) == "1 December 2026"  # outside, the pharmacy's English
    assert mg_text(1290) == "1,290 mg"
    assert days_text(2) == "2 days"


@pytest.mark.parametrize(
    ("code", "lang", "first"),
    [("es_ES.UTF-8", "es", 0), ("en_GB.UTF-8", "en", 0), ("en_US.UTF-8", "en", 6), ("es_US.UTF-8", "es", 6),
     ("C.UTF-8", "es", 0), ("C.UTF-8", "en", 0)],
)  # fmt: skip
def test_the_week_starts_on_the_locales_first_day(code: str, lang: str, first: int) -> None:
    # CLDR: Monday in Spain, the UK and the world at large; Sunday in the United States.
    assert language.first_weekday(lang, {"LANG": code}) == first


def _header(table: object) -> list[str]:
    return [cell.getPlainText() for cell in table._cellvalues[0]]  # type: ignore[attr-defined]


def test_the_calendar_starts_its_weeks_where_the_locale_does(monkeypatch: pytest.MonkeyPatch) -> None:
    styles = make_styles(12)
    # 1 March 2026 is a Sunday.
    days = [CalendarDay(START + dt.timedelta(days=n), ("1.5 mg",)) for n in range(14)]
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert _header(calendar_table(days, 500, styles))[:2] == ["Sun", "Mon"]
    with language.speaking("es"):
        assert _header(calendar_table(days, 500, styles))[0] == "Dom"  # Spanish for a US pharmacy
    monkeypatch.setenv("LC_ALL", "es_ES.UTF-8")
    with language.speaking("es"):
        assert _header(calendar_table(days, 500, styles))[0] == "Lun"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert _header(calendar_table(days, 500, styles))[0] == "Mon"


# --- The Spanish handout --------------------------------------------------------------------------


def _sentences(text: str) -> set[str]:
    """The English handout's sentences and phrases of three words or more (names left out)."""
    parts = re.split(r"[.:;,()·\u2022]|\s[–-]\s", text)
    return {p.strip() for p in parts if len(set(re.findall(r"\b[a-z]{2,}\b", p)) - {"mg", "mL"}) >= 3}


def test_a_spanish_handout_has_none_of_the_english_sentences(english: list[str], spanish: list[str]) -> None:
    for en, es in zip(english, spanish, strict=True):
        sentences = _sentences(en)
        assert len(sentences) > 60
        assert sorted(s for s in sentences if s in es) == [], es


def test_the_spanish_handout_says_the_plan_in_spanish(spanish: list[str]) -> None:
    liquid, capsules = spanish
    # Standard protocol: 1.5 mg days 1–14, 3 mg days 15–28, 4.5 mg from day 29; at 1 mg/mL the
    # doses are 1.5 mL, 3 mL and 4.5 mL. Review: day 57 = 1 March + 56 days = 26 April 2026.
    for expected in (
        "Su plan de naltrexona en dosis bajas (LDN)",
        "Del 1 de marzo de 2026 al 14 de marzo de 2026",
        "Desde el 29 de marzo de 2026 en adelante",
        "Cargue 1.5 mL en la jeringa oral de 3 mL (marcas de 0.1 mL)",
        "al acostarse",
        "Consulta de revisión 26 de abril de 2026",
        "Importante: no tome LDN con medicamentos opioides",
        "al menos 2 días antes de una operación programada",
        "Si olvida una dosis",
        "Conservar en nevera (2–8 °C)",
        "Tarjeta de bolsillo",
        "Diario de síntomas",
        "Lun Mar Mié Jue Vie Sáb Dom",
        "Marzo de 2026",
    ):
        assert expected in liquid, expected
    # Weekly 1 mg, in capsules of 1 mg and 0.5 mg, in the morning, with no phone given.
    for expected in (
        "Tome 1 cápsula de 1 mg",
        "por la mañana",
        "Teléfono de su médico o farmacia",
        "Sus cápsulas",
    ):
        assert expected in capsules, expected


def test_the_dose_writing_check_passes_on_the_spanish_handout(spanish: list[str]) -> None:
    for text in spanish:
        assert dose_text_problems(text) == []
        assert not re.search(r"\d,\d", text)  # a decimal point on doses, never a decimal comma
        assert " cc" not in text and " ml" not in text


def _more_handouts(lang: str) -> dict[str, bytes]:
    """The handouts the first two leave out: capsules in standard print, a liquid in large print,
    and a liquid plan split across two strengths (a NEW bottle from a step's first day)."""
    plan = plan_from_protocol("standard", START)
    one_ml = Quantity(1, "mg/mL")
    # Standard: 1.5 mg, 3 mg, then 4.5 mg from day 29; 1.5 mg capsules make each (1, 2, 3 a dose).
    capsules = handout_pdf(plan, INFO, PageSetup("a4"), capsules=measure_capsules(plan, [1.5]),
                           supply=dispense_capsules(plan, [1.5]), language=lang)  # fmt: skip
    large = handout_pdf(plan, INFO, PageSetup("a4", large_print=True), liquid=measure_liquid(plan, one_ml),
                        supply=dispense_liquid(plan, one_ml), language=lang)  # fmt: skip
    # 1 mg/mL to day 28, then 5 mg/mL from day 29: 4.5 mg ÷ 5 mg/mL = 0.9 mL.
    switch = (Quantity(5, "mg/mL"), 29)
    split = handout_pdf(plan, INFO, PageSetup("a4"), liquid=measure_liquid(plan, one_ml, switch=switch),
                        supply=dispense_liquid(plan, one_ml, switch=switch), language=lang)  # fmt: skip
    return {"capsules": capsules, "large print": large, "two strengths": split}


@pytest.fixture(scope="module")
def more_english() -> dict[str, str]:
    return {name: _text(pdf) for name, pdf in _more_handouts("en").items()}


@pytest.fixture(scope="module")
def more_spanish() -> dict[str, str]:
    language.missing.clear()
    texts = {name: _text(pdf) for name, pdf in _more_handouts("es").items()}
    assert sorted(language.missing) == []  # every sentence the handouts asked for was in the catalog
    return texts


@pytest.mark.parametrize("name", ["capsules", "large print", "two strengths"])
def test_every_kind_of_spanish_handout_has_none_of_the_english_sentences(
    name: str, more_english: dict[str, str], more_spanish: dict[str, str]
) -> None:
    english, spanish = more_english[name], more_spanish[name]
    sentences = _sentences(english)
    assert len(sentences) > 60
    assert sorted(s for s in sentences if s in spanish) == [], spanish
    assert dose_text_problems(spanish) == []
    assert not re.search(r"\d,\d", spanish)  # a decimal point on doses, never a decimal comma


def test_the_spanish_handouts_say_the_capsules_and_the_new_bottle(more_spanish: dict[str, str]) -> None:
    # 3 mg = 2 capsules of 1.5 mg; 4.5 mg = 3 of them.
    assert "Tome 2 cápsulas de 1.5 mg" in more_spanish["capsules"]
    assert "Tome 3 cápsulas de 1.5 mg" in more_spanish["capsules"]
    # From day 29 (29 March 2026) the 5 mg/mL bottle: 4.5 mg is 0.9 mL, drawn from the NEW bottle.
    split = more_spanish["two strengths"]
    assert "Cargue 0.9 mL del frasco NUEVO de 5 mg/mL" in split, split
    assert "Cargue 1.5 mL del frasco de 1 mg/mL" in split, split


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [("Tome 1.5 mL c/24h", "c/ for 'cada'"), ("1 mg c/n", "c/ for 'cada'"), ("3 mg s/n", "si necesita"),
     ("10 UI", "UI for units"), ("1.5 mg v.o.", "vía oral"), ("una cucharadita", "cucharada"),
     ("1 mg h.s.", "Latin abbreviation for bedtime"), ("Tome 1,5 mg", "decimal comma")],
)  # fmt: skip
def test_the_dose_writing_check_knows_spanish_error_prone_abbreviations(typed: str, meaning: str) -> None:
    assert any(meaning in problem.rule.meaning for problem in find_problems(typed))


def test_spanish_wording_reads_clean_to_the_check() -> None:
    for fine in (
        "Tome 1.5 mL cada 24 horas, al acostarse.",
        "No use nunca una cuchara de cocina.",
        "Días 1–14",
    ):
        assert find_problems(fine) == []


# --- The label and the front ends -----------------------------------------------------------------

PHARMACY = PharmacyInfo(patient="Ana Ruiz", rx="RX-7", pharmacy="Farmacia Sol", date=START,
                        prescriber="Dra. Soto", dispensed=dt.date(2026, 3, 2))  # fmt: skip


def test_the_spanish_label() -> None:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), START))
    # 1.5 mg at 1 mg/mL is 1.5 mL.
    lines = Desk().label_lines(recipe, PHARMACY, Directions(dose_mg=1.5), language="es")
    text = " | ".join(lines)
    for expected in (
        "RX-7 · elaborado el 1 de marzo de 2026 · dispensado el 2 de marzo de 2026",
        "Médico: Dra. Soto",
        "Naltrexona clorhidrato 1 mg/mL, suspensión oral",
        "Tome 1.5 mL (1.5 mg) por vía oral una vez al día, al acostarse. Mida con una jeringa oral.",
        "Cantidad: 100 mL",
        "No usar después del",
        "Conservar en nevera (2–8 °C)",
        "Mantener fuera del alcance de los niños",
    ):
        assert expected in text, expected
    pdf = _text(label_pdf(recipe, PHARMACY, "avery_l7165", directions=Directions(dose_mg=1.5), language="es"))
    assert "Tome 1.5 mL (1.5 mg) por vía oral" in pdf and dose_text_problems(pdf) == []
    # The compounding record's copy of the label stays in the pharmacy's language.
    assert "Quantity: 100 mL" in label_content(recipe, PHARMACY, Directions(dose_mg=1.5)).lines()


def test_the_same_spanish_request_through_the_facade_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = Desk()
    outcome = desk.plan(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0)))
    info = HandoutInfo(patient="Ana Ruiz", date=dt.date(2026, 2, 27))
    by_facade = _text(desk.handout_pdf(outcome, info, language="es"))
    out = tmp_path / "handout.pdf"
    payload = cli_json(["handout", "--json", "--protocol", "standard", "--start-date", "2026-03-01", "--date",
                        "2026-02-27", "--liquid", "1 mg/mL", "--patient", "Ana Ruiz", "--language", "es",
                        "-o", str(out)], capsys)  # fmt: skip
    assert payload["language"] == "es"
    assert _text(out.read_bytes()) == by_facade
    assert "Consulta de revisión 26 de abril de 2026" in by_facade
    label = tmp_path / "labels.pdf"
    payload = cli_json(["label", "liquid", "--json", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded",
                        "2026-03-01", "--patient", "Ana Ruiz", "--rx", "RX-7", "--pharmacy", "Farmacia Sol",
                        "--language", "es", "-o", str(label)], capsys)  # fmt: skip
    assert "Cantidad: 100 mL" in payload["lines"]
    said = refusal(["handout", "--protocol", "standard", "--patient", "Ana", "--language", "xx", "-o",
                    str(tmp_path / "x.pdf")], capsys)  # fmt: skip
    assert "--language" in said and "is not one of en, es" in said
    with pytest.raises(InputError):
        desk.handout_pdf(outcome, info, language="xx")


def test_a_plans_edits_are_said_in_the_patients_language() -> None:
    from ldn_desk.plans.edits import edit_in_words, halve, hold, step_back, with_target

    plan = plan_from_protocol("standard", START)  # 1.5 mg days 1–14, 3 mg days 15–28, 4.5 mg on
    plan = halve(step_back(hold(with_target(plan, 3.0), 1, 3), 20), 40)
    plan = with_time(plan, "morning")
    with language.speaking("es"):
        said = [edit_in_words(edit) for edit in plan.edits]
    assert said[0] == "Dosis objetivo cambiada de 4.5 mg a 3 mg."
    assert said[1] == "Se mantiene 1.5 mg durante 3 días más (paso que empieza el día 1)."
    assert said[2].startswith("Desde el día 20: se vuelve a 1.5 mg durante 14 días")
    assert said[3].startswith("Desde el día 40: se reduce a la mitad, 1.5 mg, durante 14 días")
    assert said[-1] == "Se toma por la mañana."
    assert [edit_in_words(edit) for edit in plan.edits] == list(plan.edits)  # English as it was noted
