"""Reference data: every resources/*.toml read once into frozen, checked tables; a damaged file
is refused with its name and the key to correct; the package needs no pint, ReportLab or Qt."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.recipes.capsules.recipe import CapsuleInput
from ldn_desk.recipes.liquid.recipe import LiquidInput
from ldn_desk.reference import files
from ldn_desk.reference.bud import bud_table
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.catalog import TABLES, data_sources, load_all
from ldn_desk.reference.documents import handout_wording, record_wording
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.reference.formulas import formula_table
from ldn_desk.reference.labels import labels_table
from ldn_desk.reference.protocols import protocol_table
from ldn_desk.reference.syringes import syringe_table
from ldn_desk.reference.table import ReferenceDataError
from ldn_desk.units.quantity import Quantity

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DAY = dt.date(2026, 12, 1)


# --- every table loads -----------------------------------------------------------------------
def test_every_data_file_has_a_reader_and_every_table_loads() -> None:
    assert set(TABLES) == {path.stem for path in RESOURCES.glob("*.toml")}
    for name, table in load_all().items():
        assert dataclasses.is_dataclass(table), name
        assert TABLES[name](None) is table, f"{name} is read once"


def test_tables_hold_the_published_figures() -> None:
    # DOMAIN.md §1: base = salt × 0.9035, salt = base × 1.1068; about 100 mg/mL; 50 mg tablets;
    # USP 98.0-102.0 %.
    drug = drug_table()
    assert (drug.naltrexone.base_per_hcl, drug.naltrexone.hcl_per_base) == (0.9035, 1.1068)
    assert drug.naltrexone.salt_factor("HCl") == 1.0
    assert drug.naltrexone.salt_factor("base") == 0.9035
    assert drug.naltrexone.water_solubility_mg_per_ml == 100
    assert drug.tablet.strength_mg == 50
    assert (drug.powder.assay_low_percent, drug.powder.assay_high_percent) == (98.0, 102.0)
    # DOMAIN.md §5: sizes 000 to 5, largest first; size 3 holds 0.30 mL and 293 mg of lactose.
    capsules = capsule_table()
    assert capsules.size_names() == ("000", "00", "0", "1", "2", "3", "4", "5")
    assert (capsules.size("3").volume_ml, capsules.size("3").lactose_fill_mg) == (0.30, 293)
    # DOMAIN.md §4, Fawcett 1997 per 100 mL: ascorbic acid 0.5 g = 500 mg, sodium benzoate
    # 0.1 g = 100 mg, glycerol 20 mL; stable 60 days.
    fawcett = formula_table().formula("fawcett_1997")
    amounts = [(i.name, i.amount_mg, i.amount_ml) for i in fawcett.ingredients_per_100_ml]
    assert amounts == [("Ascorbic acid", 500, None), ("Sodium benzoate", 100, None), ("Glycerol", None, 20)]
    assert fawcett.study is not None and fawcett.study.days == 60
    assert formula_table().formula("water").ingredients_per_100_ml == ()
    # DOMAIN.md §6: 14, 35, 90 and 180 days.
    assert [c.days for c in bud_table().categories.values()] == [14, 35, 90, 180]
    # DOMAIN.md §2: standard is 1.5 mg, +1.5 mg every 14 days to 4.5 mg; MS (Norway) 1.5, 3, 4.5 mg.
    protocols = protocol_table().protocols
    assert protocols["standard"].step_rule() == (1.5, 1.5, 4.5)
    assert protocols["standard"].interval_days == 14
    assert protocols["ms_norway"].ladder() == (1.5, 3, 4.5)
    # DOMAIN.md §7: 1 mL by 0.01 mL, 3 mL by 0.1 mL, 5 mL by 0.1 and 0.2 mL, 10 mL by 0.2 mL.
    pairs = [(s.capacity_ml, s.graduation_ml) for s in syringe_table().syringe]
    assert pairs == [(1, 0.01), (3, 0.1), (5, 0.1), (5, 0.2), (10, 0.2)]


def test_tables_cannot_be_changed_by_their_readers() -> None:
    table = capsule_table()
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.size("3").volume_ml = 0.5  # type: ignore[misc]
    with pytest.raises(TypeError):
        table.sizes["9"] = table.size("3")  # type: ignore[index]
    assert isinstance(syringe_table().syringe, tuple)


def _raw_sources(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source" and isinstance(item, str):
                yield item
            else:
                yield from _raw_sources(item)
    elif isinstance(value, list):
        for item in value:
            yield from _raw_sources(item)


def test_every_source_in_the_files_is_kept_in_the_tables_in_file_order() -> None:
    expected: list[tuple[str, str]] = []
    for path in sorted(RESOURCES.glob("*.toml")):
        for text in _raw_sources(tomllib.loads(path.read_text(encoding="utf-8"))):
            if text not in {seen for _, seen in expected}:
                expected.append((path.stem, text))
    assert data_sources() == expected
    assert len(expected) > 40


# --- one table of certificate limits ---------------------------------------------------------
def _keys(value: object, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}" if path else key
            yield from _keys(item, f"{path}.{key}" if path else key)


def test_the_powder_certificate_limits_are_one_table_used_by_both_recipes() -> None:
    found = [
        f"{path.stem}:{key}"
        for path in sorted(RESOURCES.glob("*.toml"))
        for key in _keys(tomllib.loads(path.read_text(encoding="utf-8")))
        if "potency" in key or key.endswith("water_max_percent") or key.endswith("water_percent_max")
    ]
    assert found == [
        "drug:powder_limits.potency_min_percent",
        "drug:powder_limits.potency_max_percent",
        "drug:powder_limits.water_max_percent",
    ]
    limits = drug_table().powder_limits
    top, water = limits.potency_max_percent, limits.water_max_percent

    def liquid(potency: float, water_percent: float = 0.0) -> LiquidInput:
        return LiquidInput(
            Quantity(1, "mg/mL"), Quantity(100, "mL"), DAY, source="powder",
            potency_percent=potency, water_percent=water_percent,
        )  # fmt: skip

    def capsules(potency: float, water_percent: float = 0.0) -> CapsuleInput:
        return CapsuleInput(
            Quantity(1.5, "mg"), 30, DAY, potency_percent=potency, water_percent=water_percent
        )

    for make in (liquid, capsules):
        make(top)  # the limit itself is accepted
        with pytest.raises(InputError, match="potency_percent"):
            make(top + 0.5)
        with pytest.raises(InputError, match="potency_percent"):
            make(limits.potency_min_percent - 0.5)
        make(100, water - 0.5)
        with pytest.raises(InputError, match="water_percent"):
            make(100, water)  # the water must be under the limit


# --- lookups of the choices the data enumerates ----------------------------------------------
@pytest.mark.parametrize(
    ("look_up", "message"),
    [
        (lambda: capsule_table().size("7"), 'size: "7" — is not one of 000, 00, 0, 1, 2, 3, 4, 5, e.g. 3'),
        (
            lambda: excipient_table().filler("starch"),
            'excipient: "starch" — is not one of lactose, mcc, e.g. mcc',
        ),
        (
            lambda: formula_table().formula("syrup"),
            'formula: "syrup" — is not one of water, fawcett_1997, e.g. water',
        ),
        (
            lambda: bud_table().category("frozen"),
            'BUD category: "frozen" — is not one of aqueous_unpreserved, aqueous_preserved, '
            "nonaqueous_liquid, solid, e.g. solid",
        ),
        (
            lambda: labels_table().layout("avery_9999", "avery_l7163"),
            'layout: "avery_9999" — is not one of avery_l7163, avery_l7165, letter_5163, letter_5164, '
            "single_4x2in, single_100x50mm, e.g. avery_l7163",
        ),
        (
            lambda: drug_table().naltrexone.salt_factor("sulfate", "powder_salt"),
            'powder_salt: "sulfate" — must be HCl or base, e.g. HCl',
        ),
        (
            lambda: handout_wording().taking.at("noon"),
            'time of day: "noon" — must be bedtime or morning, e.g. bedtime',
        ),
        (
            lambda: record_wording().qc.for_form("cream"),
            'form: "cream" — must be liquid or capsules, e.g. liquid',
        ),
        # a number is not the size named by that text
        (lambda: capsule_table().size(3), 'size: "3" — is not one of 000, 00, 0, 1, 2, 3, 4, 5, e.g. 3'),  # type: ignore[arg-type]
    ],
)
def test_an_unknown_choice_is_refused_with_the_choices_there_are(look_up: object, message: str) -> None:
    with pytest.raises(InputError) as refused:
        look_up()  # type: ignore[operator]
    assert str(refused.value) == message


# --- a damaged table is refused with its file and key ----------------------------------------
@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the data files to damage."""
    for path in RESOURCES.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


