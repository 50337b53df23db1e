"""Hidden tests for exercise04 (producer_consumer): producer_consumer(items, task, n_consumers).

Who is who comes from the call trace: the consumers are the child processes that get() from a queue
(the work queue); the producer is the child that puts on the work queue without reading it.
"""

import itertools
import os
import re

from grader.grading.evidence import (
    GETS,
    PUTS,
    STOPS,
    WAITING_IN_GET,
    WAITING_IN_JOIN,
    RuleBroken,
    Scenario,
    blocked_lines,
    calls,
    child_calls,
    first_line,
    hang_description,
    hung,
    main_pid,
    require_every_process_joined,
    require_ran,
    require_results,
    require_value,
    scenario_input,
    task,
)
from grader.tasks import NOT_AN_ITEM, SLOW_ITEMS

ENTRY = "producer_consumer"
SLOW = SLOW_ITEMS.items  # handed over as a SlowItems: iterating it sleeps before each item
CONSUMERS = 3
BIG_ITEMS = [2, 0, 3, 1]
BIG_CONSUMERS = 2
# A blocked (sleeping) tree is stopped after this; a busy one gets more time from the supervisor. Not less:
# the supervisor also cuts the exit grace after the end record at this deadline, so a short limit turns a
# slow exit on a loaded machine into a false "could not exit".
WALL_S = 5.0
SCENARIOS = {
    "slow": Scenario(ENTRY, {"items": task("SLOW_ITEMS"), "task": task("square_item"), "n_consumers": CONSUMERS},
                     wall_s=WALL_S),
    "big": Scenario(ENTRY, {"items": BIG_ITEMS, "task": task("megabyte_item"), "n_consumers": BIG_CONSUMERS},
                    wall_s=WALL_S),
}
POLLS = ("Queue.empty", "Queue.qsize", "SimpleQueue.empty")


def _sizes(name):
    """(how many items, how many consumers) in a scenario."""
    scenario = SCENARIOS[name]
    return len(scenario_input(scenario, "items")), scenario.inputs["n_consumers"]


def _consumer_pids(observation):
    return {c["pid"] for c in child_calls(observation, *GETS)}


def _work_queues(observation):
    return {c["obj"] for c in child_calls(observation, *GETS)}


def _all(seen):
    return [seen(name) for name in SCENARIOS]


def test_results_sorted_every_item_once(seen):
    """Every item is processed exactly once, results sorted, with a slow producer"""
    require_results(seen("slow"), ENTRY, SLOW, sorted(x * x for x in SLOW))


def test_consumers_do_not_poll_empty(seen):
    """Consumers block on get(); they never poll empty() or qsize()"""
    for observation in _all(seen):
        polls = child_calls(observation, *POLLS)
        if polls:
            call = polls[0]
            raise RuleBroken("empty-polling", call["line"], who="a child process",
                             call=call["what"].split(".")[-1] + "()")
    require_ran(seen("slow"), ENTRY)


def test_consumers_do_not_stop_on_a_timeout(seen):
    """Consumers wait with a plain blocking get(), no timeout"""
    for observation in _all(seen):
        for call in child_calls(observation, *GETS):
            if call["what"].endswith("get_nowait") or call.get("block") is False:
                spelled = "get_nowait()" if call["what"].endswith("get_nowait") else "get(block=False)"
                raise RuleBroken("busy-polling", call["line"], who="a consumer", call=spelled)
            if call.get("timeout") is not None:
                raise RuleBroken("get-timeout", call["line"], who="a consumer",
                                 call=f"get(timeout={call['timeout']!r})")
    require_ran(seen("slow"), ENTRY)


def test_no_process_is_terminated(seen):
    """No process is terminated or killed: consumers end on their sentinel"""
    for observation in _all(seen):
        stops = calls(observation, *STOPS, in_main=False)
        if stops:
            raise RuleBroken("no-terminate", stops[0]["line"], call=stops[0]["what"].split(".")[-1] + "()")
    require_ran(seen("slow"), ENTRY)


