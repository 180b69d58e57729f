"""Render the first page of each printed document kind into docs/screenshots/ for the README.

    .venv/bin/python scripts/document_pictures.py

Each document is made by the command line (the same path a pharmacist uses), then its first page
is turned into a small PNG with pdftoppm (Debian's poppler-utils)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from ldn_desk.cli import main

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

PEOPLE = [
    "--patient",
    "Ann Lee",
    "--rx",
    "RX-1042",
    "--pharmacy",
    "Riverside Pharmacy",
    "--contact",
    "555 0100",
    "--prescriber",
    "Dr Priya Rao",
]
LIQUID = ["--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01"]

# pdftoppm's options for each picture beyond the page (a label is cut from its sheet).
CROP: dict[str, list[str]] = {"doc-label": ["-r", "110", "-x", "0", "-y", "60", "-W", "520", "-H", "190"]}

# The handout of the README's example plan (the large-print one adds --large-print).
PLAN = ["--start", "1.5 mg", "--step", "1.5 mg", "--every", "2 weeks", "--target", "4.5 mg"]
HANDOUT = ["handout", *PLAN, "--liquid", "1 mg/mL"]
HANDOUT += [
    "--start-date",
    "2026-12-01",
    "--date",
    "2026-12-01",
    "--patient",
    "Ann Lee",
    "--prescriber",
    "Dr Priya Rao",
    "--clinic",
    "Riverside Clinic",
    "--contact",
    "555 0100",
]

DOCUMENTS: dict[str, list[str]] = {
    "doc-handout": HANDOUT,
    "doc-handout-large": [*HANDOUT, "--large-print"],
    "doc-handout-es": [*HANDOUT, "--language", "es"],
    "doc-record": [
        "record",
        "liquid",
        *LIQUID,
        *PEOPLE,
        "--compounded-by",
        "T. Ng",
        "--checked-by",
        "M. Ortiz",
    ],
    "doc-label": ["label", "liquid", *LIQUID, *PEOPLE, "--dispensed", "2026-12-01"],
    "doc-mfr": ["mfr", "LDN-MFR-L1", "--pharmacy", "Riverside Pharmacy"],
}


def main_pictures() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, arguments in DOCUMENTS.items():
            pdf = Path(folder) / f"{name}.pdf"
            status = main([*arguments, "-o", str(pdf)])
            if status not in (0, None):
                sys.exit(f"{name}: ldn-desk {' '.join(arguments)} ended with status {status}")
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    *CROP.get(name, ["-r", "45"]),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(OUT / name),
                ],
                check=True,
            )
            print(OUT / f"{name}.png")


if __name__ == "__main__":
    main_pictures()
