"""Exercise 06: pipe ping-pong.

The parent and one child process play ping-pong over one duplex
``multiprocessing.Pipe()``: the parent sends ``0, 1, ..., rounds - 1``, one
at a time, and the child answers each ``i`` with ``i * i``. Return the
answers, in order.

The rules the hidden tests check:

- Exactly one child ``multiprocessing.Process`` and one duplex ``Pipe()``.
- Sends and receives alternate: send ``i``, ``recv()`` its answer, then send
  the next. ``rounds`` may be 2000: sending everything first fills the pipe
  and both sides block forever.
- The parent closes its copy of the child's end right after ``start()``,
  before the exchange.
- The child ends by itself once the parent is done: on a sentinel (for
  example ``None``), or on ``EOFError``. EOF only arrives when every copy of
  the parent's end is closed, and under fork the child inherits one: a child
  that waits for EOF must close it. Never ``terminate()`` the child.
- The child is joined.
- ``rounds == 0`` gives ``[]`` (and the child still ends and is joined).
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise06`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection


def _answer(conn: Connection) -> None:
    """The child: answer each number ``i`` received on ``conn`` with ``i * i``, until the parent is done."""
    # TODO: receive numbers and send back their squares, until the sentinel (or EOFError).
    raise NotImplementedError


def ping_pong(rounds: int) -> list:
    """Send ``0 .. rounds - 1`` to one child over a Pipe, one at a time; return its answers in order.

    One child process, one duplex ``Pipe()``; the parent closes the child's end
    after ``start()``; send, then read the answer, then send the next; the child
    ends by itself (sentinel or EOF) and is joined. ``rounds == 0`` gives ``[]``.
    """
    # TODO: make the Pipe and start one child with _answer as its target and its end as the argument.
    # TODO: close the parent's copy of the child's end.
    # TODO: for each i: send i, then recv() its answer.
    # TODO: tell the child you are done (a sentinel, or close your end), then join() it.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise06.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(ping_pong(5))  # expected: [0, 1, 4, 9, 16]
