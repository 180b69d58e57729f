"""A user disabled between the password check and the save saves nothing.

Each store operation checks the password in one transaction (a wrong one must count towards the
lock-out even though the work is refused) and does the work in a second. Here another workstation
disables the user in between — the test runs that disable at the moment the first transaction
returns, on SQLite and on PostgreSQL — and the work must be refused with nothing saved: no record,
no lot, no plan version, no approval, and `log check` still clean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from team_samples import ADMIN, MFR, PHARMACIST, PRESCRIBER, TECHNICIAN, tablet_lot, team_record, team_store

from ldn_desk.desk import Decision, Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.store import Store
from ldn_desk.store.errors import SignInError
from ldn_desk.store.users import Credentials

DESK = Desk()
START = dt.date(2026, 12, 1)


@pytest.fixture
def store(store_engine: str) -> Store:
    return team_store(store_engine)


def _other_workstation(store: Store) -> Store:
    return Store.open(store._shared or store._path)  # type: ignore[attr-defined]


def _disabled_once_signed_in(store: Store, who: Credentials, monkeypatch: pytest.MonkeyPatch) -> None:
    """After `who`'s password is checked, an administrator elsewhere disables them."""
    sign_in = store.sign_in

    def then_disabled(credentials: Credentials) -> object:
        user = sign_in(credentials)
        if credentials.name == who.name:
            other = _other_workstation(store)
            other.set_user_active(who.name, False, "left the pharmacy", by=ADMIN)
            other.close()
        return user

    monkeypatch.setattr(store, "sign_in", then_disabled)


def _counts(store: Store) -> tuple[int, ...]:
    tables = ("record", "lot", "plan_version", "formula_version", "signature")
    return tuple(int(store._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables)  # type: ignore[attr-defined]


LOT = tablet_lot()


def _review(store: Store) -> Callable[[], object]:
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))
    saved = store.save_plan("Ann Lee", DESK.plan_document(DESK.plan(request)))
    saved = DESK.add_diary_week(store, saved.plan_id, saved.version, 5, pain="6")
    decision = Decision("step back", "pain no lower at 4.5 mg", PRESCRIBER.name, dt.date(2027, 1, 26))
    return lambda: DESK.decide_review(store, saved.plan_id, saved.version, decision, by=PRESCRIBER)


WORK: dict[str, tuple[Credentials, Callable[[Store], Callable[[], object]]]] = {
    "save a draft record": (TECHNICIAN, lambda s: lambda: s.save_record(team_record(), by=TECHNICIAN)),
    "receive a lot": (TECHNICIAN, lambda s: lambda: s.receive_lot(LOT, TECHNICIAN)),
    "approve a formula": (PHARMACIST, lambda s: lambda: s.approve_formula(MFR["id"], 2, "b" * 64, PHARMACIST)),
    "decide a review": (PRESCRIBER, _review),
}  # fmt: skip


@pytest.mark.parametrize("work", WORK)
def test_a_user_disabled_after_the_password_check_saves_nothing(
    store: Store, work: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    who, prepare = WORK[work]
    do = prepare(store)
    before = _counts(store)
    _disabled_once_signed_in(store, who, monkeypatch)
    with pytest.raises(SignInError, match=f"{who.name} was disabled after signing in; nothing was saved"):
        do()
    assert _counts(store) == before
    assert store.check().ok
