"""Reference solution for exercise11 (deadline)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


def _run(task: Callable[[Any], Any], arg: Any, conn: Connection) -> None:
    # If task raises (or the process dies), nothing is sent: the parent sees EOF instead.
    conn.send(task(arg))
    conn.close()


def run_with_deadline(task: Callable[[Any], Any], arg: Any, timeout: float) -> tuple:
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_run, args=(task, arg, sender))
    process.start()
    # Close our copy of the sending end: once the child ends, poll() reports EOF at once.
    sender.close()
    try:
        # poll() returns as soon as there is a result to read, or the child has ended (EOF), or at the
        # deadline. Reading comes before joining: a child sending a big result exits only once it is read.
        if receiver.poll(timeout):
            try:
                result = receiver.recv()
            except EOFError:  # the child ended without sending anything: it crashed
                process.join()
                return ("crashed", process.exitcode)
            process.join()
            return ("ok", result)
        process.terminate()
        process.join()
        return ("timeout", None)
    finally:
        receiver.close()
