"""What the Log page shows of one record: who, what, lots, results, and every version's changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ui.i18n import app_speaking, core_text, translate
from ui.pages.base import bullet_list, key_values, section
from ui.widgets.text import safe_html

_FIELD_NAMES = {
    "rx_number": "Rx number",
    "patient": "patient",
    "patient_ref": "patient identifier",
    "compounded_on": "date compounded",
    "bud": "BUD",
    "compounded_by": "compounded by",
    "kind": "kind",
}
_INGREDIENT_NAMES = {
    "name": "name",
    "maker": "maker",
    "lot": "lot",
    "expiry": "expiry",
    "actual_amount": "amount",
}
# Unit endings of the results' keys: the *_text sibling already says the unit.
_UNIT_ENDINGS = ("_mg_per_ml", "_g_per_ml", "_mg", "_ml", "_percent")
_SKIPPED_RESULTS = {
    "compounded",
    "bud",
    "warnings",
    "alerts",
    "steps",
    "ingredients",
    "dilution",
    "aliquot",
    "qc",
}


def _label(key: str) -> str:
    for ending in _UNIT_ENDINGS:
        if key.endswith(ending):
            key = key[: -len(ending)]
            break
    words = key.replace("_", " ").strip()
    words = (
        words.replace("hcl", "HCl").replace("api", "drug powder").replace("bud", "BUD").replace("mwq", "MWQ")
    )
    words = words.replace("qc ", "QC ")
    return translate(words[:1].upper() + words[1:])


def _amount_text(key: str, value: float) -> str | None:
    """A number whose key names its unit, in the safe printed form (1 mg, never 1.0 mg)."""
    from ldn_desk.units.dose_text import g_per_ml_text, mg_per_ml_text, mg_text, ml_text, percent_text

    for ending, shown in (
        ("_mg_per_ml", mg_per_ml_text),
        ("_g_per_ml", g_per_ml_text),
        ("_mg", mg_text),
        ("_ml", ml_text),
        ("_percent", percent_text),
    ):
        if key.endswith(ending):
            return shown(float(value))
    return None


def data_rows(data: Mapping[str, Any], skipped: Sequence[str] = ()) -> list[tuple[str, str]]:
    """A record's versioned inputs or results as a person reads them: each plain value by its
    name, amounts in their safe form; lists and parts (steps, BUD, alerts) are shown elsewhere."""
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        if key in ("format", "kind", *skipped) or value is None or value == "":
            continue
        if isinstance(value, dict | list | bool) or f"{key}_name" in data:
            continue
        text = _amount_text(key, value) if isinstance(value, int | float) else None
        rows.append((_label(key), str(value) if text is None else text))
    return rows


def result_rows(results: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The saved results a person reads: every number by its safe `_text` form, and plain words."""
    if "format" in results:
        return data_rows(results)
    rows: list[tuple[str, str]] = []
    for key, value in results.items():
        if key in _SKIPPED_RESULTS or key.endswith("_text") or isinstance(value, dict | list | bool):
            continue
        if f"{key}_name" in results:  # "formula": "water" beside "formula_name": the name says it
            continue
        text = results.get(f"{key}_text", value)
        if text is None or text == "":
            continue
        rows.append((_label(key), str(text)))
    return rows


def option_text(value: Any) -> str:
    """An option as a person reads it: amounts through the core's formatter, other words as saved."""
    from ldn_desk.errors import LdnDeskError
    from ldn_desk.units.dose_text import g_per_ml_text, quantity_text
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    text = str(value)
    if not any(char.isalpha() or char == "%" for char in text):
        return text  # a count or a date: no unit to read
    for kind in (Kind.MASS, Kind.VOLUME, Kind.CONCENTRATION, Kind.PERCENT, Kind.DENSITY):
        try:
            amount = parse_quantity(text, kind, "option", allow_zero=True)
        except LdnDeskError:
            continue
        return g_per_ml_text(magnitude(amount, "g/mL")) if kind is Kind.DENSITY else quantity_text(amount)
    return text


