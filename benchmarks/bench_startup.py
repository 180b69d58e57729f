"""First useful window: a cold `ldn-desk --smoke` against a bare PySide6 script showing an empty QMainWindow.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--limit 2.0]

`--smoke` is what a person waits for: the window shown, every page built, the core loaded and
each page's first results painted, then it exits. Both are started as fresh processes,
interleaved so that disk and CPU state affect them alike; the medians and their ratio are
printed, and the exit status is 1 when the ratio is over the limit (2.0).
"""

from __future__ import annotations

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


def main() -> int:
    parser = timing.parser_with_runs(__doc__, 15, "cold starts of each (default 15)")
    parser.add_argument("--limit", type=float, default=2.0)
    args = timing.parse(parser, None)
    with tempfile.TemporaryDirectory() as home:
        # A throwaway config folder, so the app starts as on a new machine and saves nothing real.
        env = timing.process_env({"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": home, "HOME": home})
        bare = [sys.executable, "-c", BARE]
        script = Path(sys.executable).parent / "ldn-desk"  # the installed command, as a person runs it
        app = [str(script), "--smoke"] if script.exists() else [sys.executable, "-m", "ldn_desk", "--smoke"]
        timing.run_process(bare, env)  # warm the disk cache for both before measuring
        timing.run_process(app, env)
        _, said = timing.run_process(app, env)
        if "window, pages and engines OK" not in said:  # the check passed: not a failure timed
            raise SystemExit(f"unexpected smoke output: {said!r}")
        samplers = [timing.process(command, env) for command in (bare, app)]
        samples = timing.interleaved(samplers, args.runs, alternate=True)
    bare_ms, app_ms = (median * 1000 for median in timing.medians(samples))
    ratio = app_ms / bare_ms
    ok = ratio <= args.limit
    print(f"bare PySide6 QMainWindow:                        median {bare_ms:.0f} ms over {args.runs} runs")
    print(f"ldn-desk --smoke (pages built, results painted): median {app_ms:.0f} ms over {args.runs} runs")
    timing.report_row(
        "first useful window",
        "--smoke: 4 pages, first results",
        app_ms,
        bare_ms,
        "ms",
        f"<= {args.limit:g}x",
        ok,
    )
    return timing.verdict(ok, f"ratio {ratio:.2f} (limit {args.limit:.2f}):")


if __name__ == "__main__":
    sys.exit(main())
