"""Hidden tests for exercise02 (shared_counter): count_in_parallel(n_workers, increments)."""

from collections import Counter

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    calls_by_pid,
    capped_window,
    lock_operation,
    main_pid,
    pool_size,
    require_no_fork_only_global,
    require_ran,
    require_value,
    worker_crash,
)

ENTRY = "count_in_parallel"
# Heavy contention: without a lock held across the read and the write, thousands of updates are lost.
N_WORKERS, INCREMENTS = 4, 10_000
SCENARIOS = {
    "contended": Scenario(ENTRY, {"n_workers": N_WORKERS, "increments": INCREMENTS}),
}


def _started_processes(observation):
    return calls(observation, "Process.start", "Pool()", "ProcessPoolExecutor()")


def test_the_total_is_exact(seen):
    """The total is exactly n_workers * increments"""
    observation = seen("contended")
    expected = N_WORKERS * INCREMENTS
    if observation.status != "returned" or observation.value != expected:
        require_no_fork_only_global(observation, ENTRY)
    got = require_value(observation, ENTRY)
    if got != expected:
        if isinstance(got, int) and 0 < got < expected:
            why = ("Updates were lost: `counter.value += 1` reads the value, then writes value + 1; two workers "
                   "that read the same value both write the same result.")
        else:
            why = "The workers' additions did not reach the value the parent returned."
        raise RuleBroken("counter-exact", n_workers=N_WORKERS, increments=INCREMENTS, entry=ENTRY, got=got,
                         expected=expected, why=why)


def test_the_workers_are_processes(seen):
    """The work is done by n_workers worker processes"""
    observation = seen("contended")
    require_ran(observation, ENTRY)
    starts = calls(observation, "Process.start")
    pools = calls(observation, "Pool()", "ProcessPoolExecutor()")
    if not starts and not pools:
        raise RuleBroken("counter-in-processes", n_workers=N_WORKERS,
                         detail="No worker process was started (threads all run in the parent process).")
    if pools and not starts:
        size = pools[0].get("processes")
        if size != N_WORKERS:
            raise RuleBroken("counter-in-processes", pools[0]["line"], n_workers=N_WORKERS,
                             detail=f"The pool at line {pools[0]['line']} has {pool_size(size)}.")
    elif len(starts) != N_WORKERS:
        raise RuleBroken("counter-in-processes", starts[0]["line"], n_workers=N_WORKERS,
                         detail=f"{len(starts)} processes were started for n_workers={N_WORKERS}.")
    writes = calls(observation, "Value.write", in_main=False)
    if writes and all(w["pid"] == main_pid(observation) for w in writes):
        raise RuleBroken("counter-in-processes", writes[0]["line"], n_workers=N_WORKERS,
                         detail=f"Only the parent changed the value (line {writes[0]['line']}).")


def test_one_shared_value(seen):
    """The workers add to one multiprocessing.Value"""
    observation = seen("contended")
    require_ran(observation, ENTRY)
    if calls(observation, "Value()", "RawValue()"):
        return
    if calls(observation, "Value.write", in_main=False):
        return  # a Value made some other way (multiprocessing.sharedctypes.Value), used by the workers
    raise RuleBroken("counter-shared-value", detail="No multiprocessing.Value was created.")


def test_every_update_holds_the_lock(seen):
    """Every read-modify-write of the value happens while holding the lock"""
    observation = seen("contended")
    require_ran(observation, ENTRY)
    if not _started_processes(observation):
        return  # reported by the worker-process check
    workers = calls_by_pid(observation)
    crashed = observation.status == "raised" or worker_crash(observation) is not None
    if crashed and not any(workers.values()):
        return  # the workers never got to the counting: the total check reports the exception
    locking = {pid for pid, records in workers.items() if any(lock_operation(r) for r in records)}
    if not locking:
        writes = calls(observation, "Value.write", in_main=False)
        line = writes[0]["line"] if writes else None
        where = f" (line {line} changes counter.value)" if line else ""
        raise RuleBroken("counter-update-under-lock", line,
                         detail=f"No worker process ever took a lock{where}.")
    shared = _shared_locks(workers, locking)
    for records in workers.values():
        _check_updates(capped_window(records), shared)


def test_all_workers_share_one_lock(seen):
    """All workers take the same lock"""
    observation = seen("contended")
    require_ran(observation, ENTRY)
    workers = calls_by_pid(observation)
    locking = {pid for pid, records in workers.items() if any(lock_operation(r) for r in records)}
    if len(locking) < 2 or _shared_locks(workers, locking):
        return
    first = next(r for pid in sorted(locking) for r in workers[pid] if lock_operation(r))
    used = {lock_operation(r)[1] for pid in locking for r in workers[pid] if lock_operation(r)}
    raise RuleBroken("counter-one-lock", first["line"], count=len(used), workers=len(locking))


def _shared_locks(workers, locking):
    """The locks that every worker process that took a lock at all has taken."""
    taken = [{lock_operation(r)[1] for r in workers[pid] if lock_operation(r) and lock_operation(r)[0] == "acquire"}
             for pid in locking]
    return set.intersection(*taken) if taken else set()


def _check_updates(records, shared):
    """Each write of the value is inside a section holding a shared lock, with the read it follows."""
    depth = Counter()
    section = Counter()  # lock -> how many times this process has taken it from depth 0
    last_read = {}  # value -> {lock: section} held at the read
    for record in records:
        op = lock_operation(record)
        if op:
            kind, lock = op
            if kind == "acquire":
                if depth[lock] == 0:
                    section[lock] += 1
                depth[lock] += 1
            elif depth[lock] > 0:
                depth[lock] -= 1
            continue
        if record["what"] not in ("Value.read", "Value.write"):
            continue
        held = {lock: section[lock] for lock in shared if depth[lock] > 0}
        # The raw object is one value however it is reached (`counter.value` or `counter.get_obj().value`).
        value = record.get("raw") or record.get("lock") or record.get("obj")
        if record["what"] == "Value.read":
            last_read[value] = held
            continue
        if not held:
            raise RuleBroken("counter-update-under-lock", record["line"],
                             detail=f"Line {record['line']} writes counter.value without holding the lock.")
        read = last_read.get(value)
        if read is not None and not any(read.get(lock) == number for lock, number in held.items()):
            raise RuleBroken("counter-update-under-lock", record["line"],
                             detail=f"The value written at line {record['line']} was read while the lock was "
                                    f"not held, or in an earlier turn of holding it.")
