"""No false verdicts under load: each reference solution graded many times while both cores are busy.

Starts one CPU-spinning process per core (at normal priority, like a build or a
second grading on a shared machine), then grades every exercise's reference
solution RUNS times, one grading after another, and prints how many passed.
Target: 20 out of 20 for every exercise.

    .venv/bin/python benchmarks/reliability.py [--runs 20] [--load N] [EXERCISE ...]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path


def spin() -> None:
    while True:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=os.cpu_count() or 1, help="Spinning processes (default: cores).")
    parser.add_argument("exercises", nargs="*", help="Default: every exercise.")
    options = parser.parse_args()
    from grader.exercises.catalogue import load_catalogue

    catalogue = [e for e in load_catalogue() if not options.exercises or e.id in options.exercises]
    prep = Path(sys.executable).parent / "prep"
    spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(options.load)]
    for spinner in spinners:
        spinner.start()
    failed_total = 0
    try:
        print(f"{options.load} spinning processes on {os.cpu_count()} cores; {options.runs} gradings each")
        print(f"{'exercise':12} {'passed':>8} {'median s':>9}  failures")
        for exercise in catalogue:
            passed, times, failures = 0, [], Counter()
            for _ in range(options.runs):
                started = time.perf_counter()
                done = subprocess.run([str(prep), "grade", exercise.id, "--file", str(exercise.solution),
                                       "--format", "json"], capture_output=True, text=True, check=False)
                times.append(time.perf_counter() - started)
                if done.returncode == 0:
                    passed += 1
                    continue
                try:
                    report = json.loads(done.stdout)
                    failures.update(f"{c['rule']}@{c['start_method']}" for c in report["checks"] if not c["passed"])
                except ValueError:
                    failures[f"exit {done.returncode}"] += 1
            failed_total += options.runs - passed
            times.sort()
            print(f"{exercise.id:12} {passed:>4}/{options.runs:<3} {times[len(times) // 2]:9.2f}  "
                  f"{', '.join(f'{k} x{v}' for k, v in failures.most_common()) or '-'}", flush=True)
    finally:
        for spinner in spinners:
            spinner.terminate()
        for spinner in spinners:
            spinner.join()
    sys.exit(1 if failed_total else 0)


if __name__ == "__main__":
    main()