def input_rows(inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The recipe's options as saved, without the ones left out; amounts in their safe form."""
    if "format" in inputs:
        # A tablet batch takes no certificate values, a powder batch no tablet strength.
        unused = {
            "tablets": ("potency_percent", "water_percent", "powder_salt"),
            "powder": ("tablet_strength_mg",),
        }.get(str(inputs.get("source")), ())
        return data_rows(inputs, unused)
    return [
        (_label(key), option_text(value)) for key, value in inputs.items() if value not in (None, "", False)
    ]


def _show(value: Any) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"“{text}”" if text else translate("(empty)")


def changes_between(old: Any, new: Any) -> list[str]:
    """What a correction changed, field by field, in words."""
    changed: list[str] = []
    for key, name in _FIELD_NAMES.items():
        if getattr(old, key) != getattr(new, key):
            changed.append(f"{translate(name)}: {_show(getattr(old, key))} → {_show(getattr(new, key))}")
    lines_old, lines_new = old.ingredients, new.ingredients
    for position in range(max(len(lines_old), len(lines_new))):
        if position >= len(lines_old):
            changed.append(
                translate("ingredient {number} added: {name}").format(
                    number=position + 1, name=lines_new[position].name
                )
            )
            continue
        if position >= len(lines_new):
            changed.append(
                translate("ingredient {number} removed: {name}").format(
                    number=position + 1, name=lines_old[position].name
                )
            )
            continue
        before, after = lines_old[position], lines_new[position]
        for key, name in _INGREDIENT_NAMES.items():
            if getattr(before, key) != getattr(after, key):
                changed.append(
                    translate("ingredient {number} ({name}) {field}: {old} → {new}").format(
                        number=position + 1,
                        name=after.name,
                        field=translate(name),
                        old=_show(getattr(before, key)),
                        new=_show(getattr(after, key)),
                    )
                )
    for key in sorted(set(old.document) | set(new.document)):
        if old.document.get(key) != new.document.get(key):
            changed.append(
                f"{key}: {_show(old.document.get(key) or '')} → {_show(new.document.get(key) or '')}"
            )
    if old.inputs != new.inputs:
        changed.append(translate("recipe options changed"))
    if old.results != new.results:
        changed.append(translate("results changed"))
    return changed or [translate("nothing but the version (no field changed)")]


def when(stamp: str | None) -> str:
    """'22 November 2026, 02:18 (UTC+01:00)': the log keeps UTC, people read their own clock."""
    from ldn_desk.units.dates import local_time_text

    return local_time_text(stamp)


def _who(record: Any) -> str:
    if record.signed:
        return translate("signed off by {name} on {when}").format(
            name=record.checked_by, when=when(record.signed_at)
        )
    return translate("draft, not signed off")


def history_lines(history: Sequence[Any], shown_id: int) -> list[str]:
    """One line per version, first first: when saved, signed or not, and what the correction changed."""
    lines: list[str] = []
    for number, version in enumerate(history, 1):
        here = translate(" — shown") if version.id == shown_id else ""
        line = translate("Version {number} (record {id}), saved {when}, {who}{here}.").format(
            number=number, id=version.id, when=when(version.created_at), who=_who(version), here=here
        )
        if number > 1:
            reason = version.reason or translate("no reason given")
            line += translate(" Correction ({reason}): {changes}.").format(
                reason=reason, changes="; ".join(changes_between(history[number - 2], version))
            )
        lines.append(line)
    return lines


def ingredients_html(record: Any) -> str:
    if not record.ingredients:
        return f"<p>{safe_html(translate('No ingredient lines entered.'))}</p>"
    header = "".join(
        f"<th align='left' style='padding:2px 12px 2px 0px'>{safe_html(translate(name))}</th>"
        for name in ("Ingredient", "Maker", "Lot", "Expiry", "Actual amount")
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td style='padding:2px 12px 2px 0px'>{safe_html(value) or '—'}</td>"
            for value in (item.name, item.maker, item.lot, item.expiry, item.actual_amount)
        )
        + "</tr>"
        for item in record.ingredients
    )
    return f"<table cellspacing='0'><tr>{header}</tr>{rows}</table>"


def headline(record: Any) -> str:
    kind = translate("Liquid" if record.kind == "liquid" else "Capsules")
    status = translate("signed off" if record.signed else "draft")
    return translate("Record {id}: {kind}, Rx {rx} ({status})").format(
        id=record.id, kind=kind, rx=record.rx_number, status=status
    )


