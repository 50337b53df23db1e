"""How long `prep grade` takes, next to the floor of running the same code with no grading.

For each exercise: the median wall time of `prep grade EXERCISE --file <reference solution>`
and the floor: the entry point called directly with the hidden tests' scenario inputs, once
per start method, each in a fresh interpreter, one after the other. Targets (2-core machine):
`prep grade exercise03` under 1.0 s median and under 3x the floor.

    .venv/bin/python benchmarks/grade_speed.py [--runs 5] [EXERCISE ...]
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR_SCRIPT = """
import importlib, json, multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1], force=True)
sys.path.insert(0, sys.argv[2])
from grader.sandbox.runner import resolve_inputs
module = importlib.import_module(sys.argv[3])
for entry, inputs in json.loads(sys.argv[4]):
    try:
        getattr(module, entry)(**resolve_inputs(inputs))
    except Exception:
        pass  # some scenarios make the task raise on purpose
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}... failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("exercises", nargs="*", default=["exercise01", "exercise03"])
    options = parser.parse_args()
    prep = Path(sys.executable).parent / "prep"
    print(f"{'exercise':12} {'prep grade s':>13} {'floor s':>8} {'ratio':>6}")
    for exercise in options.exercises:
        solution = ROOT / "solutions" / f"{exercise}.py"
        hidden = importlib.import_module(f"grader.hidden.test_{exercise}")
        scenarios = json.dumps([(s.entry, s.inputs) for s in hidden.SCENARIOS.values()])
        grade = [str(prep), "grade", exercise, "--file", str(solution), "--format", "json"]
        timed(grade)  # warm up caches
        graded = statistics.median(timed(grade) for _ in range(options.runs))
        floors = []
        for _ in range(options.runs):
            floors.append(sum(
                timed([sys.executable, "-c", FLOOR_SCRIPT, method, str(solution.parent), solution.stem, scenarios])
                for method in multiprocessing.get_all_start_methods()
            ))
        floor = statistics.median(floors)
        print(f"{exercise:12} {graded:13.2f} {floor:8.2f} {graded / floor:6.2f}")


if __name__ == "__main__":
    main()
