# expect: pass
"""Connections as context managers: the child's end closed by a `with` around start(), the parent's by a
`with` around the exchange; a Process subclass whose run() uses `with conn:` and stops on a sentinel."""

import multiprocessing


class Squarer(multiprocessing.Process):
    def __init__(self, conn):
        super().__init__()
        self.conn = conn

    def run(self):
        with self.conn:
            for i in iter(self.conn.recv, None):
                self.conn.send(i * i)


def _exchange(conn, rounds):
    answers = []
    for i in range(rounds):
        conn.send(i)
        answers.append(conn.recv())
    return answers


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    with child_end:
        child = Squarer(child_end)
        child.start()
    with parent_end:
        answers = _exchange(parent_end, rounds)
        parent_end.send(None)
    child.join()
    return answers
