# expect: fail one-shared-lock
"""One Manager lock shared by every task, but released before update runs, so the calls overlap.

The lock proxy's acquire is recorded as Proxy.acquire: the message names the lock that was taken and not
held around the call (it used to say "no lock was held")."""

import multiprocessing


def locked(lock, update, path, amount):
    with lock:
        pass
    update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Manager() as manager, multiprocessing.Pool(processes) as pool:
        lock = manager.Lock()
        pool.starmap(locked, [(lock, update, path, amount) for amount in amounts])