DAMAGE = [
    # (file, text, replaced by, key named, problem said)
    ("capsules", "volume_ml = 0.30", "volume_ml = -0.30", "sizes.3.volume_ml = -0.3", "more than zero"),
    ("capsules", "lactose_fill_mg = 293\n", "", "sizes.3.lactose_fill_mg", "is missing"),
    ("capsules", "min_extra_capsules = 1\n", "min_extra_capsules = 1\ncolour = \"red\"\n",
     'making.colour = "red"', "is not a key LDN Desk reads here"),
    ("capsules", "qc_average_percent = 3 ", "qc_average_percent = 30 ", "making.qc_average_percent = 30",
     "wider than each capsule's"),
    ("drug", "base_per_hcl = 0.9035", "base_per_hcl = 0.935", "naltrexone.base_per_hcl = 0.935", "molar mass"),
    ("drug", "water_solubility_mg_per_ml = 100", 'water_solubility_mg_per_ml = "100"',
     'naltrexone.water_solubility_mg_per_ml = "100"', "must be a number"),
    ("drug", "potency_min_percent = 90", "potency_min_percent = 99", "powder_limits", "whole USP range"),
    ("drug", 'salt = "HCl"', 'salt = "sulphate"', 'tablet.salt = "sulphate"', "must be one of HCl, base"),
    ("syringes", "graduation_ml = 0.01", "graduation_ml = 0.03", "syringe[1].graduation_ml = 0.03", "whole marks"),
    ("protocols", "doses_mg = [1.5, 3, 4.5]", "doses_mg = [1.5, 4.5, 3]", "protocols.ms_norway.doses_mg",
     "higher than the one before"),
    ("protocols", 'kind = "steps"\nstart_mg = 1.5', 'kind = "step"\nstart_mg = 1.5', 'protocols.standard.kind = "step"',
     "one of steps, ladder"),
    ("protocols", 'review = "trial"', 'review = "trail"', 'protocols.standard.review = "trail"',
     "not one of review_rules (trial)"),
    ("protocols", "step_mg = 1.5\n", "", "protocols.standard.step_mg", 'is needed with kind = "steps"'),
    ("protocols", 'time_of_day = "bedtime"', 'time_of_day = "noon"', 'protocols.standard.time_of_day = "noon"',
     "one of bedtime, morning"),
    ("protocols", "preferred_liquid_mg_per_ml = 1", "preferred_liquid_mg_per_ml = 2",
     "advisor.preferred_liquid_mg_per_ml = 2", "one of liquid_strengths_mg_per_ml"),
    ("formulas", 'bud_category = "aqueous_preserved"', 'bud_category = "aqueous_presrved"',
     'fawcett_1997.bud_category = "aqueous_presrved"', "not a category of bud.toml"),
    ("formulas", "amount_ml = 20", 'amount = "20 mL"', 'fawcett_1997.ingredients_per_100_ml[3].amount = "20 mL"',
     "is not a key"),
    ("labels", "rows = 7\n", "rows = 8\n", "layouts.avery_l7163", "reach 319.95 mm but the page is 297 mm high"),
    ("labels", 'page = "a4"\n', 'page = "a4"\npage_mm = [210, 297]\n', "layouts.avery_l7163",
     "needs page or page_mm, not both"),
    ("labels", 'instead = "avery_l7163"', 'instead = "avery_l7161"', "retired_layouts.avery_l7160.instead",
     "must name an offered layout"),
    ("labels", "{count}", "{capsules}", "text.directions.capsules_dose", "has {capsules}"),
    ("handout", "{prescriber}", "{prescribr}", "calculation_aid", "has {prescribr}"),
    ("handout", "{restart_days}", "{restart_day}", "missed_dose.lines[3]", "has {restart_day}"),
    ("handout", "min_digits = 6", "min_digits = 0", "contact.min_digits = 0", "more than zero"),
    ("handout", '"Name: {patient}"', '"Name: {name}"', "wallet_card.back[1]", "has {name}"),
    ("labels", '"BZ", ', '"Belize", ', "paper.letter_territories", "two-letter territory codes"),
    ("handout", "{stop_days}", "{stop_day}", "opioid_warning.lines[4]", "has {stop_day}, which the program does not fill in"),
    ("handout", "{volume}", "{volume", "liquid.steps[3]", "stray brace"),
    ("record", "{each_low}", "{each_lo}", "qc.capsules.checks[1][2]", "(here it fills in only {each_low}"),
    ("record", 'title = "Compounding record"', 'title = "  "', 'title = "  "', "not empty"),
    ("bud", "days = 14", "days = 0", "aqueous_unpreserved.days = 0", "at least 1"),
    ("bud", "expiry_source =", "expiry_sources =", "expiry_source", "is missing"),
    ("dose_limits", "usual_max = 4.5", "usual_max = 7", "daily_dose_mg", "must rise"),
    ("excipients", "bulk_density_g_per_ml = 0.3", "bulk_density_g_per_ml = 0.5",
     "mcc.density_range_g_per_ml = [0.28, 0.45]", "around the bulk density"),
    ("liquid", "[50, 20, 10,", "[20, 50, 10,", "powder_stock.strengths_mg_per_ml", "strongest first"),
    ("liquid", "min_aliquot_ml = 1", "min_aliquot_ml = true", "measuring.min_aliquot_ml = true", "must be a number"),
    ("balance", "minimum_weighable_mg = 120", "minimum_weighable_mg = 3", "class_a.minimum_weighable_mg = 3",
     "more than the sensitivity"),
]  # fmt: skip


