# expect: fail alternate-send-recv
"""Sends every number, then reads every answer: with 2000 rounds the pipe fills up and both sides block."""

import multiprocessing


def _answer(conn):
    while (i := conn.recv()) is not None:
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end,))
    child.start()
    child_end.close()
    for i in range(rounds):
        parent_end.send(i)
    answers = [parent_end.recv() for _ in range(rounds)]
    parent_end.send(None)
    child.join()
    return answers
