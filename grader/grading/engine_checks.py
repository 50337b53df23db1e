"""Checks every exercise gets, whatever its hidden tests: what a run must never do.

They read what the supervisor saw (processes left behind, the process
limit) and the trace (work done at import, a start method chosen by the
learner), per start method, across all of the exercise's scenarios.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from grader.grading.evidence import RuleBroken, calls, require_ran
from grader.grading.grade import Check
from grader.grading.messages import RULES, describe
from grader.sandbox.limits import Limits
from grader.sandbox.observe import Observation

# What a run cleans up at its end (a `with Manager()` block's exit, unlink()): not judged on a run killed
# halfway.
_CLEAN_UP_RULES = ("manager-left-running", "shared-memory-left")
STARTING_CALLS = ("Process.start", "Pool()", "Manager()", "Manager.start", "Pool.map", "Pool.apply_async")


def engine_checks(observations: dict[tuple[str, str], Observation], methods: list[str],
                  entry: str) -> list[Check]:
    checks = []
    for method in methods:
        seen = [o for (_, m), o in observations.items() if m == method]
        for rule, check in (("work-at-import", _no_work_at_import), ("start-method-choice", _no_start_method),
                            ("leftover-processes", _nothing_left_running),
                            ("manager-left-running", _managers_shut_down),
                            ("shared-memory-left", _shared_memory_unlinked),
                            ("terminate-without-join", _terminated_processes_joined),
                            ("joined-before-return", _processes_joined_before_return),
                            ("too-many-processes", _within_process_limit)):
            try:
                for observation in seen:
                    if rule in _CLEAN_UP_RULES and observation.status == "no-verdict":
                        continue  # a hung run was killed before its clean-up: the hang is the fault, said as such
                    check(observation, entry)
                for observation in seen:
                    # Code that did not run (a stub, an import error) earns nothing for doing no harm.
                    require_ran(observation, entry)
                checks.append(Check(rule, RULES[rule].title, True, method))
            except RuleBroken as broken:
                checks.append(Check(rule, RULES[rule].title, False, method, broken.message, broken.line,
                                    broken.rule))
    return checks


def source_checks(learner_file: Path) -> list[Check]:
    """A failed check if the source reaches into the grader, whatever the start method; else none.

    It is a flag, not a point to earn: code that leaves the grader alone has only done what all code does.
    """
    from grader.grading.source_scan import reaches_into_grader

    rule = "reaches-into-grader"
    found = reaches_into_grader(learner_file)
    if not found:
        return []
    (line, what), rest = found[0], found[1:]
    more = " Also: " + "; ".join(f"line {n}: {w}" for n, w in rest[:4]) + "." if rest else ""
    return [Check(rule, RULES[rule].title, False, None, describe(rule, line=line, what=what, more=more), line, rule)]


def _no_work_at_import(seen: Observation, entry: str) -> None:
    imported = seen.records.of_kind("imported")
    limit = imported[0].get("t") if imported else None
    for call in calls(seen, *STARTING_CALLS):
        if limit is None or call["t"] < limit:
            raise RuleBroken("work-at-import", call["line"], call=call["what"])


def _no_start_method(seen: Observation, entry: str) -> None:
    for call in calls(seen, "set_start_method", "get_context", in_main=False):
        if call["what"] == "set_start_method" or call.get("method"):
            raise RuleBroken("start-method-choice", call["line"], call=f"{call['what']}({call.get('method')!r})")


def _nothing_left_running(seen: Observation, entry: str) -> None:
    if seen.run and seen.run.leftovers:
        commands = ", ".join(sorted({p.cmdline[:60] or p.command for p in seen.run.leftovers})[:3])
        raise RuleBroken("leftover-processes", count=len(seen.run.leftovers), entry=entry, commands=commands)


def _managers_shut_down(seen: Observation, entry: str) -> None:
    made = calls(seen, "Manager()", in_main=False)
    stopped = {c["obj"] for c in calls(seen, "Manager.shutdown", "Manager.__exit__", in_main=False)}
    for manager in made:
        if manager["obj"] not in stopped:
            raise RuleBroken("manager-left-running", manager["line"])


def _shared_memory_unlinked(seen: Observation, entry: str) -> None:
    # By name, in any process: a segment is often unlinked through another handle than the one that made it.
    unlinked = {c.get("name") for c in calls(seen, "SharedMemory.unlink", in_main=False)}
    for made in calls(seen, "SharedMemory()", in_main=False):
        if made.get("create") and made.get("name") not in unlinked:
            raise RuleBroken("shared-memory-left", made["line"])


def _terminated_processes_joined(seen: Observation, entry: str) -> None:
    for stop in calls(seen, "Process.terminate", "Process.kill", in_main=False):
        # join(0) returns at once, usually before the signal has even been delivered: it reaps nothing.
        joined_later = [c for c in calls(seen, "Process.join", in_main=False)
                        if c["obj"] == stop["obj"] and c["pid"] == stop["pid"] and c["t"] >= stop["t"]
                        and c.get("timeout") != 0]
        if not joined_later:
            raise RuleBroken("terminate-without-join", stop["line"], call=stop["what"].split(".")[1])


def _processes_joined_before_return(seen: Observation, entry: str) -> None:
    """The learner's processes had all been waited for when the entry point returned (the runner lists,
    without waiting, those that had not). Pool workers and Manager servers are multiprocessing's own."""
    ends = seen.records.of_kind("end")
    unjoined = ends[0].get("unjoined") if ends else None
    if not unjoined or not isinstance(unjoined, list):
        return
    started = {c["obj"]: c for c in calls(seen, "Process.start")}
    mine = [u for u in unjoined if isinstance(u, dict) and u.get("obj") in started]
    if not mine:
        return
    first = started[mine[0]["obj"]]
    states = Counter(u.get("state") for u in mine)
    how = " and ".join(f"{n} {'still running' if state == 'running' else 'ended but never joined'}"
                       for state, n in sorted(states.items(), key=lambda item: str(item[0])))
    raise RuleBroken("joined-before-return", first["line"], entry=entry, how=how)


def _within_process_limit(seen: Observation, entry: str) -> None:
    if seen.run and seen.run.process_limit_hit:
        raise RuleBroken("too-many-processes", limit=Limits().max_processes)
