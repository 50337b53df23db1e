"""Reading a submission for code that reaches into the grader: flagged with its line, never run."""

from __future__ import annotations

import textwrap

import pytest

from grader.grading.source_scan import reaches_into_grader


def scan(tmp_path, code: str) -> list[tuple[int, str]]:
    path = tmp_path / "exercise03.py"
    path.write_text(textwrap.dedent(code).lstrip("\n"))
    return reaches_into_grader(path)


@pytest.mark.parametrize(("code", "line", "words"), [
    ("import ctypes\nctypes.memmove(0, 0, 1)\n", 2, "ctypes.memmove"),
    ("from ctypes import pythonapi\n", 1, "ctypes.pythonapi"),
    ("import ctypes\nx = ctypes.c_long.from_address(8)\n", 2, "ctypes.from_address"),
    ("import gc as collector\n", 1, "gc finds"),
    ("from _pytest import python\n", 1, "pytest's internals"),
    ("import grader.tasks\n", 1, "the grader's own package"),
    ("import os\nos._exit(0)\n", 2, "os._exit()"),
    ("from os import _exit\n", 1, "os._exit()"),
    ("import os\nos.write(1, b'x')\n", 2, "os.write()"),
    ("import sys\nframe = sys._getframe(1)\n", 2, "sys._getframe()"),
    ("def f(g):\n    return g.__globals__\n", 2, "__globals__"),
    ("def f():\n    return open('/proc/self/status').read()\n", 2, "/proc"),
    ("m = __import__('ctypes')\n", 1, "__import__()"),
])
def test_each_way_into_the_grader_is_named_with_its_line(tmp_path, code, line, words):
    found = scan(tmp_path, code)
    assert found and found[0][0] == line and words in found[0][1], found


def test_ordinary_exercise_code_is_not_flagged(tmp_path):
    assert scan(tmp_path, """
        import ctypes
        import multiprocessing as mp
        import os
        import sys
        from concurrent.futures import ProcessPoolExecutor

        def work(queue, path):
            with open(path, "w") as handle:
                handle.write(str(os.getpid()))
            queue.put(sys.getsizeof(path))
            sys.stdout.write("done\\n")

        def main(items):
            queue = mp.Queue()
            shared = mp.Array(ctypes.c_double, len(items), lock=False)
            with ProcessPoolExecutor(2) as pool:
                return list(pool.map(abs, items))
        """) == []


def test_a_file_that_does_not_parse_is_left_to_the_import_check(tmp_path):
    assert scan(tmp_path, "def broken(:\n") == []
