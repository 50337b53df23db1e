"""Hidden tests for exercise11 (deadline): run_with_deadline(task, arg, timeout)."""

import ast

from grader import tasks
from grader.grading.evidence import (
    STOPS,
    RuleBroken,
    Scenario,
    calls,
    hang_description,
    hung,
    learner_source,
    learner_tree,
    require_every_process_joined,
    require_ran,
    require_value,
    task,
)

ENTRY = "run_with_deadline"
ARG = 7
BIG_TIMEOUT = 1.5  # the 1 MB task is done in milliseconds: a correct solution never waits this long
SLOW_TIMEOUT = 0.5  # the slow task sleeps tasks.SLEEP_PAST_DEADLINE_S (2 s): well past this deadline
# The crashing tasks end at once, and waiting out the timeout is allowed, so keep it short; but a solution that
# waits it out and then asks is_alive()/exitcode needs the child to have started and ended by then, and a
# spawned child on a loaded machine (a class graded in parallel) can take over a second just to start.
CRASH_TIMEOUT = 2.0
CRASH_WALL_S = CRASH_TIMEOUT + 3.0  # room past the timeout to start the child, join it and report
GRACE_S = 1.0  # the function returns within timeout + 1 s
SCENARIOS = {
    # The slow scenario first: a solution that joins before reading hangs on the 1 MB result, and a hang
    # skips the scenarios of that start method still waiting.
    "slow": Scenario(ENTRY, {"task": task("sleep_past_deadline"), "arg": ARG, "timeout": SLOW_TIMEOUT}, wall_s=4.0),
    "big": Scenario(ENTRY, {"task": task("megabyte"), "arg": ARG, "timeout": BIG_TIMEOUT}, wall_s=4.0),
    "raises": Scenario(ENTRY, {"task": task("raise_at_once"), "arg": ARG, "timeout": CRASH_TIMEOUT}, CRASH_WALL_S),
    "exits": Scenario(ENTRY, {"task": task("exit_three"), "arg": ARG, "timeout": CRASH_TIMEOUT}, CRASH_WALL_S),
    "killed": Scenario(ENTRY, {"task": task("killed_by_sigkill"), "arg": ARG, "timeout": CRASH_TIMEOUT}, CRASH_WALL_S),
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
    tree = learner_tree(observation)
    stops, kills = _stops_in_source(tree), _os_kills_in_source(tree)
    if observation.status == "returned" and observation.value == TIMEOUT:
        if kills:
            line, call = kills[0]
            raise RuleBroken("terminate-not-os-kill", line, entry=ENTRY, call=call,
                             source=learner_source(observation, line))
        if stops and _uses_a_thread(tree):
            line, call = stops[0]
            raise RuleBroken("terminate-in-entry", line, entry=ENTRY, timeout=SLOW_TIMEOUT, call=call,
                             source=learner_source(observation, line))
    elif stops or kills:
        # The code does stop the child, on a path this run never took: it did not see the deadline (a
        # timeout in the wrong unit, say). The outcome and deadline checks say what went wrong instead.
        return
    started = calls(observation, "Process.start")
    if not started:
        return  # nothing to stop: reported by the one-child check
    raise RuleBroken("terminate-at-deadline", started[0]["line"], entry=ENTRY, timeout=SLOW_TIMEOUT)


_STOP_METHODS = ("terminate", "kill")
_OS_KILLS = ("kill", "killpg")
_THREADS = ("Timer", "Thread")


def _os_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The names the learner's module binds to the os module (`import os as o`) and to os.kill/os.killpg
    (`from os import kill`)."""
    modules, kills = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "os"}
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            kills |= {a.asname or a.name for a in node.names if a.name in _OS_KILLS}
    return modules, kills


def _stops_in_source(tree: ast.Module | None) -> list[tuple[int, str]]:
    """(line, "terminate()") for each `x.terminate` / `x.kill` in the learner's code, called or not (a bound
    method handed to a threading.Timer is never called by the learner's own frames), in line order.
    Parsed, not searched as text: docstrings and comments that name terminate() do not count, nor os.kill."""
    if tree is None:
        return []
    modules, _ = _os_names(tree)
    found = [(node.lineno, f"{node.attr}()") for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr in _STOP_METHODS
             and not (isinstance(node.value, ast.Name) and node.value.id in modules)]
    return sorted(found)


def _os_kills_in_source(tree: ast.Module | None) -> list[tuple[int, str]]:
    """(line, "os.kill()") for each call of os.kill or os.killpg in the learner's code, in line order: a
    signal sent by pid, which the trace of Process methods never sees."""
    if tree is None:
        return []
    modules, kills = _os_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _OS_KILLS and isinstance(func.value, ast.Name) \
                and func.value.id in modules:
            found.append((node.lineno, f"os.{func.attr}()"))
        elif isinstance(func, ast.Name) and func.id in kills:
            found.append((node.lineno, f"{func.id}()"))
    return sorted(found)


def _uses_a_thread(tree: ast.Module | None) -> bool:
    """The learner's code names threading.Timer or threading.Thread: a stop it hands to one runs outside
    the function's own frames, which is the one case where a stop in the source goes untraced."""
    if tree is None:
        return False
    return any((isinstance(node, ast.Attribute) and node.attr in _THREADS)
               or (isinstance(node, ast.Name) and node.id in _THREADS) for node in ast.walk(tree))


def test_the_child_is_joined(seen):
    """The child is joined, whatever the outcome"""
    require_ran(seen("big"), ENTRY)
    for name in SCENARIOS:
        observation = seen(name)
        # A run that did not return is reported by the outcome checks; its trace stops halfway.
        if observation.status == "returned":
            require_every_process_joined(observation)


def _crash(seen, name: str) -> None:
    observation = seen(name)
    got = require_value(observation, ENTRY)
    expected = EXPECTED[name]
    if got == expected:
        return
    if got == TIMEOUT:
        raise RuleBroken("crash-not-timeout", entry=ENTRY, case=_sentence(CASES[name]), got=_shown(got))
    raise _outcome(name, got, _shown(expected), _crash_advice(got))


def _crash_advice(got) -> str:
    """What to add when a crash came back as ("crashed", wrong code): why the code is wrong, if it shows."""
    if not (isinstance(got, list) and len(got) == 2 and got[0] == "crashed"):
        return ""
    if got[1] is None:
        # exitcode stays None until the parent has reaped the child: join() (or is_alive()) does that.
        return ("The exit code came back as None: process.exitcode was read before join(), while the child "
                "was not reaped yet. Call join() first, then read process.exitcode.")
    return "Report the child's own exit code, process.exitcode, read after join()."


def _wrong_sign(got) -> bool:
    """The killed child was reported as if a negative exit code were not a crash: as a timeout (the -9 taken
    for "still running"), or with a positive code. A None code is another mistake (read before join())."""
    if got == TIMEOUT:
        return True
    if not (isinstance(got, list) and len(got) == 2 and got[0] == "crashed"):
        return False
    code = got[1]
    return isinstance(code, int) and not isinstance(code, bool) and code > 0


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
    if exits.status == "returned" and exits.value == EXPECTED["exits"] and _wrong_sign(got):
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

