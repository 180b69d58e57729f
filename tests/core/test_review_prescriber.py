"""The review decision bound to the signed-in prescriber once the log has users: who may decide,
the password checked at that moment, the bound name inside the hashed plan version and on the
review summary; the same request through the facade and the command line. A log without users
keeps the typed name, marked not verified.

The plan is the standard protocol from 1 December 2026 at 1 mg/mL: 1.5 mg weeks 1–2, 3 mg weeks
3–4, 4.5 mg from week 5 (resources/protocols.toml); stepping back from 4.5 mg gives 3 mg.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from team_samples import ADMIN, PHARMACIST, PRESCRIBER, TECHNICIAN, team

from ldn_desk.desk import Decision, Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.errors import InputError
from ldn_desk.paths import log_path
from ldn_desk.store import LogCheckError, SavedPlan, Store
from ldn_desk.store.errors import AccessError, SignInError
from ldn_desk.store.users import Credentials
from tests.core.cli_support import cli_json, refusal

START = dt.date(2026, 12, 1)
REVIEW_DAY = dt.date(2027, 1, 26)  # day 57 of the standard protocol
NOW = dt.datetime(2027, 1, 26, 10, 30, tzinfo=dt.UTC)
DESK = Desk()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _saved(store: Store) -> SavedPlan:
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))
    saved = store.save_plan("Ann Lee", DESK.plan_document(DESK.plan(request)))
    return DESK.add_diary_week(store, saved.plan_id, saved.version, 5, pain="6")


def _decision(prescriber: str) -> Decision:
    return Decision("step back", "pain no lower at 4.5 mg", prescriber, REVIEW_DAY)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "log.sqlite3", clock=lambda: NOW)
    team(opened)
    return opened


@pytest.mark.parametrize("who", [PRESCRIBER, PHARMACIST])
def test_the_signed_in_prescriber_or_pharmacist_is_bound_into_the_plan_version(
    store: Store, who: Credentials
) -> None:
    saved = _saved(store)
    made = DESK.decide_review(store, saved.plan_id, saved.version, _decision(who.name), by=who)
    stored = made.plan["review"]["decision"]  # the document the chain hashes
    role = "prescriber" if who is PRESCRIBER else "pharmacist"
    assert (stored["prescriber"], stored["prescriber_role"], stored["prescriber_verified"]) == (
        who.name,
        role,
        True,
    )
    assert stored["signed_in_at"] == "2027-01-26T10:30:00+00:00"
    review = DESK.open_review(store, saved.plan_id)
    assert review.review.decision is not None and review.review.decision.prescriber_verified
    text = _text(DESK.review_summary_pdf(review, printed=REVIEW_DAY))
    assert f"{who.name}, {role} (verified: signed in as {who.name} at 2027-01-26 10:30:00 UTC)" in text
    assert "not verified" not in text
    assert store.check().ok


@pytest.mark.parametrize("who", [TECHNICIAN, ADMIN])
def test_a_technician_or_administrator_cannot_decide(store: Store, who: Credentials) -> None:
    saved = _saved(store)
    with pytest.raises(AccessError, match="only a pharmacist or prescriber may save plans"):
        DESK.decide_review(store, saved.plan_id, saved.version, _decision(who.name), by=who)
    assert store.plan(saved.plan_id).version == saved.version  # nothing saved


def test_a_disabled_user_cannot_decide(store: Store) -> None:
    saved = _saved(store)
    store.set_user_active(PRESCRIBER.name, False, "left the clinic", by=ADMIN)
    with pytest.raises(SignInError, match="disabled"):
        DESK.decide_review(store, saved.plan_id, saved.version, _decision(PRESCRIBER.name), by=PRESCRIBER)
    assert store.plan(saved.plan_id).version == saved.version


def test_a_wrong_password_is_refused_and_nothing_is_saved(store: Store) -> None:
    saved = _saved(store)
    wrong = Credentials(PRESCRIBER.name, "not-the-password")
    with pytest.raises(SignInError, match="wrong password"):
        DESK.decide_review(store, saved.plan_id, saved.version, _decision(PRESCRIBER.name), by=wrong)
    assert store.plan(saved.plan_id).version == saved.version
    assert [v.change for v in store.plan_history(saved.plan_id)] == ["created", "diary week 5"]


def test_a_typed_prescriber_is_refused_in_a_log_with_users(store: Store) -> None:
    saved = _saved(store)
    with pytest.raises(AccessError, match="not a typed prescriber name"):
        DESK.decide_review(store, saved.plan_id, saved.version, _decision("Dr A. Khan"))
    # Signed in, but a different name typed as the prescriber: refused naming the field.
    with pytest.raises(InputError, match=r"prescriber.*recorded as the signed-in user, Eve Prescriber"):
        DESK.decide_review(store, saved.plan_id, saved.version, _decision("Dr A. Khan"), by=PRESCRIBER)
    assert store.plan(saved.plan_id).version == saved.version


def test_a_log_without_users_keeps_the_typed_name_not_verified(tmp_path: Path) -> None:
    with Store.open(tmp_path / "log.sqlite3") as store:
        saved = _saved(store)
        made = DESK.decide_review(store, saved.plan_id, saved.version, _decision("Dr A. Khan"))
        stored = made.plan["review"]["decision"]
        assert (stored["prescriber"], stored["prescriber_verified"], stored["prescriber_role"]) == (
            "Dr A. Khan", False, "",
        )  # fmt: skip
        text = _text(DESK.review_summary_pdf(DESK.open_review(store, saved.plan_id), printed=REVIEW_DAY))
        assert "Dr A. Khan (name as typed, not verified)" in text


def test_the_bound_name_cannot_be_changed_from_outside_unseen(store: Store) -> None:
    saved = _saved(store)
    made = DESK.decide_review(store, saved.plan_id, saved.version, _decision(PRESCRIBER.name), by=PRESCRIBER)
    path = store.path
    store.close()
    document = dict(made.plan)
    document["review"] = {
        **document["review"],
        "decision": {**document["review"]["decision"], "prescriber": "Bea Pharmacist"},
    }
    conn = sqlite3.connect(path, isolation_level=None)
    [trigger] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'plan_version_is_final'").fetchone()
    conn.execute("DROP TRIGGER plan_version_is_final")
    conn.execute(
        "UPDATE plan_version SET plan_json = ? WHERE plan_id = ? AND version = ?",
        (json.dumps(document), made.plan_id, made.version),
    )
    conn.execute(trigger)  # put back: only the chain can tell
    conn.close()
    with Store.open(path) as reopened, pytest.raises(LogCheckError):
        reopened.check()


# --- the same request by the command line ----------------------------------------------------------


@pytest.fixture
def team_plan() -> int:
    with Store.open(log_path(None), create=True) as opened:
        team(opened)
        return _saved(opened).plan_id


def _decide(plan_id: int, *extra: str) -> list[str]:
    return ["review", "decide", str(plan_id), "--decision", "step back", "--reason", "pain no lower",
            "--date", REVIEW_DAY.isoformat(), *extra]  # fmt: skip


def test_the_command_line_binds_the_signed_in_prescriber(
    team_plan: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PRESCRIBER.password + "\n"))
    shown = cli_json(_decide(team_plan, "--as", PRESCRIBER.name, "--password-stdin"), capsys)
    decision = shown["decision"]
    assert (decision["prescriber"], decision["prescriber_role"], decision["prescriber_verified"]) == (
        PRESCRIBER.name, "prescriber", True,
    )  # fmt: skip
    assert "verified: signed in as Eve Prescriber" in decision["prescriber_text"]
    # The facade reads back the same version.
    with Store.open(log_path(None)) as opened:
        stored = DESK.open_review(opened, team_plan).review.decision
        assert stored is not None and (stored.prescriber, stored.prescriber_verified) == (
            PRESCRIBER.name,
            True,
        )


@pytest.mark.parametrize(
    ("extra", "password", "option", "words"),
    [
        (("--prescriber", "Dr A. Khan"), "", "--as NAME", "not a typed prescriber name"),
        (("--as", TECHNICIAN.name, "--password-stdin"), TECHNICIAN.password, "", "only a pharmacist or prescriber"),
        (("--as", PRESCRIBER.name, "--password-stdin"), "wrong", "", "wrong password"),
        (("--as", PRESCRIBER.name, "--prescriber", "Dr A. Khan", "--password-stdin"), PRESCRIBER.password,
         "--prescriber", "recorded as the signed-in user"),
        (("--as", PRESCRIBER.name, "--password-stdin"), None, "--password-stdin", "gave no line"),
    ],
)  # fmt: skip
def test_the_command_line_refuses_what_the_facade_refuses(
    team_plan: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: tuple[str, ...],
    password: str | None,
    option: str,
    words: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("" if password is None else password + "\n"))
    message = refusal(_decide(team_plan, *extra), capsys)
    assert words in message and option in message, message
    with Store.open(log_path(None)) as opened:
        assert [v.change for v in opened.plan_history(team_plan)] == ["created", "diary week 5"]
