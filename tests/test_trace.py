"""The call trace: what the learner's own code did, with lines and pids, under every start method."""

from __future__ import annotations

import ctypes
import multiprocessing
import textwrap
from pathlib import Path

import pytest

from grader.sandbox.limits import Limits
from grader.sandbox.observe import observe
from grader.sandbox.trace import CAP

METHODS = multiprocessing.get_all_start_methods()
LIMITS = Limits(wall_s=10.0, exit_grace_s=2.0)
NEG = {"$callable": "operator:neg"}


def run(tmp_path: Path, code: str, entry: str, inputs: dict, method: str = "fork"):
    path = tmp_path / "exercise03.py"
    path.write_text(textwrap.dedent(code).lstrip("\n"))
    return observe(path, entry, inputs, method, LIMITS)


def calls(observation, *, pid=None) -> list[tuple[str, int]]:
    return [(c["what"], c["line"]) for c in observation.calls if pid is None or c["pid"] == pid]


POOL = """
from multiprocessing import Pool

def map_with_pool(task, items, processes):
    pool = Pool(processes)
    results = [pool.apply_async(task, (item,)) for item in items]
    pool.close()
    pool.join()
    return [r.get() for r in results]
"""


@pytest.mark.parametrize("method", METHODS)
def test_a_pool_session_is_traced_in_order_with_its_lines(tmp_path, method):
    seen = run(tmp_path, POOL, "map_with_pool", {"task": NEG, "items": [1, 2, 3], "processes": 2}, method)
    assert seen.status == "returned" and seen.value == [-1, -2, -3]
    assert calls(seen) == [("Pool()", 4)] + [("Pool.apply_async", 5)] * 3 + [
        ("Pool.close", 6), ("Pool.join", 7)] + [("AsyncResult.get", 8)] * 3
    assert seen.calls[0]["processes"] == 2
    # The pool starts its workers itself: multiprocessing's own calls are not the learner's.
    assert not [c for c in seen.calls if c["what"] == "Process.start"]


def test_join_before_close_is_visible_in_the_trace(tmp_path):
    seen = run(tmp_path, POOL.replace("    pool.close()\n    pool.join()\n", "    pool.join()\n    pool.close()\n"),
               "map_with_pool", {"task": NEG, "items": [1], "processes": 1})
    assert seen.status == "raised" and seen.error["message"] == "Pool is still running"
    assert ("Pool.join", 6) in calls(seen) and ("Pool.close", 7) not in calls(seen)


def test_a_with_block_exit_is_recorded_at_the_with_line(tmp_path):
    seen = run(tmp_path, """
        from multiprocessing import Pool

        def map_with_pool(task, items, processes):
            with Pool(processes) as pool:
                return pool.map(task, items)
    """, "map_with_pool", {"task": NEG, "items": [1, 2], "processes": 2})
    assert calls(seen) == [("Pool()", 4), ("Pool.__enter__", 4), ("Pool.map", 5), ("Pool.__exit__", 4)]


def test_get_inside_the_submit_loop_interleaves_submit_and_get(tmp_path):
    seen = run(tmp_path, """
        from multiprocessing import Pool

        def map_with_pool(task, items, processes):
            pool = Pool(processes)
            out = []
            for item in items:
                out.append(pool.apply_async(task, (item,)).get())
            pool.close()
            pool.join()
            return out
    """, "map_with_pool", {"task": NEG, "items": [1, 2, 3], "processes": 2})
    kinds = [what for what, _ in calls(seen) if what in ("Pool.apply_async", "AsyncResult.get")]
    assert kinds == ["Pool.apply_async", "AsyncResult.get"] * 3


QUEUE = """
from multiprocessing import Process, Queue

def worker(q, x):
    q.put(x * 2)

def with_queue(items):
    q = Queue()
    ps = [Process(target=worker, args=(q, i)) for i in items]
    for p in ps:
        p.start()
    out = sorted(q.get() for _ in ps)
    for p in ps:
        p.join()
    return out
"""


@pytest.mark.parametrize("method", METHODS)
def test_calls_in_child_processes_are_traced_with_their_pid_and_the_same_object(tmp_path, method):
    seen = run(tmp_path, QUEUE, "with_queue", {"items": [1, 2, 3]}, method)
    assert seen.status == "returned" and seen.value == [2, 4, 6]
    main_pid = seen.calls[0]["pid"]
    (made,) = [c for c in seen.calls if c["what"] == "Queue()"]
    puts = [c for c in seen.calls if c["what"] == "Queue.put"]
    assert len(puts) == 3 and all(c["pid"] != main_pid and c["line"] == 4 for c in puts)
    assert {c["obj"] for c in puts} == {made["obj"]}
    assert len({c["pid"] for c in puts}) == 3
    joins = [c for c in seen.calls if c["what"] == "Process.join"]
    starts = [c for c in seen.calls if c["what"] == "Process.start"]
    assert {c["obj"] for c in joins} == {c["obj"] for c in starts} and len(starts) == 3


