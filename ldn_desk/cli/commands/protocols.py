"""ldn-desk protocols: the titration protocol library, each with its doses, review rule and source."""

from __future__ import annotations

import argparse
from typing import Any

HELP = "list the titration protocols in the library, with their sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond --json: the library is the whole answer."""


def run(args: argparse.Namespace) -> dict[str, Any]:
    from ldn_desk.cli.commands.common import mg_field, number
    from ldn_desk.desk import Desk
    from ldn_desk.units.dose_text import mg_text

    protocols = []
    for protocol in Desk().protocols():
        rule = protocol.review
        protocols.append(
            {
                "key": protocol.key,
                "name": protocol.name,
                "kind": protocol.kind,
                "description": protocol.description,
                "doses_mg": [number(d) for d in protocol.doses_mg],
                "doses_text": [mg_text(d) for d in protocol.doses_mg],
                "interval_days": protocol.interval_days,
                **mg_field("target_mg", protocol.target_mg),
                "step_mg": None if protocol.step_mg is None else number(protocol.step_mg),
                "step_mg_text": None if protocol.step_mg is None else mg_text(protocol.step_mg),
                "time_of_day": protocol.time_of_day,
                "review": {
                    "key": rule.key,
                    "name": rule.name,
                    "from_start_weeks": rule.from_start_weeks,
                    "at_target_weeks": rule.at_target_weeks,
                    "from_start_latest_weeks": rule.from_start_latest_weeks,
                    "at_target_latest_weeks": rule.at_target_latest_weeks,
                    "source": rule.source,
                },
                "source": protocol.source,
            }
        )
    return {"protocols": protocols}


def render(payload: dict[str, Any]) -> str:
    from ldn_desk.units.dose_text import days_text

    blocks = []
    for protocol in payload["protocols"]:
        doses = " → ".join(protocol["doses_text"])
        blocks.append(
            "\n".join(
                [
                    f"{protocol['key']}: {protocol['name']}",
                    f"  {protocol['description']}",
                    f"  Doses: {doses}, every {days_text(protocol['interval_days'])}; target {protocol['target_mg_text']}",
                    f"  Review: later of {protocol['review']['from_start_weeks']} weeks from the start and "
                    f"{protocol['review']['at_target_weeks']} weeks at the target",
                    f"  Source: {protocol['source']}",
                ]
            )
        )
    return "\n\n".join(blocks)
