"""How long `prep grade` takes, next to the floor of running the same code with no grading.

For each exercise: the median wall time of `prep grade EXERCISE --file <reference solution>`
and the floor: the entry point called directly with the hidden tests' scenario inputs, once
per start method, each in a fresh interpreter, one after the other. Then the median wall time
of `prep grade --all` in a workspace where every exercise holds its reference solution.
Targets (2-core machine): `prep grade exercise03` under 1.0 s median and under 3x the floor;
`prep grade --all` under 8 s.

Wall time depends on what else the machine is doing; the CPU seconds (user + system, of the
command and every process it waited for) do much less, so both are printed.

    .venv/bin/python benchmarks/grade_speed.py [--runs 5] [--no-all] [EXERCISE ...]
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR_SCRIPT = """
import importlib, json, multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1], force=True)
sys.path.insert(0, sys.argv[2])
from grader.sandbox.runner import resolve_inputs
module = importlib.import_module(sys.argv[3])
for entry, inputs in json.loads(sys.stdin.read()):
    try:
        getattr(module, entry)(**resolve_inputs(inputs))
    except Exception:
        pass  # some scenarios make the task raise on purpose
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], stdin: str = "") -> tuple[float, float]:
    """Wall seconds and CPU seconds of one run of `command`."""
    cpu_before = cpu_of_children()
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}... failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed, cpu_of_children() - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-all", action="store_true", help="Skip timing `prep grade --all`.")
    parser.add_argument("exercises", nargs="*", help="Default: every exercise.")
    options = parser.parse_args()
    from grader.exercises.catalogue import load_catalogue

    catalogue = load_catalogue()
    options.exercises = options.exercises or [exercise.id for exercise in catalogue]
    prep = Path(sys.executable).parent / "prep"
    print(f"{'exercise':12} {'prep grade s':>13} {'cpu s':>6} {'floor s':>8} {'cpu s':>6} {'ratio':>6}")
    for exercise in options.exercises:
        solution = ROOT / "solutions" / f"{exercise}.py"
        hidden = importlib.import_module(f"grader.hidden.test_{exercise}")
        scenarios = json.dumps([(s.entry, s.inputs) for s in hidden.SCENARIOS.values()])
        grade = [str(prep), "grade", exercise, "--file", str(solution), "--format", "json"]
        timed(grade)  # warm up caches
        runs = [timed(grade) for _ in range(options.runs)]
        graded, graded_cpu = (statistics.median(column) for column in zip(*runs, strict=True))
        floors = []
        for _ in range(options.runs):
            each = [timed([sys.executable, "-c", FLOOR_SCRIPT, method, str(solution.parent), solution.stem],
                          stdin=scenarios)
                    for method in multiprocessing.get_all_start_methods()]
            floors.append((sum(w for w, _ in each), sum(c for _, c in each)))
        floor, floor_cpu = (statistics.median(column) for column in zip(*floors, strict=True))
        print(f"{exercise:12} {graded:13.2f} {graded_cpu:6.2f} {floor:8.2f} {floor_cpu:6.2f} {graded / floor:6.2f}",
              flush=True)
    if not options.no_all:
        time_grade_all(prep, catalogue, options.runs)


def time_grade_all(prep: Path, catalogue: list, runs: int) -> None:
    """`prep grade --all` where every exercise holds its reference solution: a solved workspace."""
    with tempfile.TemporaryDirectory(prefix="prep-bench-") as folder:
        workspace = Path(folder) / "workspace"
        subprocess.run([str(prep), "init", str(workspace)], check=True, capture_output=True)
        for exercise in catalogue:
            shutil.copyfile(exercise.solution, workspace / "exercises" / exercise.folder.name / exercise.file)
        command = [str(prep), "grade", "--all", "--format", "json"]
        env = {**os.environ, "PREP_HOME": str(Path(folder) / "home")}
        results = []
        for _ in range(runs + 1):
            cpu_before = cpu_of_children()
            started = time.perf_counter()
            done = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, check=False)
            results.append((time.perf_counter() - started, cpu_of_children() - cpu_before))
            if done.returncode != 0:
                raise SystemExit(f"prep grade --all did not pass every reference solution:\n{done.stdout[-2000:]}")
        wall, cpu = (statistics.median(column) for column in zip(*results[1:], strict=True))
        print(f"\nprep grade --all ({len(catalogue)} exercises): {wall:.2f} s median wall, {cpu:.2f} CPU s "
              f"({cpu / wall / (os.cpu_count() or 1):.0%} of the cores busy); target under 8 s.")


if __name__ == "__main__":
    main()
