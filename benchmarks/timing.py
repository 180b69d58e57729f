"""What the benchmarks share: timing calls and processes, interleaved runs, medians and the verdict."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The code measured is this checkout's, also where the virtual environment's editable install (and
# so its `ldn-desk` command) points at another checkout of the project: first on the path here
# (the benchmarks that work in process) and in every timed process (process_env).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Sampler = Callable[[], float]  # one run of a workload -> its time


def elapsed(func: Callable[[], object]) -> float:
    """Seconds one call of `func` takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def timed(func: Callable[[], object]) -> Sampler:
    """A sampler that times one call of `func`, in seconds."""
    return lambda: elapsed(func)


def process_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a timed process: this checkout's code first on the path; compiled
    modules cached as in an installed program (in a folder of the temporary directory, not the
    source tree), even where the shell turns writing them off; a cold start that compiles every
    module measures the compiler."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "ldn-desk-bench-pycache"))
    env.update(extra or {})
    return env


def run_process(command: Sequence[str], env: Mapping[str, str] | None = None) -> tuple[float, str]:
    """(seconds, stdout) of one run of `command` from the repository root (in process_env() when
    no env is given); a failure stops the benchmark with the command's stderr."""
    env = process_env() if env is None else env
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
    return seconds, completed.stdout


def process(command: Sequence[str], env: Mapping[str, str] | None = None) -> Sampler:
    """A sampler that runs `command` once (see run_process), in seconds."""
    return lambda: run_process(command, env)[0]


def interleaved(samplers: Sequence[Sampler], runs: int, *, alternate: bool = False) -> list[list[float]]:
    """`runs` samples of each sampler, taken in turn so that a busy machine slows them alike; with
    `alternate`, every other run goes in reverse order, so none always follows another."""
    samples: list[list[float]] = [[] for _ in samplers]
    order = list(range(len(samplers)))
    for run in range(runs):
        for index in order if run % 2 == 0 or not alternate else reversed(order):
            samples[index].append(samplers[index]())
    return samples


def medians(samples: Sequence[Sequence[float]]) -> list[float]:
    return [statistics.median(times) for times in samples]


def median_of(func: Callable[[], object], runs: int) -> float:
    """The median time of `runs` calls of `func` in a row, in seconds."""
    (times,) = interleaved([timed(func)], runs)
    return statistics.median(times)


def parser_with_runs(doc: str | None, runs: int, runs_help: str) -> argparse.ArgumentParser:
    """The benchmark's argument parser (described by its docstring's first line) with --runs."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    return parser


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The options, with --runs at least 1."""
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    return options


def verdict(ok: bool, line: str) -> int:
    """Print `line` followed by ok or TOO SLOW; the exit status (1 when too slow)."""
    print(f"{line} {'ok' if ok else 'TOO SLOW'}")
    return 0 if ok else 1


def within_target(measured: float, target: float, unit: str) -> int:
    """OK, or FAIL on stderr when the median is over its target; the exit status."""
    if measured > target:
        print(f"FAIL: {measured:.3f} {unit} is over {target:g} {unit}", file=sys.stderr)
        return 1
    print("OK")
    return 0


ROW_PREFIX = "ROW\t"  # a line run_all.py collects into its table


def report_row(
    name: str, workload: str, measured: float, baseline: float, unit: str, target: str, ok: bool
) -> None:
    """One line for run_all.py's table: what was measured, on what, against which baseline."""
    ratio = measured / baseline if baseline else float("inf")
    fields = (
        name,
        workload,
        f"{measured:.3g} {unit}",
        f"{baseline:.3g} {unit}",
        f"{ratio:.2f}x",
        target,
        "ok" if ok else "MISSED",
    )
    print(ROW_PREFIX + "\t".join(fields))
