# expect: pass
"""get_context(), lambdas as callbacks, positional callback arguments, a dict keyed by item, try/finally."""

import multiprocessing as mp


def gather_with_callbacks(task, items, processes):
    outcomes = {}
    pool = mp.get_context().Pool(processes)
    try:
        for index, item in enumerate(items):
            pool.apply_async(task, (item,), {},
                             lambda value, i=index: outcomes.__setitem__(i, ("ok", value)),
                             lambda error, i=index: outcomes.__setitem__(i, ("failed", str(error))))
    finally:
        pool.close()
        pool.join()
    results = sorted(value for kind, value in outcomes.values() if kind == "ok")
    failures = sorted(value for kind, value in outcomes.values() if kind == "failed")
    return results, failures
