# expect: pass
"""A generator does the exchange; the sentinel and join() are in finally."""
import multiprocessing

STOP = -1  # the parent only ever sends 0..rounds-1


def serve(conn):
    for i in iter(conn.recv, STOP):
        conn.send(i * i)


def exchange(conn, rounds):
    for i in range(rounds):
        conn.send(i)
        yield conn.recv()


def ping_pong(rounds):
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.Process(target=serve, args=(theirs,), daemon=True)
    child.start()
    theirs.close()
    try:
        return list(exchange(ours, rounds))
    finally:
        ours.send(STOP)
        child.join()
        ours.close()
