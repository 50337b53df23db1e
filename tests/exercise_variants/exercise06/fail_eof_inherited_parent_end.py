# expect: fail close-parent-end-in-child
"""The child is given only its own end and stops on EOFError; the parent closes its end when done.

Works under spawn and forkserver, hangs under fork: the forked child inherits a copy of the parent's end,
so its own recv() never sees EOF.
"""

import multiprocessing


def _answer(conn):
    while True:
        try:
            i = conn.recv()
        except EOFError:
            break
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
    parent_end.close()
    child.join()
    return answers
