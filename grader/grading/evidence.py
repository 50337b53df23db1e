"""What hidden tests ask of an observation: the learner's calls, the returned value, a hang's cause.

Hidden tests fail by raising `RuleBroken`, which carries the rule id, the
learner's line and the message from `messages.RULES`; the test's own source
is never shown.
"""

from __future__ import annotations

import linecache
import re
from dataclasses import dataclass
from typing import Any

from grader.grading.messages import describe
from grader.sandbox.observe import Observation


class RuleBroken(AssertionError):
    def __init__(self, rule: str, line: int | None = None, **details: Any):
        self.rule = rule
        self.line = line
        self.message = describe(rule, line=line, **details)
        super().__init__(self.message)


@dataclass(frozen=True)
class Scenario:
    entry: str
    inputs: dict[str, Any]
    wall_s: float = 5.0


def task(name: str) -> dict[str, str]:
    """A grader-supplied task, named for the child to import."""
    return {"$callable": f"grader.tasks:{name}"}


def main_pid(seen: Observation) -> int | None:
    starts = seen.records.of_kind("start")
    return starts[0].get("pid") if starts else None


def calls(seen: Observation, *whats: str, in_main: bool = True) -> list[dict[str, Any]]:
    """The learner's calls of the given kinds, in time order; by default those of the main process."""
    pid = main_pid(seen)
    return [c for c in seen.calls if c["what"] in whats and (not in_main or c["pid"] == pid)]


def require_value(seen: Observation, entry: str) -> Any:
    """The returned value, or the rule that explains why there is none."""
    if seen.status == "returned":
        if seen.run and seen.run.exit_hung:
            raise RuleBroken("exit-hang", entry=entry, blocked=_blocked_suffix(seen))
        return seen.value
    if seen.status == "raised":
        error = seen.error or {}
        if error.get("type") == "NotImplementedError":
            raise RuleBroken("not-implemented", error.get("line"), entry=entry)
        _raise_for_local_callables(seen)
        where = f" at line {error['line']}" if error.get("line") else ""
        raise RuleBroken("crashed", error.get("line"), entry=entry, type=error.get("type"),
                         message=error.get("message"), where=where)
    if seen.status == "import-error":
        error = seen.error or {}
        where = f" at line {error['line']}" if error.get("line") else ""
        raise RuleBroken("import-error", error.get("line"), type=error.get("type"), message=error.get("message"),
                         where=where)
    if seen.status in ("missing-entry", "exited", "unserialisable"):
        rule = "missing-entry" if seen.status == "missing-entry" else "exited"
        raise RuleBroken(rule, reason=seen.reason, entry=entry)
    _raise_for_local_callables(seen)
    blocked = blocked_lines(seen)
    raise RuleBroken("no-verdict", blocked[0][1] if blocked else None,
                     reason=f"{seen.reason}{_blocked_suffix(seen)}")


def require_results(seen: Observation, entry: str, items: list, expected: list) -> None:
    """The entry point returned exactly `expected` for `items`."""
    got = require_value(seen, entry)
    if got != expected:
        raise RuleBroken("results-in-order", entry=entry, items=items, got=got, expected=expected)


def require_ran(seen: Observation, entry: str) -> None:
    """The learner's code ran to a return or to its own exception, so its trace is worth judging."""
    error = seen.error or {}
    if seen.status == "returned" or (seen.status == "raised" and error.get("type") != "NotImplementedError"):
        return
    require_value(seen, entry)


def _raise_for_local_callables(seen: Observation) -> None:
    if seen.start_method == "fork":
        return
    for call in seen.calls:
        if call.get("target_local"):
            raise RuleBroken("local-callable", call["line"], target=call.get("target"),
                             start_method=seen.start_method)


def learner_source(seen: Observation, line: int | None) -> str:
    path = seen.learner_file
    return linecache.getline(path, line).strip() if path and line else ""


_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')


def blocked_lines(seen: Observation) -> list[tuple[int, int, str]]:
    """For each dumped process: (pid, the learner line it was blocked at, the stdlib call it was in)."""
    if not seen.run:
        return []
    learner = seen.learner_file
    found = []
    pid = main_pid(seen)
    for dump_pid, dump in sorted(seen.run.stack_dumps.items(), key=lambda kv: kv[0] != pid):
        current = dump.split("Current thread", 1)[-1]
        frames = [m.groupdict() for m in _FRAME.finditer(current)]  # innermost first
        inner = frames[0]["func"] if frames else "?"
        for frame in frames:
            if learner and frame["file"] == learner:
                found.append((dump_pid, int(frame["line"]), inner))
                break
        else:
            found.append((dump_pid, 0, inner))
    return found


def _blocked_suffix(seen: Observation) -> str:
    parts = []
    pid = main_pid(seen)
    for dump_pid, line, inner in blocked_lines(seen):
        who = "the main process" if dump_pid == pid else f"process {dump_pid}"
        if line:
            source = learner_source(seen, line)
            parts.append(f"{who} was stuck at line {line} (`{source}`)")
        elif inner in ("_feed", "_send", "_exit_function", "join_thread", "_finalize_join"):
            parts.append(f"{who} had finished but could not exit: its queue data was never read")
        else:
            parts.append(f"{who} was in {inner}()")
    return " " + "; ".join(parts) + "." if parts else ""


def hang_description(seen: Observation) -> str:
    return _blocked_suffix(seen).strip()
