"""Running an exercise's hidden pytest module in this (trusted) process, over finished observations."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

import pytest

from grader.errors import GraderError
from grader.grading.evidence import RuleBroken
from grader.grading.grade import Check
from grader.sandbox.observe import Observation


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


# pytest.main() changes process-wide state (sys.modules, import hooks): one run at a time.
_PYTEST_LOCK = threading.Lock()


def run_hidden_tests(module: Path, observations: dict[tuple[str, str], Observation],
                      methods: list[str]) -> list[Check]:
    plugin = _HiddenTestPlugin(observations, methods)
    args = [str(module), "-p", "no:terminal", "-p", "no:cacheprovider", "-c", os.devnull,
            "--rootdir", str(module.parent), "-o", "addopts=", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    captured = io.StringIO()
    with _PYTEST_LOCK, contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(args, plugins=[plugin])
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        plugin.errors.append(f"pytest exit code {int(code)}: {captured.getvalue()[-2000:]}")
    if plugin.errors:
        raise GraderError(HIDDEN_TEST_ERROR.format(errors="\n".join(plugin.errors)))
    if not plugin.checks:
        raise GraderError(NO_CHECKS.format(module=module.name))
    return plugin.checks


HIDDEN_TEST_ERROR = "grader error: a hidden test failed in an unexpected way:\n{errors}"
NO_CHECKS = "grader error: the hidden tests in {module} ran no check."
