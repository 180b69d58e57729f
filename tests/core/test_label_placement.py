"""Where labels go on a part-used sheet: the facade's placement is what label_pdf prints."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ldn_desk.desk import Desk, DeskSettings
from ldn_desk.errors import InputError


def test_labels_start_after_the_used_positions_and_go_on_to_a_new_sheet() -> None:
    desk = Desk(DeskSettings(label_layout="avery_l7163"))  # 2 columns × 7 rows = 14 a sheet
    placement = desk.label_placement(copies=3, skip=12)
    # Positions 13 and 14 (0-based 12, 13) are the last two of sheet 1; the third starts sheet 2.
    assert placement.spots == ((0, 12), (0, 13), (1, 0))
    assert placement.sheets == 2
    assert placement.on_sheet(0) == frozenset({12, 13})
    assert placement.text.startswith("3 labels on Avery L7163")
    assert placement.text.endswith(
        "positions 13 to 14 of the first sheet (12 already used), then 1 more sheet."
    )
    one = desk.label_placement()
    assert one.spots == ((0, 0),) and one.text.endswith("position 1 of the first sheet.")


@pytest.mark.parametrize(
    ("copies", "skip", "field"), [(0, 0, "copies"), (501, 0, "copies"), (1, 14, "skip"), (1, -1, "skip")]
)
def test_impossible_placements_are_refused_by_name(copies: int, skip: int, field: str) -> None:
    desk = Desk(DeskSettings(label_layout="avery_l7163"))
    with pytest.raises(InputError) as refused:
        desk.label_placement(copies=copies, skip=skip)
    assert refused.value.field == field


def test_the_pdf_has_as_many_sheets_as_the_placement_says() -> None:
    import datetime as dt

    from ldn_desk.desk import PharmacyInfo
    from ldn_desk.recipes.legacy import input_from_options

    desk = Desk(DeskSettings(label_layout="avery_l7163"))
    inp = input_from_options(
        "liquid", {"strength": "1 mg/mL", "volume": "100 mL", "compounded": "2026-03-01"}
    )
    recipe = desk.liquid_recipe(inp)  # type: ignore[arg-type]
    info = PharmacyInfo(patient="Ann Lee", rx="RX-7", pharmacy="Riverside Pharmacy", date=dt.date(2026, 3, 1))
    pdf = desk.label_pdf(recipe, info, copies=3, skip=12)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == desk.label_placement(copies=3, skip=12).sheets == 2
