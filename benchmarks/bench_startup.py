"""Cold start of `ldn-desk --smoke` against a bare PySide6 script showing an empty QMainWindow.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--limit 1.3]

Both are started as fresh processes, interleaved so that disk and CPU state affect them alike;
the medians and their ratio are printed, and the exit status is 1 when the ratio is over the limit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import timing

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


def main() -> int:
    parser = timing.parser_with_runs(__doc__, 15, "cold starts of each (default 15)")
    parser.add_argument("--limit", type=float, default=1.3)
    args = timing.parse(parser, None)
    with tempfile.TemporaryDirectory() as home:
        # A throwaway config folder, so the app starts as on a new machine and saves nothing real.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=home, HOME=home)
        bare = [sys.executable, "-c", BARE]
        script = Path(sys.executable).parent / "ldn-desk"  # the installed command, as a person runs it
        app = [str(script), "--smoke"] if script.exists() else [sys.executable, "-m", "ldn_desk", "--smoke"]
        timing.run_process(bare, env)  # warm the disk cache for both before measuring
        timing.run_process(app, env)
        ready = [sys.executable, "-c", READY]
        samplers = [timing.process(command, env) for command in (bare, app, ready)]
        samples = timing.interleaved(samplers, args.runs)
    bare_ms, app_ms, ready_ms = (median * 1000 for median in timing.medians(samples))
    ratio = app_ms / bare_ms
    print(f"bare PySide6 QMainWindow: median {bare_ms:.0f} ms over {args.runs} runs")
    print(f"ldn-desk --smoke:         median {app_ms:.0f} ms over {args.runs} runs")
    print(f"for information, window with pages and first results: median {ready_ms:.0f} ms")
    return timing.verdict(ratio <= args.limit, f"ratio {ratio:.2f} (limit {args.limit:.2f}):")


if __name__ == "__main__":
    sys.exit(main())
