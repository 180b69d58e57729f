"""Run every benchmark in this folder in turn; exit 1 if any missed its target."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("bench_dose_cli", "bench_plan", "bench_handout", "bench_startup", "bench_typing", "bench_log")


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    missed = []
    for name in ORDER:
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(HERE / f"{name}.py")], env=env, check=False).returncode:
            missed.append(name)
    print("all benchmarks met their targets" if not missed else f"missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