def test_a_lambda_target_is_flagged(tmp_path):
    seen = run(tmp_path, """
        from multiprocessing import Process

        def start_one():
            p = Process(target=lambda: None)
            p.start()
            p.join()
            return p.exitcode
    """, "start_one", {})
    (made,) = [c for c in seen.calls if c["what"] == "Process()"]
    assert made["target_local"] is True and made["target"] == "start_one.<locals>.<lambda>"


def test_asking_for_a_start_method_is_recorded(tmp_path):
    seen = run(tmp_path, """
        import multiprocessing

        def choose():
            multiprocessing.set_start_method("spawn", force=True)
            return multiprocessing.get_start_method()
    """, "choose", {})
    assert [(c["what"], c["method"]) for c in seen.calls] == [("set_start_method", "spawn")]


def test_a_queue_hammering_loop_is_capped(tmp_path):
    seen = run(tmp_path, """
        from multiprocessing import Queue

        def hammer():
            q = Queue()
            for i in range(2000):
                q.put(i)
            return sum(q.get() for _ in range(2000))
    """, "hammer", {})
    assert seen.value == sum(range(2000))
    puts = [c for c in seen.calls if c["what"] == "Queue.put"]
    assert len(puts) == CAP and puts[-1]["capped"]


def test_lock_use_is_traced_through_with_and_explicit_calls(tmp_path):
    seen = run(tmp_path, """
        from multiprocessing import Lock, Value

        def locked():
            counter = Value("i", 0)
            with counter.get_lock():
                counter.value += 1
            lock = Lock()
            lock.acquire()
            lock.release()
            return counter.value
    """, "locked", {})
    assert seen.value == 1
    whats = [what for what, _ in calls(seen)]
    assert whats == ["Value()", "Lock.__enter__", "Value.read", "Value.write", "Lock.__exit__", "Lock()",
                     "Lock.acquire", "Lock.release", "Value.read"]


SHARED_MEMORY = """
import multiprocessing
from multiprocessing import shared_memory

def _finish(name):
    segment = shared_memory.SharedMemory(name=name)
    segment.buf[0] = 7
    segment.close()
    segment.unlink()

def run(items):
    segment = shared_memory.SharedMemory(create=True, size=8)
    child = multiprocessing.Process(target=_finish, args=(segment.name,))
    child.start()
    child.join()
    value = segment.buf[0]
    segment.close()
    return value
"""


@pytest.mark.parametrize("method", METHODS)
def test_shared_memory_is_traced_by_name_across_processes(tmp_path, method):
    """A segment created in the parent and unlinked in a child is one segment: matched by its name."""
    seen = run(tmp_path, SHARED_MEMORY, "run", {"items": []}, method)
    assert seen.status == "returned" and seen.value == 7
    (made,) = [c for c in seen.calls if c["what"] == "SharedMemory()" and c["create"]]
    (unlinked,) = [c for c in seen.calls if c["what"] == "SharedMemory.unlink"]
    assert made["line"] == 11 and made["size"] >= 8
    assert unlinked["name"] == made["name"] and unlinked["pid"] != made["pid"] and unlinked["line"] == 8


RAW = """
import ctypes
import multiprocessing
from multiprocessing.sharedctypes import RawArray

def _work(counter, arr, lock):
    with lock:
        counter.value += 1
    arr[0] = -arr[0]
    arr[1:3] = [7.0, 8.0]

def run(items):
    counter = multiprocessing.Value("i", 0, lock=False)
    arr = RawArray("d", items)
    lock = multiprocessing.Lock()
    child = multiprocessing.Process(target=_work, args=(counter, arr, lock))
    child.start()
    child.join()
    return [counter.value, isinstance(counter, ctypes.c_int), isinstance(arr, ctypes.Array), repr(counter),
            list(arr), arr[:2]]
"""


@pytest.mark.parametrize("method", METHODS)
def test_raw_values_and_arrays_are_traced_in_every_process(tmp_path, method):
    """Value(lock=False) and RawArray are plain ctypes objects: they are still seen being read and written,
    by which process and line, with the same object id in the child (spawned children unpickle them)."""
    seen = run(tmp_path, RAW, "run", {"items": [1.5, 2.0, 3.0]}, method)
    assert seen.status == "returned"
    assert seen.value == [1, True, True, "c_int(1)", [-1.5, 7.0, 8.0], [-1.5, 7.0]]
    main_pid = seen.calls[0]["pid"]
    child = [(c["what"], c["line"]) for c in seen.calls if c["pid"] != main_pid]
    assert child == [("Lock.__enter__", 6), ("Value.read", 7), ("Value.write", 7), ("Lock.__exit__", 6),
                     ("Array.read", 8), ("Array.write", 8), ("Array.write", 9)]
    made = {c["what"]: c for c in seen.calls if c["what"] in ("Value()", "RawArray()")}
    assert made["Value()"]["lock"] is False
    ids = {c["what"]: c["obj"] for c in seen.calls if c["pid"] != main_pid and c["what"] != "Lock.__exit__"}
    assert ids["Value.write"] == made["Value()"]["objects"][0]
    assert ids["Array.write"] == made["RawArray()"]["objects"][0]
    parent_reads = [c["line"] for c in seen.calls if c["pid"] == main_pid and c["what"] in ("Value.read", "Array.read")]
    assert 18 in parent_reads and 19 in parent_reads


