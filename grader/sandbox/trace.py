"""Recording the multiprocessing calls that learner code makes.

Installed in every process of the learner's tree before learner code runs.
Each wrapped method records a call only when its immediate caller is a line
of the learner's file, so what multiprocessing does internally is not
mistaken for the learner's doing (a `with Pool()` block's exit is recorded
as `Pool.__exit__` at the line of the `with`). Objects get a stable id in
`__init__` that survives fork and pickling. Per process, each (object,
method) pair is recorded at most CAP times, so a loop hammering a queue
costs little; past that, once more after each other call the learner makes
(so "the parent read the array after starting the child" is seen even when
it had read it a thousand times before).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sys
import time
from collections import Counter

TYPE_CHECKING = False  # not `from typing import`: importing typing costs each spawned worker 3 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

CAP = 40
ID_ATTR = "_prep_trace_id"

_learner_file = ""
_emit: Callable[[dict[str, Any]], None] | None = None
_counts: Counter[tuple[str, str]] = Counter()
# Bumped by every record sent within the cap; a capped pair sends one more record per new epoch.
_epoch = 0
_epoch_at_cap: dict[tuple[str, str], int] = {}
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


def saturated(obj: Any, what: str) -> bool:
    """This process has recorded all it will of `what` on obj: a hot loop can skip looking for the caller."""
    trace_id = getattr(obj, ID_ATTR, None)
    if trace_id is None:
        return False
    key = (trace_id, what)
    return _counts.get(key, 0) >= CAP and _epoch_at_cap.get(key) == _epoch


def record_access(obj: Any, what: str, describe: Callable[[Any], dict[str, Any]] | None = None) -> None:
    """One read or write of shared data (`Value.read`, `Array.write` ...), called from the property or
    item method that the learner's line triggered. The hot path: a saturated pair costs one lookup."""
    if saturated(obj, what):
        return
    line = _learner_line(3)  # 0: here, 1: the accessor, 2: the learner's line
    if line is not None:
        _give_id(obj)
        _record(what, obj, line, **(describe(obj) if describe else {}))


def _record(what: str, obj: Any, line: int, **details: Any) -> None:
    if _emit is None:
        return
    global _epoch
    key = (object_id(obj) or what, what)
    _counts[key] += 1
    count = _counts[key]
    if count > CAP:
        if _epoch_at_cap.get(key) == _epoch:
            return
        details["after_cap"] = True  # does not start a new epoch: two capped pairs cannot keep each other going
    else:
        _epoch += 1
    if count >= CAP:
        _epoch_at_cap[key] = _epoch
    record = {"kind": "call", "what": what, "obj": object_id(obj), "line": line, "pid": os.getpid(),
              "t": time.monotonic()}
    record.update(details)
    if count == CAP:
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
        line = None if saturated(self, what) else _learner_line()
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


