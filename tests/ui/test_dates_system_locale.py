"""English dates are English on any computer: the app's toolkit sets the process locale from the
system (on Unix, QApplication calls setlocale(LC_ALL, "")), so month names taken from the C
library would print "noviembre" in an English handout on a Spanish computer.

The Spanish system locale is generated for the test with localedef into a private folder
(LOCPATH), and the check runs in a fresh process with LANG=es_ES.UTF-8 and a QApplication made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_CHECK = r"""
import datetime as dt, json, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ldn_desk.documents.review import _week_label
from ldn_desk.units import dates
from ldn_desk.units.language import speaking
day = dt.date(2026, 11, 30)
found = {"system": time.strftime("%B", day.timetuple())}
with speaking("en"):
    found["en"] = [dates.long_date(day), dates.short_date(day), dates.month_name(day), _week_label(1, day),
                   bool(dates.written_dates("en").search("change of bottle on 30 November 2027"))]
with speaking("es"):
    found["es"] = [dates.long_date(day), dates.short_date(day), dates.month_name(day), _week_label(1, day)]
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def spanish_system(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("localedef is not installed: no Spanish system locale can be made")
    folder = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        [localedef, "-i", "es_ES", "-f", "UTF-8", str(folder / "es_ES.UTF-8")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if not (folder / "es_ES.UTF-8").is_dir():
        pytest.skip(f"the es_ES locale sources are missing: {made.stderr.strip()}")
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    return {**env, "LOCPATH": str(folder), "LANG": "es_ES.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def test_english_dates_stay_english_on_a_spanish_computer(spanish_system: dict[str, str]) -> None:
    import json

    done = subprocess.run(
        [sys.executable, "-c", _CHECK], env=spanish_system, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[2], check=True, timeout=120,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # The case this guards: the process locale is Spanish once the app starts.
    assert found["system"] == "noviembre"
    assert found["en"] == ["30 November 2026", "30 Nov", "November", "1 (30\u00a0Nov)", True]
    # Spanish still comes from Babel's Spanish, as before.
    assert found["es"] == ["30 de noviembre de 2026", "30 nov", "Noviembre", "1 (30\u00a0nov)"]
