"""ldn-desk log: list, show, add, sign, reprint, recalculate, export, back up and restore the compounding log."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands.options import add_log_location, naming_options
from ldn_desk.cli.commands.signing import add_acting
from ldn_desk.errors import InputError

if TYPE_CHECKING:
    from ldn_desk.store import Record, RecordSummary, Store

HELP = "the compounding log: list, show, add, sign, reprint, recalculate, export (CSV), backup, restore, check, new"

_HINT = "From the command line: `ldn-desk log new` starts a new log, `ldn-desk log restore FILE` restores a backup."


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--patient", metavar="TEXT", help="part of the patient's name or identifier")
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", help="compounded on or after, e.g. 2026-12-01"
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", help="compounded on or before, e.g. 2026-12-31"
    )
    parser.add_argument(
        "--lot", metavar="LOT", help="records that used this lot (a recall), any case or spacing"
    )
    parser.add_argument("--rx", dest="rx_number", metavar="RX", help="Rx number")
    parser.add_argument("--status", choices=("draft", "signed"), help="draft or signed records only")
    parser.add_argument("--current", action="store_true", help="latest versions only (hide corrected ones)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_log_location(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="records, newest first, with filters")
    _filters(listing)
    listing.add_argument("--limit", default="100", metavar="N", help="at most N records (default 100)")
    show = actions.add_parser("show", help="one record in full, with its versions")
    show.add_argument("id", metavar="ID")
    export = actions.add_parser("export", help="records as CSV, one row per ingredient line")
    _filters(export)
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="new CSV file, or - for the screen"
    )
    backup = actions.add_parser("backup", help="a verified one-file copy of the log")
    backup.add_argument(
        "-o", "--output", metavar="FILE", help="new file (default: backups/ in the data folder)"
    )
    restore = actions.add_parser(
        "restore", help="make a backup the log; the current log is kept, moved aside"
    )
    restore.add_argument("backup_file", metavar="FILE")
    restore.add_argument(
        "--confirm-loss", action="store_true",
        help="restore a backup that lacks records of the active log (a run without it lists them)",
    )  # fmt: skip
    add_acting(restore, required=False, what="restoring it over a log with users: an administrator")
    actions.add_parser(
        "check",
        help="check every page, the log's rules and its hash chain; exit 1 naming the first record that does not match",
    )
    new = actions.add_parser("new", help="start an empty log; the current file is kept, moved aside")
    new.add_argument("--yes", action="store_true", help="confirm")
    add_acting(
        new,
        required=False,
        what="starting it, in a log with users: an administrator (the team is carried over)",
    )
    init = actions.add_parser(
        "init",
        help="create the log on an empty shared database (--database URL), or upgrade it, as its owner",
    )
    init.add_argument(
        "--workstations", metavar="ROLE", action="append",
        help="the role the workstations sign in as, given exactly what the program needs (repeat for more)",
    )  # fmt: skip
    grant = actions.add_parser(
        "grant",
        help="give a shared log's workstations' role exactly what the program needs; --owner hands it over",
    )
    grant.add_argument("--workstations", metavar="ROLE", action="append", required=True,
                       help="the role the workstations sign in as (repeat for more)")  # fmt: skip
    grant.add_argument(
        "--owner", metavar="ROLE",
        help="hand the log (its tables, rules and database) over to this role first; run as the server's superuser",
    )  # fmt: skip
    move = actions.add_parser(
        "move", help="copy this computer's log into an empty shared database, verified record by record"
    )
    move.add_argument(
        "--to", required=True, metavar="URL", help="the shared database, postgresql://user@host/dbname"
    )
    from ldn_desk.cli.commands import log_entry

    entry_parsers = log_entry.add_arguments(actions)
    for sub in (*actions.choices.values(), *entry_parsers):
        if "--json" not in sub._option_string_actions:
            add_log_location(sub, on_action=True)


def database(args: argparse.Namespace) -> str | None:
    """The shared database's URL from --database or $LDN_DESK_DATABASE, checked; None for this computer's log."""
    import os

    from ldn_desk.errors import InputError
    from ldn_desk.store import is_database_url

    url = getattr(args, "database", None) or os.environ.get("LDN_DESK_DATABASE") or None
    if url is None:
        return None
    if not is_database_url(url):
        where = "--database" if getattr(args, "database", None) else "LDN_DESK_DATABASE"
        raise InputError(where, url, "must be a PostgreSQL URL", "postgresql://pharmacy@server:5432/ldn_desk")
    return str(url)


def open_log(args: argparse.Namespace, *, create: bool = False) -> Store:
    from ldn_desk.paths import log_path
    from ldn_desk.store import DamagedLogError, ForeignFileError, Store

    shared = database(args)
    if shared is not None:
        return Store.open(shared, create=create)
    try:
        # Looking never creates: a mistyped --data-dir must not quietly start an empty log there.
        store = Store.open(log_path(args.data_dir), create=create)
    except (DamagedLogError, ForeignFileError) as error:
        raise type(error)(error.path, error.problem, options=f"{error.options} {_HINT}") from None
    if store.leftovers.kept:
        import sys

        print(f"ldn-desk: note: {store.leftovers.describe()}", file=sys.stderr)
    return store


def _date(text: str | None, field: str) -> Any:
    from ldn_desk.units.dates import parse_date

    return None if text is None else parse_date(text, field)


def _search(store: Store, args: argparse.Namespace, limit: int | None) -> list[RecordSummary]:
    return store.search(**_filter_kwargs(args), limit=limit)


def _summary_json(summary: RecordSummary | Record, lots: tuple[str, ...]) -> dict[str, Any]:
    from ldn_desk.units.dates import long_date

    return {
        "id": summary.id, "kind": summary.kind, "status": summary.status, "rx_number": summary.rx_number,
        "patient": summary.patient, "patient_ref": summary.patient_ref,
        "compounded_on": summary.compounded_on.isoformat(), "compounded_on_text": long_date(summary.compounded_on),
        "bud": summary.bud.isoformat(), "bud_text": long_date(summary.bud),
        "compounded_by": summary.compounded_by, "checked_by": summary.checked_by,
        "supersedes": summary.supersedes, "superseded_by": summary.superseded_by, "lots": list(lots),
    }  # fmt: skip


_MAX_RECORD_ID = 2**63 - 1  # SQLite's largest integer


def record_number(text: str) -> int:
    """A record's number as typed: digits only (full-width digits are the same digits)."""
    return parse_count(text, "ID", maximum=_MAX_RECORD_ID, example="12")


