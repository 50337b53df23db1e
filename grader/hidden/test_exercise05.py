"""Hidden tests for exercise05 (pool_manager_queue): pool_with_queue(messages, processes).

Calls on a Manager queue are recorded as `Proxy.<method>` in the process that made them, so the
trace tells whether a pool worker or the parent wrote and read the messages.
"""

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    main_pid,
    not_the_cpu_count,
    require_close_and_join,
    require_close_before_join,
    require_pool_size,
    require_ran,
    require_value,
)

ENTRY = "pool_with_queue"
# Empty strings are messages too; "0" and " " are truthy but look like nothing.
MESSAGES = ["alpha", "", "beta", "0", "", "gamma", " ", "delta", "", "omega"]
# The trace records the argument itself, so Pool() without `processes` shows anyway. Not 2: a writer and a
# reader are two tasks, so a hard-coded Pool(2) is the likely mistake, and it must not pass for Pool(processes).
PROCESSES = not_the_cpu_count(3)
SCENARIOS = {
    "messages": Scenario(ENTRY, {"messages": MESSAGES, "processes": PROCESSES}),
}

QUEUE_TYPES = ("Queue", "JoinableQueue")
SNAPSHOTS = ("Proxy.qsize", "Proxy.empty", "Queue.qsize", "Queue.empty", "SimpleQueue.empty")
NON_BLOCKING = ("Proxy.get_nowait", "Queue.get_nowait")


def _queue_calls(observation, *methods):
    """Calls on a Manager queue, in every process."""
    whats = tuple(f"Proxy.{method}" for method in methods)
    return [c for c in calls(observation, *whats, in_main=False) if c.get("typeid") in QUEUE_TYPES]


def _split(observation, found):
    main = main_pid(observation)
    return [c for c in found if c["pid"] == main], [c for c in found if c["pid"] != main]


def test_the_reader_returns_exactly_the_messages(seen):
    """The reader's result is exactly the messages, in order, empty strings included"""
    observation = seen("messages")
    got = require_value(observation, ENTRY)
    if got == MESSAGES:
        return
    if isinstance(got, list) and len(got) < len(MESSAGES) and got == MESSAGES[:len(got)] and \
            MESSAGES[len(got)] == "":
        _, in_workers = _split(observation, _queue_calls(observation, "get"))
        line = in_workers[-1]["line"] if in_workers else None
        raise RuleBroken("falsy-sentinel", line, index=len(got), got=len(got), count=len(MESSAGES))
    raise RuleBroken("results-in-order", entry=ENTRY, items=MESSAGES, got=got, expected=MESSAGES)


def test_messages_travel_through_a_manager_queue(seen):
    """The writer and the reader talk through a Manager queue"""
    observation = seen("messages")
    error = observation.error or {}
    made = calls(observation, "Queue()", "JoinableQueue()", "SimpleQueue()")
    if observation.status == "raised" and error.get("type") == "RuntimeError" and \
            "inheritance" in (error.get("message") or ""):
        line = made[0]["line"] if made else error.get("line")
        raise RuleBroken("manager-queue", line, detail=f"A multiprocessing.Queue (line {line}) was passed to a "
                                                       "pool task, which raised RuntimeError.")
    require_ran(observation, ENTRY)
    if _queue_calls(observation, "put", "get", "get_nowait"):
        return
    if made:
        raise RuleBroken("manager-queue", made[0]["line"],
                         detail=f"The messages went through the multiprocessing.Queue made at line "
                                f"{made[0]['line']}, not a Manager queue.")
    raise RuleBroken("manager-queue", detail="No Manager queue carried the messages.")


def test_a_pool_task_writes_the_messages(seen):
    """A pool task, not the parent, puts the messages on the queue"""
    observation = seen("messages")
    require_ran(observation, ENTRY)
    if not _queue_calls(observation, "put", "get", "get_nowait"):
        return  # reported by the Manager queue check
    in_main, in_workers = _split(observation, _queue_calls(observation, "put", "put_nowait"))
    if len(in_main) > 1:  # one put from the parent may be the sentinel
        raise RuleBroken("writer-task", in_main[0]["line"],
                         detail=f"The main process put the messages on the queue (line {in_main[0]['line']}).")
    if not in_workers:
        raise RuleBroken("writer-task", detail="No pool task put anything on the queue.")


def test_a_pool_task_reads_the_messages(seen):
    """A pool task, not the parent, reads the messages off the queue"""
    observation = seen("messages")
    in_main, in_workers = _split(observation, _queue_calls(observation, "get", "get_nowait"))
    if in_main:
        raise RuleBroken("reader-task", in_main[0]["line"],
                         detail=f"The main process reads the queue at line {in_main[0]['line']}.")
    require_ran(observation, ENTRY)
    if not _queue_calls(observation, "put", "get", "get_nowait"):
        return  # reported by the Manager queue check
    if not in_workers:
        raise RuleBroken("reader-task", detail="No pool task read anything from the queue.")


def test_the_reader_stops_on_a_sentinel_or_a_count(seen):
    """The reader stops on a sentinel or after len(messages) items, not on qsize(), empty(), a sleep or a timeout"""
    observation = seen("messages")
    for call in calls(observation, *SNAPSHOTS, *NON_BLOCKING, "Proxy.get", "Queue.get", in_main=False):
        what = call["what"].split(".")[-1]
        if call["what"] in SNAPSHOTS:
            raise RuleBroken("reader-snapshot", call["line"], call=f"{what}()")
        if call["what"] in NON_BLOCKING or call.get("block") is False or (
                call["what"] == "Proxy.get" and call.get("key") is False):
            raise RuleBroken("reader-snapshot", call["line"], call="a non-blocking get")
        if call.get("timeout") is not None:
            raise RuleBroken("get-timeout", call["line"], who="the reader", call=f"get(timeout={call['timeout']!r})")
    require_ran(observation, ENTRY)


def test_pool_has_exactly_processes_workers(seen):
    """The pool has exactly `processes` workers"""
    observation = seen("messages")
    require_ran(observation, ENTRY)
    require_pool_size(observation, PROCESSES)


def test_close_before_join(seen):
    """pool.close() comes before pool.join()"""
    observation = seen("messages")
    require_ran(observation, ENTRY)
    require_close_before_join(observation)


def test_close_and_join_are_called(seen):
    """pool.close() and pool.join() are both called"""
    observation = seen("messages")
    require_ran(observation, ENTRY)
    require_close_and_join(observation)
