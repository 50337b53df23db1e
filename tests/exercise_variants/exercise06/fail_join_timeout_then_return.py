# expect: fail joined-before-return
"""EOF-based child given only its own end; the parent joins with a timeout and returns (child left running under fork)."""
import multiprocessing


def serve(conn):
    while True:
        try:
            i = conn.recv()
        except EOFError:
            return
        conn.send(i * i)


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(child_end,), daemon=True)
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send(i)
        answers.append(parent_end.recv())
    parent_end.close()
    child.join(timeout=0.5)
    return answers