def _damage(copy: Path, name: str, text: str, damaged: str) -> Path:
    """The copied resources/NAME.toml with its first `text` changed to `damaged`; its path."""
    path = copy / f"{name}.toml"
    original = path.read_text(encoding="utf-8")
    assert text in original
    path.write_text(original.replace(text, damaged, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "text", "damaged", "key", "problem"), DAMAGE)
def test_a_damaged_table_is_refused_with_its_file_and_key(
    copy: Path, name: str, text: str, damaged: str, key: str, problem: str
) -> None:
    path = _damage(copy, name, text, damaged)
    with pytest.raises(ReferenceDataError) as refused:
        TABLES[name](copy)
    message = str(refused.value)
    assert message.startswith(f"{path}: "), message
    assert key in message and problem in message, message
    assert isinstance(refused.value, LdnDeskError)


def test_the_refusal_reads_file_key_value_and_problem(copy: Path) -> None:
    path = copy / "capsules.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("volume_ml = 0.30", "volume_ml = 0"), encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError) as refused:
        capsule_table(copy)
    assert str(refused.value) == f"{path}: sizes.3.volume_ml = 0.0 — must be more than zero"
    assert (refused.value.file, refused.value.key) == (str(path), "sizes.3.volume_ml")


def test_an_undamaged_copy_loads_and_is_read_once(copy: Path) -> None:
    tables = load_all(copy)
    assert tables == load_all()
    (copy / "capsules.toml").unlink()
    assert capsule_table(copy) is tables["capsules"]  # read once: not read again


