"""Hidden tests for exercise09 (pool_lock): deposit_all(update, path, amounts, processes).

`update` is grader.tasks.slow_deposit, a slow read-modify-write of the balance file; each call reports
(over the sandbox channel) its process, when it started and ended, what it read and what it wrote. So
the evidence is what really happened: which process ran each deposit, whether two deposits ever
overlapped (no shared lock), and the last balance written.
"""

from collections import Counter
from itertools import pairwise

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    child_calls,
    first_line,
    lock_operation,
    main_pid,
    not_the_cpu_count,
    require_no_fork_only_global,
    require_pool_size,
    require_ran,
    task,
)

ENTRY = "deposit_all"
AMOUNTS = [5, 17, 3, 11, 8, 2, 13, 7, 1, 19, 4, 23]  # distinct, so each deposit is recognised by its amount
PROCESSES = not_the_cpu_count(3)
SCENARIOS = {
    "deposits": Scenario(ENTRY, {"update": task("slow_deposit"), "path": "balance.txt", "amounts": AMOUNTS,
                                 "processes": PROCESSES}),
}
INHERITANCE = "through inheritance"
LOCK_MADE = ("Lock()", "RLock()")


def deposits(observation) -> list[dict]:
    """What update() did, one record per call, in the order the calls ended."""
    made = [r for r in observation.records.of_kind("task") if r.get("task") == "slow_deposit"]
    return sorted(made, key=lambda r: r["ended"])


def _acquired(call: dict) -> str | None:
    """The lock a call takes (a multiprocessing lock or semaphore, or a Manager lock proxy), else None."""
    op = lock_operation(call)
    return op[1] if op and op[0] == "acquire" else None


