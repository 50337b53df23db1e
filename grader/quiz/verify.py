"""Proving code-output answers by running the code.

Each snippet runs as its own program with this interpreter in the grader's
sandbox (`grader.sandbox`): a fresh session, a scratch folder, a deadline,
and the whole tree killed and cleaned up afterwards, so a snippet recorded
as hanging leaves nothing behind.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.quiz.model import CodeOutcome, Item, ItemType
from grader.quiz.target import Target, make_target

HANG_TIMEOUT_S = 4.0  # how long a snippet recorded as hanging must block
FINISH_TIMEOUT_S = 15.0  # generous: snippets take well under a second, but CI may be loaded
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?::\s?(.*))?$")


@dataclass(frozen=True)
class SnippetRun:
    stdout: str
    stderr: str
    returncode: int | None  # None when it was stopped at the timeout

    @property
    def exception(self) -> tuple[str, str | None] | None:
        """The uncaught exception that ended the program, from its traceback."""
        if self.returncode in (0, None):
            return None
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        if not lines or not any(line.startswith("Traceback") for line in lines):
            return None
        match = _EXCEPTION_LINE.match(lines[-1])
        return (match.group(1), match.group(2)) if match else None


def run_snippet(code: str, timeout: float = HANG_TIMEOUT_S, start_method: str | None = None) -> SnippetRun:
    """Run a snippet as its own program in the grader's sandbox (under `start_method` if given)."""
    from grader.sandbox.child_main import START_METHOD_ENV
    from grader.sandbox.limits import Limits
    from grader.sandbox.supervisor import child_command, run_supervised

    with tempfile.TemporaryDirectory(prefix="prep-snippet-") as folder:
        script = Path(folder) / "snippet.py"
        script.write_text(code, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        if start_method:
            env[START_METHOD_ENV] = start_method
        run = run_supervised(child_command(script), Limits(wall_s=timeout), cwd=Path(folder), env=env)
    return SnippetRun(run.output, run.errors, None if run.timed_out or run.flooded else run.returncode)


def mismatch(expected: CodeOutcome, run: SnippetRun) -> str | None:
    """Why the run disagrees with the recorded outcome, or None when it agrees."""
    if expected.hangs:
        return None if run.returncode is None else f"expected a hang, but it exited with {run.returncode}"
    if run.returncode is None:
        return "it hung (timed out) but the recorded answer says it finishes"
    if expected.exception_type:
        got = run.exception
        if got is None:
            return f"expected {expected.describe()}, but it exited with {run.returncode} and no traceback"
        if got[0].rsplit(".", 1)[-1] != expected.exception_type.rsplit(".", 1)[-1]:
            return f"expected {expected.describe()}, got {got[0]}: {got[1]}"
        if expected.exception_message is not None and got[1] != expected.exception_message:
            return f"expected message {expected.exception_message!r}, got {got[1]!r}"
        return None
    if run.returncode != 0:
        return f"it exited with {run.returncode}: {run.stderr.strip()[-300:]}"
    printed = run.stdout.rstrip("\n")
    assert expected.stdout is not None
    if printed not in expected.stdout:
        return f"printed {printed!r}, recorded {list(expected.stdout)!r}"
    return None


def verify_item(item: Item, target: Target | None = None, finish_timeout: float = FINISH_TIMEOUT_S) -> str | None:
    """Run a code-output item's code (under each start method it names); describe any disagreement."""
    assert item.type is ItemType.CODE_OUTPUT and item.code is not None
    expected, _ = item.resolve(target or make_target())
    if expected is None:
        return None
    timeout = HANG_TIMEOUT_S if expected.hangs else finish_timeout
    available = multiprocessing.get_all_start_methods()
    for method in [m for m in item.start_methods if m in available] or [None]:
        problem = mismatch(expected, run_snippet(item.code, timeout, method))
        if problem:
            return f"under {method}: {problem}" if method else problem
    return None


@dataclass(frozen=True)
class Verdict:
    item: Item
    problem: str | None  # None: the recorded answer is what the code does
    skipped: str | None = None  # why it was not run (no answer for this interpreter)


def verify_items(items: list[Item], target: Target | None = None, jobs: int | None = None) -> list[Verdict]:
    """Every code-output item among `items`, each run in its own sandbox, several at once."""
    from concurrent.futures import ThreadPoolExecutor

    target = target or make_target()
    code_items = [item for item in items if item.type is ItemType.CODE_OUTPUT]

    def one(item: Item) -> Verdict:
        if item.resolve(target)[0] is None:
            return Verdict(item, None, skipped=f"no answer recorded for {target}")
        return Verdict(item, verify_item(item, target))

    # Snippets mostly wait (on their processes, or on the timeout of one that must hang).
    with ThreadPoolExecutor(max_workers=jobs or 2 * (os.cpu_count() or 1)) as pool:
        return list(pool.map(one, code_items))
