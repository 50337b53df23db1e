# expect: fail zero-rounds
"""The child answers exactly `rounds` messages and then stops; with rounds == 0 it waits for a first message that
never comes, and the parent waits for it in join()."""

import multiprocessing


def _answer(conn, rounds):
    i = None
    while i != rounds - 1:
        i = conn.recv()
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end, rounds))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    child.join()
    parent_end.close()
    return answers
