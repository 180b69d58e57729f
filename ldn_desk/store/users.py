"""The log's users: name, initials, role, active or disabled; passwords as argon2id hashes only.

What each role may do is the one table `PERMISSIONS` below; every operation of the store that a
role limits asks `require(user, permission)` first, so a front end that forgets to hide a button
is still refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ldn_desk.errors import InputError
from ldn_desk.store import trail
from ldn_desk.store.errors import AccessError, SignInError


class Role(StrEnum):
    TECHNICIAN = "technician"
    PHARMACIST = "pharmacist"
    PRESCRIBER = "prescriber"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    SAVE_DRAFT = "save draft records"
    PREPARE = "sign a record as prepared"
    RECEIVE_LOT = "receive lots"
    QUARANTINE_LOT = "quarantine lots"
    VERIFY = "verify records"
    RELEASE = "release records"
    CORRECT_SIGNED = "correct signed records"
    APPROVE_FORMULA = "approve formulas"
    APPROVE_LOT = "approve lots"
    RECALL_LOT = "recall lots"
    SAVE_PLAN = "save plans"
    READ = "read the log"
    MANAGE_USERS = "manage users"
    CHANGE_SETTINGS = "change the log's settings"


_P = Permission
# The one table of what each role may do. A technician prepares (drafts, weights, lots received,
# a suspect lot put aside); a pharmacist does that and verifies, releases, approves and recalls;
# a prescriber reads and saves plans; an administrator manages users and settings, and signs
# nothing a pharmacy signs.
# fmt: off
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.TECHNICIAN: frozenset({_P.READ, _P.SAVE_DRAFT, _P.PREPARE, _P.RECEIVE_LOT, _P.QUARANTINE_LOT}),
    Role.PHARMACIST: frozenset({
        _P.READ, _P.SAVE_DRAFT, _P.PREPARE, _P.RECEIVE_LOT, _P.QUARANTINE_LOT, _P.VERIFY, _P.RELEASE,
        _P.CORRECT_SIGNED, _P.APPROVE_FORMULA, _P.APPROVE_LOT, _P.RECALL_LOT, _P.SAVE_PLAN,
    }),
    Role.PRESCRIBER: frozenset({_P.READ, _P.SAVE_PLAN}),
    Role.ADMINISTRATOR: frozenset({_P.READ, _P.MANAGE_USERS, _P.CHANGE_SETTINGS}),
}
# fmt: on

# argon2id at 46 MiB and one pass: OWASP's recommended minimum for argon2id (Password Storage
# Cheat Sheet: m=47104 KiB, t=1, p=1). About 0.05 s on this machine when idle and 0.2 s when it is
# busy, so a signature (one check of the password) stays under half a second
# (benchmarks/bench_signing.py), while every guess costs an attacker 46 MiB. The parameters travel
# inside each hash, so a later change of these numbers still reads every stored hash.
PASSWORD_TIME_COST = 1
PASSWORD_MEMORY_KIB = 47104
PASSWORD_PARALLELISM = 1
MIN_PASSWORD = 8


def hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=PASSWORD_TIME_COST, memory_cost=PASSWORD_MEMORY_KIB, parallelism=PASSWORD_PARALLELISM
    )


@dataclass(frozen=True)
class Credentials:
    """A user's name and password, as typed at the moment; the password is never shown."""

    name: str
    password: str = dataclasses.field(repr=False)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    initials: str
    role: Role
    active: bool
    failed_logins: int
    created_at: str

    def may(self, permission: Permission) -> bool:
        return self.active and permission in PERMISSIONS[self.role]

    def public(self) -> dict[str, object]:
        """What the audit trail and a listing show of a user (never the hash)."""
        return {"name": self.name, "initials": self.initials, "role": str(self.role), "active": self.active}


def password_fingerprint(password_hash: str) -> str:
    """What the audit trail keeps of a password hash: its SHA-256, so a hash replaced outside the
    program (to sign as someone) is found by the log's check; the hash itself stays in one place."""
    return "sha256:" + hashlib.sha256(password_hash.encode()).hexdigest()


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def checked_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError("name", None, "is required: the user's printed name", "Ann Lee")
    text = " ".join(name.split())
    if len(text) > 80 or not all(char.isprintable() for char in text):
        raise InputError("name", text[:40], "must be a printed name of at most 80 characters", "Ann Lee")
    return text


def checked_initials(initials: object) -> str:
    text = initials.strip() if isinstance(initials, str) else ""
    if not (1 <= len(text) <= 4 and text.isalpha()):
        raise InputError("initials", text or None, "must be 1 to 4 letters", "AL")
    return text.upper()


def checked_role(role: object) -> Role:
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        raise InputError("role", str(role), f"must be one of {', '.join(Role)}", "pharmacist") from None


