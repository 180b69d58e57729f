"""Saved plans: per patient, every edit kept as a version, reopened as saved."""

from __future__ import annotations

import pytest

from ldn_desk.errors import InputError
from ldn_desk.store import RecordError, Store

# The "standard" protocol (Dieckmann / Tufts): 1.5 mg on days 1–14, 3 mg on days 15–28, 4.5 mg from day 29.
STANDARD = {"protocol": "standard", "start": "2026-12-01", "steps": [{"dose": "1.5 mg", "days": 14},
            {"dose": "3 mg", "days": 14}, {"dose": "4.5 mg", "days": None}]}  # fmt: skip
# The same plan after "hold": the 3 mg step held 7 more days (21 days in all).
HELD = {**STANDARD, "steps": [{"dose": "1.5 mg", "days": 14}, {"dose": "3 mg", "days": 21},
        {"dose": "4.5 mg", "days": None}]}  # fmt: skip


def test_a_plan_keeps_every_edit_and_reopens_as_saved(store_engine: str) -> None:
    with Store.open(store_engine) as store:
        first = store.save_plan("Mira Ostrowska", STANDARD, patient_ref="1980-02-29")
        assert (first.version, first.change, first.latest) == (1, "created", True)
        with pytest.raises(RecordError, match="another patient"):
            store.save_plan("Jan Nowak", HELD, change="hold", plan_id=first.plan_id)
        held = store.save_plan(
            "mira ostrowska", HELD, change="hold 3 mg for 7 more days", plan_id=first.plan_id
        )
        assert (held.plan_id, held.version, held.patient) == (first.plan_id, 2, "Mira Ostrowska")
    with Store.open(store_engine) as store:
        (latest,) = store.plans_for("mira  OSTROWSKA")
        assert latest.plan == HELD and latest.version == 2
        history = store.plan_history(first.plan_id)
        assert [(v.version, v.plan, v.latest) for v in history] == [(1, STANDARD, False), (2, HELD, True)]
        assert store.plan(first.plan_id, 1).plan == STANDARD


def test_plans_are_kept_apart_by_patient_and_identifier(store_engine: str) -> None:
    with Store.open(store_engine) as store:
        a = store.save_plan("Jan Nowak", STANDARD, patient_ref="1950-01-01")
        b = store.save_plan("Jan Nowak", HELD, patient_ref="1990-05-05")
        store.save_plan("Jan Nowakowski", STANDARD)
        assert [p.plan_id for p in store.plans_for("Jan Nowak")] == [b.plan_id, a.plan_id]
        assert [p.plan_id for p in store.plans_for("Jan Nowak", "1950-01-01")] == [a.plan_id]
        assert store.plans_for("Jan") == []  # part of a name is someone else


def test_bad_plans_are_refused(store_engine: str) -> None:
    with Store.open(store_engine) as store:
        with pytest.raises(InputError, match="patient"):
            store.save_plan(" ", STANDARD)
        with pytest.raises(InputError, match="plan"):
            store.save_plan("Jan Nowak", [1, 2])  # type: ignore[arg-type]
        with pytest.raises(RecordError, match="no saved plan 42"):
            store.save_plan("Jan Nowak", STANDARD, plan_id=42)
        with pytest.raises(RecordError, match="no saved plan 1 version 9"):
            store.plan(store.save_plan("Jan Nowak", STANDARD).plan_id, 9)
