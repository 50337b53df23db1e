"""Hidden tests for exercise01 (process_basics): run_in_processes(task, items)."""

from grader.grading.evidence import (
    GETS,
    PUTS,
    WAITING_IN_JOIN,
    RuleBroken,
    Scenario,
    blocked_lines,
    calls,
    child_calls,
    first_line,
    hang_description,
    hung,
    require_every_process_joined,
    require_ran,
    require_results,
    require_value,
    still_the_stub,
    task,
)

ENTRY = "run_in_processes"
ITEMS = [4, 3, 2, 1, 0]  # bigger items take longer: completion order is the reverse of item order
BIG_ITEMS = [0, 1, 2]
SCENARIOS = {
    "ordered": Scenario(ENTRY, {"task": task("slower_for_bigger"), "items": ITEMS}),
    "big": Scenario(ENTRY, {"task": task("megabyte"), "items": BIG_ITEMS}),
    "empty": Scenario(ENTRY, {"task": task("square"), "items": []}),
}


def test_results_in_item_order(seen):
    """Results come back in the order of the items"""
    require_results(seen("ordered"), ENTRY, ITEMS, [x * x for x in ITEMS])


def test_one_process_per_item(seen):
    """One multiprocessing.Process is started per item"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    pools = calls(observation, "Pool()")
    if pools:
        raise RuleBroken("no-pool", pools[0]["line"])
    started = calls(observation, "Process.start")
    if len(started) != len(ITEMS):
        raise RuleBroken("one-process-per-item", first_line(started), expected=len(ITEMS), got=len(started))


def test_every_process_started_before_the_first_join(seen):
    """Every process is started before the first join()"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    started, joined = calls(observation, "Process.start"), calls(observation, "Process.join")
    if started and joined and joined[0]["t"] < started[-1]["t"]:
        raise RuleBroken("start-all-before-join", joined[0]["line"])


def test_every_process_is_joined(seen):
    """Every process that was started is joined"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    require_every_process_joined(observation)


def test_results_travel_through_a_queue(seen):
    """Results come back through a multiprocessing.Queue"""
    observation = seen("ordered")
    require_ran(observation, ENTRY)
    puts = child_calls(observation, *PUTS)
    gets = calls(observation, *GETS)
    if not puts:
        managed = child_calls(observation, "Proxy.put")
        if managed:
            raise RuleBroken("results-through-queue", managed[0]["line"],
                             detail=f"The children put their results on a Manager queue (line "
                                    f"{managed[0]['line']}), not on a multiprocessing.Queue.")
        raise RuleBroken("results-through-queue", detail="No child process put anything on a queue.")
    if not gets:
        raise RuleBroken("results-through-queue", detail="The main process never read from the queue.")


def test_big_results_are_read_before_joining(seen):
    """1 MB results are read from the queue before the processes are joined"""
    observation = seen("big")
    if hung(observation):
        joins = [line for _, line, inner in blocked_lines(observation) if line and inner in WAITING_IN_JOIN]
        raise RuleBroken("drain-before-join", joins[0] if joins else None, blocked=hang_description(observation))
    got = require_value(observation, ENTRY)
    for seen_in in (observation, seen("ordered")):
        require_ran(seen_in, ENTRY)
        joins, gets = calls(seen_in, "Process.join"), calls(seen_in, *GETS)
        if joins and gets and joins[0]["t"] < gets[0]["t"]:
            timeout = joins[0].get("timeout")
            call = "join()" if timeout is None else f"join(timeout={timeout!r})"
            raise RuleBroken("join-before-reading", joins[0]["line"], call=call)
    if [len(value) if isinstance(value, str) else value for value in got] != [1_000_002] * len(BIG_ITEMS) or [
            value.split(":", 1)[0] for value in got] != [str(x) for x in BIG_ITEMS]:
        raise RuleBroken("results-in-order", entry=ENTRY, items=BIG_ITEMS, got="other values",
                         expected="the three 1 MB results in item order")


def test_empty_input_gives_an_empty_list(seen):
    """No items: an empty list"""
    observation = seen("empty")
    error = observation.error or {}
    if observation.status == "raised" and not still_the_stub(observation):
        raise RuleBroken("empty-input", error.get("line"), entry=ENTRY,
                         got=f"an exception ({error.get('type')}: {error.get('message')})")
    got = require_value(observation, ENTRY)
    if got != []:
        raise RuleBroken("empty-input", entry=ENTRY, got=got)
