"""Recording the multiprocessing calls that learner code makes.

Installed in every process of the learner's tree before learner code runs.
Each wrapped method records a call only when its immediate caller is a line
of the learner's file, so what multiprocessing does internally is not
mistaken for the learner's doing (a `with Pool()` block's exit is recorded
as `Pool.__exit__` at the line of the `with`). Objects get a stable id in
`__init__` that survives fork and pickling. Per process, each (object,
method) pair is recorded at most CAP times, so a loop hammering a queue
costs little.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

CAP = 40
ID_ATTR = "_prep_trace_id"

_learner_file = ""
_emit: Callable[[dict[str, Any]], None] | None = None
_counts: Counter[tuple[str, str]] = Counter()
_ids = itertools.count(1)
_installed = False


def object_id(obj: Any) -> str | None:
    return getattr(obj, ID_ATTR, None)


def _give_id(obj: Any) -> None:
    if getattr(obj, ID_ATTR, None) is None:
        with contextlib.suppress(AttributeError, TypeError):
            object.__setattr__(obj, ID_ATTR, f"{os.getpid()}.{next(_ids)}")


def _learner_line(depth: int = 2) -> int | None:
    """The line of the learner's file that called the wrapped method, if the caller is the learner."""
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return None
    if frame.f_code.co_filename == _learner_file:
        return frame.f_lineno
    return None


def _record(what: str, obj: Any, line: int, **details: Any) -> None:
    if _emit is None:
        return
    key = (object_id(obj) or what, what)
    _counts[key] += 1
    if _counts[key] > CAP:
        return
    record = {"kind": "call", "what": what, "obj": object_id(obj), "line": line, "pid": os.getpid(),
              "t": time.monotonic()}
    record.update(details)
    if _counts[key] == CAP:
        record["capped"] = True
    # A learner that closed our fd loses its trace; the verdict then says there was no end record.
    with contextlib.suppress(OSError, ValueError):
        _emit(record)


def _wrap(cls: type, name: str, what: str, describe: Callable[..., dict] | None = None,
          identify: bool = False) -> None:
    original = cls.__dict__.get(name)
    if original is None or getattr(original, "_prep_traced", False):
        return

    @functools.wraps(original)
    def traced(self, *args, **kwargs):
        if identify:
            _give_id(self)
        line = _learner_line()
        if line is not None:
            details = {}
            if describe is not None:
                try:
                    details = describe(self, *args, **kwargs)
                except Exception:  # describing must never break the learner's call
                    details = {}
            _record(what, self, line, **details)
        return original(self, *args, **kwargs)

    traced._prep_traced = True  # type: ignore[attr-defined]
    setattr(cls, name, traced)


def _wrap_factory(cls: type, name: str, describe: Callable[..., dict] | None) -> None:
    """Record `multiprocessing.Queue()` and friends after the call, with the new object's id."""
    original = cls.__dict__.get(name)
    if original is None or getattr(original, "_prep_traced", False):
        return

    @functools.wraps(original)
    def traced(self, *args, **kwargs):
        line = _learner_line()
        made = original(self, *args, **kwargs)
        if line is not None:
            details: dict[str, Any] = {}
            with contextlib.suppress(Exception):
                details = describe(self, *args, **kwargs) if describe else {}
            objects = made if isinstance(made, tuple) else (made,)
            _record(f"{name}()", objects[0], line, objects=[object_id(o) for o in objects], **details)
        return made

    traced._prep_traced = True  # type: ignore[attr-defined]
    setattr(cls, name, traced)


def _wrap_init(cls: type, what: str, describe: Callable[..., dict] | None = None) -> None:
    """Give every instance an id, and record the construction when the learner did it."""
    _wrap(cls, "__init__", what, describe, identify=True)


def _callable_name(func: Any) -> dict[str, Any]:
    if func is None:
        return {}
    name = getattr(func, "__qualname__", None) or type(func).__name__
    module = getattr(func, "__module__", None)
    return {"target": name, "target_module": module, "target_local": "<lambda>" in name or "<locals>" in name}


def _timeout(*args: Any, **kwargs: Any) -> dict[str, Any]:
    timeout = kwargs.get("timeout", args[0] if args else None)
    return {"timeout": timeout if isinstance(timeout, (int, float)) else None}


