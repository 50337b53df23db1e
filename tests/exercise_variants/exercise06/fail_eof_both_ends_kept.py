# expect: fail close-parent-end-in-child
"""The child is given both ends and waits for EOFError without closing the parent's end: hangs under every
start method."""

import multiprocessing


def _answer(parent_end, child_end):
    while True:
        try:
            i = child_end.recv()
        except EOFError:
            return
        child_end.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(parent_end, child_end))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.close()
    child.join()
    return answers
