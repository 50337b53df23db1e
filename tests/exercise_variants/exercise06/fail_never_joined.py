# expect: fail join-every-process
"""Everything right except that the child is never joined."""

import multiprocessing


def _answer(conn):
    while (i := conn.recv()) is not None:
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.send(None)
    parent_end.close()
    return answers
