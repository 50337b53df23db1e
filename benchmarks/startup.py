"""Start-up cost of `prep`, next to a bare interpreter.

Prints the median wall time of `prep --help` and of loading and validating
every shipped bank, each with its ratio to `python -c pass`.
Target: `prep --help` under 150 ms median on the 2-core development machine.

    .venv/bin/python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HELP_TARGET_MS = 150.0


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    script = Path(sys.executable).parent / "prep"
    prep = [str(script)] if script.exists() else [sys.executable, "-m", "grader"]
    floor = median_ms([sys.executable, "-c", "pass"], runs)
    rows = [
        ("python -c pass", floor),
        ("prep --help", median_ms([*prep, "--help"], runs)),
        ("load + validate banks (in process)", median_ms(
            [sys.executable, "-c", "from grader.quiz.bank import load_bank; load_bank()"], runs)),
        ("prep check", median_ms([*prep, "check"], runs)),
    ]
    print(f"{'what':40} {'median ms':>10} {'x python':>9}")
    for name, ms in rows:
        print(f"{name:40} {ms:10.1f} {ms / floor:9.1f}")
    help_ms = rows[1][1]
    verdict = "meets" if help_ms < HELP_TARGET_MS else "MISSES"
    print(f"prep --help {verdict} the {HELP_TARGET_MS:.0f} ms target ({help_ms:.1f} ms median of {runs}).")


if __name__ == "__main__":
    main()
