# expect: pass
"""The parent waits for each answer with connection.wait(); the child blocks in poll(None) before recv()."""
import multiprocessing
from multiprocessing.connection import wait


def squarer(conn):
    while conn.poll(None):
        i = conn.recv()
        if i is None:
            break
        conn.send(i * i)
    conn.close()


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=squarer, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        wait([parent_end])
        answers.append(parent_end.recv())
    parent_end.send(None)
    child.join()
    parent_end.close()
    return answers