def checked_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InputError("password", None, f"must be at least {MIN_PASSWORD} characters", "a passphrase")
    if password != password.strip() or "\n" in password:
        raise InputError("password", None, "must not begin or end with spaces", "a passphrase")
    return password


def _user(row: sqlite3.Row) -> User:
    return User(id=int(row["id"]), name=row["name"], initials=row["initials"], role=Role(row["role"]),
                active=bool(row["active"]), failed_logins=int(row["failed_logins"]),
                created_at=row["created_at"])  # fmt: skip


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM desk_user").fetchone()[0])


def all_users(conn: sqlite3.Connection) -> list[User]:
    return [_user(row) for row in conn.execute("SELECT * FROM desk_user ORDER BY name_key")]


def find(conn: sqlite3.Connection, name: str) -> User:
    row = conn.execute("SELECT * FROM desk_user WHERE name_key = ?", (name_key(str(name)),)).fetchone()
    if row is None:
        raise SignInError(f"there is no user {str(name)!r} in this log; `ldn-desk users list` shows them")
    return _user(row)


def still(conn: sqlite3.Connection, user: User) -> User:
    """The signed-in user as the log holds them now, read inside the write transaction that does
    their work: a user disabled (or whose role changed) between the password check and the save
    is refused by what follows, never saved under a state they no longer have."""
    row = conn.execute("SELECT * FROM desk_user WHERE id = ?", (user.id,)).fetchone()
    fresh = _user(row)
    if not fresh.active:
        raise SignInError(f"{fresh.name} was disabled after signing in; nothing was saved")
    return fresh


def carry_over(source: sqlite3.Connection, target: sqlite3.Connection, actor: User, *, now: str,
               reason: str) -> int:  # fmt: skip
    """Copy the team of the log being replaced (`source`) into the new, empty log (`target`):
    every user with their number, role, state, lock-out count and password hash, and the log's
    settings; each lands in the new log's audit trail as carried over by `actor` (an administrator
    of the old log), so the new log's check finds them added in LDN Desk. Returns the users copied."""
    columns = "id, name, name_key, initials, role, active, password_hash, failed_logins, created_at"
    rows = source.execute(f"SELECT {columns} FROM desk_user ORDER BY id").fetchall()
    for row in rows:  # all the users first: the trail's entries name the administrator by number
        target.execute(f"INSERT INTO desk_user ({columns}) VALUES ({', '.join('?' * 9)})", tuple(row))
    actor = still(target, actor)  # as the old log holds them now, under its write lock
    require(actor, Permission.MANAGE_USERS)
    for row in rows:
        made = _user(target.execute("SELECT * FROM desk_user WHERE id = ?", (row[0],)).fetchone())
        kept = made.public() | {"password": password_fingerprint(str(row[6]))}
        trail.add(target, actor.id, actor.name, "user", str(made.id), "added", "user", None,
                  json.dumps(kept, sort_keys=True), reason, now=now)  # fmt: skip
    for name, value in source.execute("SELECT name, value FROM setting ORDER BY name").fetchall():
        old = setting(target, name)
        if old != int(value):
            target.execute("UPDATE setting SET value = ? WHERE name = ?", (int(value), name))
            trail.add(target, actor.id, actor.name, "setting", name, "changed", name, json.dumps(old),
                      json.dumps(int(value)), reason, now=now)  # fmt: skip
    return len(rows)


def setting(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute("SELECT value FROM setting WHERE name = ?", (name,)).fetchone()[0])


