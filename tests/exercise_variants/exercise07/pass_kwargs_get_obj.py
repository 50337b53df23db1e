# expect: pass
"""The array handed over by keyword; the child and the parent use get_obj() (the raw ctypes array)."""

from multiprocessing import Array, Process


def negate(*, shared):
    raw = shared.get_obj()
    raw[:] = [-x for x in raw]


def negate_in_child(values):
    shared = Array("d", len(values))
    shared[:] = values
    child = Process(target=negate, kwargs={"shared": shared}, daemon=True)
    child.start()
    child.join()
    return list(shared.get_obj())
