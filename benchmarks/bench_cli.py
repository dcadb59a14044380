"""Benchmark: the command line's wall time, as a user meets it.

Each command runs in a new process, several times; the figures are the
fastest run and the median (the machine is noisy: the fastest is the run
least disturbed). By default the package runs as installed from a wheel:
the wheel is built once (``pip wheel``, which compiles the bundled index
into it), unpacked into a temporary folder and byte-compiled, as pip
installs it. ``--source`` runs ``src/`` instead (without the wheel's
compiled index, a cold cache then compiles the index: seconds).

The CPU time (user and system) of each run is given beside its wall time:
on a machine busy with other work it moves less.

"warm" runs share one cache folder, filled by a run before the timed ones;
"cold" runs each get an empty cache folder.

    python benchmarks/bench_cli.py              # --runs 7
    python benchmarks/bench_cli.py --source
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (label, arguments of `gazetteer lookup`, cold cache)
CASES = [
    ("lookup Тръмп (as written), cold cache", ["Тръмп"], True),
    ("lookup Тръмп (as written)", ["Тръмп"], False),
    ("lookup Китая (inflected)", ["Китая"], False),
    ("lookup Трампови (not found: every step)", ["Трампови"], False),
    ("lookup Kazakstn (phonetic)", ["Kazakstn"], False),
    ("lookup Mirzijojew (phonetic)", ["Mirzijojew"], False),
    ("lookup Kazahstna (fuzzy)", ["Kazahstna"], False),
]


def _installed(folder: Path) -> Path:
    """The package built as a wheel and unpacked into ``folder`` (as pip would
    install it, byte-compiled)."""
    wheels = folder / "wheels"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = wheels.glob("gazetteer-*.whl")
    site = folder / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(site)], check=True)
    return site


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall time and the CPU time (user + system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _line(label: str, runs: list[tuple[float, float]]) -> str:
    wall, cpu = [w for w, _ in runs], [c for _, c in runs]
    return (
        f"{label:44} {min(wall):7.3f}s {statistics.median(wall):7.3f}s"
        f" {min(cpu):7.3f}s {statistics.median(cpu):7.3f}s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", action="store_true", help="run src/, not the built wheel")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="gazetteer-bench-cli-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.source:
        env["PYTHONPATH"] = str(ROOT / "src")
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # byte-compiled, as installed
    else:
        env["PYTHONPATH"] = str(_installed(work))
    command = [sys.executable, "-m", "gazetteer", "lookup"]
    warm = dict(env, GAZETTEER_CACHE_DIR=str(work / "cache"))
    for _, queries, _ in CASES:  # fills the cache (and the byte-code) once
        _run(command + queries, warm)

    print(f"python {sys.version.split()[0]}; {'src/' if args.source else 'the built wheel'}")
    print(f"{args.runs} runs each: wall time fastest, median; CPU time fastest, median")
    startup = [_run([sys.executable, "-c", "import gazetteer.cli"], warm) for _ in range(args.runs)]
    print(_line("import gazetteer.cli", startup))
    for label, queries, cold in CASES:
        times = []
        for n in range(args.runs):
            cache = str(work / f"cold-{label[:12]}-{n}") if cold else warm["GAZETTEER_CACHE_DIR"]
            times.append(_run(command + queries, dict(env, GAZETTEER_CACHE_DIR=cache)))
        print(_line(label, times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
