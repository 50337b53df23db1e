"""Hidden tests for exercise10 (callbacks): gather_with_callbacks(task, items, processes).

The task is grader.tasks.square_or_fail: it sleeps a little (so lists read too early are incomplete),
squares its item, and raises ItemFailed for multiples of 3. When that exception is pickled to travel
to the parent, it reports the frame that caught it: the Pool's worker loop (the failure then reaches
error_callback) or the learner's own code (a wrapper that turned it into a result).
"""

import os

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    first_line,
    learner_source,
    not_the_cpu_count,
    require_close_and_join,
    require_close_before_join,
    require_pool_size,
    require_ran,
    require_value,
    task,
)

ENTRY = "gather_with_callbacks"
# The failing items finish in the order 9, 6, 3 (the task sleeps 0.01 s per unit of the item): failure
# messages in completion order are not sorted, and neither are the results.
ITEMS = [9, 5, 8, 6, 1, 2, 4, 7, 3]
# Never the grading machine's CPU count: Pool() with its default size cannot pass for Pool(processes).
PROCESSES = not_the_cpu_count(3)
FAILING = [x for x in ITEMS if x % 3 == 0]
EXPECTED = [sorted(x * x for x in ITEMS if x % 3), sorted(f"item {x} failed" for x in FAILING)]
SCENARIOS = {
    "mixed": Scenario(ENTRY, {"task": task("square_or_fail"), "items": ITEMS, "processes": PROCESSES}),
}
POOL_WORKER = os.path.join("multiprocessing", "pool.py")


def _two_lists(value) -> tuple[list, list] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(part, list) for part in value):
        return value[0], value[1]
    return None


def _submitted(observation) -> list[dict]:
    return calls(observation, "Pool.apply_async")


def _local_task(observation) -> None:
    """Under spawn/forkserver a nested function or lambda as the task cannot reach the workers."""
    if observation.start_method == "fork":
        return
    for call in _submitted(observation):
        if call.get("target_local"):
            raise RuleBroken("local-callable", call["line"], target=call.get("target"),
                             start_method=observation.start_method)


def test_every_result_and_every_failure_comes_back_sorted(seen):
    """Returns (sorted results, sorted failure messages), with no item lost"""
    observation = seen("mixed")
    if observation.status == "unserialisable":
        raise RuleBroken("callback-results", entry=ENTRY, items=ITEMS, expected=EXPECTED,
                         got="a value holding something that is not plain data (exception objects, for example: "
                             "the second list holds str(exception) of each failure)")
    got = require_value(observation, ENTRY)
    if got == EXPECTED:
        return
    _local_task(observation)
    raise RuleBroken("callback-results", entry=ENTRY, items=ITEMS, got=got, expected=EXPECTED)


def test_one_apply_async_with_both_callbacks_per_item(seen):
    """Each item is submitted with apply_async, callback and error_callback"""
    observation = seen("mixed")
    require_ran(observation, ENTRY)
    submitted = _submitted(observation)
    if len(submitted) != len(ITEMS):
        line = submitted[0]["line"] if submitted else None
        raise RuleBroken("apply-async-per-item", line, expected=len(ITEMS), got=len(submitted))
    for call in submitted:
        if not call.get("error_callback"):
            raise RuleBroken("error-callback", call["line"])
    for call in submitted:
        if not call.get("callback"):
            raise RuleBroken("result-callback", call["line"])


def test_failures_reach_error_callback(seen):
    """A task's exception travels to error_callback; it is not caught inside the worker"""
    observation = seen("mixed")
    require_ran(observation, ENTRY)
    events = [r for r in observation.records.of_kind("task") if r.get("task") == "square_or_fail"]
    raised = {f"item {r['item']} failed" for r in events if r.get("event") == "raised"}
    sent = [r for r in events if r.get("event") == "sent"]
    by_pool = {r.get("message") for r in sent if str(r.get("caught_in", "")).endswith(POOL_WORKER)}
    swallowed = sorted(raised - by_pool)
    if not swallowed:
        return
    caught_by_learner = [r for r in sent if _same_file(r.get("caught_in"), observation.learner_file)]
    if caught_by_learner:
        line = caught_by_learner[0].get("caught_at")
        source = learner_source(observation, line)
        raise RuleBroken("errors-not-caught-in-task", line,
                         detail=f"the task's exception ({swallowed[0]!r}) was caught by your own code inside the "
                                f"worker (around line {line}{f': `{source}`' if source else ''}) and sent back as "
                                "a result.")
    wrappers = [c for c in _submitted(observation) if c.get("target_module") == _module(observation)]
    line = wrappers[0]["line"] if wrappers else None
    where = f"the function submitted at line {line}, {wrappers[0].get('target')}(), " if wrappers else "your code "
    raise RuleBroken("errors-not-caught-in-task", line,
                     detail=f"the task raised for {len(swallowed)} item(s) ({swallowed[0]!r}, ...), but {where}"
                            "caught the exception inside the worker: it never reached the parent as an exception.")


def test_lists_are_read_after_join(seen):
    """The lists are read only after close() and join(): every callback has run"""
    observation = seen("mixed")
    if observation.status == "unserialisable":
        return  # reported by the results check
    got = require_value(observation, ENTRY)
    lists = _two_lists(got)
    if lists is None:
        return  # reported by the results check
    results, failures = lists
    if len(results) >= len(EXPECTED[0]):
        return  # every result came back: whatever else is wrong, the lists were not read too early
    outcomes = {"entry": ENTRY, "got": len(results) + len(failures), "expected": len(ITEMS)}
    terminated = _terminated_before_join(observation)
    if terminated:
        raise RuleBroken("pool-terminated-before-join", terminated["line"], **outcomes)
    if _every_item_has_a_result_callback(observation):
        line = first_line(calls(observation, "Pool.join"), calls(observation, "Pool.__exit__"))
        raise RuleBroken("lists-after-join", line, **outcomes)


def _terminated_before_join(observation) -> dict | None:
    """The learner's pool.terminate() that came before its first pool.join(), if any: it stopped the
    workers with tasks still running, so their callbacks never ran, however late the lists were read."""
    stops, joins = calls(observation, "Pool.terminate"), calls(observation, "Pool.join")
    if stops and joins and stops[0]["t"] < joins[0]["t"]:
        return stops[0]
    return None


def _every_item_has_a_result_callback(observation) -> bool:
    """Short results prove the lists were read too early only when every item went in through apply_async
    with a callback. Otherwise (map_async, a missing callback, fewer submissions) the results were never
    going to arrive, and the submission and results checks say why. Failures are left out on purpose: an
    error_callback that prints instead of collecting loses them just the same, however late they are read."""
    submitted = _submitted(observation)
    return len(submitted) >= len(ITEMS) and all(c.get("callback") for c in submitted)


def test_close_before_join(seen):
    """pool.close() comes before pool.join()"""
    observation = seen("mixed")
    require_ran(observation, ENTRY)
    require_close_before_join(observation)


def test_pool_has_exactly_processes_workers(seen):
    """The pool has exactly `processes` workers"""
    observation = seen("mixed")
    require_ran(observation, ENTRY)
    require_pool_size(observation, PROCESSES)


def test_close_and_join_are_called(seen):
    """pool.close() and pool.join() are both called"""
    observation = seen("mixed")
    require_ran(observation, ENTRY)
    require_close_and_join(observation)


def _module(observation) -> str | None:
    return os.path.splitext(os.path.basename(observation.learner_file))[0] if observation.learner_file else None


def _same_file(a: str | None, b: str | None) -> bool:
    return bool(a and b) and os.path.realpath(a) == os.path.realpath(b)
