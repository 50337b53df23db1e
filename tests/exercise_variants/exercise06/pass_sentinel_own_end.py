# expect: pass
"""A sentinel, the child given only its own end; `from multiprocessing import ...` names and get_context()."""

from multiprocessing import Pipe, get_context

STOP = "stop"


def square_until_stop(conn):
    while True:
        message = conn.recv()
        if message == STOP:
            break
        conn.send(message * message)


def ping_pong(rounds):
    ours, theirs = Pipe(duplex=True)
    worker = get_context().Process(target=square_until_stop, args=(theirs,))
    worker.start()
    theirs.close()
    results = []
    for number in range(rounds):
        ours.send(number)
        results.append(ours.recv())
    ours.send(STOP)
    worker.join()
    ours.close()
    return results
