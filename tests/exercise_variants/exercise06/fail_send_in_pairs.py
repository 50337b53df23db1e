# expect: fail alternate-send-recv
import multiprocessing


def answer(conn):
    for i in iter(conn.recv, None):
        conn.send(i * i)


def ping_pong(rounds):
    parent, child = multiprocessing.Pipe()
    p = multiprocessing.Process(target=answer, args=(child,))
    p.start()
    child.close()
    out = []
    for i in range(0, rounds, 2):
        pair = [j for j in (i, i + 1) if j < rounds]
        for j in pair:
            parent.send(j)
        for _ in pair:
            out.append(parent.recv())
    parent.send(None)
    p.join()
    return out