def _early_sentinel(observation, n_items: int, work: set) -> dict | None:
    """A put on the work queue, by a process other than the producer, made before the producer's last item.

    Without the values, a sentinel is told by who puts it: the producer is the child that puts on the work
    queue without reading it, and it puts the items first. Anything the parent (or a consumer re-putting
    its sentinel) puts on that queue is a sentinel, and it must come after the producer's n_items-th put.
    Trace times are time.monotonic(), one clock for every process. A call is recorded as it starts, so a
    put made after joining the producer is always later than the producer's last record.
    """
    consumers = _consumer_pids(observation)
    puts = [c for c in calls(observation, *PUTS, in_main=False) if c["obj"] in work]
    producers = {c["pid"] for c in puts if c["pid"] not in consumers and c["pid"] != main_pid(observation)}
    from_producer = [c for c in puts if c["pid"] in producers]
    # Past the trace's cap (40 records per queue and method in a process) records are sparse: the
    # n-th record is no longer the n-th put, so the producer's last item is unknown.
    if not producers or len(from_producer) < n_items or any(c.get("after_cap") for c in from_producer[:n_items]):
        return None
    last_item = from_producer[n_items - 1]["t"]
    return next((c for c in puts if c["pid"] not in producers and c["t"] < last_item), None)


def test_one_sentinel_per_consumer(seen):
    """One sentinel per consumer is put after the items"""
    for name, observation in zip(SCENARIOS, _all(seen), strict=True):
        n_items, consumers = _sizes(name)
        work = _work_queues(observation)
        early = _early_sentinel(observation, n_items, work)
        if early is not None:
            hang = f" The program hung: {hang_description(observation)}" if hung(observation, at_exit=True) else ""
            raise RuleBroken("sentinels-after-items", early["line"], hang=hang)
        puts = [c for c in calls(observation, *PUTS, in_main=False) if c["obj"] in work]
        capped = any(c.get("capped") for c in puts)
        sentinels = len(puts) - n_items
        counted = f"{sentinels} sentinel(s) were put for {consumers} consumers." if work and not capped else ""
        if hung(observation, at_exit=True):
            consumers_pids = _consumer_pids(observation)
            stuck = [(pid, line) for pid, line, inner in blocked_lines(observation)
                     if pid in consumers_pids and line and inner in WAITING_IN_GET]
            if stuck and (not counted or sentinels < consumers):
                raise RuleBroken("sentinel-per-consumer", stuck[0][1], consumers=consumers,
                                 what=f"the program hung: {hang_description(observation)} {counted}".strip())
        elif counted and 0 <= sentinels < consumers and observation.status == "returned":
            line = puts[-1]["line"] if puts else None
            raise RuleBroken("sentinel-per-consumer", line, consumers=consumers, what=counted)
    require_ran(seen("slow"), ENTRY)


_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')
_ERROR = re.compile(r"^[A-Za-z_][\w.]*(: .*)?$")


def _child_crash(observation):
    """(learner line, error line) of a child's traceback on stderr, if any.

    Tracebacks of processes that crash at the same moment may interleave line by line, so the
    sentinel mistake is recognised by the task's own error anywhere in the text; the line is the
    learner's frame that called the task (the one just before a frame of grader/tasks.py).
    """
    errors = observation.run.errors if observation.run else ""
    if "Traceback (most recent call last):" not in errors:
        return None
    learner = os.path.basename(observation.learner_file or "")
    lines = errors.splitlines()
    frames = [(m["file"], int(m["line"])) for m in map(_FRAME.match, lines) if m]
    mine = [line for file, line in frames if os.path.basename(file) == learner]
    calling_task = [line for (file, line), (after, _) in itertools.pairwise(frames)
                    if os.path.basename(file) == learner and after.endswith(os.path.join("grader", "tasks.py"))]
    wanted = [line for line in lines if NOT_AN_ITEM in line]
    if not wanted:
        wanted = [line for line in lines if _ERROR.match(line) and not line.startswith(("Traceback", "Process "))]
    line = (calling_task or mine or [None])[-1]
    return (line, wanted[0]) if wanted and line else None


COPY = ("A queue pickles what you put and get() returns a copy: a bare object() marker is never `is` (nor ==) "
        "the one you put. Use None as the sentinel (items are never None), or a marker compared by value or by "
        "type (isinstance).")


def test_consumers_recognise_the_sentinel(seen):
    """Consumers recognise the sentinel that comes out of the queue"""
    for observation in _all(seen):
        crash = _child_crash(observation)
        if crash and NOT_AN_ITEM in crash[1]:
            kind = crash[1].rsplit(": a ", 1)[-1]
            kind = {"builtins.object": "an object() marker", "builtins.NoneType": "None"}.get(kind, f"a {kind}")
            raise RuleBroken("sentinel-identity", crash[0], kind=kind, why=COPY if kind.startswith("an object") else (
                "The consumer must test for exactly the value the producer puts after the items."))
    require_ran(seen("slow"), ENTRY)


