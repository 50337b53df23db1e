"""Grading a class: wall time, CPU utilisation, the speed-up from -j 1 to -j 2, and a cached re-run.

Builds a class of LEARNERS learners in a temporary folder, each with a file for
every exercise: mostly reference solutions, and for every third learner and
exercise a known mistake from tests/exercise_variants (so the class has
failing and hanging submissions, as a real one does). Then times
`prep grade --submissions` at -j 1 and -j 2 (each from a cold cache), and a
re-run with nothing changed. Targets (2-core machine, 30 learners x 12
exercises): at least 85 % of the cores busy, a speed-up of at least 1.7, and
the re-run under 2 s.

    .venv/bin/python benchmarks/batch.py [--learners 30] [--exercises exercise01 exercise03 ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_class(folder: Path, learners: int, exercises: list[str]) -> None:
    for index in range(learners):
        learner = folder / f"learner{index:02d}"
        learner.mkdir(parents=True)
        for position, exercise in enumerate(exercises):
            source = ROOT / "solutions" / f"{exercise}.py"
            if (index + position) % 3 == 0:
                mistakes = sorted((ROOT / "tests" / "exercise_variants" / exercise).glob("fail_*.py"))
                if mistakes:
                    source = mistakes[(index // 3) % len(mistakes)]
            shutil.copyfile(source, learner / f"{exercise}.py")


def timed(command: list[str]) -> tuple[float, float]:
    cpu_before, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - started, cpu_of_children() - cpu_before
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-1500:]}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--exercises", nargs="*", help="Default: every exercise.")
    options = parser.parse_args()
    from grader.exercises.catalogue import load_catalogue

    exercises = options.exercises or [e.id for e in load_catalogue()]
    prep = str(Path(sys.executable).parent / "prep")
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="prep-class-") as folder:
        submissions = Path(folder) / "class"
        build_class(submissions, options.learners, exercises)
        print(f"{options.learners} learners x {len(exercises)} exercises = {options.learners * len(exercises)} "
              f"gradings, {cores} cores", flush=True)
        figures = {}
        for jobs in (1, 2):
            shutil.rmtree(submissions / ".prep-cache", ignore_errors=True)
            wall, cpu = timed([prep, "grade", "--submissions", str(submissions), "-j", str(jobs), "--format", "json"])
            figures[jobs] = wall
            print(f"-j {jobs}: {wall:6.1f} s wall, {cpu:6.1f} CPU s, {cpu / wall / cores:4.0%} of the cores busy",
                  flush=True)
        print(f"speed-up -j 1 -> -j 2: {figures[1] / figures[2]:.2f} (target >= 1.7)")
        wall, _ = timed([prep, "grade", "--submissions", str(submissions), "--format", "json"])
        print(f"re-run with nothing changed: {wall:.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
