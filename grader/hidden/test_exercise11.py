"""Hidden tests for exercise11 (deadline): run_with_deadline(task, arg, timeout)."""

import re

from grader import tasks
from grader.grading.evidence import (
    STOPS,
    RuleBroken,
    Scenario,
    calls,
    hang_description,
    hung,
    learner_source,
    require_ran,
    require_value,
    task,
)

ENTRY = "run_with_deadline"
ARG = 7
BIG_TIMEOUT = 1.5  # the 1 MB task is done in milliseconds: a correct solution never waits this long
SLOW_TIMEOUT = 0.5  # the slow task sleeps tasks.SLEEP_PAST_DEADLINE_S (2 s): well past this deadline
CRASH_TIMEOUT = 1.0  # the crashing tasks end at once; waiting out the timeout is allowed, so keep it short
GRACE_S = 1.0  # the function returns within timeout + 1 s
SCENARIOS = {
    # The slow scenario first: a solution that joins before reading hangs on the 1 MB result, and a hang
    # skips the scenarios of that start method still waiting.
    "slow": Scenario(ENTRY, {"task": task("sleep_past_deadline"), "arg": ARG, "timeout": SLOW_TIMEOUT}, wall_s=4.0),
    "big": Scenario(ENTRY, {"task": task("megabyte"), "arg": ARG, "timeout": BIG_TIMEOUT}, wall_s=4.0),
    "raises": Scenario(ENTRY, {"task": task("raise_at_once"), "arg": ARG, "timeout": CRASH_TIMEOUT}, wall_s=4.0),
    "exits": Scenario(ENTRY, {"task": task("exit_three"), "arg": ARG, "timeout": CRASH_TIMEOUT}, wall_s=4.0),
    "killed": Scenario(ENTRY, {"task": task("killed_by_sigkill"), "arg": ARG, "timeout": CRASH_TIMEOUT}, wall_s=4.0),
}
CASES = {
    "big": "a task that finishes at once with a 1 MB result",
    "slow": f"a task still running at the deadline (timeout={SLOW_TIMEOUT})",
    "raises": "a task that raises ValueError (the child exits with code 1)",
    "exits": "a task that calls os._exit(3)",
    "killed": "a task whose process is killed by SIGKILL",
}
EXPECTED = {
    "slow": ["timeout", None],
    "raises": ["crashed", 1],
    "exits": ["crashed", 3],
    "killed": ["crashed", -9],
}
TIMEOUT = ["timeout", None]
READS = ("Connection.recv", "Connection.recv_bytes", "Queue.get", "Queue.get_nowait", "SimpleQueue.get")