def parse_count(text: str, field: str, *, maximum: int, example: str) -> int:
    """A whole number from 1 to `maximum` read by the program's strict parser, never int(): "1_2"
    and "１２" differ (the second is 12), superscripts are refused, and a huge number is one line."""
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import fold_typed
    from ldn_desk.units.quantity import parse_count as strict_count

    folded = fold_typed(str(text), field, example).strip()
    if folded.isascii() and folded.isdigit() and len(folded) > 9:
        # Measured by length first: int() of thousands of digits is itself refused by Python.
        if len(folded.lstrip("0")) > len(str(maximum)) or int(folded) > maximum:
            shown = folded if len(folded) <= 30 else folded[:30] + "…"
            raise InputError(field, shown, f"must be at most {maximum:,}", example)
        folded = folded.lstrip("0") or "0"
        if len(folded) > 9:
            return int(folded)
    return strict_count(folded, field, maximum=min(maximum, 999_999_999), example=example)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.paths import log_path

    action: str = args.action
    # Numbers are read by the program's strict parser, not int(): "1_2" is not record 12.
    if getattr(args, "id", None) is not None:
        args.id = record_number(args.id)
    if action == "list":
        args.limit = parse_count(args.limit, "--limit", maximum=1_000_000, example="100")
    shared = database(args)
    if action in ("restore", "new") and shared is not None:
        raise InputError("--database", None, f"cannot be used with `log {action}`: a shared log is never replaced "
                         "from the program; restore its backup on a single PC, or move that log to a new empty "
                         "database (`ldn-desk log move --to URL`)", "ldn-desk log backup --database URL")  # fmt: skip
    if action == "restore":
        return _restore(args)
    if action == "new":
        return _new(args)
    if action == "init":
        return _init(args, shared)
    if action == "grant":
        return _grant(args, shared)
    if action == "move":
        return _move(args)
    if action in ("list", "export"):
        _filter_kwargs(args)  # the filters are checked even when there is no log to search yet
    if action == "list" and shared is None and not log_path(args.data_dir).exists():
        return {"action": action, "log": str(log_path(args.data_dir)), "exists": False, "limited": False,
                "records": []}  # fmt: skip
    from ldn_desk.cli.commands import log_entry

    drawn = log_entry.lot_draws(args) if action == "add" else ()
    chosen = log_entry.chosen_lots(args, drawn) if drawn else ()  # read (never created) to take their values
    new = log_entry.prepare(args, chosen) if action == "add" else None  # checked before the log is written
    with open_log(args, create=action == "add") as store:
        payload: dict[str, Any] = {"action": action, "log": store.location, "exists": True}
        if action == "add" and new is not None:
            payload.update(log_entry.add(store, args, new, drawn))
        elif action in ("sign", "verify", "release"):
            payload.update(log_entry.sign(store, args))
        elif action in ("trail", "reprint", "recalculate"):
            payload.update(getattr(log_entry, action)(store, args))
        elif action == "list":
            found = _search(store, args, args.limit + 1)
            payload["limited"] = len(found) > args.limit
            payload["records"] = [_summary_json(summary, summary.lots) for summary in found[: args.limit]]
        elif action == "show":
            payload.update(_record_json(store, args.id))
        elif action == "export":
            payload.update(_export(store, args))
        elif action == "backup":
            payload.update(_backup(store, args))
        elif action == "check":
            checked = store.check()  # a log that does not match raises, naming the first record: exit 1
            payload.update({"ok": True, "records": store.count(), "schema_version": store.schema_version,
                            "chain_entries": checked.entries, "chain_head": checked.head,
                            "cautions": [caution.text for caution in checked.cautions]})  # fmt: skip
    return payload


