# expect: pass
"""An Enum member as the sentinel, compared with `is`: Enum members unpickle to the same singleton."""
import enum
import multiprocessing


class Signal(enum.Enum):
    STOP = "stop"


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(Signal.STOP)


def consume(task, work, results):
    while True:
        item = work.get()
        if item is Signal.STOP:
            break
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    out = [results.get() for _ in range(len(items))]
    producer.join()
    for c in consumers:
        c.join()
    return sorted(out)
