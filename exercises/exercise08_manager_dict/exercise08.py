"""Exercise 08: manager dict.

Count the words of ``documents`` (split on whitespace) in ``processes``
worker processes and return ``{word: count}``.

The rules the hidden tests check:

- The counting happens in ``processes`` worker processes (a
  ``multiprocessing.Pool(processes)``, or ``processes`` ``Process``es), not
  in the parent. The parent may merge what the workers counted.
- The counts are exact under heavy contention. If the workers update a
  shared ``Manager().dict()``, ``d[w] = d.get(w, 0) + 1`` is a read then a
  write, two separate requests to the manager: hold one
  ``Manager().Lock()``, shared by all workers, around both. Counting locally
  and merging once per worker (or per document) is fine too.
- A Manager is not required; one that you start is shut down
  (``with multiprocessing.Manager() as manager:``).
- Return a plain ``dict`` (a ``Counter`` is fine), not a ``DictProxy``.
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise08`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def word_count(documents: Sequence[str], processes: int) -> dict:
    """Return ``{word: count}`` over all ``documents``, counted by ``processes`` worker processes.

    Words are what ``str.split()`` returns. Exact counts, every run; a plain
    dict comes back; any Manager started is shut down.
    """
    # TODO: write a top-level function that counts the words of one document (or of a share of them).
    # TODO: run it in `processes` worker processes, e.g. multiprocessing.Pool(processes).
    # TODO: merge the workers' counts (in the parent, or in a Manager dict under a Manager lock).
    # TODO: return a plain dict; shut down any Manager you started.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise08.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(word_count(["the cat sat", "the  mat\tthe end"], processes=2))
    # expected: {'the': 3, 'cat': 1, 'sat': 1, 'mat': 1, 'end': 1}
