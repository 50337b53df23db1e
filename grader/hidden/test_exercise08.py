"""Hidden tests for exercise08 (manager_dict): word_count(documents, processes)."""

from collections import Counter

from grader.grading.evidence import (
    RuleBroken,
    Scenario,
    calls,
    calls_by_pid,
    capped_window,
    first_line,
    lock_operation,
    main_pid,
    not_the_cpu_count,
    pool_size,
    require_ran,
    require_value,
    scenario_input,
    task,
)

ENTRY = "word_count"
PROCESSES = not_the_cpu_count(3)
SCENARIOS = {
    # grader.tasks.WORD_COUNT_DOCUMENTS: a small vocabulary shared by every document, so the workers all update
    # the same few keys at once; their words tell the grader which processes hashed them (counted).
    "shared-words": Scenario(ENTRY, {"documents": task("WORD_COUNT_DOCUMENTS"), "processes": PROCESSES}),
}
DOCUMENTS = [str.__str__(d) for d in scenario_input(SCENARIOS["shared-words"], "documents")]
DICT_READS = {"get", "__getitem__", "__contains__", "setdefault", "keys", "items", "values", "copy", "__len__"}
DICT_WRITES = {"__setitem__", "update", "pop", "__delitem__"}

def _ran(observation):
    """The code ran to its end: a proxy returned is reported once, by the plain-dict check; its trace still counts."""
    if observation.status != "unserialisable":
        require_ran(observation, ENTRY)


def expected_counts():
    return dict(Counter(word for document in DOCUMENTS for word in document.split()))


def test_the_counts_are_exact(seen):
    """The counts are exact"""
    observation = seen("shared-words")
    if observation.status == "unserialisable":
        return  # reported by the plain-dict check
    got = require_value(observation, ENTRY)
    expected = expected_counts()
    if got == expected:
        return
    if not isinstance(got, dict):
        raise RuleBroken("wordcount-exact", entry=ENTRY, detail=f"a {type(got).__name__}, not a dict")
    wrong = sorted((w for w in set(expected) | set(got) if got.get(w) != expected.get(w)), key=str)
    shown = "; ".join(f"{w!r}: {got.get(w, 0)} instead of {expected.get(w, 0)}" for w in wrong[:4])
    lost = sum(expected.values()) - sum(v for v in got.values() if isinstance(v, int))
    more = (f" ({lost} counts lost in all: either some words were never counted, or two workers read the same "
            f"count from a shared dict and both wrote count + 1, which loses one of the updates)"
            if lost > 0 and all(got.get(w, 0) <= expected.get(w, 0) for w in wrong) else "")
    raise RuleBroken("wordcount-exact", entry=ENTRY, detail=shown + more)


def test_a_plain_dict_is_returned(seen):
    """A plain dict comes back, not a proxy"""
    observation = seen("shared-words")
    if observation.status == "unserialisable":
        reason = observation.reason or ""
        kind = reason.split("returned a ", 1)[-1].split(",", 1)[0] if "returned a " in reason else "proxy"
        raise RuleBroken("wordcount-plain-dict", entry=ENTRY, type=kind)
    got = require_value(observation, ENTRY)
    if not isinstance(got, dict):
        raise RuleBroken("wordcount-plain-dict", entry=ENTRY, type=type(got).__name__)


