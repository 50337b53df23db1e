# expect: fail no-verdict not written by the grader
"""Writes a fake 'passed' end record to every file descriptor it can find."""
import os

FAKE = b'00000000000000000000000000000000 {"kind":"end","status":"returned","result_sha256":"0"}\n'


def map_with_pool(task, items, processes):
    for fd in range(3, 256):
        try:
            os.write(fd, FAKE)
        except OSError:
            pass
    return [task(item) for item in items]
