"""ldn-desk lots: receive, approve, quarantine, recall and list the lots of tablets, powder and
excipients; a recall lists every record and patient that used the lot (and prints it)."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.options import add_log_location
from ldn_desk.cli.commands.signing import Passwords, add_acting, credentials

HELP = "lots: receive, approve, quarantine, recall (lists every record and patient), list"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_log_location(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    receive = actions.add_parser("receive", help="enter a lot received (a technician or pharmacist)")
    receive.add_argument("--material", required=True, choices=("tablets", "powder", "excipient"))
    receive.add_argument("--name", required=True, metavar="TEXT", help='e.g. "Naltrexone HCl 50 mg tablets"')
    receive.add_argument("--maker", required=True, metavar="TEXT")
    receive.add_argument("--lot", required=True, metavar="LOT")
    receive.add_argument("--expiry", required=True, metavar="DATE", help="e.g. 2027-03-31 or 2027-03")
    receive.add_argument("--received", metavar="DATE", help="date received (default today)")
    receive.add_argument("--quantity", required=True, metavar="N",
                         help="how much was received, a whole number of the unit, e.g. 100")  # fmt: skip
    receive.add_argument("--unit", required=True, metavar="UNIT", help="tablets, mg, mL")
    receive.add_argument("--assay", metavar="PERCENT", help="powder: assay on the certificate, e.g. 99.2 %%")
    receive.add_argument("--water", metavar="PERCENT", help="powder: water on the certificate, e.g. 0.5 %%")
    receive.add_argument("--salt", choices=("hydrochloride", "base"), help="powder: the salt")
    add_acting(receive, required=True, what="receiving it")
    for verb, help_text in (("approve", "a pharmacist approves the lot for use"),
                            ("quarantine", "set the lot aside: it cannot be used"),
                            ("recall", "recall the lot; lists every record and patient that used it")):  # fmt: skip
        sub = actions.add_parser(verb, help=help_text)
        sub.add_argument("id", metavar="ID", help="the lot's number in `ldn-desk lots list`")
        if verb != "approve":
            sub.add_argument("--reason", required=True, metavar="TEXT", help="kept in the audit trail")
        if verb == "recall":
            sub.add_argument("-o", "--output", metavar="FILE.pdf", help="print the recall list to a PDF")
        add_acting(
            sub, required=True, what=f"who does it ({'a pharmacist' if verb != 'quarantine' else 'any'})"
        )
    actions.add_parser("list", help="every lot, its state and what is on hand")
    for sub in actions.choices.values():
        add_log_location(sub, on_action=True)


def lot_json(lot: Any) -> dict[str, Any]:
    return {"id": lot.id, "material": str(lot.material), "name": lot.name, "maker": lot.maker, "lot": lot.lot,
            "expiry": lot.expiry.isoformat(), "received_on": lot.received_on.isoformat(), "salt": lot.salt,
            "assay_percent": lot.assay_percent, "water_percent": lot.water_percent, "unit": lot.unit,
            "quantity_received": lot.quantity_received, "on_hand": lot.on_hand, "status": str(lot.status)}  # fmt: skip


def _new_lot(args: argparse.Namespace) -> Any:
    import datetime as dt

    from ldn_desk.recipes.bud import parse_expiry
    from ldn_desk.store.lots import NewLot
    from ldn_desk.units.dates import parse_date
    from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity

    def percent(text: str | None, field: str) -> float | None:
        if text is None:
            return None
        return magnitude(parse_quantity(text, Kind.PERCENT, field, allow_zero=field == "--water"), "percent")

    return NewLot(
        material=args.material, name=args.name, maker=args.maker, lot=args.lot,
        expiry=parse_expiry(args.expiry, "--expiry"),
        received_on=dt.date.today() if args.received is None else parse_date(args.received, "--received"),
        quantity=parse_count(args.quantity, "--quantity", maximum=10_000_000, example="100"), unit=args.unit,
        salt=args.salt,
        assay_percent=percent(args.assay, "--assay"), water_percent=percent(args.water, "--water"),
    )  # fmt: skip


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.log import open_log, parse_count

    action: str = args.action
    lot_id = parse_count(args.id, "ID", maximum=2**62, example="3") if getattr(args, "id", None) else None
    new = _new_lot(args) if action == "receive" else None  # checked before the log is opened
    with open_log(args, create=action == "receive") as store:
        if action == "list":
            return {"action": action, "lots": [lot_json(lot) for lot in store.lots()]}
        by = credentials(args, Passwords(args))
        if action == "receive":
            assert new is not None
            return {"action": action, "lot": lot_json(store.receive_lot(new, by))}
        assert lot_id is not None
        if action == "approve":
            return {"action": action, "lot": lot_json(store.approve_lot(lot_id, by))}
        if action == "quarantine":
            return {"action": action, "lot": lot_json(store.quarantine_lot(lot_id, args.reason, by))}
        lot, listed = store.recall_lot(lot_id, args.reason, by)
    rows = [vars(line) for line in listed]
    payload: dict[str, Any] = {"action": action, "lot": lot_json(lot), "records": rows, "reason": args.reason}
    if args.output:
        from ldn_desk.cli.commands.handout import write_document
        from ldn_desk.desk import Desk

        payload.update(write_document(Desk().recall_pdf(lot, listed, args.reason), args.output, "recall.pdf"))
    return payload


def render(payload: dict[str, Any]) -> str:
    action = payload["action"]
    if action == "list":
        if not payload["lots"]:
            return "No lots received yet."
        return "\n".join(
            f"{lot['id']:>4}  {lot['status']:<11} {lot['lot']:<12} {lot['name']} ({lot['maker']}), expires "
            f"{lot['expiry']}, on hand {lot['on_hand']:g} {lot['unit']}"
            for lot in payload["lots"]
        )
    lot = payload["lot"]
    head = f"Lot {lot['id']} ({lot['lot']}, {lot['name']}) is {lot['status']}."
    if action != "recall":
        return head
    lines = [head, f"Records that used it ({len(payload['records'])}):"]
    lines += [f"  record {r['record_id']}  {r['compounded_on']}  Rx {r['rx_number']}  {r['patient']}"
              + (f" ({r['patient_ref']})" if r["patient_ref"] else "") for r in payload["records"]]  # fmt: skip
    if payload.get("file"):
        lines.append(f"Recall list written to {payload['file']}")
    return "\n".join(lines)
