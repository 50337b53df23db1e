# expect: fail close-child-end
"""Right answers, child ends on a sentinel and is joined, but the parent never closes its copy of the child's end."""

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
    return answers
