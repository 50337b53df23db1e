# expect: fail child-ends-by-itself
"""Right answers, but the child is never told the exchange is over: the parent terminate()s it."""

import multiprocessing


def _answer(conn):
    while True:
        i = conn.recv()
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
    child.terminate()
    child.join()
    parent_end.close()
    return answers
