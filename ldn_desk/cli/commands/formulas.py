"""ldn-desk formulas: the master formulas (resources/mfr.toml) and their state in the log — draft,
approved (by which pharmacist, when) or superseded — and a pharmacist's approval of a version."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.options import add_log_location
from ldn_desk.cli.commands.signing import Passwords, add_acting, credentials

HELP = "master formulas in the log: list, show, approve (a pharmacist's signature)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_log_location(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every formula, its version and its state in the log")
    show = actions.add_parser("show", help="one formula: its versions, approvals and audit trail")
    show.add_argument("mfr", metavar="ID", help="e.g. LDN-MFR-L1")
    approve = actions.add_parser("approve", help="approve the formula's current version (a pharmacist)")
    approve.add_argument("mfr", metavar="ID", help="e.g. LDN-MFR-L1")
    add_acting(approve, required=True, what="approving (a pharmacist)")
    for sub in actions.choices.values():
        add_log_location(sub, on_action=True)


def _state(mfr: Any, known: list[Any], sha: str) -> dict[str, Any]:
    mine = next((v for v in known if v.version == mfr.version), None)
    if mine is None:
        status, by, at = "draft", "", ""
    else:
        status = mine.status if mine.content_sha256 == sha else "changed since approval: needs a new version"
        by, at = mine.approved_by, mine.approved_at
    return {"id": mfr.id, "version": mfr.version, "title": mfr.title, "status": status, "approved_by": by,
            "approved_at": at, "sha256": sha}  # fmt: skip


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.log import open_log
    from ldn_desk.desk import Desk
    from ldn_desk.desk.records import mfr_sha

    desk = Desk()
    chosen = [desk.mfr(args.mfr)] if args.action != "list" else list(desk.mfrs())
    with open_log(args, create=args.action == "approve") as store:
        if args.action == "approve":
            mfr = chosen[0]
            by = credentials(args, Passwords(args))
            store.approve_formula(mfr.id, mfr.version, mfr_sha(mfr)["sha256"], by)
        rows = [_state(mfr, store.formula_versions(mfr.id), mfr_sha(mfr)["sha256"]) for mfr in chosen]
        payload: dict[str, Any] = {"action": args.action, "formulas": rows}
        if args.action == "show":
            payload["versions"] = [vars(v) for v in store.formula_versions(chosen[0].id)]
            payload["trail"] = [
                e.as_dict() for e in store.trail("formula") if e.subject_id.startswith(chosen[0].id)
            ]
    return payload


def render(payload: dict[str, Any]) -> str:
    lines = []
    for row in payload["formulas"]:
        who = f" by {row['approved_by']} {row['approved_at']}" if row["approved_by"] else ""
        lines.append(f"{row['id']:<12} v{row['version']}  {row['status']}{who}  {row['title']}")
    for version in payload.get("versions", []):
        lines.append(f"  version {version['version']}: {version['status']}, approved by {version['approved_by']} "
                     f"{version['approved_at']}")  # fmt: skip
    if payload["action"] == "approve":
        lines.insert(
            0, f"Approved {payload['formulas'][0]['id']} version {payload['formulas'][0]['version']}."
        )
    return "\n".join(lines)