def test_the_counting_happens_in_worker_processes(seen):
    """The words are counted in `processes` worker processes, not in the parent"""
    observation = seen("shared-words")
    _ran(observation)
    starts = calls(observation, "Process.start")
    pools = calls(observation, "Pool()", "ProcessPoolExecutor()")
    if not starts and not pools:
        raise RuleBroken("wordcount-in-workers", processes=PROCESSES,
                         detail="No worker process was started: the parent counted everything.")
    if starts and len(starts) != PROCESSES:
        raise RuleBroken("wordcount-in-workers", starts[0]["line"], processes=PROCESSES,
                         detail=f"{len(starts)} processes were started for processes={PROCESSES}.")
    if pools and not starts and pools[0].get("processes") != PROCESSES:
        raise RuleBroken("wordcount-in-workers", pools[0]["line"], processes=PROCESSES,
                         detail=f"The pool at line {pools[0]['line']} has {pool_size(pools[0].get('processes'))}.")
    submitted = calls(observation, "Process()", "Pool.map", "Pool.map_async", "Pool.imap", "Pool.imap_unordered",
                      "Pool.apply_async", "Pool.apply", "Pool.starmap", "Pool.starmap_async",
                      "ProcessPoolExecutor.map", "ProcessPoolExecutor.submit")
    line = first_line(submitted)
    splitting = [c for c in submitted if c.get("target") in ("str.split", "split")]
    if splitting and len(splitting) == len([c for c in submitted if c.get("target")]):
        raise RuleBroken("wordcount-in-workers", splitting[0]["line"], processes=PROCESSES,
                         detail=f"The workers only split the documents (line {splitting[0]['line']}): the "
                                f"counting happened in the parent.")
    # Counting hashes the words (a Counter, a dict key); splitting and sending them back does not. The words
    # of the documents' split() report the processes that hashed them: the parent alone means it counted.
    hashed_in = {r["pid"] for r in observation.records.of_kind("task") if r.get("task") == "CountedWord.__hash__"}
    if hashed_in == {main_pid(observation)}:
        raise RuleBroken("wordcount-in-workers", line, processes=PROCESSES,
                         detail="Only the parent process counted words (it alone used them as keys): the "
                                "workers handed the words back uncounted.")


def _dict_op(call):
    """('read' | 'write', dict id, keys) for a call on a Manager dict, else None."""
    if not call["what"].startswith("Proxy.") or call.get("typeid") != "dict":
        return None
    method = call.get("method")
    if "key" in call:
        keys = [call["key"]]
    elif "keys" in call:
        keys = call["keys"]
    else:
        keys = ["*"]
    if method in DICT_WRITES:
        return "write", call.get("referent"), keys
    if method in DICT_READS:
        return "read", call.get("referent"), keys
    return None


def test_every_manager_dict_update_holds_one_lock(seen):
    """Every read-modify-write of a Manager dict holds one lock shared by the workers"""
    observation = seen("shared-words")
    _ran(observation)
    workers = calls_by_pid(observation)
    updating = {pid for pid, records in workers.items() if any(_dict_op(r) and _dict_op(r)[0] == "write"
                                                               for r in records)}
    if not updating:
        return
    taken = [{lock_operation(r)[1] for r in workers[pid] if lock_operation(r) and lock_operation(r)[0] == "acquire"}
             for pid in updating]
    shared = set.intersection(*taken)
    for pid in sorted(updating):
        _check_updates(capped_window(workers[pid]), shared, several=len(updating) > 1 and not shared and any(taken))


def _check_updates(records, shared, several):
    depth, section = Counter(), Counter()
    last_read = {}  # (dict, key) -> {lock: section} held at the read
    for record in records:
        op = lock_operation(record)
        if op:
            kind, lock = op
            if kind == "acquire":
                section[lock] += depth[lock] == 0
                depth[lock] += 1
            elif depth[lock]:
                depth[lock] -= 1
            continue
        found = _dict_op(record)
        if not found:
            continue
        kind, referent, keys = found
        held = {lock: section[lock] for lock in shared if depth[lock]}
        if kind == "read":
            for key in keys:
                last_read[(referent, key)] = held
            continue
        for key in keys:
            read = last_read.get((referent, key), last_read.get((referent, "*")))
            if read is None or any(read.get(lock) == number for lock, number in held.items()):
                continue
            if several:
                detail = (f"The workers each took a different lock (line {record['line']} writes under a lock "
                          f"no other worker takes).")
            elif not held:
                detail = f"Line {record['line']} writes a value read from the Manager dict without holding a lock."
            else:
                detail = (f"Line {record['line']} writes a value that was read from the Manager dict outside "
                          f"the same locked block.")
            raise RuleBroken("wordcount-locked-update", record["line"], detail=detail)
