"""The pharmacy team's documents: a record's signatures and audit trail, and a lot's recall list.

The compounding record's PDF is printed before anyone signs it and is kept byte for byte, so the
signatures are printed on a sheet of their own that names the record and its fingerprint; the
recall list is what a pharmacist works through when a maker recalls a lot.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from ldn_desk.documents.pdfbase import PageSetup, build_pdf, grid_table, make_styles, markup, para

SIGNATURES_TITLE = "Signatures and audit trail"
RECALL_TITLE = "Lot recall list"


def _when(moment: str) -> str:
    return moment.replace("T", " ").replace("+00:00", " UTC")


def _shown(value: str | None) -> str:
    """A trail value as a person reads it: text as text, an object as "name: value" lines."""
    if value is None:
        return "—"
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if isinstance(data, dict):
        return "; ".join(f"{key.replace('_', ' ')}: {_shown(json.dumps(item))}" for key, item in data.items())
    if isinstance(data, bool):
        return "yes" if data else "no"
    if isinstance(data, list):
        return "; ".join(_shown(json.dumps(item)) for item in data)
    return str(data)


def _cells(rows: Sequence[Sequence[str]], style: Any) -> list[list[Flowable]]:
    return [[Paragraph(markup(str(text), "cell"), style) for text in row] for row in rows]


def signature_sheet_pdf(record: Any, signatures: Sequence[Any], trail: Sequence[Any], fingerprint: str,
                        setup: PageSetup | None = None) -> bytes:  # fmt: skip
    """Each signature of the record with its meaning, signer's printed name and role, and time,
    then every change of the audit trail (who, when, old and new value, reason)."""
    setup = setup or PageSetup()
    styles = make_styles(10)
    story: list[Flowable] = [
        para(f"{SIGNATURES_TITLE}: record {record.id}", styles.title),
        para(
            f"Rx {record.rx_number} · {record.kind} · compounded {record.compounded_on.isoformat()} · "
            f"fingerprint {fingerprint} (as printed on the compounding record)",
            styles.body,
        ),
        para("Signatures", styles.heading),
    ]
    if signatures:
        story += [para(signature.line(), styles.body) for signature in signatures]
    else:
        names = f"compounded by {record.compounded_by}" + (f", checked by {record.checked_by}" if record.checked_by
                                                            else "")  # fmt: skip
        story.append(para(f"No signature by a signed-in user. The names on the record ({names}) were typed, "
                          "not signed: unverified.", styles.body))  # fmt: skip
    story.append(para("Audit trail", styles.heading))
    if trail:
        head = ("When", "Who", "What", "Old value", "New value", "Reason")
        rows = [head] + [(_when(e.at), e.user + ("" if e.verified else " (unverified)"),
                          f"{e.action}: {e.field}", _shown(e.old), _shown(e.new), e.reason or "—") for e in trail]  # fmt: skip
        width = setup.frame_width
        widths = [width * share for share in (0.16, 0.16, 0.18, 0.18, 0.18, 0.14)]
        story.append(grid_table(_cells(rows, styles.cell), widths))
    else:
        story.append(para("No changes recorded.", styles.body))

    def footer(page: int, pages: int) -> str:
        return f"{SIGNATURES_TITLE} · record {record.id} · page {page} of {pages}"

    return build_pdf(story, setup, styles, title=f"{SIGNATURES_TITLE}: record {record.id}", author="LDN Desk",
                     footer=footer)  # fmt: skip


def recall_pdf(lot: Any, lines: Sequence[Any], reason: str, setup: PageSetup | None = None) -> bytes:
    """Every record that used the lot, with its patient and Rx, to contact and to check off."""
    setup = setup or PageSetup()
    styles = make_styles(10)
    story: list[Flowable] = [
        para(f"{RECALL_TITLE}: lot {lot.lot}", styles.title),
        para(
            f"{lot.name}, {lot.maker}; expiry {lot.expiry.isoformat()}; status {lot.status}. Reason: {reason}",
            styles.body,
        ),
        para(f"{len(lines)} record{'s' if len(lines) != 1 else ''} used this lot.", styles.bold),
    ]
    if lines:
        head = ("Record", "Compounded", "Rx", "Patient", "Status", "Contacted")
        rows = [head] + [(str(x.record_id), x.compounded_on, x.rx_number,
                          x.patient + (f" ({x.patient_ref})" if x.patient_ref else ""), x.status, "☐")
                         for x in lines]  # fmt: skip
        width = setup.frame_width
        widths = [width * share for share in (0.1, 0.16, 0.16, 0.34, 0.12, 0.12)]
        story.append(grid_table(_cells(rows, styles.cell), widths))

    def footer(page: int, pages: int) -> str:
        return f"{RECALL_TITLE} · lot {lot.lot} · page {page} of {pages}"

    return build_pdf(story, setup, styles, title=f"{RECALL_TITLE}: lot {lot.lot}", author="LDN Desk",
                     footer=footer)  # fmt: skip
