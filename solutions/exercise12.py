"""Reference solution for exercise12 (spawn_safe)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def parallel_lengths(words: Sequence[str], processes: int) -> list:
    # len is a builtin: it pickles by name, so spawned workers find it. The words travel as
    # task arguments, so nothing depends on the workers being copies of the parent.
    with multiprocessing.Pool(processes) as pool:
        return pool.map(len, words)  # map waits for every result before the with block ends


if __name__ == "__main__":
    # Runs only when this file is the main program: never when a worker imports it.
    print(parallel_lengths(["spawn", "safe"], processes=2))
