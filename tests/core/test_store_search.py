"""Finding records: a lot recall finds every record that used the lot; patient and date filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from store_samples import PATIENT, PATIENT_REF, capsules, liquid, tablets, water

from ldn_desk.errors import InputError
from ldn_desk.store import Ingredient, Store


@pytest.fixture
def store(store_engine: str) -> Iterator[Store]:
    with Store.open(store_engine) as opened:
        yield opened


def test_a_recall_finds_every_record_that_used_the_lot(store: Store) -> None:
    recalled = "NX-2291"
    used = [
        store.save_record(liquid()),  # tablets from the lot
        store.save_record(liquid(compounded_on=dt.date(2027, 1, 5), bud=dt.date(2027, 1, 18))),
        store.save_record(
            capsules(ingredients=(Ingredient("Naltrexone HCl", "Accord", "nx-2291", "2027-03", "1 g"),))
        ),
        store.save_record(
            liquid(ingredients=(water(), Ingredient("Glycerol", "X", " NX-2291 ", "2028-01", "20 mL")))
        ),
    ]
    store.save_record(liquid(ingredients=(tablets("NX-2290"), water())))  # a neighbouring lot
    store.save_record(liquid(ingredients=(tablets("NX-22911"), water())))  # a longer lot number
    signed = store.sign_off(used[0], "B. Checker")
    # A correction that changes the lot: the old version still used it, so a recall still shows it.
    corrected = store.amend(signed.id, {"ingredients": (tablets("NX-3000"), water())}, reason="lot misread")
    found = store.search(lot=recalled)
    assert sorted(summary.id for summary in found) == sorted(used)
    assert {summary.id: summary.superseded_by for summary in found}[signed.id] == corrected
    # Case and spacing never hide a record: a lot typed in small letters, or with a stray space.
    assert {summary.id for summary in store.search(lot="nx-2291 ")} == set(used)
    assert store.search(lot="NX-229") == []  # part of a lot number is another lot
    assert {s.id for s in store.search(lot=recalled, current_only=True)} == set(used[1:])


def test_the_summary_lists_lots_in_ingredient_order(store: Store) -> None:
    record_id = store.save_record(liquid(ingredients=(tablets("T-1"), Ingredient("Water"), water("W-2"))))
    (summary,) = store.search(lot="W-2")
    assert summary.id == record_id and summary.lots == ("T-1", "W-2")


def test_patient_search_matches_part_of_the_name_or_identifier_in_any_case(store: Store) -> None:
    mine = store.save_record(liquid())
    other = store.save_record(capsules())
    assert [s.id for s in store.search(patient=PATIENT.split()[1].lower())] == [mine]
    assert [s.id for s in store.search(patient=PATIENT_REF)] == [mine]
    assert [s.id for s in store.search(patient="  ZYXWA   qorvanth ")] == [mine]
    assert {s.id for s in store.search(patient="")} == {mine, other}  # an empty box filters nothing
    assert store.search(patient="Nobody Here") == []


def test_date_range_is_inclusive_and_newest_first(store: Store) -> None:
    ids = {}
    for day in (1, 2, 3, 4):
        made = dt.date(2026, 12, day)
        ids[day] = store.save_record(liquid(compounded_on=made, bud=made + dt.timedelta(days=13)))
    found = store.search(date_from=dt.date(2026, 12, 2), date_to=dt.date(2026, 12, 3))
    assert [s.id for s in found] == [ids[3], ids[2]]
    assert [s.id for s in store.search(date_from=dt.date(2026, 12, 4))] == [ids[4]]
    assert [s.id for s in store.search(date_to=dt.date(2026, 12, 1))] == [ids[1]]
    assert [s.id for s in store.search(limit=2)] == [ids[4], ids[3]]
    assert [s.id for s in store.search(limit=2, offset=2)] == [ids[2], ids[1]]  # the next page
    assert [s.id for s in store.search(offset=3)] == [ids[1]]
    with pytest.raises(InputError, match="offset"):
        store.search(offset=-1)
    with pytest.raises(InputError, match="before the from date"):
        store.search(date_from=dt.date(2026, 12, 3), date_to=dt.date(2026, 12, 2))
    with pytest.raises(InputError, match="calendar date"):
        store.search(date_from="2026-12-01")  # type: ignore[arg-type]


def test_filters_combine(store: Store) -> None:
    draft = store.save_record(liquid())
    signed = store.sign_off(store.save_record(liquid(rx_number="RX-9")), "B. Checker").id
    store.save_record(capsules())
    assert [s.id for s in store.search(status="signed")] == [signed]
    assert [s.id for s in store.search(status="draft", patient=PATIENT)] == [draft]
    assert [s.id for s in store.search(rx_number="RX-9", lot="NX-2291")] == [signed]
    with pytest.raises(InputError, match="status"):
        store.search(status="final")
    with pytest.raises(InputError, match="lot"):
        store.search(lot="  ")