# The log's fields -> the options that fill them, so a refusal names what a person typed.
OPTION_FOR_FIELD = {
    "patient": "--patient", "patient identifier": "--patient-ref", "Rx number": "--rx", "lot": "--lot",
    "compounded by": "--compounded-by", "checked by": "--checked-by",
    "workstations role": "--workstations", "owner role": "--owner",
}  # fmt: skip
run = naming_options(_run, OPTION_FOR_FIELD)


def _record_json(store: Store, record_id: int) -> dict[str, Any]:
    record = store.record(record_id)
    return {
        "record": {
            **_summary_json(record, tuple(item.lot for item in record.ingredients if item.lot)), "reason": record.reason, "created_at": record.created_at,
            "signed_at": record.signed_at,
            "ingredients": [vars(item) for item in record.ingredients],
            "inputs": record.inputs, "results": record.results, "document": record.document,
            "pdf_sha256": record.pdf_sha256, "content_sha256": record.content_sha256,
        },
        "versions": [version.id for version in store.history(record_id)],
        "signatures": [signature.line() for signature in store.signatures(record_id)],
    }  # fmt: skip


def _export(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    import io

    if args.output == "-":
        buffer = io.StringIO()
        done = store.export_csv(buffer, **_filter_kwargs(args))
        return {"output": "-", "rows": done.rows, "records": done.records, "csv": buffer.getvalue()}
    done = store.export_csv(args.output, **_filter_kwargs(args))
    return {"output": args.output, "rows": done.rows, "records": done.records}


def _filter_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "patient": args.patient, "date_from": _date(args.date_from, "--from"), "date_to": _date(args.date_to, "--to"),
        "lot": args.lot, "rx_number": args.rx_number, "status": args.status, "current_only": args.current,
    }  # fmt: skip


