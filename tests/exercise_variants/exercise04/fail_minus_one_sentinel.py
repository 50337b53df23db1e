# expect: fail no-verdict
"""-1 as the sentinel: wrong for any input that contains -1 (the README example does)."""
import multiprocessing

STOP = -1


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(STOP)


def consume(task, work, results):
    for item in iter(work.get, STOP):
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

