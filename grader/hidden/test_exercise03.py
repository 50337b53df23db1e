"""Hidden tests for exercise03 (pool_ordering): map_with_pool(task, items, processes)."""

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    first_line,
    not_the_cpu_count,
    require_close_and_join,
    require_close_before_join,
    require_pool_size,
    require_ran,
    require_results,
    require_value,
    task,
)

ENTRY = "map_with_pool"
ITEMS = [6, 5, 4, 3, 2, 1, 0, 7]  # bigger items take longer: completion order is not item order
PROCESSES = not_the_cpu_count(3)
FAILING_ITEMS = [1, 2, 3, 4]
SCENARIOS = {
    "ordered": Scenario(ENTRY, {"task": task("slower_for_bigger"), "items": ITEMS, "processes": PROCESSES}),
    "failing": Scenario(ENTRY, {"task": task("fail_on_three"), "items": FAILING_ITEMS, "processes": 2}),
}


def test_results_in_item_order(seen):
    """Results come back in the order of the items"""
    require_results(seen("ordered"), ENTRY, ITEMS, [x * x for x in ITEMS])


def test_pool_has_exactly_processes_workers(seen):
    """The pool has exactly `processes` workers"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    require_pool_size(observation, PROCESSES)


def test_one_apply_async_per_item(seen):
    """Each item is submitted with its own apply_async"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    submitted = calls(observation, "Pool.apply_async")
    if len(submitted) != len(ITEMS):
        line = submitted[0]["line"] if submitted else None
        raise RuleBroken("apply-async-per-item", line, expected=len(ITEMS), got=len(submitted))


def test_every_task_submitted_before_the_first_get(seen):
    """Every task is submitted before the first AsyncResult.get()"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    submitted = calls(observation, "Pool.apply_async")
    gets = calls(observation, "AsyncResult.get")
    if submitted and gets and gets[0]["t"] < submitted[-1]["t"]:
        raise RuleBroken("submit-all-before-get", gets[0]["line"])


def test_close_before_join(seen):
    """pool.close() comes before pool.join()"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    require_close_before_join(observation)


def test_close_and_join_are_called(seen):
    """pool.close() and pool.join() are both called"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    require_close_and_join(observation)


def test_a_task_exception_propagates(seen):
    """An exception raised by a task propagates out of map_with_pool"""
    observation = seen("failing")
    error = observation.error or {}
    if observation.status == "raised" and error.get("type") == "ValueError" and "item 3" in error.get("message", ""):
        return
    if observation.status == "returned":
        raise RuleBroken("exception-propagates", entry=ENTRY, got=f"returned {observation.value!r}")
    require_value(observation, ENTRY)


def test_the_pool_is_stopped_when_a_task_fails(seen):
    """When a task raises, the pool is stopped before the exception leaves"""
    observation = seen("failing")
    require_ran(observation, ENTRY)
    if observation.status == "returned":
        return  # reported by the propagation check
    terminated = calls(observation, "Pool.terminate", "Pool.__exit__")
    closed_and_joined = calls(observation, "Pool.close") and calls(observation, "Pool.join")
    if not terminated and not closed_and_joined:
        raise RuleBroken("stop-pool-on-error", first_line(calls(observation, "Pool()")), entry=ENTRY)
