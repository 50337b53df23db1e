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
_made: dict[str, type] = {}


def _read_value(self: Any) -> Any:
    trace.record_access(self, "Value.read")
    return _SIMPLE_VALUE.__get__(self, type(self))


def _write_value(self: Any, new: Any) -> None:
    trace.record_access(self, "Value.write")
    _SIMPLE_VALUE.__set__(self, new)


def _value_repr(self: Any) -> str:
    return f"{type(self).__bases__[0].__name__}({_SIMPLE_VALUE.__get__(self, type(self))!r})"


def _get_item(self: Any, index: Any) -> Any:
    trace.record_access(self, "Array.read")
    return _ARRAY_GET(self, index)


def _set_item(self: Any, index: Any, new: Any) -> None:
    trace.record_access(self, "Array.write")
    _ARRAY_SET(self, index, new)


def traced_type(plain: type) -> type | None:
    """The traced subclass standing for a fundamental ctypes type or an array of one; None for any other."""
    if isinstance(plain, type) and issubclass(plain, ctypes.Array):
        element = plain._type_
        if _FUNDAMENTAL.get(getattr(element, "__name__", None)) is not element:
            return None
        return _made_for(plain)
    if _FUNDAMENTAL.get(getattr(plain, "__name__", None)) is not plain:
        return None
    return _made_for(plain)


def _key(plain: type) -> str:
    """How a traced type travels to a spawned child: `c_int`, `c_double*20000`."""
    return f"{plain._type_.__name__}*{plain._length_}" if issubclass(plain, ctypes.Array) else plain.__name__


def _made_for(plain: type) -> type:
    """Make (once) the traced subclass of `plain`.

    It keeps the plain type's name and module, so that what a learner sees (a repr, an error message
    such as "c_int objects should only be shared between processes through inheritance") is unchanged.
    """
    key = _key(plain)
    made = _made.get(key)
    if made is not None:
        return made
    if issubclass(plain, ctypes.Array):
        namespace = {"__getitem__": _get_item, "__setitem__": _set_item}
    else:
        namespace = {"value": property(_read_value, _write_value), "__repr__": _value_repr}
    cls = type(plain.__name__, (plain,), namespace)
    cls.__module__, cls.__qualname__ = plain.__module__, plain.__qualname__
    _made[key] = cls
    from multiprocessing import sharedctypes

    sharedctypes._ForkingPickler.register(cls, _reduce)
    return cls


def _from_key(key: str) -> type:
    element, _, length = key.partition("*")
    plain = _FUNDAMENTAL[element]
    return _made_for(plain * int(length) if length else plain)


def _reduce(obj: Any) -> tuple:
    """Like `sharedctypes.reduce_ctype`, but keeping the traced type and the trace id."""
    from multiprocessing import sharedctypes

    sharedctypes.assert_spawning(obj)
    return _rebuild, (_key(type(obj)), obj._wrapper, trace.object_id(obj))


def _rebuild(key: str, wrapper: Any, trace_id: str | None) -> Any:
    obj = _from_key(key).from_buffer(wrapper.create_memoryview())
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
    traced = _rebuild(_key(type(obj)), wrapper, None)
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
    def make(*args: Any, **kwargs: Any) -> Any:
        return _traced(original(*args, **kwargs))

    make._prep_raw = True  # type: ignore[attr-defined]
    return make

