"""ldn-desk log add, sign, reprint and recalculate: a record made from the recipe options, its PDF
as first printed, and today's calculation beside it.

The record itself is made, printed and reprinted by `ldn_desk.desk.records`, which the app uses too.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands.signing import Passwords, add_acting, credentials

if TYPE_CHECKING:
    from ldn_desk.recipes.lots import IngredientLine
    from ldn_desk.store import NewRecord, Store


def _record_module() -> Any:
    from ldn_desk.cli.commands import record as module

    return module


def _kind_modules() -> dict[str, Any]:
    """The recipe command module of each kind of record."""
    from ldn_desk.cli.commands import capsules, liquid

    return {"liquid": liquid, "capsules": capsules}


def add_arguments(actions: Any) -> list[argparse.ArgumentParser]:
    """The add, sign, reprint and recalculate actions on `ldn-desk log`; returns the parsers made."""
    record = _record_module()
    made: list[argparse.ArgumentParser] = []
    add = actions.add_parser("add", help="save a new draft record from the liquid or capsules options")
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, module in _kind_modules().items():
        sub = kinds.add_parser(kind, help=f"a {kind} batch; the options of `ldn-desk {kind}`")
        module.add_arguments(sub)
        who = sub.add_argument_group("the record")
        who.add_argument("--patient", required=True, metavar="NAME", help="patient name")
        who.add_argument(
            "--patient-ref", default="", metavar="TEXT", help="date of birth or clinic identifier"
        )
        who.add_argument("--rx", required=True, metavar="NUMBER", help="prescription (Rx) or ID number")
        who.add_argument("--compounded-by", required=True, metavar="NAME", help="who compounded")
        who.add_argument(
            "--ingredient", action="append", default=[], metavar="LINE",
            help='one per line: "name | maker | lot | expiry | actual amount", e.g. '
            '"Naltrexone HCl 50 mg tablets | Accord | NX-2291 | 2027-03-31 | 2 tablets"',
        )  # fmt: skip
        doc = sub.add_argument_group("the printed record")
        doc.add_argument("--pharmacy", required=True, metavar="NAME", help="pharmacy name")
        doc.add_argument("--contact", default="", metavar="TEXT", help="pharmacy phone or address")
        doc.add_argument("--prescriber", default="", metavar="NAME", help="prescriber's name")
        doc.add_argument("--directions", metavar="TEXT", help="label directions (default: as on the plan)")
        # --dose, --time, --add-directions, --dispensed and --expiry, read as `ldn-desk record` reads them
        record.label_direction_arguments(doc)
        doc.add_argument("--paper", metavar="SIZE", help="a4 or letter (default: from the locale)")
        who.add_argument(
            "--lot", dest="draws", action="append", default=[], metavar="ID:QUANTITY",
            help="a lot of `ldn-desk lots list` drawn on, e.g. 3:2 (2 of its unit); its line, expiry and a "
            "powder's assay, water and salt are taken from the lot",
        )  # fmt: skip
        add_acting(sub, required=False, what="saving the draft (a log with users)")
        made.append(sub)
    sign = actions.add_parser(
        "sign", help="sign a draft as prepared (--as NAME); in a log without users, --checked-by signs it off"
    )
    sign.add_argument("id", metavar="ID")
    sign.add_argument("--checked-by", metavar="NAME", help="who checked (a log without users only)")
    add_acting(sign, required=False, what="who prepared the record")
    signing = [sign]
    for verb, help_text in (("verify", "a pharmacist verifies a prepared record: it is final from then on"),
                            ("release", "a pharmacist releases a verified record")):  # fmt: skip
        sub = actions.add_parser(verb, help=help_text)
        sub.add_argument("id", metavar="ID")
        add_acting(sub, required=True, what=f"who signs it as {verb.rstrip('e')}ed")
        signing.append(sub)
    trail = actions.add_parser("trail", help="the audit trail of a record (or of the whole log, with no ID)")
    trail.add_argument("id", metavar="ID", nargs="?")
    trail.add_argument("-o", "--output", metavar="FILE", help="also write it to a new CSV file")
    trail.add_argument("--pdf", metavar="FILE.pdf", help="print the record's signatures and trail (needs ID)")
    reprint = actions.add_parser("reprint", help="the record's PDF again, byte for byte as first printed")
    reprint.add_argument("id", metavar="ID")
    reprint.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    recalculate = actions.add_parser(
        "recalculate", help="work the record's recipe out with today's program and say what differs"
    )
    recalculate.add_argument("id", metavar="ID")
    return [*made, *signing, trail, reprint, recalculate]


def parse_ingredient_lines(lines: Sequence[str]) -> tuple[IngredientLine, ...]:
    """Ingredient lines written "name | maker | lot | expiry | actual amount"."""
    from ldn_desk.errors import InputError
    from ldn_desk.recipes.lots import IngredientLine

    made: list[IngredientLine] = []
    for number, line in enumerate(lines, 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 5:
            raise InputError(f"--ingredient {number}", line, "needs five parts separated by |",
                             "Purified water | Baxter | W-77 | 2027-01 | 100 mL")  # fmt: skip
        made.append(IngredientLine(*parts))
    return tuple(made)


def lot_draws(args: argparse.Namespace) -> tuple[tuple[int, float], ...]:
    """(lot id, quantity) of each --lot ID:QUANTITY."""
    from ldn_desk.cli.commands.log import parse_count
    from ldn_desk.errors import InputError

    made = []
    for text in args.draws:
        lot, sep, quantity = str(text).partition(":")
        if not sep:
            raise InputError("--lot", text, "needs the lot's number and the quantity drawn", "3:2")
        made.append((parse_count(lot, "--lot", maximum=2**62, example="3:2"),
                     float(parse_count(quantity, "--lot quantity", maximum=10_000_000, example="3:2"))))  # fmt: skip
    return tuple(made)


def chosen_lots(args: argparse.Namespace, drawn: Sequence[tuple[int, float]]) -> tuple[Any, ...]:
    from ldn_desk.cli.commands.log import open_log

    with open_log(args) as store:
        return tuple(store.lot(lot_id) for lot_id, _quantity in drawn)


def prepare(args: argparse.Namespace, lots: Sequence[Any] = ()) -> NewRecord:
    """The NewRecord the options describe, printed and checked whole before the log is opened."""
    from ldn_desk.cli.commands.handout import as_option as document_option
    from ldn_desk.cli.commands.options import as_option
    from ldn_desk.desk import records
    from ldn_desk.errors import InputError, RecipeError
    from ldn_desk.units.dates import parse_date

    record = _record_module()
    module = _kind_modules()[args.kind]
    inp = module.read_input(args)  # the command's own reading of its options
    if lots:
        inp = records.input_from_lots(inp, lots)
    # The label's options and the components' expiries (the BUD is never later than the
    # earliest), read and refused as `ldn-desk record` reads them.
    try:
        if args.expiry:
            inp = records.with_expiries(inp, record.parse_expiries(args.expiry))
        asked = record.label_directions(args)
        dispensed = None if args.dispensed is None else parse_date(args.dispensed, "date dispensed")
    except InputError as error:
        raise as_option(error, record.LABEL_OPTION_FOR_FIELD) from None
    try:
        recipe = records.make_recipe(inp)
    except (InputError, RecipeError) as error:
        raise module.as_option(error) from None
    names = records.RecordNames(
        patient=args.patient,
        rx_number=args.rx,
        compounded_by=args.compounded_by,
        patient_ref=args.patient_ref,
    )
    document = records.DocumentSettings(pharmacy=args.pharmacy, contact=args.contact, prescriber=args.prescriber,
                                        directions=asked.text, paper=args.paper, dose_mg=asked.dose_mg,
                                        time_of_day=asked.time_of_day, add_directions=asked.add,
                                        dispensed=dispensed)  # fmt: skip
    lines = parse_ingredient_lines(args.ingredient) + records.lot_lines(lots, lot_draws(args))
    try:
        return records.new_record(inp, names, document, lines, recipe=recipe)
    except InputError as error:
        raise as_option(document_option(error), record.LABEL_OPTION_FOR_FIELD) from None


def add(store: Store, args: argparse.Namespace, new: NewRecord, drawn: Sequence[tuple[int, float]] = ()
        ) -> dict[str, Any]:  # fmt: skip
    by = credentials(args, Passwords(args)) if args.acting else None
    return {"id": store.save_record(new, by=by, draws=drawn), "status": "draft"}


def sign(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.errors import InputError

    meaning = {"sign": "prepared", "verify": "verified", "release": "released"}[args.action]
    if args.action == "sign" and (args.checked_by is None) == (args.acting is None):
        raise InputError("--as", None, "names who prepared the record (or, in a log without users, "
                         "--checked-by who checked it)", "--as 'Dot Lee'")  # fmt: skip
    if args.action == "sign" and args.checked_by is not None:
        record = store.sign_off(args.id, args.checked_by)
        return {"id": record.id, "status": record.status, "signed_at": record.signed_at, "meaning": "signed off",
                "signatures": []}  # fmt: skip
    signature = store.sign(args.id, meaning, credentials(args, Passwords(args)))
    record = store.record(args.id)
    return {"id": record.id, "status": record.status, "signed_at": signature.signed_at, "meaning": meaning,
            "signatures": [s.line() for s in store.signatures(args.id)]}  # fmt: skip


def trail(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    entries = store.trail("record", args.id) if args.id is not None else store.trail()
    rows = [entry.as_dict() for entry in entries]
    if args.output:
        write_trail_csv(rows, args.output)
    printed: dict[str, Any] = {}
    if args.pdf:
        from ldn_desk.cli.commands.handout import write_document
        from ldn_desk.desk import Desk
        from ldn_desk.errors import InputError

        if args.id is None:
            raise InputError(
                "--pdf", args.pdf, "prints one record's signatures; name the record", "trail 12 --pdf x.pdf"
            )
        printed = write_document(Desk().signature_sheet_pdf(store, args.id), args.pdf, "signatures.pdf")
    return {"id": args.id, "entries": rows, "output": args.output, "pdf": printed.get("file")}


def write_trail_csv(rows: list[dict[str, Any]], output: str) -> None:
    import csv
    from pathlib import Path

    from ldn_desk.errors import InputError

    target = Path(output)
    if target.exists():
        raise InputError(
            "--output", output, "already exists; the trail is written to a new file", "trail.csv"
        )
    columns = [
        "id",
        "at",
        "user",
        "verified",
        "subject",
        "subject_id",
        "action",
        "field",
        "old",
        "new",
        "reason",
    ]
    with target.open("x", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, columns)
        writer.writeheader()
        writer.writerows(rows)


def reprint(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.handout import write_document
    from ldn_desk.desk import records

    copy = records.reprint(store, args.id)
    written = write_document(copy.pdf, args.output, "record.pdf")
    return {"id": copy.record_id, **written, "sha256": copy.sha256,
            "as_first_printed": copy.as_first_printed, "note": copy.note or None}  # fmt: skip


def recalculate(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.desk import records

    check = records.recalculate(store, args.id)
    return {
        "id": check.record_id,
        "same": check.same,
        "older_record": check.older_record,
        "differences": [
            {"field": difference.label, "saved": texts[0], "now": texts[1]}
            for difference in check.differences
            for texts in [difference.texts()]
        ],
        "summary": check.summary(),
    }
