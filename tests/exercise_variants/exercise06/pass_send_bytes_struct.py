# expect: pass
"""Numbers packed with struct and exchanged with send_bytes/recv_bytes; an empty message is the sentinel."""
import multiprocessing
import struct

FMT = "!q"


def squarer(conn):
    while True:
        data = conn.recv_bytes()
        if not data:
            break
        (i,) = struct.unpack(FMT, data)
        conn.send_bytes(struct.pack(FMT, i * i))


def ping_pong(rounds):
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=squarer, args=(child_end,))
    child.start()
    child_end.close()
    answers = []
    for i in range(rounds):
        parent_end.send_bytes(struct.pack(FMT, i))
        answers.append(struct.unpack(FMT, parent_end.recv_bytes())[0])
    parent_end.send_bytes(b"")
    child.join()
    return answers
