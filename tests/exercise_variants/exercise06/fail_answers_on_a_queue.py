# expect: fail one-child-one-pipe
"""Numbers go over the Pipe, answers come back on a multiprocessing.Queue."""
import multiprocessing


def serve(conn, answers):
    for i in iter(conn.recv, None):
        answers.put(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    answers = multiprocessing.Queue()
    child = multiprocessing.Process(target=serve, args=(child_end, answers))
    child.start()
    child_end.close()
    out = []
    for i in range(rounds):
        parent_end.send(i)
        out.append(answers.get())
    parent_end.send(None)
    child.join()
    return out