def test_a_missing_or_unreadable_table_is_refused(copy: Path) -> None:
    (copy / "syringes.toml").unlink()
    with pytest.raises(ReferenceDataError, match=r"syringes\.toml — the file is missing"):
        syringe_table(copy)
    path = copy / "formulas.toml"
    # two `days` in one table: TOML refuses it, and says on which line
    path.write_text(
        path.read_text(encoding="utf-8").replace("tablet_mg = 50 ", "tablet_mg = 50\ndays = 60 "),
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match=r"formulas\.toml — is not valid TOML \(.*line 26"):
        formula_table(copy)


# --- the package stands alone ----------------------------------------------------------------
_IMPORT_ALONE = """
import importlib, pkgutil, sys
import ldn_desk.reference as reference
names = [m.name for m in pkgutil.walk_packages(reference.__path__, "ldn_desk.reference.")]
for name in names:
    importlib.import_module(name)
from ldn_desk.reference.catalog import load_all
load_all()
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pint", "reportlab", "PySide6", "shiboken6"})
print(f"{len(names)}|{','.join(heavy)}")
"""


def test_the_reference_package_imports_no_pint_reportlab_or_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALONE], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    import ldn_desk.reference as reference

    modules = list(pkgutil.walk_packages(reference.__path__, "ldn_desk.reference."))
    assert result.stdout.strip() == f"{len(modules)}|"  # every module imported; none of the three
    assert len(modules) >= 14


