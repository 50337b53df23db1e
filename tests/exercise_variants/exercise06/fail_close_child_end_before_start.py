# expect: fail close-child-end
"""Closes the child's end before start(): the child gets a closed connection."""
import multiprocessing


def serve(conn):
    for i in iter(conn.recv, None):
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(child_end,))
    child_end.close()
    child.start()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.send(None)
    child.join()
    return answers
