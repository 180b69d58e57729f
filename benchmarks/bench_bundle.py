"""Size and start-up of the standalone build next to the source run, measured in the same run.

    .venv/bin/python benchmarks/bench_bundle.py [--runs N] [--limit 1.5] [--program dist/ldn-desk/ldn-desk]

Build the program first (`python3 dev.py package`). Size: the bundle's folder (and its archive)
against what the source run needs installed: the runtime distributions in the virtual
environment plus the project's own code and resources (the Python interpreter left out, since
the bundle's includes it, so the ratio errs high). Start-up: cold `--smoke` runs of the bundle
and of `python -m ldn_desk --smoke` (what `python3 dev.py run --smoke` runs), interleaved. The
exit status is 1 when the start-up ratio is over the limit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import timing
from packaging.requirements import Requirement

ROOT = timing.ROOT
OWN = ("ldn_desk", "ui", "resources")


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def runtime_distributions() -> set[str]:
    """The project's runtime dependencies, and theirs, as installed here (no extras)."""
    import tomllib

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    seen: set[str] = set()
    queue = [Requirement(text) for text in wanted]
    while queue:
        requirement = queue.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = metadata.distribution(requirement.name).name
        if name in seen:
            continue
        seen.add(name)
        queue.extend(Requirement(text) for text in metadata.requires(name) or [])
    return seen


def source_bytes() -> int:
    installed = 0
    for name in runtime_distributions():
        for file in metadata.distribution(name).files or []:
            path = Path(str(file.locate()))
            if path.is_file():
                installed += path.stat().st_size
    return installed + sum(folder_bytes(ROOT / part) for part in OWN)


def main() -> int:
    parser = timing.parser_with_runs(__doc__, 11, "cold starts of each (default 11)")
    parser.add_argument("--limit", type=float, default=1.5, help="highest start-up ratio, bundle/source")
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "ldn-desk" / "ldn-desk")
    args = timing.parse(parser, None)
    program = args.program.resolve()
    if not program.is_file():
        raise SystemExit(f"no standalone program at {program}: build it with `python3 dev.py package`")

    bundle, source = folder_bytes(program.parent), source_bytes()
    archives = sorted(program.parent.parent.glob("ldn-desk-*.tar.gz"))
    print(f"bundle folder:            {bundle / 2**20:6.0f} MiB  ({program.parent})")
    for archive in archives[-1:]:
        print(f"bundle archive:           {archive.stat().st_size / 2**20:6.0f} MiB  ({archive.name})")
    print(f"source run's packages:    {source / 2**20:6.0f} MiB  (runtime distributions and the project)")
    print(f"size ratio bundle/source: {bundle / source:.2f}")

    with tempfile.TemporaryDirectory() as home:
        # A throwaway home, so both start as on a new machine and save nothing real.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home)
        env.pop("PYTHONPATH", None)
        # The bundle as a clinic starts it: no Python or virtual environment on the PATH.
        bare = {
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": home,
            "XDG_CONFIG_HOME": home,
        }
        # The source run as `python3 dev.py run --smoke` starts it (from the repository root).
        runs = [([sys.executable, "-m", "ldn_desk", "--smoke"], env), ([str(program), "--smoke"], bare)]
        for command, command_env in runs:
            timing.run_process(command, command_env)  # warm the disk cache for both before measuring
        samples = timing.interleaved(
            [timing.process(command, command_env) for command, command_env in runs], args.runs
        )
    source_ms, bundle_ms = (median * 1000 for median in timing.medians(samples))
    print(f"source run --smoke:       median {source_ms:.0f} ms over {args.runs} runs")
    print(f"bundle --smoke:           median {bundle_ms:.0f} ms over {args.runs} runs")
    ratio = bundle_ms / source_ms
    line = f"start-up ratio bundle/source {ratio:.2f} (limit {args.limit:.2f}):"
    return timing.verdict(ratio <= args.limit, line)


if __name__ == "__main__":
    sys.exit(main())