def _reads_toml(path: Path) -> list[str]:
    """Where a module imports tomllib or names load_table."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] == "tomllib"]
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] == "tomllib":
                found.append(f"from {node.module}")
            found += [f"import {a.name}" for a in node.names if a.name == "load_table"]
        elif isinstance(node, ast.Name) and node.id == "load_table":
            found.append("load_table")
        elif isinstance(node, ast.Attribute) and node.attr == "load_table":
            found.append(".load_table")
    return [f"{path.relative_to(ROOT)}:{what}" for what in found]


def test_no_module_outside_the_reference_package_reads_toml() -> None:
    reference = ROOT / "ldn_desk" / "reference"
    modules = sorted([*(ROOT / "ldn_desk").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
    outside = [path for path in modules if not path.is_relative_to(reference)]
    assert len(outside) > 50
    assert [hit for path in outside for hit in _reads_toml(path)] == []
    # the scan does see a reader where there is one
    assert _reads_toml(reference / "table.py") == ["ldn_desk/reference/table.py:import tomllib"]
    assert not hasattr(files, "load_table")


# --- the dose path reads its three tables alone, with the same classes and checks -------------
# (reader of the one table, reader of the whole file, the attribute of the whole file's table)
PARTS = [
    ("advisor_table", "protocols", "advisor"),
    ("liquid_limits", "liquid", "limits"),
    ("naltrexone_table", "drug", "naltrexone"),
]
PART_DAMAGE = [
    # (file, text, replaced by, key named, problem said): each damages a table the dose path reads.
    ("protocols", "preferred_liquid_mg_per_ml = 1", "preferred_liquid_mg_per_ml = 2",
     "advisor.preferred_liquid_mg_per_ml = 2", "one of liquid_strengths_mg_per_ml"),
    ("liquid", "min_mg_per_ml = 0.01 ", "min_mg_per_ml = 0.1 ", "limits", "min_mg_per_ml <= unusual_below_mg_per_ml"),
    ("drug", "water_solubility_mg_per_ml = 100", 'water_solubility_mg_per_ml = "100"',
     'naltrexone.water_solubility_mg_per_ml = "100"', "must be a number"),
]  # fmt: skip


def _part_reader(name: str) -> object:
    import importlib

    module = {"advisor_table": "advisor", "liquid_limits": "liquid_limits", "naltrexone_table": "naltrexone"}[
        name
    ]
    return getattr(importlib.import_module(f"ldn_desk.reference.{module}"), name)


@pytest.mark.parametrize(("reader", "file", "attribute"), PARTS)
def test_a_table_read_alone_equals_the_same_table_of_the_whole_file(
    reader: str, file: str, attribute: str
) -> None:
    read_alone = _part_reader(reader)()  # type: ignore[operator]
    assert read_alone == getattr(TABLES[file](), attribute)


@pytest.mark.parametrize(("name", "text", "damaged", "key", "problem"), PART_DAMAGE)
def test_a_table_read_alone_is_refused_as_the_whole_file_is(
    copy: Path, name: str, text: str, damaged: str, key: str, problem: str
) -> None:
    path = _damage(copy, name, text, damaged)
    (reader,) = (reader for reader, file, _ in PARTS if file == name)
    with pytest.raises(ReferenceDataError) as alone:
        _part_reader(reader)(copy)  # type: ignore[operator]
    with pytest.raises(ReferenceDataError) as whole:
        TABLES[name](copy)
    assert str(alone.value) == str(whole.value)
    assert (
        str(alone.value).startswith(f"{path}: ") and key in str(alone.value) and problem in str(alone.value)
    )


def test_a_missing_table_read_alone_is_refused_with_its_file_and_key(copy: Path) -> None:
    path = copy / "liquid.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[limits]", "[limit]", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as refused:
        _part_reader("liquid_limits")(copy)  # type: ignore[operator]
    assert str(refused.value) == f"{path}: limits — is missing"


def test_the_dose_path_builds_only_the_tables_it_reads() -> None:
    # A dose needs the syringes, the advisor's marks and strengths, the lowest liquid strength,
    # the solubility and the dose limits; the protocols, the liquid layout and the drug's other
    # tables are not built. Checked in a fresh interpreter.
    whole = ("ldn_desk.reference.protocols", "ldn_desk.reference.liquid", "ldn_desk.reference.drug")
    probe = (
        "import sys\nfrom ldn_desk.desk import Desk, DoseRequest\n"
        "result = Desk().dose_volume(DoseRequest(1.5, 1.0, None))\n"
        f"print(result.volume_ml, sorted(m for m in {whole!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    # 1.5 mg / 1 mg/mL = 1.5 mL
    assert result.stdout.strip() == "1.5 []"
