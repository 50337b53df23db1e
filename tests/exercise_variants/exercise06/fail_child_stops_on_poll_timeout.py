# expect: fail child-polls-with-timeout
"""The child stops when poll(0.5) sees nothing for half a second: a timeout, not a sentinel nor EOF."""
import multiprocessing


def serve(conn):
    while conn.poll(0.5):
        i = conn.recv()
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
    child.join()
    parent_end.close()
    return answers
