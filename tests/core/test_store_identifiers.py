"""Identifiers refuse control, invisible and bidi characters at the store, naming the field and
the character; a search holding one says what it refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import refusal
from store_samples import PATIENT, liquid, tablets

from ldn_desk.errors import InputError
from ldn_desk.recipes.lots import IngredientLine
from ldn_desk.store import Store

HIDDEN = [
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\ud800", "U+D800"),  # an unpaired surrogate has no name
    ("\ue000", "U+E000"),  # private use
]


@pytest.mark.parametrize(("char", "named"), HIDDEN)
@pytest.mark.parametrize(
    ("field", "make", "private"),
    [
        ("Rx number", lambda bad: liquid(rx_number=f"RX-{bad}1001"), True),
        ("patient", lambda bad: liquid(patient=f"Ann{bad} Lee"), True),
        ("patient identifier", lambda bad: liquid(patient_ref=f"1961{bad}-07-04"), True),
        ("compounded by", lambda bad: liquid(compounded_by=f"A{bad}B"), False),
        ("ingredient lot", lambda bad: liquid(ingredients=(tablets(f"NX{bad}2291"),)), False),
        ("ingredient maker", lambda bad: IngredientLine("Water", f"Bax{bad}ter", "W-1"), False),
    ],
)
def test_a_hidden_character_is_refused_with_the_field_and_character_named(
    field: str, make: object, private: bool, char: str, named: str
) -> None:
    with pytest.raises(InputError) as caught:
        make(char)  # type: ignore[operator]
    message = str(caught.value)
    assert message.startswith(f"{field}:") and named in message and "as character" in message
    if private:
        assert "Ann" not in message and "RX-" not in message and "1961" not in message
    else:
        assert caught.value.example and char not in caught.value.example  # the text as meant


def test_sign_off_amend_and_plans_refuse_them_too(store_engine: str) -> None:
    with Store.open(store_engine) as store:
        record_id = store.save_record(liquid())
        with pytest.raises(InputError, match=r"^checked by: .*U\+200F"):
            store.sign_off(record_id, "B.\u200f Checker")
        with pytest.raises(InputError, match=r"^reason: .*U\+202A"):
            store.amend(record_id, {"compounded_by": "C. D."}, reason="\u202awrong name")
        with pytest.raises(InputError, match=r"^patient: .*U\+2060"):
            store.save_plan(f"{PATIENT}\u2060", {"steps": [1]})
        assert store.count() == 1 and store.check().ok  # nothing was saved


def test_ordinary_names_of_every_script_are_kept(store_engine: str) -> None:
    names = ["José Müller-Ñúñez", "山田 太郎", "Øyvind Ødegård", "Мария Иванова", "محمد علي"]
    with Store.open(store_engine) as store:
        for name in names:
            store.save_record(liquid(patient=name))
        assert [store.record(n + 1).patient for n in range(len(names))] == names


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["log", "list", "--lot", "NX\u200b2291"],
            '--lot: "NX<U+200B>2291" — contains an invisible or bidi character',
        ),
        (
            ["log", "list", "--patient", "Ann\u202eLee"],
            "--patient: — contains an invisible or bidi character",
        ),
        (["log", "list", "--rx", "RX-\u20661"], "--rx: — contains an invisible or bidi character"),
    ],
)
def test_a_search_with_a_hidden_character_says_what_it_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    Store.open(tmp_path / "log.sqlite3").close()
    line = refusal([*argv, "--data-dir", str(tmp_path)], capsys)
    assert said in line


def test_log_add_refuses_a_hidden_lot_before_anything_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(
        ["log", "add", "liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--patient", "Ann Lee",
         "--rx", "RX-1001", "--pharmacy", "Main Street Pharmacy", "--compounded-by", "AB",
         "--ingredient", "Naltrexone HCl 50 mg tablets | Accord | NX-\u200b2291 | 2027-03-31 | 2 tablets",
         "--data-dir", str(tmp_path)],
        capsys,
    )  # fmt: skip
    assert "U+200B ZERO WIDTH SPACE" in line and "e.g. NX-2291" in line
    assert not (tmp_path / "log.sqlite3").exists()
