"""Tasks the hidden tests hand to learner code: top-level, picklable, deterministic.

They run inside the learner's processes; the values they return are what
the trusted side computes expected results from.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator

MEGABYTE = 1_000_000


def square(x: int) -> int:
    return x * x


def slower_for_bigger(x: int) -> int:
    """Finishes later for bigger items, so completion order differs from item order."""
    time.sleep(0.01 * x)
    return x * x


def megabyte(x: int) -> str:
    """A result of about 1 MB: enough to fill a pipe, so joining before reading deadlocks."""
    return f"{x}:" + "#" * MEGABYTE


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"task failed on item {x}")
    return x * x


# exercise04 (producer_consumer) ------------------------------------------------------------------

NOT_AN_ITEM = "task was called with something that is not one of the items"


def _require_item(x: object) -> None:
    """The items are ints: anything else is a sentinel the consumer failed to recognise."""
    if type(x) is not int:
        raise TypeError(f"{NOT_AN_ITEM}: a {type(x).__module__}.{type(x).__qualname__}")


def square_item(x: int) -> int:
    _require_item(x)
    return x * x


def megabyte_item(x: int) -> str:
    _require_item(x)
    return megabyte(x)


class SlowItems:
    """A sequence whose iteration sleeps before each item, like a producer reading a slow source.

    Picklable (a top-level class with plain attributes), so it can be handed to a spawned producer.
    Consumers that stop when the queue looks empty quit before the producer is done.
    """

    def __init__(self, items: list[int], delay_s: float):
        self.items = list(items)
        self.delay_s = delay_s

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int | slice) -> int | list[int]:
        time.sleep(self.delay_s)
        return self.items[index]

    def __iter__(self) -> Iterator[int]:
        for item in self.items:
            time.sleep(self.delay_s)
            yield item

    def __repr__(self) -> str:
        return f"SlowItems({self.items!r})"


# 0 and -1 are items too: a consumer that stops on any falsy item, or on a sentinel such as -1, loses them.
# The squares stay distinct (-1 instead of 1), so a result computed twice cannot stand in for a lost one.
SLOW_ITEMS = SlowItems([7, 3, 11, 0, 5, 9, 2, 13, 4, 8, -1, 6], delay_s=0.02)


# Tasks that tell the grader what they did (exercise09, exercise10, exercise12) -------------------


def report_task_event(**details: object) -> None:
    """Send the grader one record about a task: which process, when, what it saw.

    The record goes over the sandbox's authenticated channel (every process of the learner's tree
    has it); outside a sandbox this does nothing.
    """
    bootstrap = sys.modules.get("grader.sandbox.bootstrap")
    sender = getattr(bootstrap, "sender", None)
    if sender is not None:
        with contextlib.suppress(OSError, ValueError):
            sender.send({"kind": "task", "pid": os.getpid(), "t": time.monotonic(), **details})


# exercise09 (pool_lock)

DEPOSIT_PAUSE_S = 0.02


def slow_deposit(path: str, amount: int) -> None:
    """Add `amount` to the balance stored in the file at `path` (a missing file holds 0): read, wait, write.

    The wait makes the read-modify-write slow: two calls that overlap read the same balance and one
    deposit is lost. The write replaces the file in one step, so a reader never sees half a number.
    """
    started = time.monotonic()
    try:
        with open(path, encoding="utf-8") as handle:
            balance = int(handle.read())
    except FileNotFoundError:
        balance = 0
    time.sleep(DEPOSIT_PAUSE_S)
    from pathlib import Path  # here, not at the top: every spawned worker imports this module

    from grader.files import write_atomically

    write_atomically(Path(path), str(balance + amount))
    report_task_event(task="slow_deposit", amount=amount, read=balance, wrote=balance + amount, started=started,
                      ended=time.monotonic())


# exercise10 (callbacks)


class ItemFailed(ValueError):
    """What `square_or_fail` raises. When pickled to travel to the parent, it reports which code caught it.

    The Pool's own worker loop catching it means the error travels to error_callback; the learner's
    code catching it inside the worker means the failure was turned into an ordinary result.
    """

    def __reduce__(self):
        frames = self.__traceback__  # its first entry is the frame that caught the exception
        report_task_event(task="square_or_fail", event="sent", message=str(self),
                          caught_in=frames.tb_frame.f_code.co_filename if frames else None,
                          caught_at=frames.tb_lineno if frames else None)
        return type(self), self.args


def square_or_fail(x: int) -> int:
    """Sleeps a little (longer for bigger items), then fails for multiples of 3 and squares the rest."""
    time.sleep(0.01 * x)
    if x % 3 == 0:
        report_task_event(task="square_or_fail", event="raised", item=x)
        raise ItemFailed(f"item {x} failed")
    return x * x


# exercise08 (manager_dict) ----------------------------------------------------------------------

_hashed_in: int | None = None  # the pid that has reported hashing a CountedWord (a forked child starts anew)


class CountedWord(str):
    """A word from a CountedDocument: hashing it (a Counter, a dict key, a set) tells the grader which
    process did, once per process. Counting needs hashing; splitting does not."""

    __slots__ = ()

    def __hash__(self) -> int:
        global _hashed_in
        if _hashed_in != os.getpid():
            _hashed_in = os.getpid()
            report_task_event(task="CountedWord.__hash__")
        return str.__hash__(self)


class CountedDocument(str):
    """A document whose split() gives CountedWords, so the grader can tell who counted the words: workers
    that only split and send the words back leave all the hashing to the parent."""

    __slots__ = ()

    def split(self, sep: str | None = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        return [CountedWord(word) for word in str.split(self, sep, maxsplit)]


_WORDS = ["the", "cat", "sat", "on", "mat", "The", "cat,", "a"]
_SEPARATORS = [" ", "  ", "\t", "\n", " \n ", " "]
# A small vocabulary shared by every document: the workers all update the same few keys at once.
WORD_COUNT_DOCUMENTS = [CountedDocument(text) for text in [
    "  " * (d % 2) + "".join(_WORDS[(d * 7 + i * i) % len(_WORDS)] + _SEPARATORS[(d + i) % len(_SEPARATORS)]
                             for i in range(40 + 5 * d))
    for d in range(9)
] + ["", " \t\n "]]


# exercise12 (spawn_safe)


class MeasuredWord(str):
    """A word that tells the grader which process measured it: len() of it sends a record."""

    __slots__ = ()

    def __len__(self) -> int:
        report_task_event(task="MeasuredWord.__len__", word=str.__str__(self))
        return str.__len__(self)


SPAWN_SAFE_WORDS = [MeasuredWord(w) for w in (
    "spawn", "fork", "forkserver", "", "pickle", "a", "multiprocessing", "pool", "interpreter", "guard",
    "import", "main")]
SPAWN_SAFE_FEW_WORDS = [MeasuredWord(w) for w in ("one", "worker", "only", "here", "x")]


# exercise11 (deadline) ---------------------------------------------------------------------------

SLEEP_PAST_DEADLINE_S = 2.0


def sleep_past_deadline(x: int) -> int:
    """Still running at any deadline shorter than SLEEP_PAST_DEADLINE_S: it must be terminated."""
    time.sleep(SLEEP_PAST_DEADLINE_S)
    return x


def raise_at_once(x: int) -> int:
    """The child's target raises: the process ends with exit code 1, and sends no result."""
    raise ValueError(f"task failed on {x}")


def exit_three(x: int) -> int:
    """The child ends at once with exit code 3, without a result (and without cleaning up)."""
    os._exit(3)


def killed_by_sigkill(x: int) -> int:
    """The child is killed by SIGKILL: exitcode -9, no result."""
    import signal

    os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(5)  # not reached: the signal is delivered at once
    return x