def test_consumers_do_not_crash(seen):
    """Every child process ends normally"""
    for observation in _all(seen):
        crash = _child_crash(observation)
        if crash and NOT_AN_ITEM not in crash[1]:
            raise RuleBroken("consumer-crashed", crash[0], error=crash[1][:300])
    require_ran(seen("slow"), ENTRY)


def test_a_producer_process_puts_the_items(seen):
    """A producer process, not the parent, puts the items on the queue"""
    observation = seen("slow")
    work = _work_queues(observation)
    from_main = [c for c in calls(observation, *PUTS) if c["obj"] in work]
    if len(from_main) > CONSUMERS:
        raise RuleBroken("producer-process", from_main[0]["line"],
                         detail=f"the main process put the items on the work queue (line {from_main[0]['line']}).")
    require_ran(observation, ENTRY)
    if not work:
        raise RuleBroken("producer-process", detail="no child process read items from a multiprocessing.Queue.")
    consumers = _consumer_pids(observation)
    producers = {c["pid"] for c in child_calls(observation, *PUTS) if c["obj"] in work and c["pid"] not in consumers}
    if not producers:
        raise RuleBroken("producer-process", detail="no child process other than the consumers put items on the "
                                                    "work queue.")


def test_one_producer_and_n_consumers(seen):
    """One producer process and n_consumers consumer processes are started"""
    observation = seen("slow")
    require_ran(observation, ENTRY)
    started = calls(observation, "Process.start", in_main=False)
    pools = calls(observation, "Pool()", in_main=False)
    if pools:
        raise RuleBroken("producer-consumer-processes", pools[0]["line"], expected=CONSUMERS + 1,
                         consumers=CONSUMERS, got=f"line {pools[0]['line']} made a Pool instead")
    if len(started) != CONSUMERS + 1:
        raise RuleBroken("producer-consumer-processes", first_line(started), expected=CONSUMERS + 1,
                         consumers=CONSUMERS, got=f"{len(started)} were started")
    consumers = _consumer_pids(observation)
    if len(consumers) != CONSUMERS:
        raise RuleBroken("producer-consumer-processes", expected=CONSUMERS + 1, consumers=CONSUMERS,
                         got=f"{len(consumers)} child process(es) read from the work queue")


def test_results_travel_through_a_second_queue(seen):
    """Consumers send results to the parent through a second queue"""
    observation = seen("slow")
    require_ran(observation, ENTRY)
    work = _work_queues(observation)
    consumers = _consumer_pids(observation)
    sent = {c["obj"] for c in child_calls(observation, *PUTS) if c["pid"] in consumers and c["obj"] not in work}
    read = {c["obj"] for c in calls(observation, *GETS)}
    if not sent:
        raise RuleBroken("results-through-queue", detail="The consumers never put a result on a second queue.")
    if not sent & read:
        raise RuleBroken("results-through-queue", detail="The main process never read the consumers' results queue.")


def test_every_process_is_joined(seen):
    """Every process that was started is joined"""
    observation = seen("slow")
    require_ran(observation, ENTRY)
    require_every_process_joined(observation, in_main=False)


def test_big_results_are_read_before_joining(seen):
    """1 MB results are read from the queue before the consumers are joined"""
    observation = seen("big")
    if hung(observation):
        blocked = blocked_lines(observation)
        main = main_pid(observation)
        consumers = _consumer_pids(observation)
        in_get = [pid for pid, line, inner in blocked if pid in consumers and line and inner in WAITING_IN_GET]
        joins = [line for pid, line, inner in blocked if pid == main and line and inner in WAITING_IN_JOIN]
        if joins and not in_get:
            raise RuleBroken("drain-before-join", joins[0], blocked=hang_description(observation))
    got = require_value(observation, ENTRY)
    strings = isinstance(got, list) and all(isinstance(v, str) for v in got)
    if not strings or [v.split(":", 1)[0] for v in got] != sorted(str(x) for x in BIG_ITEMS) or any(
            len(v) != 1_000_002 for v in got):
        raise RuleBroken("results-in-order", entry=ENTRY, items=BIG_ITEMS, got="other values",
                         expected="the four 1 MB results, sorted")
