"""`prep grade` as a library call: observe every scenario under every start method, then judge.

The observations run first, concurrently (each in its own sandboxed child);
then the exercise's hidden pytest module runs once, in this trusted process,
asserting on them. pytest's start-up is paid once per grading.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import GraderError, PrepError
from grader.exercises.catalogue import Exercise
from grader.grading.evidence import Scenario
from grader.sandbox.limits import Limits
from grader.sandbox.observe import Observation, observe

HIDDEN_PACKAGE = "grader.hidden"
# Sandboxed children running at once, across every grading in this process (`--all` grades several
# exercises together). Twice the cores: a scenario's tree spends much of its time waiting (workers
# starting, tasks sleeping), and a busy machine only makes children slower, never wrongly judged.
CHILDREN_AT_ONCE = 2 * (os.cpu_count() or 1)
_child_slots = threading.BoundedSemaphore(CHILDREN_AT_ONCE)


def limit_children(count: int) -> None:
    """How many sandboxed children may run at once from now on (set before gradings start)."""
    global _child_slots
    _child_slots = threading.BoundedSemaphore(max(1, count))
# Outcomes that a more specific rule usually explains (a join() before close() crashes with ValueError).
GENERIC_RULES = {"crashed", "no-verdict", "exit-hang"}


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    passed: bool
    start_method: str | None
    message: str | None = None
    line: int | None = None
    rule: str | None = None


@dataclass
class GradeResult:
    exercise: str
    passed: bool
    score: int
    max_score: int
    duration_s: float
    checks: list[Check] = field(default_factory=list)
    output: str = ""
    graded_sha256: str = ""  # of the snapshot graded (the file may have changed since)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["duration_s"] = round(self.duration_s, 3)
        del data["graded_sha256"]  # bookkeeping, not part of the verdict
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GradeResult:
        checks = [Check(**check) for check in data["checks"]]
        return cls(data["exercise"], data["passed"], data["score"], data["max_score"], data["duration_s"], checks,
                   data.get("output", ""))

    @property
    def first_failure(self) -> Check | None:
        """The failure to show first: a broken rule says more than the crash it caused."""
        failed = [c for c in self.checks if not c.passed]
        specific = [c for c in failed if c.rule not in GENERIC_RULES]
        return (specific or failed or [None])[0]


def start_methods(requested: str | None = None) -> list[str]:
    available = multiprocessing.get_all_start_methods()
    if requested is None:
        return available
    if requested not in available:
        raise PrepError(UNKNOWN_METHOD.format(method=requested, available=", ".join(available)))
    return [requested]


def grade(exercise: Exercise, learner_file: Path, methods: list[str] | None = None) -> GradeResult:
    started = time.monotonic()
    if not learner_file.is_file():
        raise PrepError(MISSING_FILE.format(path=learner_file))
    methods = methods or start_methods()
    try:
        hidden = importlib.import_module(f"{HIDDEN_PACKAGE}.test_{exercise.id}")
    except ImportError as exc:
        raise GraderError(NO_HIDDEN_TESTS.format(exercise=exercise.id, error=exc)) from None
    scenarios: dict[str, Scenario] = hidden.SCENARIOS
    # Grade a snapshot under the exercise's module name, alone in its folder: edits made during the
    # grading do not matter, and nothing beside the learner's file (a stray queue.py) can shadow a module.
    with tempfile.TemporaryDirectory(prefix="prep-grade-") as folder:
        snapshot = Path(folder) / f"{exercise.module}.py"
        shutil.copyfile(learner_file, snapshot)
        graded_sha256 = hashlib.sha256(snapshot.read_bytes()).hexdigest()
        with ThreadPoolExecutor(max_workers=len(scenarios) * len(methods)) as pool:
            pending = _observe_all(pool, snapshot, scenarios, methods)
            # Importing pytest takes a tenth of a second: do it while the children run.
            from grader.grading.hidden_runner import run_hidden_tests

            observations = {key: future.result() for key, future in pending.items()}
        checks = run_hidden_tests(Path(hidden.__file__), observations, methods)
        from grader.grading.engine_checks import engine_checks, source_checks

        checks += engine_checks(observations, methods, exercise.entry)
        checks += source_checks(snapshot)
    output = next((o.output for o in observations.values() if o.output), "")
    passed = sum(c.passed for c in checks)
    return GradeResult(exercise.id, passed == len(checks) and bool(checks), passed, len(checks),
                       time.monotonic() - started, checks, output, graded_sha256)


def _observe_all(pool: ThreadPoolExecutor, learner_file: Path, scenarios: dict[str, Scenario],
                 methods: list[str]) -> dict[tuple[str, str], Future[Observation]]:
    """Start every (scenario, start method) observation; each runs in its own sandboxed child.

    Once a scenario hangs under a start method, that method's scenarios still waiting are skipped:
    the first hang says what there is to say, and each would cost its whole time limit.
    """
    hung: set[str] = set()

    def one(name: str, method: str) -> Observation:
        scenario = scenarios[name]
        # CPU time is bounded too, so a spinning learner is stopped even while the supervisor
        # is giving a busy (not blocked) tree extra wall time.
        limits = Limits(wall_s=scenario.wall_s, cpu_s=max(1, int(scenario.wall_s * 2)))
        with _child_slots:
            if method in hung:
                return Observation("no-verdict", method, reason=SKIPPED_AFTER_HANG)
            seen = observe(learner_file, scenario.entry, scenario.inputs, method, limits)
        if seen.run is not None and seen.run.timed_out:
            hung.add(method)
        return seen

    # Scenario by scenario across methods, so that one method's hang does not hold up the others.
    return {(name, method): pool.submit(one, name, method) for name in scenarios for method in methods}


SKIPPED_AFTER_HANG = "not run: an earlier scenario hung under this start method."
UNKNOWN_METHOD = "Start method {method!r} is not available here (available: {available})."
MISSING_FILE = "{path} does not exist."
NO_HIDDEN_TESTS = "grader error: no hidden tests for {exercise} ({error})."
