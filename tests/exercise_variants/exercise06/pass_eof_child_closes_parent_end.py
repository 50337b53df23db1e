# expect: pass
"""The child stops on EOFError: it is given both ends and closes its copy of the parent's end first."""

import multiprocessing as mp


def _child(parent_end, child_end):
    parent_end.close()  # otherwise this copy keeps the pipe open and EOF never comes
    while True:
        try:
            i = child_end.recv()
        except EOFError:
            break
        child_end.send(i * i)
    child_end.close()


def ping_pong(rounds):
    parent_end, child_end = mp.Pipe()
    p = mp.Process(target=_child, args=(parent_end, child_end))
    p.start()
    child_end.close()
    out = []
    for i in range(rounds):
        parent_end.send(i)
        out.append(parent_end.recv())
    parent_end.close()  # the child's recv() now raises EOFError
    p.join()
    return out