def _shown(value) -> str:
    """A returned value as the learner should see it: never 1 MB of it."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str) and len(value[1]) > 60:
        return f"[{value[0]!r}, a string of {len(value[1])} characters starting {value[1][:12]!r}]"
    text = repr(tuple(value) if isinstance(value, list) else value)
    return text if len(text) <= 120 else text[:117] + "..."


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _outcome(name: str, got, expected: str, advice: str = "") -> RuleBroken:
    return RuleBroken("deadline-outcome", entry=ENTRY, case=_sentence(CASES[name]), got=_shown(got),
                      expected=expected, advice=f" {advice}" if advice else "")


def _took(observation) -> tuple[float, dict | None, float]:
    """How long the entry point waited at least once its child was started (from its first call after
    start() to its last call), the call after which it waited longest, and how long that wait was.

    Counted from after start(): starting a process (the fork server, under forkserver) is slow on a busy
    machine, and no waiting can happen before it.
    """
    main = calls(observation)
    started = next((i for i, c in enumerate(main) if c["what"] == "Process.start"), None)
    after = main[started + 1:] if started is not None else []
    if not after:
        return 0.0, None, 0.0
    times = [c["t"] for c in after]
    waits = [(times[i + 1] - times[i], after[i]) for i in range(len(after) - 1)]
    longest, waiter = max(waits, key=lambda pair: pair[0], default=(0.0, None))
    return times[-1] - times[0], waiter, longest


def test_a_finished_task_gives_ok_and_its_result(seen):
    """A task that finishes at once gives ("ok", result), even with a 1 MB result"""
    observation = seen("big")
    expected = ["ok", tasks.megabyte(ARG)]

    def require_read_before_join(got: str) -> None:
        joins, reads = calls(observation, "Process.join"), calls(observation, *READS)
        if joins and (not reads or joins[0]["t"] < reads[0]["t"]):
            raise RuleBroken("read-before-join", joins[0]["line"], entry=ENTRY, got=got)

    if hung(observation):
        require_read_before_join(f"nothing: it hung ({hang_description(observation).rstrip('.')})")
    got = require_value(observation, ENTRY)
    if got == expected:
        return
    if got == TIMEOUT:
        require_read_before_join(_shown(got))
    raise _outcome("big", got, f"('ok', the task's result {expected[1][:12]!r}...)")


def _next_call(observation, call: dict) -> dict | None:
    return next((c for c in calls(observation) if c["t"] > call["t"]), None)


def test_a_task_past_the_deadline_gives_timeout(seen):
    """A task still running at the deadline gives ("timeout", None)"""
    observation = seen("slow")
    got = require_value(observation, ENTRY)
    if got != EXPECTED["slow"]:
        raise _outcome("slow", got, "('timeout', None)")


def test_returns_within_timeout_plus_one_second(seen):
    """The function gives up at the deadline: it returns within timeout + 1 s"""
    observation = seen("slow")
    if hung(observation):
        raise RuleBroken("return-by-deadline", entry=ENTRY, timeout=SLOW_TIMEOUT, returned="never returned",
                         where=f": {hang_description(observation).rstrip('.')}")
    require_ran(observation, ENTRY)
    took, waiter, longest = _took(observation)
    if took <= SLOW_TIMEOUT + GRACE_S:
        return
    line = waiter["line"] if waiter else None
    where = ""
    if line:
        where = f"; the longest wait, {longest:.1f} s, was in line {line} (`{learner_source(observation, line)}`)"
        following = _next_call(observation, waiter)
        if following and following["line"] != line:
            where += (f" or in the code after it, before line {following['line']} "
                      f"(`{learner_source(observation, following['line'])}`)")
    raise RuleBroken("return-by-deadline", line, entry=ENTRY, timeout=SLOW_TIMEOUT,
                     returned=f"returned only after about {took:.1f} s", where=where)


def test_the_task_is_terminated_at_the_deadline(seen):
    """A task still running at the deadline is terminated"""
    observation = seen("slow")
    require_ran(observation, ENTRY)
    if calls(observation, *STOPS):
        return
    mentioned = _mentions_a_stop(observation)
    if mentioned:
        line, call = mentioned
        raise RuleBroken("terminate-in-entry", line, entry=ENTRY, timeout=SLOW_TIMEOUT, call=call,
                         source=learner_source(observation, line))
    started = calls(observation, "Process.start")
    if not started:
        return  # nothing to stop: reported by the one-child check
    raise RuleBroken("terminate-at-deadline", started[0]["line"], entry=ENTRY, timeout=SLOW_TIMEOUT)


_STOP_IN_SOURCE = re.compile(r"\.(terminate|kill)\b")


def _mentions_a_stop(observation) -> tuple[int, str] | None:
    """(line, "terminate()") of the learner's source naming terminate/kill, when no traced call made it:
    the call then ran outside the learner's frames (handed to a threading.Timer, say)."""
    path = observation.learner_file
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read().splitlines()
    except OSError:
        return None
    for number, text in enumerate(source, 1):
        code = text.split("#", 1)[0]
        found = _STOP_IN_SOURCE.search(code)
        if found:
            return number, f"{found.group(1)}()"
    return None


def _crash(seen, name: str) -> None:
    observation = seen(name)
    got = require_value(observation, ENTRY)
    expected = EXPECTED[name]
    if got == expected:
        return
    if got == TIMEOUT:
        raise RuleBroken("crash-not-timeout", entry=ENTRY, case=_sentence(CASES[name]), got=_shown(got))
    advice = ""
    if isinstance(got, list) and len(got) == 2 and got[0] == "crashed":
        advice = "Report the child's own exit code, process.exitcode, read after join()."
    raise _outcome(name, got, _shown(expected), advice)


def test_a_raising_task_is_a_crash(seen):
    """A task that raises gives ("crashed", 1)"""
    _crash(seen, "raises")


def test_an_exiting_task_is_a_crash(seen):
    """A task that calls os._exit(3) gives ("crashed", 3)"""
    _crash(seen, "exits")


def test_a_killed_task_is_a_crash(seen):
    """A task killed by a signal gives ("crashed", -9)"""
    observation = seen("killed")
    got = require_value(observation, ENTRY)
    if got == EXPECTED["killed"]:
        return
    exits = seen("exits")
    if exits.status == "returned" and exits.value == EXPECTED["exits"]:
        raise RuleBroken("negative-exit-code", entry=ENTRY, got=_shown(got))
    _crash(seen, "killed")


def test_one_child_process(seen):
    """The task runs in one child process"""
    observation = seen("big")
    require_ran(observation, ENTRY)
    pools = calls(observation, "Pool()", "ProcessPoolExecutor()")
    if pools:
        raise RuleBroken("one-child-process", pools[0]["line"], got=f"line {pools[0]['line']} made a pool")
    started = calls(observation, "Process.start")
    if len(started) != 1:
        raise RuleBroken("one-child-process", started[1]["line"] if len(started) > 1 else None,
                         got=f"{len(started)} processes were started")

