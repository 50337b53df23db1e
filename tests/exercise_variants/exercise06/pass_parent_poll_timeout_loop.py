# expect: pass
"""The parent waits for each answer with poll(1.0) in a loop (checking the child is alive), then recv()."""
import multiprocessing


def serve(conn):
    for i in iter(conn.recv, None):
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        while not parent_end.poll(1.0):
            if not child.is_alive():
                raise RuntimeError("the child died")
        answers.append(parent_end.recv())
    parent_end.send(None)
    child.join()
    return answers
