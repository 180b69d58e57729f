"""Saved plans: per patient, every edit kept as a version, reopened as saved."""

from __future__ import annotations

from pathlib import Path

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


def test_plans_are_found_by_any_part_of_a_name_or_identifier(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        mira = store.save_plan("Mira Ostrowska", STANDARD, patient_ref="1980-02-29")
        jan = store.save_plan("Jan Nowak", STANDARD, patient_ref="MRN 55102")
        mira_2 = store.save_plan("Mira Ostrowska", HELD, change="hold", plan_id=mira.plan_id)
        assert [p.plan_id for p in store.find_plans("ostrow")] == [mira.plan_id]
        assert store.find_plans("ostrow")[0].version == mira_2.version == 2  # the latest version
        assert [p.plan_id for p in store.find_plans("  MIRA   1980 ")] == [mira.plan_id]
        assert [p.plan_id for p in store.find_plans("55102")] == [jan.plan_id]
        assert store.find_plans("mira 55102") == []  # every word, of one patient
        # Empty: every plan, newest first.
        assert [p.plan_id for p in store.find_plans("")] == [jan.plan_id, mira.plan_id]
        with pytest.raises(InputError, match="search"):
            store.find_plans("mi\nra")  # a pasted line break is refused, not searched for


def test_a_corrected_name_is_a_new_version_and_the_old_name_stays_in_the_history(tmp_path: Path) -> None:
    import sqlite3

    from ldn_desk.store import LogCheckError

    path = tmp_path / "log.sqlite3"
    with Store.open(path) as store:
        first = store.save_plan("Mira Ostrowsak", STANDARD, patient_ref="1980-02-29")
        renamed = store.rename_plan_patient(first.plan_id, "Mira Ostrowska")
        assert (renamed.plan_id, renamed.version, renamed.patient) == (first.plan_id, 2, "Mira Ostrowska")
        assert renamed.change == "patient's name corrected from Mira Ostrowsak to Mira Ostrowska"
        assert renamed.plan == first.plan  # the plan itself is as it was
        history = store.plan_history(first.plan_id)
        assert [(v.version, v.patient) for v in history] == [(1, "Mira Ostrowsak"), (2, "Mira Ostrowska")]
        # Found by the new name, by part of it, not by the old one; edits go on under the new name.
        assert [p.plan_id for p in store.plans_for("mira ostrowska")] == [first.plan_id]
        assert store.plans_for("Mira Ostrowsak") == []
        assert store.find_plans("ostrowsak") == []
        held = store.save_plan("Mira Ostrowska", HELD, change="hold", plan_id=first.plan_id)
        assert (held.version, held.patient) == (3, "Mira Ostrowska")
        with pytest.raises(InputError, match="already has"):
            store.rename_plan_patient(first.plan_id, "Mira Ostrowska")
        store.check()  # the chain covers every version, names and all
    # The corrected name cannot be changed back from outside without the check seeing it.
    conn = sqlite3.connect(path, isolation_level=None)
    [trigger] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'plan_version_is_final'").fetchone()
    conn.execute("DROP TRIGGER plan_version_is_final")
    conn.execute(
        "UPDATE plan_version SET patient = 'Someone Else' WHERE plan_id = ? AND version = 2", (first.plan_id,)
    )
    conn.execute(trigger)  # put back as it was: only the chain can tell
    conn.close()
    with Store.open(path) as store, pytest.raises(LogCheckError) as caught:
        store.check()
    assert "trigger" not in str(caught.value)