def _backup(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from pathlib import Path

    from ldn_desk.paths import backup_dir
    from ldn_desk.store import verify
    from ldn_desk.store.db import stamp

    target = Path(args.output) if args.output else backup_dir(args.data_dir) / f"log-{stamp()}.sqlite3"
    written = store.backup(target)
    return {"output": str(written), "counts": verify(written)}


def _restore(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.paths import log_path
    from ldn_desk.store import RestoreLossError, Store, loss_if_restored, restore

    target = log_path(args.data_dir)
    loss = loss_if_restored(args.backup_file, target)
    if loss and not args.confirm_loss:
        raise RestoreLossError(
            f"{args.backup_file} is older than the active log: restoring it would drop {loss.describe()}. "
            f"Nothing was changed. To restore it anyway (the replaced log is kept under a dated name): "
            f"ldn-desk log restore {args.backup_file} --confirm-loss",
            loss,
        )
    # Only the loss listed here is accepted: a record saved meanwhile stops the restore.
    by = None
    if args.acting is not None:
        from ldn_desk.cli.commands.signing import Passwords, credentials

        by = credentials(args, Passwords(args))
    aside = restore(args.backup_file, target, accept_loss=loss, by=by)
    with Store.open(target) as store:
        count = store.count()
    return {"action": "restore", "log": str(target), "restored_from": args.backup_file,
            "moved_aside": None if aside is None else str(aside), "records": count,
            "dropped": [lost.id for lost in loss.records if not lost.sign_off_only],
            "dropped_sign_offs": [lost.id for lost in loss.records if lost.sign_off_only],
            "dropped_plan_versions": [list(key) for key in loss.plan_versions],
            "dropped_team_rows": [list(key) for key in loss.team_rows],
            "loss": loss.describe()}  # fmt: skip


def _init(args: argparse.Namespace, shared: str | None) -> dict[str, Any]:
    from ldn_desk.store import Store

    if shared is None:
        raise InputError("--database", None, "is needed: `log init` creates the log on an empty shared database",
                         "ldn-desk log init --database postgresql://ldn_owner@server/ldn_desk --workstations pharmacy")  # fmt: skip
    with Store.open(shared, create=True) as store:
        made = {"action": "init", "log": store.location, "schema_version": store.schema_version,
                "records": store.count(), "workstations": []}  # fmt: skip
    if args.workstations:
        made["workstations"] = _granted(shared, args.workstations, None)["workstations"]
    return made


def _granted(url: str, given: list[str], owner: str | None) -> dict[str, Any]:
    from ldn_desk.store.pg import grant_workstations

    roles = [role for text in given for role in text.split(",")]
    return grant_workstations(url, roles, owner=owner)


def _grant(args: argparse.Namespace, shared: str | None) -> dict[str, Any]:
    if shared is None:
        raise InputError("--database", None, "is needed: `log grant` sets the rights on a shared log",
                         "ldn-desk log grant --workstations pharmacy --database postgresql://ldn_owner@server/ldn_desk")  # fmt: skip
    return {"action": "grant", **_granted(shared, args.workstations, args.owner)}


def _move(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.store import is_database_url

    if not is_database_url(args.to):
        raise InputError(
            "--to", args.to, "must be a PostgreSQL URL", "postgresql://pharmacy@server:5432/ldn_desk"
        )
    args.database = None  # the log moved is this computer's
    with open_log(args) as store:
        copied = store.move_to(args.to)
        source = store.location
    from ldn_desk.store.pg import shown

    return {"action": "move", "log": source, "to": shown(args.to), "copied": copied}


def _new(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.errors import InputError
    from ldn_desk.paths import log_path
    from ldn_desk.store import start_new_log

    if not args.yes:
        raise InputError("--yes", None, "is needed to start a new log (the current file is kept, moved aside)",
                         "ldn-desk log new --yes")  # fmt: skip
    target = log_path(args.data_dir)
    by = None
    if args.acting is not None:
        from ldn_desk.cli.commands.signing import Passwords, credentials

        by = credentials(args, Passwords(args))
    aside = start_new_log(target, by=by)
    return {"action": "new", "log": str(target), "moved_aside": None if aside is None else str(aside)}


def render(payload: dict[str, Any]) -> str:
    action = payload["action"]
    if action == "list":
        return _render_list(payload)
    if action == "show":
        return _render_record(payload)
    if action == "export":
        if payload["output"] == "-":
            return str(payload["csv"]).rstrip("\n")
        return f"Exported {payload['records']} records ({payload['rows']} rows) to {payload['output']}"
    if action == "backup":
        counts = payload["counts"]
        return f"Backup written and checked: {payload['output']} ({counts['record']} records, {counts['plan']} plans)"
    if action == "add":
        return f"Record {payload['id']} saved as a draft in {payload['log']}; sign it off when checked."
    if action in ("sign", "verify", "release"):
        if payload["meaning"] == "signed off":
            return f"Record {payload['id']} signed off; from now on it is corrected only by a new version."
        final = (
            "; from now on it is corrected only by a new version" if payload["meaning"] == "verified" else ""
        )
        return f"Record {payload['id']} {payload['meaning']}{final}.\n" + "\n".join(payload["signatures"])
    if action == "trail":
        return _render_trail(payload)
    if action == "reprint":
        if payload["as_first_printed"]:
            return (f"Wrote record {payload['id']} to {payload['file']} ({payload['pages']} pages), byte for byte "
                    f"as first printed (SHA-256 {payload['sha256']}).")  # fmt: skip
        return f"Wrote record {payload['id']} to {payload['file']} ({payload['pages']} pages).\nNote: {payload['note']}"
    if action == "recalculate":
        return str(payload["summary"])
    if action == "check":
        return _render_check(payload)
    if action == "init":
        granted = (f"; its workstations sign in as {', '.join(payload['workstations'])}, which can add to the log "
                   "but not change its rules" if payload["workstations"] else "")  # fmt: skip
        return (f"The shared log is ready at {payload['log']} (format {payload['schema_version']}, "
                f"{payload['records']} records){granted}")  # fmt: skip
    if action == "grant":
        handed = (
            f"handed over from {payload['handed_over_from']} to {payload['owner']}; "
            if payload["handed_over_from"]
            else ""
        )
        return (f"The shared log at {payload['database']}: {handed}owned by {payload['owner']}, the only role that can "
                f"change its rules; {', '.join(payload['workstations'])} can read it and add to it, nothing more")  # fmt: skip
    if action == "move":
        copied = payload["copied"]
        return (f"Moved {copied['record']} records, {copied['plan']} plans and all {copied['chain']} chain entries "
                f"from {payload['log']} to {payload['to']}, each checked against this log and the chain; this "
                "computer's file was left as it is. Use the shared database from now on (--database, or "
                "Settings → Log → Shared database)")  # fmt: skip
    aside = f"; the previous file was kept as {payload['moved_aside']}" if payload.get("moved_aside") else ""
    if action == "restore":
        dropped = (
            f"\nNot in the restored log (kept in the previous file): {payload['loss']}"
            if payload["loss"]
            else ""
        )
        return f"Restored {payload['records']} records from {payload['restored_from']}{aside}{dropped}"
    return f"Started a new log at {payload['log']}{aside}"


def _render_check(payload: dict[str, Any]) -> str:
    return (f"The log is sound: {payload['records']} records, format {payload['schema_version']}, its rules as "
            f"made and all {payload['chain_entries']} entries of its chain matching (last entry "
            f"{payload['chain_head'][:12]}; note it to prove later that nothing was cut off) ({payload['log']})"
            + "".join(f"\nCaution: {caution}" for caution in payload.get("cautions", ())))  # fmt: skip


def _render_trail(payload: dict[str, Any]) -> str:
    if not payload["entries"]:
        return "No changes in the audit trail" + (f" of record {payload['id']}." if payload["id"] else ".")
    lines = []
    for e in payload["entries"]:
        who = e["user"] + ("" if e["verified"] else " (unverified)")
        change = f"{e['field']}: {e['old'] if e['old'] is not None else '—'} → {e['new'] if e['new'] is not None else '—'}"
        why = f" — reason: {e['reason']}" if e["reason"] else ""
        lines.append(f"{e['at']}  {e['subject']} {e['subject_id']}  {e['action']}  {change}  by {who}{why}")
    if payload["output"]:
        lines.append(f"Written to {payload['output']}")
    return "\n".join(lines)


def _line(record: dict[str, Any]) -> str:
    status = record["status"] + (
        f", replaced by {record['superseded_by']}" if record["superseded_by"] else ""
    )
    lots = ", ".join(record["lots"]) or "none entered"
    return (f"{record['id']:>7}  {record['compounded_on']}  {record['kind']:<8}  {status:<20}  Rx {record['rx_number']}"
            f"  {record['patient']}  lots: {lots}")  # fmt: skip


def _render_list(payload: dict[str, Any]) -> str:
    records = payload["records"]
    if not payload["exists"]:
        return f"No log yet at {payload['log']}: it is made when the first record is saved."
    if not records:
        return "No records match."
    lines = [_line(record) for record in records]
    if payload["limited"]:
        lines.append(f"(first {len(records)} shown; use --limit or filters)")
    return "\n".join(lines)


def _render_record(payload: dict[str, Any]) -> str:
    record = payload["record"]
    lines = [
        f"Record {record['id']} ({record['status']}) — {record['kind']}, Rx {record['rx_number']}",
        f"Patient: {record['patient']}" + (f" ({record['patient_ref']})" if record["patient_ref"] else ""),
        f"Compounded: {record['compounded_on_text']} by {record['compounded_by']}",
        f"Checked by: {record['checked_by'] or '(not signed off)'}",
        *(
            payload["signatures"]
            or ["Signatures: none by a signed-in user (the names above are as typed, unverified)"]
        ),
        f"Do not use after: {record['bud_text']}",
    ]
    if record["supersedes"]:
        lines.append(f"Corrects record {record['supersedes']}: {record['reason'] or '(no reason given)'}")
    if record["superseded_by"]:
        lines.append(f"Replaced by record {record['superseded_by']}")
    lines.append("Ingredients:")
    for item in record["ingredients"]:
        lines.append(f"  - {item['name']}: maker {item['maker'] or '?'}, lot {item['lot'] or '?'}, "
                     f"expiry {item['expiry'] or '?'}, weighed {item['actual_amount'] or '?'}")  # fmt: skip
    if len(payload["versions"]) > 1:
        lines.append("Versions: " + " → ".join(str(version) for version in payload["versions"]))
    if record.get("content_sha256"):
        lines.append(f"Fingerprint: {record['content_sha256'][:12]} (printed on the record; SHA-256 of its content "
                     f"{record['content_sha256']})")  # fmt: skip
    if record["pdf_sha256"]:
        lines.append(f"Printed record: kept as first printed (SHA-256 {record['pdf_sha256']})")
    else:
        lines.append("Printed record: not kept (saved before the log kept them); a reprint is printed again")
    return "\n".join(lines)
