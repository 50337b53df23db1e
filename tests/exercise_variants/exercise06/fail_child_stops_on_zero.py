# expect: fail child-ended-early
"""The child loops `while i := conn.recv()`, meant to stop on None: it stops on the first number, 0."""
import multiprocessing


def serve(conn):
    while i := conn.recv():
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.send(None)
    child.join()
    return answers
