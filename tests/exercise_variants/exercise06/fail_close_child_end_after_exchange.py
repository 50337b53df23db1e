# expect: fail close-child-end
"""Closes the parent's copy of the child's end, but only once the exchange is over."""

import multiprocessing


def _answer(conn):
    while (i := conn.recv()) is not None:
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end,))
    child.start()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.send(None)
    child.join()
    child_end.close()
    parent_end.close()
    return answers
