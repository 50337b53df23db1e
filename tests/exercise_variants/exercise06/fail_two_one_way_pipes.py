# expect: fail one-child-one-pipe
"""Two one-way pipes (duplex=False), one per direction, instead of one duplex Pipe."""

import multiprocessing


def _answer(inbox, outbox):
    while (i := inbox.recv()) is not None:
        outbox.send(i * i)


def ping_pong(rounds):
    to_child_r, to_child_w = multiprocessing.Pipe(duplex=False)
    from_child_r, from_child_w = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_answer, args=(to_child_r, from_child_w))
    child.start()
    to_child_r.close()
    from_child_w.close()
    answers = []
    for i in range(rounds):
        to_child_w.send(i)
        answers.append(from_child_r.recv())
    to_child_w.send(None)
    child.join()
    return answers
