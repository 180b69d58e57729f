"""ldn-desk users: add, list, disable, enable and unlock the log's users; the log's settings."""

from __future__ import annotations

import argparse
from typing import Any

from ldn_desk.cli.commands.options import add_log_location
from ldn_desk.cli.commands.signing import Passwords, add_acting, credentials

HELP = "the log's users: add, list, disable, enable, unlock; settings (one-person pharmacy, lock-out)"
ROLES = ("pharmacist", "technician", "prescriber", "administrator")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_log_location(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a new user (the log's first: its administrator, no --as needed)")
    add.add_argument("name", metavar="NAME", help="printed name, as signatures show it")
    add.add_argument("--initials", required=True, metavar="AB")
    add.add_argument("--role", required=True, metavar="ROLE", help="|".join(ROLES))
    add_acting(add, required=False, what="adding (an administrator; not for the log's first user)")
    actions.add_parser("list", help="every user, role and state")
    for name, help_text in (("disable", "a user can no longer sign in or sign"), ("enable", "enable again"),
                            ("unlock", "clear a lock-out after wrong passwords")):  # fmt: skip
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("name", metavar="NAME")
        sub.add_argument("--reason", required=True, metavar="TEXT", help="kept in the audit trail")
        add_acting(sub, required=True, what="doing it (an administrator)")
    setting = actions.add_parser("setting", help="one_person 0|1, lockout_after N")
    setting.add_argument("setting", metavar="NAME", choices=("one_person", "lockout_after"))
    setting.add_argument("value", metavar="N")
    setting.add_argument("--reason", required=True, metavar="TEXT", help="kept in the audit trail")
    add_acting(setting, required=True, what="changing it (an administrator)")
    for sub in actions.choices.values():
        add_log_location(sub, on_action=True)


def _user(user: Any) -> dict[str, Any]:
    return {"name": user.name, "initials": user.initials, "role": str(user.role), "active": user.active,
            "locked_failures": user.failed_logins}  # fmt: skip


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.log import open_log, parse_count

    action: str = args.action
    passwords = Passwords(args)
    if action == "list":
        with open_log(args) as store:
            return {"action": action, "users": [_user(user) for user in store.users()], **store.settings()}
    value = parse_count(args.value, "value", maximum=100, example="1") if action == "setting" else None
    with open_log(args, create=action == "add") as store:
        by = credentials(args, passwords) if args.acting else None
        if action == "add":
            password = passwords.read(f"New password for {args.name}")
            made = store.add_user(args.name, args.initials, args.role, password, by=by)
            return {"action": action, "user": _user(made)}
        assert by is not None
        if action == "setting":
            assert value is not None
            store.change_setting(args.setting, value, args.reason, by=by)
            return {"action": action, "setting": args.setting, "value": value}
        if action == "unlock":
            return {"action": action, "user": _user(store.unlock_user(args.name, args.reason, by=by))}
        changed = store.set_user_active(args.name, action == "enable", args.reason, by=by)
        return {"action": action, "user": _user(changed)}


def render(payload: dict[str, Any]) -> str:
    action = payload["action"]
    if action == "list":
        if not payload["users"]:
            return "No users yet: the first `ldn-desk users add NAME --initials AB --role administrator` makes one."
        lines = [f"{u['name']:<28} {u['initials']:<4} {u['role']:<13} {'active' if u['active'] else 'disabled'}"
                 for u in payload["users"]]  # fmt: skip
        lines.append(f"One-person pharmacy: {'on' if payload['one_person'] else 'off'}; "
                     f"lock-out after {payload['lockout_after']} wrong passwords")  # fmt: skip
        return "\n".join(lines)
    if action == "setting":
        return f"Setting {payload['setting']} is now {payload['value']}."
    user = payload["user"]
    done = {"add": "added", "disable": "disabled", "enable": "enabled", "unlock": "unlocked"}[action]
    return f"User {user['name']} ({user['initials']}, {user['role']}) {done}."
