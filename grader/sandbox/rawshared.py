"""Raw shared ctypes values and arrays, made visible to the trace.

`Value(..., lock=False)`, `RawValue` and `RawArray` return plain ctypes objects in shared memory:
reading and writing them runs no Python code, so the grader could not tell whether a counter was
updated while a lock was held, or which process negated an array, and had to rely on lost updates
showing up (they do not, every run). Here those objects are rebuilt, on the same shared buffer, as
subclasses of their ctypes types whose `.value` and item access are recorded like a synchronized
Value's (`Value.read`, `Value.write`, `Array.read`, `Array.write`). The subclasses keep `isinstance`
true and give the same numbers; passed to a spawned child they arrive as the same traced type, with
the same trace id.

Only the fundamental number and character types are rebuilt: structures, pointers and arrays of them
are left as they are.
"""

from __future__ import annotations

import ctypes
import functools
import re

from grader.sandbox import trace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_FUNDAMENTAL = {t.__name__: t for t in (
    ctypes.c_bool, ctypes.c_char, ctypes.c_wchar, ctypes.c_byte, ctypes.c_ubyte, ctypes.c_short,
    ctypes.c_ushort, ctypes.c_int, ctypes.c_uint, ctypes.c_long, ctypes.c_ulong, ctypes.c_longlong,
    ctypes.c_ulonglong, ctypes.c_float, ctypes.c_double, ctypes.c_longdouble)}
_SIMPLE_VALUE = ctypes._SimpleCData.__dict__["value"]
_ARRAY_GET = ctypes.Array.__getitem__
_ARRAY_SET = ctypes.Array.__setitem__
_PREFIX = "Raw_"
_ARRAY_NAME = re.compile(r"Raw_(\w+?)_Array_(\d+)")
_made: dict[str, type] = {}


def _read_value(self: Any) -> Any:
    line = None if trace.saturated(self, "Value.read") else trace._learner_line()
    if line is not None:
        trace._give_id(self)
        trace._record("Value.read", self, line)
    return _SIMPLE_VALUE.__get__(self, type(self))


def _write_value(self: Any, new: Any) -> None:
    line = None if trace.saturated(self, "Value.write") else trace._learner_line()
    if line is not None:
        trace._give_id(self)
        trace._record("Value.write", self, line)
    _SIMPLE_VALUE.__set__(self, new)


def _value_repr(self: Any) -> str:
    return f"{type(self).__bases__[0].__name__}({_SIMPLE_VALUE.__get__(self, type(self))!r})"


def _get_item(self: Any, index: Any) -> Any:
    line = None if trace.saturated(self, "Array.read") else trace._learner_line()
    if line is not None:
        trace._give_id(self)
        trace._record("Array.read", self, line)
    return _ARRAY_GET(self, index)


def _set_item(self: Any, index: Any, new: Any) -> None:
    line = None if trace.saturated(self, "Array.write") else trace._learner_line()
    if line is not None:
        trace._give_id(self)
        trace._record("Array.write", self, line)
    _ARRAY_SET(self, index, new)


def traced_type(plain: type) -> type | None:
    """The traced subclass standing for a fundamental ctypes type or an array of one; None for any other."""
    if isinstance(plain, type) and issubclass(plain, ctypes.Array):
        element = plain._type_
        if _FUNDAMENTAL.get(getattr(element, "__name__", None)) is not element:
            return None
        return _named(f"{_PREFIX}{element.__name__}_Array_{plain._length_}")
    if _FUNDAMENTAL.get(getattr(plain, "__name__", None)) is not plain:
        return None
    return _named(f"{_PREFIX}{plain.__name__}")


def _named(name: str) -> type | None:
    """Make (once) the traced class with this name: `Raw_c_int`, `Raw_c_double_Array_20000`."""
    made = _made.get(name)
    if made is not None:
        return made
    array = _ARRAY_NAME.fullmatch(name)
    if array:
        element = _FUNDAMENTAL.get(array.group(1))
        if element is None:
            return None
        cls = type(name, (element * int(array.group(2)),), {"__getitem__": _get_item, "__setitem__": _set_item})
    else:
        base = _FUNDAMENTAL.get(name[len(_PREFIX):])
        if base is None:
            return None
        cls = type(name, (base,), {"value": property(_read_value, _write_value), "__repr__": _value_repr})
    # A module-level name, so that a plain pickle (by reference) finds the class again.
    cls.__module__, cls.__qualname__ = __name__, name
    _made[name] = cls
    from multiprocessing import sharedctypes

    sharedctypes._ForkingPickler.register(cls, _reduce)
    return cls


def __getattr__(name: str) -> type:
    """`grader.sandbox.rawshared.Raw_c_int` for an unpickler in a process that has not made it yet."""
    cls = _named(name) if name.startswith(_PREFIX) else None
    if cls is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return cls


def _reduce(obj: Any) -> tuple:
    """Like `sharedctypes.reduce_ctype`, but keeping the traced type and the trace id."""
    from multiprocessing import sharedctypes

    sharedctypes.assert_spawning(obj)
    return _rebuild, (type(obj).__name__, obj._wrapper, trace.object_id(obj))


def _rebuild(name: str, wrapper: Any, trace_id: str | None) -> Any:
    cls = _named(name)
    obj = cls.from_buffer(wrapper.create_memoryview())  # type: ignore[union-attr]
    obj._wrapper = wrapper
    if trace_id is not None:
        object.__setattr__(obj, trace.ID_ATTR, trace_id)
    return obj


def _traced(obj: Any) -> Any:
    """The same shared buffer, seen through the traced type (or obj itself if it has none)."""
    cls = traced_type(type(obj))
    wrapper = getattr(obj, "_wrapper", None)
    if cls is None or wrapper is None:
        return obj
    traced = _rebuild(cls.__name__, wrapper, None)
    trace._give_id(traced)  # now, so that the record of its making names it
    return traced


def install(sharedctypes: Any) -> None:
    """Make `sharedctypes.RawValue` and `RawArray` (which `Value` and `Array` build on) return traced objects."""
    for name in ("RawValue", "RawArray"):
        original = getattr(sharedctypes, name)
        if not getattr(original, "_prep_raw", False):
            setattr(sharedctypes, name, _making_traced(original))


def _making_traced(original: Any) -> Any:
    @functools.wraps(original)
    def make(typecode_or_type: Any, *args: Any) -> Any:
        return _traced(original(typecode_or_type, *args))

    make._prep_raw = True  # type: ignore[attr-defined]
    return make