def authenticate(conn: sqlite3.Connection, credentials: Credentials, *, now: str) -> User:
    """The user, if the password is theirs and they may sign in; a wrong password counts towards
    the lock-out (the count is written even though the caller's work is refused)."""
    if not isinstance(credentials, Credentials):
        raise InputError("user", None, "needs a name and password", "--as 'Ann Lee'")
    user = find(conn, credentials.name)
    if not user.active:
        raise SignInError(
            f"{user.name} is disabled and cannot sign in or sign; an administrator can tell why"
        )
    limit = setting(conn, "lockout_after")
    if limit and user.failed_logins >= limit:
        raise SignInError(f"{user.name} is locked out after {user.failed_logins} wrong passwords; an "
                          "administrator unlocks the account (`ldn-desk users unlock`)")  # fmt: skip
    stored = conn.execute("SELECT password_hash FROM desk_user WHERE id = ?", (user.id,)).fetchone()[0]
    try:
        hasher().verify(stored, credentials.password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        conn.execute("UPDATE desk_user SET failed_logins = failed_logins + 1 WHERE id = ?", (user.id,))
        left = limit - user.failed_logins - 1 if limit else None
        more = f"; {left} more and the account is locked" if left and left > 0 else ""
        if left == 0:
            more = "; the account is now locked (an administrator unlocks it)"
        raise SignInError(f"wrong password for {user.name}{more}") from None
    if user.failed_logins:
        conn.execute("UPDATE desk_user SET failed_logins = 0 WHERE id = ?", (user.id,))
        user = dataclasses.replace(user, failed_logins=0)
    return user


def require(user: User, permission: Permission) -> None:
    if not user.may(permission):
        allowed = " or ".join(
            sorted(str(role) for role, granted in PERMISSIONS.items() if permission in granted)
        )
        raise AccessError(f"{user.name} is {_a(user.role)}; only {_a(allowed)} may {permission}")


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def add(conn: sqlite3.Connection, actor: User | None, name: str, initials: str, role: str, password: str, *,
        now: str) -> User:  # fmt: skip
    """A new user. The first user of a log is its administrator and needs no acting user."""
    made_role = checked_role(role)
    printed = checked_name(name)
    short = checked_initials(initials)
    checked_password(password)
    if actor is None:
        if count(conn):
            raise AccessError("the log has users: adding one needs an administrator (--as NAME)")
        if made_role is not Role.ADMINISTRATOR:
            raise InputError("role", str(made_role), "of the log's first user must be administrator",
                             "--role administrator")  # fmt: skip
    else:
        require(actor, Permission.MANAGE_USERS)
    if conn.execute("SELECT 1 FROM desk_user WHERE name_key = ?", (name_key(printed),)).fetchone():
        raise InputError("name", printed, "is already a user of this log", "a different name")
    password_hash = hasher().hash(password)
    cursor = conn.execute(
        """INSERT INTO desk_user (name, name_key, initials, role, active, password_hash, created_at)
           VALUES (?, ?, ?, ?, 1, ?, ?)""",
        (printed, name_key(printed), short, str(made_role), password_hash, now),
    )
    made = find(conn, printed)
    assert cursor.lastrowid == made.id
    kept = made.public() | {"password": password_fingerprint(password_hash)}
    trail.add(conn, actor.id if actor else None, actor.name if actor else printed, "user", str(made.id),
              "added", "user", None, json.dumps(kept, sort_keys=True), "", now=now)  # fmt: skip
    return made


def set_active(
    conn: sqlite3.Connection, actor: User, name: str, active: bool, reason: str, *, now: str
) -> User:
    require(actor, Permission.MANAGE_USERS)
    target = find(conn, name)
    why = trail.checked_reason(reason, required=True, example="left the pharmacy")
    if target.active == active:
        raise InputError("user", target.name, f"is already {'active' if active else 'disabled'}")
    if not active and target.id == actor.id:
        raise InputError("user", target.name, "cannot disable the account signed in", "another administrator")
    conn.execute("UPDATE desk_user SET active = ? WHERE id = ?", (int(active), target.id))
    trail.add(conn, actor.id, actor.name, "user", str(target.id), "enabled" if active else "disabled", "active",
              json.dumps(target.active), json.dumps(active), why, now=now)  # fmt: skip
    return find(conn, name)


def unlock(conn: sqlite3.Connection, actor: User, name: str, reason: str, *, now: str) -> User:
    require(actor, Permission.MANAGE_USERS)
    target = find(conn, name)
    why = trail.checked_reason(reason, required=True, example="forgot the password; identity checked")
    conn.execute("UPDATE desk_user SET failed_logins = 0 WHERE id = ?", (target.id,))
    trail.add(conn, actor.id, actor.name, "user", str(target.id), "unlocked", "failed_logins",
              json.dumps(target.failed_logins), json.dumps(0), why, now=now)  # fmt: skip
    return find(conn, name)


def change_setting(
    conn: sqlite3.Connection, actor: User, name: str, value: int, reason: str, *, now: str
) -> None:
    require(actor, Permission.CHANGE_SETTINGS)
    if name not in ("one_person", "lockout_after"):
        raise InputError("setting", name, "is not a setting of the log", "one_person")
    if name == "one_person" and value not in (0, 1):
        raise InputError("one_person", str(value), "must be on (1) or off (0)", "1")
    if name == "lockout_after" and not 0 <= value <= 100:
        raise InputError("lockout_after", str(value), "must be 0 (never) to 100 wrong passwords", "5")
    why = trail.checked_reason(reason, required=True, example="a one-pharmacist clinic")
    old = setting(conn, name)
    conn.execute("UPDATE setting SET value = ? WHERE name = ?", (int(value), name))
    trail.add(conn, actor.id, actor.name, "setting", name, "changed", name, json.dumps(old), json.dumps(value),
              why, now=now)  # fmt: skip
