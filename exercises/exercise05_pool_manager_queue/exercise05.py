"""Exercise 05: a pool and a Manager queue.

Run a writer task and a reader task in one ``multiprocessing.Pool`` of
``processes`` workers. The writer puts every message on a queue; the reader
takes them off and returns them. Return what the reader returned.

The rules the hidden tests check:

- Create the pool with ``multiprocessing.Pool(processes)`` (``processes`` is at
  least 2, so the writer and the reader can run at the same time).
- The writer and the reader are both pool tasks (``apply_async``). The parent
  does not put or get messages itself: it only collects the reader's result.
- They talk through a Manager queue (``manager.Queue()``). A
  ``multiprocessing.Queue`` cannot be passed to a pool task: it raises
  ``RuntimeError: Queue objects should only be shared between processes
  through inheritance``.
- The reader returns exactly ``messages``, in order. Messages are strings and
  may be ``""``.
- The reader stops on a sentinel (the writer puts it last) or after
  ``len(messages)`` items. Never by ``qsize()``, ``empty()`` or a ``sleep``,
  and never on any falsy message (``""`` is a message).
- Call ``pool.close()`` and then ``pool.join()`` (``with Pool(...)`` alone ends
  with ``terminate()``), and shut the manager down (``with Manager() as m:``
  or ``manager.shutdown()``).
- Use the default start method: never call ``set_start_method()``. Tasks
  must be top-level functions.

Done means ``prep grade exercise05`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing

# TODO: write the writer: a top-level function that puts every message on the
#       queue, then a sentinel that can never be a message.

# TODO: write the reader: a top-level function that gets messages with a
#       blocking get() until the sentinel, and returns them as a list.


def pool_with_queue(messages: list[str], processes: int) -> list:
    """Return the messages, as received by a reader task from a writer task through a Manager queue.

    Both tasks run in ``multiprocessing.Pool(processes)``; the pool is closed
    and joined and the manager shut down before returning.
    """
    # TODO: start a Manager (a with block shuts it down) and create manager.Queue().
    # TODO: create the pool; submit the reader and the writer with apply_async.
    # TODO: get the reader's result.
    # TODO: close() then join() the pool, also when something raises.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise05.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(pool_with_queue(["hello", "", "world"], processes=2))  # expected: ['hello', '', 'world']
