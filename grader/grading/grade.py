"""`prep grade` as a library call: observe every scenario under every start method, then judge.

The observations run first, concurrently (each in its own sandboxed child);
then the exercise's hidden pytest module runs once, in this trusted process,
asserting on them. pytest's start-up is paid once per grading.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from grader.errors import PrepError
from grader.exercises.catalogue import Exercise
from grader.grading.evidence import RuleBroken, Scenario
from grader.sandbox.limits import Limits
from grader.sandbox.observe import Observation, observe

HIDDEN_PACKAGE = "grader.hidden"
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

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["duration_s"] = round(self.duration_s, 3)
        return data

    @property
    def first_failure(self) -> Check | None:
        """The failure to show first: a broken rule says more than the crash it caused."""
        failed = [c for c in self.checks if not c.passed]
        specific = [c for c in failed if c.rule not in GENERIC_RULES]
        return (specific or failed or [None])[0]


class GraderError(PrepError):
    """Something broke inside the grader itself, not in the learner's code."""

    exit_code = 3


def start_methods(requested: str | None = None) -> list[str]:
    available = multiprocessing.get_all_start_methods()
    if requested is None:
        return available
    if requested not in available:
        raise PrepError(UNKNOWN_METHOD.format(method=requested, available=", ".join(available)))
    return [requested]


def grade(exercise: Exercise, learner_file: Path, methods: list[str] | None = None,
          jobs: int | None = None) -> GradeResult:
    started = time.monotonic()
    if not learner_file.is_file():
        raise PrepError(MISSING_FILE.format(path=learner_file))
    methods = methods or start_methods()
    _precompile_grader()
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
        observations = _observe_all(snapshot, scenarios, methods, jobs or os.cpu_count() or 1)
        checks = _run_hidden_tests(Path(hidden.__file__), observations, methods)
    output = next((o.output for o in observations.values() if o.output), "")
    passed = sum(c.passed for c in checks)
    return GradeResult(exercise.id, passed == len(checks) and bool(checks), passed, len(checks),
                       time.monotonic() - started, checks, output)


def _precompile_grader() -> None:
    """Write the grader's bytecode once: every spawned worker imports its bootstrap, and compiling it
    afresh in each (PYTHONDONTWRITEBYTECODE is common in containers) costs more than the exercise."""
    import compileall

    from grader.paths import PACKAGE_DIR

    with contextlib.suppress(OSError):
        compileall.compile_dir(PACKAGE_DIR, quiet=2, workers=1)


def _observe_all(learner_file: Path, scenarios: dict[str, Scenario], methods: list[str],
                 jobs: int) -> dict[tuple[str, str], Observation]:
    keys = [(name, method) for method in methods for name in scenarios]

    def one(key: tuple[str, str]) -> Observation:
        scenario = scenarios[key[0]]
        return observe(learner_file, scenario.entry, scenario.inputs, key[1], Limits(wall_s=scenario.wall_s))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return dict(zip(keys, pool.map(one, keys), strict=True))


class _HiddenTestPlugin:
    """Feeds observations to the hidden tests and collects their verdicts."""

    def __init__(self, observations: dict[tuple[str, str], Observation], methods: list[str]):
        self.observations = observations
        self.methods = methods
        self.checks: list[Check] = []
        self.errors: list[str] = []

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "seen" in metafunc.fixturenames:
            metafunc.parametrize("start_method", self.methods)

    @pytest.fixture
    def seen(self, start_method: str):
        return lambda scenario: self.observations[(scenario, start_method)]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> None:
        if call.when == "setup" and call.excinfo is not None:
            self.errors.append(f"{item.nodeid}: {call.excinfo.exconly()}")
        if call.when != "call":
            return
        function = getattr(item, "function", None)
        title = (function.__doc__ or item.name).strip().splitlines()[0] if function else item.name
        method = getattr(item, "callspec", None) and item.callspec.params.get("start_method")
        test_id = item.originalname.removeprefix("test_") if hasattr(item, "originalname") else item.name
        if call.excinfo is None:
            self.checks.append(Check(test_id, title, True, method))
        elif isinstance(call.excinfo.value, RuleBroken):
            broken = call.excinfo.value
            self.checks.append(Check(test_id, title, False, method, broken.message, broken.line, broken.rule))
        else:
            self.errors.append(f"{item.nodeid}: {call.excinfo.exconly()}")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.errors.append(str(report.longrepr))


def _run_hidden_tests(module: Path, observations: dict[tuple[str, str], Observation],
                      methods: list[str]) -> list[Check]:
    plugin = _HiddenTestPlugin(observations, methods)
    args = [str(module), "-p", "no:terminal", "-p", "no:cacheprovider", "-c", os.devnull,
            "--rootdir", str(module.parent), "-o", "addopts=", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(args, plugins=[plugin])
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        plugin.errors.append(f"pytest exit code {int(code)}: {captured.getvalue()[-2000:]}")
    if plugin.errors:
        raise GraderError(HIDDEN_TEST_ERROR.format(errors="\n".join(plugin.errors)))
    if not plugin.checks:
        raise GraderError(NO_CHECKS.format(module=module.name))
    return plugin.checks


UNKNOWN_METHOD = "Start method {method!r} is not available here (available: {available})."
MISSING_FILE = "{path} does not exist."
NO_HIDDEN_TESTS = "grader error: no hidden tests for {exercise} ({error})."
HIDDEN_TEST_ERROR = "grader error: a hidden test failed in an unexpected way:\n{errors}"
NO_CHECKS = "grader error: the hidden tests in {module} ran no check."
