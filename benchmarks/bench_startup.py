"""Cold start of `ldn-desk --smoke` against a bare PySide6 script showing an empty QMainWindow.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--limit 1.3]

Both are started as fresh processes, interleaved so that disk and CPU state affect them alike;
the medians and their ratio are printed, and the exit status is 1 when the ratio is over the limit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
app.processEvents()
window.hide()
"""

# For information only: the window with its pages built and first results shown (the core,
# pint and the advisors loaded), which the app does on the first turn of the event loop.
READY = """
from ui.app import make_application
from ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.show()
app.processEvents()
window.start_pages()
app.processEvents()
window.hide()
"""


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limit", type=float, default=1.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        # A throwaway config folder, so the app starts as on a new machine and saves nothing real.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=home, HOME=home)
        bare = [sys.executable, "-c", BARE]
        script = Path(sys.executable).parent / "ldn-desk"  # the installed command, as a person runs it
        app = [str(script), "--smoke"] if script.exists() else [sys.executable, "-m", "ldn_desk", "--smoke"]
        _time(bare, env)  # warm the disk cache for both before measuring
        _time(app, env)
        ready = [sys.executable, "-c", READY]
        bare_times: list[float] = []
        app_times: list[float] = []
        ready_times: list[float] = []
        for _ in range(args.runs):
            bare_times.append(_time(bare, env))
            app_times.append(_time(app, env))
            ready_times.append(_time(ready, env))
    bare_ms = statistics.median(bare_times) * 1000
    app_ms = statistics.median(app_times) * 1000
    ready_ms = statistics.median(ready_times) * 1000
    ratio = app_ms / bare_ms
    print(f"bare PySide6 QMainWindow: median {bare_ms:.0f} ms over {args.runs} runs")
    print(f"ldn-desk --smoke:         median {app_ms:.0f} ms over {args.runs} runs")
    print(f"for information, window with pages and first results: median {ready_ms:.0f} ms")
    verdict = "ok" if ratio <= args.limit else "TOO SLOW"
    print(f"ratio {ratio:.2f} (limit {args.limit:.2f}): {verdict}")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