def alerts(record: Any) -> list[tuple[str, str]]:
    """(level, text) beside the headline: the record's state first, then the recipe's own alerts."""
    shown: list[tuple[str, str]] = []
    if record.superseded_by is not None:
        shown.append(
            (
                "caution",
                translate("Corrected: record {id} is the newer version of this record.").format(
                    id=record.superseded_by
                ),
            )
        )
    if not record.signed:
        shown.append(
            ("note", translate("Draft: not signed off yet. Sign off once checked; it is final from then on."))
        )
    for alert in record.results.get("alerts", []):
        if isinstance(alert, dict) and alert.get("text"):
            shown.append((str(alert.get("level", "note")), str(alert["text"])))
    return shown


def printed_text(record: Any) -> str:
    """Whether the log keeps the record's PDF as first printed, and its fingerprint."""
    if record.pdf_sha256:
        return translate("kept as first printed (SHA-256 {hash}…)").format(hash=record.pdf_sha256[:16])
    return translate("not kept: saved before the log kept printed records, so a reprint is printed again")


def signature_lines(record: Any, signatures: Sequence[Any]) -> list[str]:
    """Each signature with its meaning, printed name, role and time; typed names marked unverified."""
    if signatures:
        return [core_text(signature.line()) for signature in signatures]
    typed = translate("compounded by {name}").format(name=record.compounded_by)
    if record.checked_by:
        typed += translate(", checked by {name}").format(name=record.checked_by)
    return [
        translate(
            "None by a signed-in user: the names on the record were typed ({typed}), unverified"
        ).format(typed=typed)
    ]


def trail_lines(trail: Sequence[Any]) -> list[str]:
    lines = []
    for entry in trail:
        who = entry.user + ("" if entry.verified else translate(" (unverified)"))
        why = translate(" — reason: {reason}").format(reason=entry.reason) if entry.reason else ""
        lines.append(
            translate("{when}: {action} ({field}) by {who}{why}").format(
                when=when(entry.at), action=entry.action, field=entry.field, who=who, why=why
            )
        )
    return lines


def record_html(record: Any, history: Sequence[Any], signatures: Sequence[Any] = (),
                trail: Sequence[Any] = ()) -> str:  # fmt: skip
    """The details panel: who and when, signatures, ingredients with lots, results, steps, versions,
    trail. The labels and dates are in the app's language; the record's own values as recorded."""
    from ldn_desk.units.dates import long_date

    t = translate

    patient = record.patient + (f" ({record.patient_ref})" if record.patient_ref else "")
    facts = [
        (t("Patient"), patient),
        (t("Rx number")[:1].upper() + t("Rx number")[1:], record.rx_number),
        (t("Compounded on"), long_date(record.compounded_on)),
        (t("Compounded by"), record.compounded_by),
        (t("Checked by"), record.checked_by or t("not signed off yet")),
        (t("Status"), t("Signed off" if record.signed else "Draft")),
        (t("Beyond-use date"), long_date(record.bud)),
        (t("Printed record"), printed_text(record)),
    ]
    html = section(t("Record"), key_values(facts))
    html += section(t("Signatures"), bullet_list(signature_lines(record, signatures)))
    html += section(t("Versions"), bullet_list(history_lines(history, record.id)))
    html += section(t("Ingredients, makers and lots"), ingredients_html(record))
    html += section(t("Results when saved"), key_values(result_rows(record.results)))
    html += section(t("Recipe options"), key_values(input_rows(record.inputs)))
    steps = record.results.get("steps")
    if isinstance(steps, list) and steps:
        html += section(t("Steps"), bullet_list((str(step) for step in steps), numbered=True))
    if trail:
        html += section(t("Audit trail"), bullet_list(trail_lines(trail)))
    return html


def record_view(
    record: Any, history: Sequence[Any], signatures: Sequence[Any] = (), trail: Sequence[Any] = ()
) -> tuple[str, list[tuple[str, str]], str]:
    """The headline, alerts and details of a record, with its dates in the app's language."""
    with app_speaking():
        return headline(record), alerts(record), record_html(record, history, signatures, trail)