def test_raw_tracing_changes_nothing_a_learner_can_see():
    """Same numbers, same isinstance, same repr; structures are left alone."""
    from multiprocessing import sharedctypes

    import grader.sandbox.rawshared as rawshared

    assert rawshared.traced_type(ctypes.c_double * 3).__bases__[0] is ctypes.c_double * 3
    assert rawshared.traced_type(ctypes.c_int).__bases__[0] is ctypes.c_int

    class Point(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int)]

    assert rawshared.traced_type(Point) is None and rawshared.traced_type(Point * 2) is None
    raw = rawshared._traced(sharedctypes.RawValue("q", 2**40))
    assert raw.value == 2**40 and repr(raw) == repr(ctypes.c_longlong(2**40)) and isinstance(raw, ctypes.c_longlong)
    array = rawshared._traced(sharedctypes.RawArray("d", 4))
    assert type(array) is rawshared.traced_type(ctypes.c_double * 4)
    assert type(array).__name__ == "c_double_Array_4" and type(raw).__name__ == type(raw).__bases__[0].__name__
    with pytest.raises(RuntimeError, match=r"^c_double_Array_4 objects should only be shared between processes"):
        sharedctypes._ForkingPickler.dumps(array)  # what a learner sees passing it to a Pool task
    by_keyword = rawshared._making_traced(sharedctypes.RawArray)(ctypes.c_double, size_or_initializer=[1.0, 2.0])
    assert list(by_keyword) == [1.0, 2.0] and type(by_keyword).__bases__[0]._type_ is ctypes.c_double


def test_a_capped_call_is_seen_again_once_after_each_other_call(tmp_path):
    """Reading an array a hundred times before start() must not hide the read between start() and join()."""
    seen = run(tmp_path, """
        import multiprocessing

        def _nothing(arr):
            pass

        def peek(items):
            arr = multiprocessing.Array("d", items)
            for _ in range(100):
                total = sum(arr[:])
            p = multiprocessing.Process(target=_nothing, args=(arr,))
            p.start()
            early = [arr[0], arr[1], arr[2]]
            p.join()
            return [total, early, arr[0]]
    """, "peek", {"items": [1.0, 2.0, 3.0]})
    assert seen.status == "returned" and seen.value == [6.0, [1.0, 2.0, 3.0], 1.0]
    main = [(c["what"], c["line"], bool(c.get("after_cap"))) for c in seen.calls if c["what"] != "Process()"]
    assert main == [("Array()", 7, False)] + [("Array.read", 9, False)] * CAP + [
        ("Process.start", 11, False), ("Array.read", 12, True), ("Process.join", 13, False), ("Array.read", 14, True)]


def test_with_a_condition_is_a_lock_operation_on_its_lock(tmp_path):
    seen = run(tmp_path, """
        import multiprocessing

        def guarded():
            lock = multiprocessing.Lock()
            condition = multiprocessing.Condition(lock)
            with condition:
                condition.notify_all()
            event = multiprocessing.Event()
            event.set()
            return event.is_set()
    """, "guarded", {})
    assert seen.value is True
    made = {c["what"]: c for c in seen.calls if c["what"] in ("Lock()", "Condition()")}
    entered = [(c["what"], c["line"], c["obj"]) for c in seen.calls if c["what"].startswith("Lock.__")]
    # The Event's own condition is multiprocessing's business, not a lock the learner took.
    assert entered == [("Lock.__enter__", 6, made["Lock()"]["obj"]), ("Lock.__exit__", 6, made["Lock()"]["obj"])]


def test_every_way_of_receiving_on_a_connection_is_traced_and_poll_says_its_timeout(tmp_path):
    seen = run(tmp_path, """
        import multiprocessing

        def talk():
            here, there = multiprocessing.Pipe()
            there.send_bytes(b"abc")
            there.send(1)
            buffer = bytearray(8)
            size = here.recv_bytes_into(buffer)
            ready = here.poll(), here.poll(0.5), here.poll(None)
            return [size, here.recv(), list(ready)]
    """, "talk", {})
    assert seen.value == [3, 1, [True, True, True]]
    assert [(c["what"], c.get("timeout", "-")) for c in seen.calls if c["line"] >= 8] == [
        ("Connection.recv_bytes_into", "-"), ("Connection.poll", 0.0), ("Connection.poll", 0.5),
        ("Connection.poll", None), ("Connection.recv", "-")]
