# expect: pass
import multiprocessing


def answer(conn):
    n = conn.recv()
    for _ in range(n):
        conn.send(conn.recv() ** 2)
    conn.close()


def ping_pong(rounds):
    parent, child = multiprocessing.Pipe()
    p = multiprocessing.Process(target=answer, args=(child,))
    p.start()
    child.close()
    parent.send(rounds)
    out = []
    for i in range(rounds):
        parent.send(i)
        out.append(parent.recv())
    parent.close()
    p.join()
    return out