def _async_details(self: Any, func: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The task, and whether callback and error_callback were given (the 3rd and 4th argument after func)."""
    callback = kwargs.get("callback", args[2] if len(args) > 2 else None)
    error_callback = kwargs.get("error_callback", args[3] if len(args) > 3 else None)
    return {**_callable_name(func), "callback": callback is not None, "error_callback": error_callback is not None}


def _timeout(*args: Any, **kwargs: Any) -> dict[str, Any]:
    timeout = kwargs.get("timeout", args[0] if args else None)
    return {"timeout": timeout if isinstance(timeout, (int, float)) else None}


def _forget_the_parents_counts() -> None:
    _counts.clear()
    _epoch_at_cap.clear()


def install(learner_file: str, emit: Callable[[dict[str, Any]], None]) -> None:
    """Wrap the multiprocessing API in this process (idempotent)."""
    global _learner_file, _emit, _installed
    _learner_file, _emit = learner_file, emit
    if _installed:
        return
    _installed = True
    # A forked child starts its own counts: calls its parent made are not its own.
    os.register_at_fork(after_in_child=_forget_the_parents_counts)
    import multiprocessing.connection as connection
    import multiprocessing.context as context
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
    _wrap_init(Pool, "Pool()", lambda self, processes=None, *a, **k: {
        "processes": processes, "direct": True, "threads": type(self).__name__ == "ThreadPool"})
    for name in ("apply_async", "map_async", "starmap_async"):
        _wrap(Pool, name, f"Pool.{name}", _async_details)
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
        _wrap(queues.Queue, name, f"Queue.{name}", _QUEUE_DETAILS.get(name))
    # JoinableQueue overrides put(): recorded as Queue.put, the same operation for the checks.
    _wrap(queues.JoinableQueue, "put", "Queue.put", _QUEUE_DETAILS["put"])
    for name in ("task_done", "join"):
        _wrap(queues.JoinableQueue, name, f"JoinableQueue.{name}")
    for name in ("put", "get", "empty", "close"):
        _wrap(queues.SimpleQueue, name, f"SimpleQueue.{name}")

    _wrap_init(connection._ConnectionBase, "Connection()")
    for name in ("send", "recv", "close", "send_bytes", "recv_bytes", "recv_bytes_into", "__enter__", "__exit__"):
        _wrap(connection._ConnectionBase, name, f"Connection.{name}")
    # poll(timeout=0.0): a default of 0, unlike join() and get(), so it is said outright.
    _wrap(connection._ConnectionBase, "poll", "Connection.poll",
          lambda self, *a, **k: {"timeout": _timeout(*a, **k)["timeout"] if a or "timeout" in k else 0.0})

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
    _wrap_condition(synchronize.Condition)

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
    # Managers and shared memory cost a spawned worker 20 ms to import and most never use them:
    # wrap them when (and if) something imports them.
    _when_imported("multiprocessing.managers", _wrap_managers)
    _when_imported("multiprocessing.shared_memory", _wrap_shared_memory)
    _when_imported("multiprocessing.sharedctypes", _wrap_sharedctypes)
    _when_imported("concurrent.futures.process", _wrap_process_pool_executor)


def _wrap_managers(managers: Any) -> None:
    _trace_instance_shutdown(managers)
    _wrap_init(managers.BaseManager, "Manager()")
    for name in ("start", "shutdown", "__enter__", "__exit__"):
        _wrap(managers.BaseManager, name, f"Manager.{name}")
    _wrap_proxies(managers)


def _wrap_shared_memory(shared_memory: Any) -> None:
    cls = shared_memory.SharedMemory
    original_init = cls.__dict__["__init__"]
    if getattr(original_init, "_prep_traced", False):
        return

    @functools.wraps(original_init)
    def init(self, *args, **kwargs):
        # Recorded after the segment exists: a new segment's name is only known then, and the
        # name is what ties it to the unlink() that may come from another process.
        line = _learner_line()
        original_init(self, *args, **kwargs)
        _give_id(self)
        if line is not None:
            create = kwargs.get("create", args[1] if len(args) > 1 else False)
            _record("SharedMemory()", self, line, create=bool(create), size=self.size, name=self.name)

    init._prep_traced = True  # type: ignore[attr-defined]
    cls.__init__ = init
    for name in ("close", "unlink"):
        _wrap(cls, name, f"SharedMemory.{name}", lambda self: {"name": self.name})


def _when_imported(module_name: str, patch: Callable[[Any], None]) -> None:
    """Run `patch(module)` now if the module is loaded, else right after it is first imported."""
    if module_name in sys.modules:
        patch(sys.modules[module_name])
        return
    sys.meta_path.insert(0, _PatchOnImport(module_name, patch))


class _PatchOnImport:
    """A meta path finder that lets the normal finders load one module, then patches it."""

    def __init__(self, module_name: str, patch: Callable[[Any], None]):
        self.module_name = module_name
        self.patch = patch

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != self.module_name:
            return None
        import importlib.machinery

        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader, patch = spec.loader, self.patch
        original_exec = loader.exec_module

        def exec_module(module: Any) -> None:
            original_exec(module)
            patch(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _shared_details(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return {"typecode": _typecode(args, kwargs), "lock": kwargs.get("lock", True) is not False}


def _raw_details(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return {"typecode": _typecode(args, kwargs), "lock": False}


def _typecode(args: tuple, kwargs: dict[str, Any]) -> str:
    """`Value("d", ...)` or `Array(typecode_or_type=ctypes.c_double, ...)`: given by position or by keyword."""
    return str(args[0] if args else kwargs.get("typecode_or_type"))


_FACTORY_DETAILS: dict[str, Callable[..., dict[str, Any]]] = {
    "Pool": lambda self, processes=None, *a, **k: {"processes": processes,
                                                    **_callable_name(k.get("initializer", a[0] if a else None))},
    "Value": _shared_details,
    "Array": _shared_details,
    "Pipe": lambda self, duplex=True: {"duplex": duplex},
    "RawValue": _raw_details,
    "RawArray": _raw_details,
}


def _queue_details(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if "timeout" in kwargs:
        details["timeout"] = kwargs["timeout"]
    if "block" in kwargs:
        details["block"] = kwargs["block"]
    return details


# get(block=True, timeout=None) and put(obj, block=True, timeout=None): positional spellings too.
def _positional(args: tuple) -> dict[str, Any]:
    return dict(zip(("block", "timeout"), args[:2], strict=False))


_QUEUE_DETAILS: dict[str, Callable[..., dict[str, Any]]] = {
    "get": lambda self, *a, **k: _queue_details(self, **_positional(a), **k),
    "put": lambda self, obj=None, *a, **k: _queue_details(self, **_positional(a), **k),
}


def _traced_bound(owner: Any, name: str, method: Callable) -> Callable:
    label = f"{type(owner).__name__}.{name}"

    def traced(*args, **kwargs):
        line = _learner_line()
        if line is not None:
            _record(label, owner, line)
        return method(*args, **kwargs)

    return traced


def _wrap_condition(cls: type) -> None:
    """`with condition:` takes the condition's lock from inside multiprocessing, where the lock's own
    `__enter__` does not see the learner as its caller: record it here, as an operation on that lock.
    (`condition.acquire()` is the lock's own traced method already.)"""
    for name, what in (("__enter__", "Lock.__enter__"), ("__exit__", "Lock.__exit__")):
        original = cls.__dict__.get(name)
        if original is None or getattr(original, "_prep_traced", False):
            continue

        def traced(self, *args, _original=original, _what=what):
            line = _learner_line()
            if line is not None:
                _record(_what, self._lock, line, via="Condition")
            return _original(self, *args)

        functools.update_wrapper(traced, original)
        traced._prep_traced = True  # type: ignore[attr-defined]
        setattr(cls, name, traced)


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


def _wrap_sharedctypes(sharedctypes: Any) -> None:
    """Reads and writes of a synchronized Value's `.value` and of a synchronized Array's items, with the
    id of the lock that comes with them; raw values and arrays are recorded by `rawshared`, lock-less."""
    from grader.sandbox import rawshared

    rawshared.install(sharedctypes)  # before the factories are wrapped: Value() and Array() build on these

    def lock_of(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return _sync_ids(self)

    for name, what in (("__getitem__", "Array.read"), ("__setitem__", "Array.write")):
        _wrap(sharedctypes.SynchronizedArray, name, what, lock_of, identify=True)
    for name in ("Value", "Array", "RawValue", "RawArray"):  # `from multiprocessing.sharedctypes import ...`
        _wrap_shared_factory(sharedctypes, name)
    value = sharedctypes.Synchronized.__dict__.get("value")
    if not isinstance(value, property) or getattr(value.fget, "_prep_traced", False):
        return

    def read(self: Any) -> Any:
        record_access(self, "Value.read", _sync_ids)
        return value.fget(self)

    def write(self: Any, new: Any) -> None:
        record_access(self, "Value.write", _sync_ids)
        value.fset(self, new)

    read._prep_traced = True  # type: ignore[attr-defined]
    sharedctypes.Synchronized.value = property(read, write, doc=value.__doc__)


def _sync_ids(synchronized: Any) -> dict[str, Any]:
    """The lock that comes with a synchronized Value or Array, and the raw object inside it (the one
    `get_obj()` returns, so that reads through one and writes through the other are seen as one value)."""
    return {"lock": object_id(synchronized._lock), "raw": object_id(synchronized._obj)}


def _wrap_proxies(managers: Any) -> None:
    """Every method call on a Manager proxy (a dict's get and __setitem__, a lock's acquire ...), as
    `Proxy.<method>` with the referent's id, which is the same in every process."""
    original = managers.BaseProxy.__dict__.get("_callmethod")
    if original is None or getattr(original, "_prep_traced", False):
        return

    @functools.wraps(original)
    def traced(self, methodname, args=(), kwds={}):  # noqa: B006 (the signature of the original)
        # The learner calls a generated method (`d.get`), which calls _callmethod; or calls it directly.
        line = _learner_line(3) if sys._getframe(1).f_code.co_filename != _learner_file else _learner_line()
        if line is not None:
            _give_id(self)
            token = self._token
            details: dict[str, Any] = {"method": methodname, "typeid": token.typeid, "referent": token.id}
            if args and isinstance(args[0], (str, int, float)) and len(str(args[0])) <= 60:
                details["key"] = args[0]
            elif methodname == "update" and args and isinstance(args[0], dict):
                details["keys"] = [k for k in list(args[0])[:50] if isinstance(k, (str, int, float))]
            if methodname == "get":  # a queue's get(block=True, timeout=None), in either spelling
                details.update(_proxy_get_details(args, kwds))
            _record(f"Proxy.{methodname}", self, line, **details)
        return original(self, methodname, args, kwds)

    traced._prep_traced = True  # type: ignore[attr-defined]
    managers.BaseProxy._callmethod = traced


def _proxy_get_details(args: tuple, kwds: dict) -> dict[str, Any]:
    given = {**_positional(args), **kwds}
    return {name: given[name] for name in ("block", "timeout")
            if name in given and (given[name] is None or isinstance(given[name], (bool, int, float)))}


def _wrap_process_pool_executor(process: Any) -> None:
    executor = process.ProcessPoolExecutor
    _wrap_init(executor, "ProcessPoolExecutor()", lambda self, max_workers=None, *a, **k: {"processes": max_workers})
    for name in ("submit", "map"):
        _wrap(executor, name, f"ProcessPoolExecutor.{name}", lambda self, fn, *a, **k: _callable_name(fn))
    _wrap(executor, "shutdown", "ProcessPoolExecutor.shutdown")


def _wrap_shared_factory(sharedctypes: Any, name: str) -> None:
    """The module's own Value() and friends, recorded like the context's when the learner calls them."""
    original = getattr(sharedctypes, name, None)
    if original is None or getattr(original, "_prep_traced", False):
        return

    @functools.wraps(original)
    def traced(*args, **kwargs):
        made = original(*args, **kwargs)
        line = _learner_line()
        if line is not None:
            details = _FACTORY_DETAILS[name](None, *args, **kwargs)
            _record(f"{name}()", made, line, objects=[object_id(made)], **details)
        return made

    traced._prep_traced = True  # type: ignore[attr-defined]
    setattr(sharedctypes, name, traced)


def _trace_instance_shutdown(managers: Any) -> None:
    """`manager.shutdown()` is an instance attribute (a Finalize set by start()), not a method: wrap it there.

    Runs before `start` itself is wrapped, so the traced `start` still sees the learner as its caller.
    """
    start = managers.BaseManager.__dict__.get("start")
    if start is None or getattr(start, "_prep_traced", False) or getattr(start, "_prep_shutdown", False):
        return

    @functools.wraps(start)
    def started(self, *args, **kwargs):
        result = start(self, *args, **kwargs)
        finalizer = self.__dict__.get("shutdown")
        if finalizer is not None and not getattr(finalizer, "_prep_traced", False):
            import weakref

            manager = weakref.ref(self)  # no cycle: an unreferenced manager is still finalised at once

            def shutdown():
                line = _learner_line()
                if line is not None and manager() is not None:
                    _record("Manager.shutdown", manager(), line)
                return finalizer()

            shutdown._prep_traced = True  # type: ignore[attr-defined]
            self.shutdown = shutdown
        return result

    started._prep_shutdown = True  # type: ignore[attr-defined]
    managers.BaseManager.start = started