def _count(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def require_deposits_ran(observation) -> None:
    """The learner's code ran; a lock passed as a task argument is named for what it is."""
    error = observation.error or {}
    if observation.status == "raised" and INHERITANCE in (error.get("message") or ""):
        raise RuleBroken("lock-through-inheritance", error.get("line"),
                         detail=f"line {error.get('line')} raised RuntimeError: {error.get('message')}.")
    require_ran(observation, ENTRY)


def test_update_runs_once_for_every_amount(seen):
    """update(path, amount) runs once for every amount"""
    observation = seen("deposits")
    require_deposits_ran(observation)
    made = Counter(r.get("amount") for r in deposits(observation))
    if made == Counter(AMOUNTS):
        return
    require_no_fork_only_global(observation, ENTRY)  # a lock handed over in a global reaches forked workers only
    got = sum(made.values())
    locks = calls(observation, *LOCK_MADE)
    pools = calls(observation, "Pool()")
    if got < len(AMOUNTS) and locks and not any(p.get("target") for p in pools):
        # A multiprocessing.Lock made in the parent, no initializer to hand it over, tasks that never ran.
        raise RuleBroken("lock-through-inheritance", locks[0]["line"],
                         detail=f"update ran {_count(got)} for {len(AMOUNTS)} amounts, and the "
                                f"multiprocessing.Lock made at line {locks[0]['line']} never reached the "
                                "workers through a Pool initializer.")
    detail = ""
    if got < len(AMOUNTS) and calls(observation, "Pool.__exit__") and not calls(observation, "Pool.join"):
        detail = (" Leaving a `with Pool(...)` block calls terminate(), which kills the tasks still waiting: "
                  "wait for them first (pool.map/starmap, AsyncResult.get(), or close() then join()).")
    elif got > len(AMOUNTS):
        detail = " Some amounts were deposited more than once."
    raise RuleBroken("deposit-every-amount", first_line(calls(observation, "Pool.__exit__"), pools), got=_count(got),
                     expected=len(AMOUNTS), detail=detail)


def test_updates_run_in_the_pool_workers(seen):
    """A Pool of `processes` workers makes the deposits"""
    observation = seen("deposits")
    require_deposits_ran(observation)
    pools = calls(observation, "Pool()")
    if not pools:
        raise RuleBroken("updates-in-pool-workers", detail="No multiprocessing.Pool was created.")
    require_pool_size(observation, PROCESSES)
    parent = main_pid(observation)
    in_parent = [r for r in deposits(observation) if r["pid"] == parent]
    if in_parent:
        raise RuleBroken("updates-in-pool-workers", pools[0]["line"],
                         detail=f"{len(in_parent)} deposit(s) were made by the parent process itself.")


def test_every_update_holds_one_shared_lock(seen):
    """Calls to update never overlap: one lock shared by all workers is held around each"""
    observation = seen("deposits")
    require_deposits_ran(observation)
    made = sorted(deposits(observation), key=lambda r: r["started"])
    overlaps = [(a, b) for a, b in pairwise(made) if b["started"] < a["ended"]]
    if not overlaps:
        _require_lock_held(observation, made)  # no overlap, perhaps only because the tasks ran one at a time
        return
    first, second = overlaps[0]
    seen_overlap = (f"calls to update overlapped: for example the deposits of {first['amount']} and "
                    f"{second['amount']} ran at the same time, in processes {first['pid']} and {second['pid']}")
    parent = main_pid(observation)
    taken = [c for c in observation.calls if _acquired(c)]
    in_workers = [c for c in taken if c["pid"] != parent]
    in_parent = [c for c in taken if c["pid"] == parent]
    worker_locks = {_acquired(c) for c in in_workers}
    if len(worker_locks) > 1:
        line = in_workers[0]["line"]
        why = (f"; the workers took {len(worker_locks)} different locks at line {line}: a lock made for each "
               "task (or each worker) excludes nobody.")
    elif in_parent and not in_workers:
        line = in_parent[0]["line"]
        why = (f"; the lock was only taken by the parent, at line {line}, while the workers ran update "
               "without it.")
    elif in_workers:
        line = in_workers[0]["line"]
        why = f"; the lock taken at line {line} was not held around every call."
    else:
        line = first_line(calls(observation, "Pool()"))
        why = ": no lock was held while update ran."
    raise RuleBroken("one-shared-lock", line, detail=seen_overlap + why)


def test_the_file_holds_every_deposit(seen):
    """Afterwards the file holds the opening balance plus every amount"""
    observation = seen("deposits")
    require_deposits_ran(observation)
    made = deposits(observation)
    got = made[-1]["wrote"] if made else 0  # the balance written last is what the file holds
    expected = sum(AMOUNTS)
    if got != expected:
        raise RuleBroken("exact-balance", got=got, expected=expected, lost=len(AMOUNTS) - _surviving(made))


def _surviving(made: list[dict]) -> int:
    """How many deposits the final balance contains: walk back from the last write through the write
    each deposit read (a deposit whose write nobody read was overwritten, and is lost)."""
    count, current = 0, made[-1] if made else None
    while current is not None:
        count += 1
        earlier = [r for r in made if r["ended"] <= current["started"] and r["wrote"] == current["read"]]
        current = earlier[-1] if earlier else None
    return count



def _locks_held(observation, deposit):
    """The locks the deposit's process held for the whole of that call to update."""
    depth, released = Counter(), set()
    for call in observation.calls:
        op = lock_operation(call) if call["pid"] == deposit["pid"] and call["t"] <= deposit["ended"] else None
        if not op:
            continue
        kind, lock = op
        if call["t"] <= deposit["started"]:
            depth[lock] += 1 if kind == "acquire" else -1 if depth[lock] else 0
        elif kind == "release":
            released.add(lock)
    held_at_start = {lock for lock, n in depth.items() if n > 0}
    return held_at_start - released


def _require_lock_held(observation, made):
    """Even when no two calls overlapped, each one ran holding one lock shared by all the calls."""
    if not made or main_pid(observation) in {r["pid"] for r in made}:
        return  # deposits by the parent are reported by the pool-worker check
    held = [_locks_held(observation, r) for r in made]
    bare = [r for r, locks in zip(made, held, strict=True) if not locks]
    taken = [c for c in child_calls(observation) if lock_operation(c)]
    if bare:
        line = first_line(taken, calls(observation, "Pool()"))
        why = (f"the lock taken at line {line} was not held around every call" if taken
               else "no worker held a lock while update ran")
        raise RuleBroken("one-shared-lock", line,
                         detail=f"the deposit of {bare[0]['amount']} ran while its process held no lock: {why} "
                                "(the calls did not overlap this time only because they ran one at a time).")
    if not set.intersection(*held):
        raise RuleBroken("one-shared-lock", first_line(taken),
                         detail=f"the calls to update held {len(set.union(*held))} different locks: a lock made "
                                "for each task (or each worker) excludes nobody.")
