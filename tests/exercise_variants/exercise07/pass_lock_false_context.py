# expect: pass
"""get_context() with no argument, Array(..., lock=False), a Process subclass."""

import multiprocessing

ctx = multiprocessing.get_context()


class Negator(ctx.Process):
    def __init__(self, arr):
        super().__init__()
        self.arr = arr

    def run(self):
        for i, x in enumerate(self.arr):
            self.arr[i] = -x


def negate_in_child(values):
    arr = ctx.Array("d", values, lock=False)
    child = Negator(arr)
    child.start()
    child.join()
    return list(arr)
