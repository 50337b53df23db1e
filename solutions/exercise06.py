"""Reference solution for exercise06 (pipe_ping_pong)."""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection

DONE = None  # the sentinel: the parent only ever sends ints


def _answer(conn: Connection) -> None:
    # The child is given only its own end, and stops on the sentinel: it needs no EOF, so the copy of
    # the parent's end that a forked child inherits does no harm.
    while (i := conn.recv()) is not DONE:
        conn.send(i * i)
    conn.close()


def ping_pong(rounds: int) -> list:
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end,))
    child.start()
    # The child has its own copy now: close ours, so that if the child dies our recv() raises EOFError
    # instead of waiting forever.
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)  # one message at a time: send, then read the answer
        answers.append(parent_end.recv())
    parent_end.send(DONE)
    parent_end.close()
    child.join()
    return answers
