# expect: fail child-must-end
"""The child stops on EOFError, but the parent joins it without closing its own end first: EOF never comes."""

import multiprocessing


def _answer(conn):
    try:
        while True:
            i = conn.recv()
            conn.send(i * i)
    except EOFError:
        pass


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_answer, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    child.join()
    parent_end.close()
    return answers
