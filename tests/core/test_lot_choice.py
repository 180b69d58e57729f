"""Which lots a record may be offered for each formula line, and the amount drawn on one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ldn_desk.desk.records import drawn_quantity, lot_material, usable_lots
from ldn_desk.errors import InputError
from ldn_desk.store.lots import Lot, LotStatus, Material

DAY = dt.date(2026, 12, 1)


def _lot(lot_id: int, lot: str, **changes: Any) -> Lot:
    values: dict[str, Any] = dict(
        id=lot_id, material=Material.TABLETS, name="Naltrexone HCl 50 mg tablets", maker="Accord", lot=lot,
        expiry=dt.date(2027, 3, 31), salt=None, assay_percent=None, water_percent=None,
        received_on=dt.date(2026, 11, 1), quantity_received=30, unit="tablets", on_hand=30,
        status=LotStatus.APPROVED,
    )  # fmt: skip
    values.update(changes)
    return Lot(**values)


def test_each_line_is_offered_only_approved_in_date_lots_of_its_kind_with_stock() -> None:
    lots = [
        _lot(1, "LATE", expiry=dt.date(2027, 6, 30)),
        _lot(2, "SOON", expiry=dt.date(2026, 12, 20)),
        _lot(3, "EXPIRED", expiry=dt.date(2026, 11, 30)),  # the day before compounding
        _lot(4, "NEW", status=LotStatus.RECEIVED),
        _lot(5, "HELD", status=LotStatus.QUARANTINED),
        _lot(6, "RECALLED", status=LotStatus.RECALLED),
        _lot(7, "EMPTY", on_hand=0),
        _lot(8, "P-1", material=Material.POWDER, name="Naltrexone HCl powder", unit="mg", on_hand=5000),
        _lot(9, "EXPIRES-TODAY", expiry=DAY),
    ]
    offered = [lot.lot for lot in usable_lots(lots, "Naltrexone HCl 50 mg tablets", DAY)]
    assert offered == ["EXPIRES-TODAY", "SOON", "LATE"]  # soonest expiry first, to be used up first
    assert [lot.lot for lot in usable_lots(lots, "Naltrexone HCl powder", DAY)] == ["P-1"]
    assert usable_lots(lots, "Capsule shells, size 1", DAY) == []
    assert (lot_material("Purified water"), lot_material("Microcrystalline cellulose")) == ("excipient",) * 2


@pytest.mark.parametrize(
    ("typed", "why"),
    [("31", "no more than the 30 tablets on hand"), ("2 mL", "in the lot's unit (tablets)"),
     ("", "must be a number"), (".5", "must be a number"), ("0", "more than 0")],
)  # fmt: skip
def test_a_drawn_amount_is_refused_with_the_field_and_an_example(typed: str, why: str) -> None:
    with pytest.raises(InputError) as refused:
        drawn_quantity(typed, _lot(1, "NX-1"))
    assert why in str(refused.value) and "amount from lot NX-1" in str(refused.value)


def test_a_drawn_amount_in_the_lots_unit() -> None:
    assert drawn_quantity("2 tablets", _lot(1, "NX-1")) == 2
    assert drawn_quantity("1 tablet", _lot(1, "NX-1")) == 1
    assert drawn_quantity("2", _lot(1, "NX-1")) == 2