def install(learner_file: str, emit: Callable[[dict[str, Any]], None]) -> None:
    """Wrap the multiprocessing API in this process (idempotent)."""
    global _learner_file, _emit, _installed
    _learner_file, _emit = learner_file, emit
    if _installed:
        return
    _installed = True
    import multiprocessing.connection as connection
    import multiprocessing.context as context
    import multiprocessing.managers as managers
    import multiprocessing.pool as pool
    import multiprocessing.process as process
    import multiprocessing.queues as queues
    import multiprocessing.synchronize as synchronize

    Process = process.BaseProcess
    _wrap_init(Process, "Process()",
               lambda self, *a, **k: _callable_name(k.get("target", a[1] if len(a) > 1 else None)))
    _wrap(Process, "start", "Process.start", lambda self: {"process": object_id(self), **_callable_name(
        getattr(self, "_target", None))})
    _wrap(Process, "join", "Process.join", lambda self, *a, **k: _timeout(*a, **k))
    for name in ("terminate", "kill", "close"):
        _wrap(Process, name, f"Process.{name}")

    Pool = pool.Pool
    _wrap_init(Pool, "Pool()", lambda self, processes=None, *a, **k: {"processes": processes, "direct": True})
    for name in ("apply_async", "map_async", "starmap_async"):
        _wrap(Pool, name, f"Pool.{name}", lambda self, func, *a, **k: _callable_name(func))
    for name in ("apply", "map", "starmap", "imap", "imap_unordered"):
        _wrap(Pool, name, f"Pool.{name}", lambda self, func, *a, **k: _callable_name(func))
    for name in ("close", "terminate", "join", "__enter__", "__exit__"):
        _wrap(Pool, name, f"Pool.{name}")
    _wrap_init(pool.ApplyResult, "AsyncResult()")
    _wrap(pool.ApplyResult, "get", "AsyncResult.get", lambda self, *a, **k: _timeout(*a, **k))
    _wrap(pool.ApplyResult, "wait", "AsyncResult.wait", lambda self, *a, **k: _timeout(*a, **k))

    for cls, label in ((queues.Queue, "Queue"), (queues.JoinableQueue, "JoinableQueue"),
                       (queues.SimpleQueue, "SimpleQueue")):
        _wrap_init(cls, f"{label}()")
        _keep_id_when_pickled(cls)
    for name in ("put", "get", "empty", "qsize", "full", "close", "join_thread", "cancel_join_thread",
                 "put_nowait", "get_nowait"):
        _wrap(queues.Queue, name, f"Queue.{name}", _queue_details if name in ("get", "put") else None)
    for name in ("task_done", "join"):
        _wrap(queues.JoinableQueue, name, f"JoinableQueue.{name}")
    for name in ("put", "get", "empty", "close"):
        _wrap(queues.SimpleQueue, name, f"SimpleQueue.{name}")

    _wrap_init(connection._ConnectionBase, "Connection()")
    for name in ("send", "recv", "poll", "close", "send_bytes", "recv_bytes"):
        _wrap(connection._ConnectionBase, name, f"Connection.{name}")

    _wrap_init(synchronize.SemLock, "SemLock()")
    _keep_id_when_pickled(synchronize.SemLock)
    _wrap(synchronize.SemLock, "__enter__", "Lock.__enter__")
    _wrap(synchronize.SemLock, "__exit__", "Lock.__exit__")
    original_make_methods = synchronize.SemLock._make_methods

    def make_methods(self):
        original_make_methods(self)
        for name in ("acquire", "release"):
            self.__dict__[name] = _traced_bound(self, name, getattr(self._semlock, name))

    synchronize.SemLock._make_methods = make_methods

    _wrap_init(managers.BaseManager, "Manager()")
    for name in ("start", "shutdown", "__enter__", "__exit__"):
        _wrap(managers.BaseManager, name, f"Manager.{name}")

    for name in ("Pool", "Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Lock", "RLock", "Semaphore",
                 "BoundedSemaphore", "Condition", "Event", "Barrier", "Value", "Array", "RawValue", "RawArray",
                 "Manager"):
        _wrap_factory(context.BaseContext, name, _FACTORY_DETAILS.get(name))
    # DefaultContext overrides these two, so both classes are wrapped.
    for cls in (context.BaseContext, context.DefaultContext):
        _wrap(cls, "set_start_method", "set_start_method", lambda self, method, *a, **k: {"method": method})
        _wrap(cls, "get_context", "get_context", lambda self, method=None: {"method": method})
    # `multiprocessing.Pool` and friends are methods of the default context bound when
    # multiprocessing was imported: bind them again so the wrapped versions are the ones used.
    import multiprocessing

    default = context._default_context
    for name in multiprocessing.__all__:
        setattr(multiprocessing, name, getattr(default, name))
    try:
        from multiprocessing import shared_memory
    except ImportError:
        return
    _wrap_init(shared_memory.SharedMemory, "SharedMemory()",
               lambda self, name=None, create=False, size=0, **k: {"create": create, "size": size})
    for name in ("close", "unlink"):
        _wrap(shared_memory.SharedMemory, name, f"SharedMemory.{name}")


_FACTORY_DETAILS: dict[str, Callable[..., dict[str, Any]]] = {
    "Pool": lambda self, processes=None, *a, **k: {"processes": processes,
                                                    **_callable_name(k.get("initializer", a[0] if a else None))},
    "Value": lambda self, typecode, *a, **k: {"typecode": str(typecode), "lock": k.get("lock", True) is not False},
    "Array": lambda self, typecode, *a, **k: {"typecode": str(typecode), "lock": k.get("lock", True) is not False},
    "Pipe": lambda self, duplex=True: {"duplex": duplex},
}


def _queue_details(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if "timeout" in kwargs:
        details["timeout"] = kwargs["timeout"]
    if "block" in kwargs:
        details["block"] = kwargs["block"]
    return details


def _traced_bound(owner: Any, name: str, method: Callable) -> Callable:
    label = f"{type(owner).__name__}.{name}"

    def traced(*args, **kwargs):
        line = _learner_line()
        if line is not None:
            _record(label, owner, line)
        return method(*args, **kwargs)

    return traced


def _keep_id_when_pickled(cls: type) -> None:
    """Carry the trace id through __getstate__/__setstate__ (spawned children unpickle objects)."""
    get_state, set_state = cls.__dict__.get("__getstate__"), cls.__dict__.get("__setstate__")
    if get_state is None or set_state is None or getattr(get_state, "_prep_traced", False):
        return

    def getstate(self):
        return (get_state(self), object_id(self))

    def setstate(self, state):
        if isinstance(state, tuple) and len(state) == 2 and (state[1] is None or isinstance(state[1], str)):
            inner, trace_id = state
            set_state(self, inner)
            if trace_id is not None:
                object.__setattr__(self, ID_ATTR, trace_id)
        else:
            set_state(self, state)

    getstate._prep_traced = True  # type: ignore[attr-defined]
    cls.__getstate__ = getstate
    cls.__setstate__ = setstate
