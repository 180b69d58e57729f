"""Start-up: frame painted, first useful window and all pages built, against a bare PySide6 window.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--frame-limit 1.3] [--limit 2.0]

Each run starts fresh processes, interleaved (alternating which goes first) so that disk and CPU
state affect them alike: a bare PySide6 script that shows an empty QMainWindow, `ldn-desk --smoke`,
and, for information, the bare window after the unit engine (pint and the program's units). Every
time is from starting the process to a moment it reports (LDN_DESK_STARTUP_MARKS, ui/app.py; the
bare scripts report theirs the same way), on the system's monotonic clock:

- bare window painted: the empty QMainWindow shown and its events processed;
- frame painted (target <= 1.3x, #13): the main window's menus, page list and the status line
  saying the engines load, shown and painted, before anything of the core is loaded;
- first useful window (target <= 2x, #19): the engines loaded and the page on screen (the
  titration plan on a new computer) built, with its table painted with its first results;
- all pages built (information): the other three pages built, started and painted.

The exit status is 1 when a ratio is over its limit.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import timing

MARK = "startup-mark"
BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
app.processEvents()
print(f"startup-mark painted {time.monotonic():.6f}", file=sys.stderr, flush=True)
window.hide()
"""
# The floor: the bare window once the unit engine (pint, the program's units) is loaded, which
# any first result needs.
FLOOR = "import ldn_desk.units.quantity\n" + BARE


def marks(command: Sequence[str], env: Mapping[str, str]) -> tuple[dict[str, float], str]:
    """(seconds from the start of the process to each moment it reported, its stdout)."""
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, cwd=timing.ROOT, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    found = {}
    for line in done.stderr.splitlines():
        if line.startswith(MARK + " "):
            _, name, at = line.split()
            found[name] = float(at) - start
    return found, done.stdout


def main() -> int:
    parser = timing.parser_with_runs(__doc__, 15, "cold starts of each (default 15)")
    parser.add_argument("--frame-limit", type=float, default=1.3)
    parser.add_argument("--limit", type=float, default=2.0)
    args = timing.parse(parser, None)
    with tempfile.TemporaryDirectory() as home:
        # A throwaway config folder, so the app starts as on a new machine and saves nothing real.
        env = timing.process_env(
            {
                "QT_QPA_PLATFORM": "offscreen",
                "XDG_CONFIG_HOME": home,
                "HOME": home,
                "LDN_DESK_STARTUP_MARKS": "1",
            }
        )
        bare = [sys.executable, "-c", BARE]
        floor = [sys.executable, "-c", FLOOR]
        script = Path(sys.executable).parent / "ldn-desk"  # the installed command, as a person runs it
        app = [str(script), "--smoke"] if script.exists() else [sys.executable, "-m", "ldn_desk", "--smoke"]
        marks(bare, env)  # warm the disk cache for each before measuring
        marks(floor, env)
        _, said = marks(app, env)
        if "window, pages and engines OK" not in said:  # the check passed: not a failure timed
            raise SystemExit(f"unexpected smoke output: {said!r}")
        runs: dict[str, list[float]] = {"bare": [], "floor": [], "frame": [], "first-page": [], "pages": []}
        commands = [("bare", bare), ("app", app), ("floor", floor)]
        for run in range(args.runs):
            for kind, command in commands if run % 2 == 0 else reversed(commands):
                found, _ = marks(command, env)
                if kind == "app":
                    for name in ("frame", "first-page", "pages"):
                        runs[name].append(found[name])
                else:
                    runs[kind].append(found["painted"])
    ms = {name: statistics.median(times) * 1000 for name, times in runs.items()}
    bare_ms = ms["bare"]
    frame_ok = ms["frame"] / bare_ms <= args.frame_limit
    useful_ok = ms["first-page"] / bare_ms <= args.limit
    print(f"bare PySide6 QMainWindow painted:         median {bare_ms:.0f} ms over {args.runs} runs")
    for name, what in (
        ("frame", "frame painted (menus, pages, status)"),
        ("first-page", "first useful window (plan page, table)"),
        ("pages", "all four pages built and painted"),
        ("floor", "floor: bare window + unit engine (pint)"),
    ):
        print(f"{what:<41} median {ms[name]:.0f} ms ({ms[name] / bare_ms:.2f}x bare)")
    timing.report_row(
        "start-up: frame",
        "--smoke: frame painted",
        ms["frame"],
        bare_ms,
        "ms",
        f"<= {args.frame_limit:g}x",
        frame_ok,
    )
    timing.report_row(
        "first useful window",
        "--smoke: plan page, first results painted",
        ms["first-page"],
        bare_ms,
        "ms",
        f"<= {args.limit:g}x",
        useful_ok,
    )
    timing.report_row(
        "start-up: all pages", "--smoke: 4 pages built", ms["pages"], bare_ms, "ms", "info", True
    )
    timing.report_row(
        "startup floor", "bare window + unit engine", ms["floor"], bare_ms, "ms", "info (no target)", True
    )
    return timing.verdict(
        frame_ok and useful_ok,
        f"frame {ms['frame'] / bare_ms:.2f}x (limit {args.frame_limit:.2f}), "
        f"first useful window {ms['first-page'] / bare_ms:.2f}x (limit {args.limit:.2f}):",
    )


if __name__ == "__main__":
    sys.exit(main())
