# expect: fail close-parent-end-in-child
"""The child (given only its own end) stops on EOFError, and the parent returns without joining it. Under fork the
child keeps the inherited copy of the parent's end, never sees EOF, and the program cannot exit."""

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
    return answers
