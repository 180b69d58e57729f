"""What restoring an older backup would drop from the active log: record numbers, dates, patients."""

from __future__ import annotations

from dataclasses import dataclass

_SHOWN = 8  # records named in a message; the rest are counted


@dataclass(frozen=True)
class LostRecord:
    """A record of the active log that a restore would drop, or whose sign-off it would undo."""

    id: int
    compounded_on: str  # ISO date
    status: str
    sign_off_only: bool = False  # the backup holds the record, but still as a draft

    def describe(self) -> str:
        return f"{self.id} ({self.compounded_on}, {'its sign-off' if self.sign_off_only else self.status})"


@dataclass(frozen=True)
class Loss:
    """What the active log holds that a backup lacks: records (with their dates), patients, plans."""

    records: tuple[LostRecord, ...] = ()
    patients: int = 0
    plan_versions: tuple[tuple[int, int], ...] = ()  # (plan, version)
    # The team's rows the backup lacks, as (table, id): signatures, audit-trail entries, users,
    # formula approvals and lots. A restore that drops them drops who signed, approved or changed what.
    team_rows: tuple[tuple[str, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.records or self.plan_versions or self.team_rows)

    def within(self, accepted: Loss | None) -> bool:
        """True when every loss here was among those the person accepted."""
        if not self:
            return True
        if accepted is None:
            return False
        return (
            set(self.records) <= set(accepted.records)
            and set(self.plan_versions) <= set(accepted.plan_versions)
            and set(self.team_rows) <= set(accepted.team_rows)
        )

    def describe(self, shown: int = _SHOWN) -> str:
        """The loss in one line: how many records, for how many patients, which (the first `shown`)."""
        parts = []
        if self.records:
            named = ", ".join(record.describe() for record in self.records[:shown])
            more = f" and {len(self.records) - shown} more" if len(self.records) > shown else ""
            patients = f"{self.patients} patient{'s' if self.patients != 1 else ''}"
            parts.append(
                f"{len(self.records)} record{'s' if len(self.records) != 1 else ''} ({patients}): {named}{more}"
            )
        if self.plan_versions:
            count = len(self.plan_versions)
            parts.append(f"{count} saved plan version{'s' if count != 1 else ''}")
        for table, (one, many) in TEAM_TABLES.items():
            count = sum(1 for lost_table, _ in self.team_rows if lost_table == table)
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return "; ".join(parts)


# The team's tables a restore compares by id, with what one row and several are called.
TEAM_TABLES = {
    "signature": ("signature", "signatures"),
    "audit_trail": ("audit-trail entry", "audit-trail entries"),
    "desk_user": ("user", "users"),
    "formula_version": ("formula approval", "formula approvals"),
    "lot": ("lot", "lots"),
}
