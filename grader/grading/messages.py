"""Every rule a hidden test can report, in the words a learner reads. One table, reviewed in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    title: str
    message: str  # formatted with the details the test gives (entry, line, ...)
    topic: str | None = None  # the quiz topic that teaches it
    hang: bool = False  # broken by a program that hung: the message says where each process was blocked


RULES: dict[str, Rule] = {
    "not-implemented": Rule(
        "Solve the exercise",
        "{entry} still raises NotImplementedError: replace the stub's body with your solution.",
    ),
    "no-verdict": Rule("The program must finish and report", "{reason}", "lifecycle", hang=True),
    "crashed": Rule("The function must return", "{entry} raised {type}: {message}{where}.", None),
    "import-error": Rule("The file must import", "your file could not be imported: {type}: {message}{where}."),
    "missing-entry": Rule("The entry point must exist", "{reason} The grader calls {entry}(...) by keyword."),
    "exited": Rule("Return, do not exit", "{reason} Return the result instead.", "lifecycle"),
    "exit-hang": Rule(
        "Leave nothing running",
        "{entry} returned, but the program could not exit: a process you started is still running or a queue "
        "still holds data nobody read.{blocked}",
        "lifecycle", hang=True,
    ),
    "pool-size": Rule(
        "Use exactly `processes` workers",
        "create the pool with Pool(processes) so it has exactly {expected} workers; {made}.",
        "pool",
    ),
    "apply-async-per-item": Rule(
        "One apply_async per item",
        "submit each item with pool.apply_async(task, (item,)): {expected} items, {got} apply_async calls.",
        "pool",
    ),
    "submit-all-before-get": Rule(
        "Submit every task before the first get()",
        "AsyncResult.get() at line {line} waits for a result before all tasks were submitted, so the tasks run "
        "one at a time. Submit them all first, then collect the results.",
        "pool",
    ),
    "close-before-join": Rule(
        "close() before join()",
        "pool.join() at line {line} was called before pool.close(): join() waits for the workers to exit, "
        "which only happens after close() (or terminate()); without it, join() raises "
        "ValueError: Pool is still running.",
        "pool",
    ),
    "close-and-join-called": Rule(
        "Call close() and join()",
        "this exercise requires pool.close() then pool.join(); {missing}. A `with Pool()` block alone ends "
        "with terminate(), which kills the workers instead of letting them finish.",
        "pool",
    ),
    "results-in-order": Rule(
        "Results in the order of the items",
        "for items {items} {entry} returned {got}; expected {expected}.",
        None,
    ),
    "exception-propagates": Rule(
        "Let a task's exception propagate",
        "a task raised ValueError('task failed on item 3'), but {entry} {got}. Let AsyncResult.get() re-raise "
        "it out of {entry}.",
        "pool",
    ),
    "stop-pool-on-error": Rule(
        "Stop the pool when a task fails",
        "when a task raised, the pool was left open: stop it before the exception leaves {entry} (close() "
        "then join() in a finally block, or terminate()).",
        "pool",
    ),
    "one-process-per-item": Rule(
        "One Process per item",
        "start one multiprocessing.Process per item: {expected} items, {got} processes started.",
        "process-api",
    ),
    "start-all-before-join": Rule(
        "Start every process before the first join()",
        "join() at line {line} waits for a process before all processes were started, so they run one at a "
        "time. Start them all, then join them.",
        "process-api",
    ),
    "joined-before-return": Rule(
        "Every process is joined before returning",
        "when {entry} returned, processes it started (the first at line {line}) were not joined: {how}. A "
        "join(timeout) that times out leaves the process running, and a process nobody joins stays a zombie "
        "until the program exits. Join (without a timeout, or until it has ended) every process you start "
        "before you return.",
        "lifecycle",
    ),
    "join-every-process": Rule(
        "Join every process",
        "{count} process(es) started at line {line} were never joined: call join() on every process you start.",
        "lifecycle",
    ),
    "results-through-queue": Rule(
        "Send results back through a Queue",
        "{detail} Results must travel from the child processes back through a multiprocessing.Queue.",
        "queues",
    ),
    "drain-before-join": Rule(
        "Read the queue before joining",
        "the program hung: {blocked} A child that put data on a queue cannot exit until that data is read "
        "(docs: 'Joining processes that use queues'). Read every result first, then join.",
        "queues", hang=True,
    ),
    "join-before-reading": Rule(
        "Read the queue before joining",
        "line {line} calls {call} before any result was read from the queue. A child that put data on a "
        "queue cannot exit until that data is read (docs: 'Joining processes that use queues'): with 1 MB "
        "results a plain join() waits forever, and join(timeout) only hides that by waiting out its timeout "
        "while the child is still stuck. Read every result first, then join.",
        "queues",
    ),
    "no-pool": Rule(
        "Use Process, not Pool",
        "this exercise is about multiprocessing.Process; line {line} created a Pool.",
        "process-api",
    ),
    "empty-input": Rule("Handle empty input", "for items [] {entry} returned {got}; expected [].", None),
    "leftover-processes": Rule(
        "Leave no process running",
        "{count} process(es) were still running after {entry} returned ({commands}). Join every process you "
        "start; never leave a double-forked or daemonised process behind.",
        "daemons",
    ),
    "manager-left-running": Rule(
        "Shut down every Manager",
        "the Manager created at line {line} was never shut down: its server process outlives your function. "
        "Use `with Manager() as manager:` or call manager.shutdown().",
        "managers",
    ),
    "shared-memory-left": Rule(
        "Unlink the shared memory you create",
        "the shared memory segment created at line {line} was never unlinked: it outlives every process "
        "until someone calls unlink(). Call close() in every process that used it and unlink() once, "
        "when no process needs it any more.",
        "shared-memory",
    ),
    "terminate-without-join": Rule(
        "join() after terminate()",
        "{call}() at line {line} only sends a signal; the process is not gone until you join() it (until "
        "then it is a zombie, and its exitcode is not set). Call join() after {call}() (join(0) does not wait "
        "for it to go).",
        "lifecycle",
    ),
    "manager-closed-too-early": Rule(
        "Keep the Manager running while tasks use it",
        "the Manager was shut down at line {line} while pool tasks still needed its objects: a worker cannot "
        "reach a proxy whose manager is gone, the task is lost, and {waiting} waits for its result forever. "
        "Wait for every result (get()) inside the `with Manager()` block, before shutting the manager down.",
        "managers",
    ),
    "dead-worker": Rule(
        "A pool worker must not die",
        "a pool worker died in the middle of a task (os._exit(), a signal, or a crash), so that task's "
        "result never arrives and {waiting} waits forever; the pool quietly replaces the worker "
        "but not the task. Let tasks return or raise; never exit a worker process.",
        "pool", hang=True,
    ),
    "reaches-into-grader": Rule(
        "Leave the grader alone",
        "line {line}: {what}. No exercise needs this, and a run that reaches into the grader's process "
        "cannot be trusted, so it does not pass.{more}",
        None,
    ),
    "too-many-processes": Rule(
        "Stay within the process limit",
        "your program tried to run more than {limit} processes at once and was refused; start only the "
        "processes the task needs.",
        "process-api",
    ),
    "work-at-import": Rule(
        "Importing the module must not start work",
        "line {line} ran {call} while the module was being imported. Under spawn and forkserver every child "
        "re-imports your module, so put such code inside a function or under if __name__ == \"__main__\":.",
        "pickling",
    ),
    "start-method-choice": Rule(
        "Let the grader choose the start method",
        "line {line} calls {call}; the grader runs your code under each start method itself. Use the default "
        "context (multiprocessing.Process, multiprocessing.Pool).",
        "start-methods",
    ),
    "local-callable": Rule(
        "Targets and tasks must be top-level functions",
        "line {line} passes {target}, which cannot be pickled under {start_method}: use a function defined at "
        "the top level of the module.",
        "pickling",
    ),
    # exercise06 (pipe_ping_pong)
    "one-child-one-pipe": Rule(
        "One child, one duplex Pipe",
        "exchange the messages between the parent and exactly one child process over one duplex "
        "multiprocessing.Pipe(): {got}.",
        "pipes",
    ),
    "alternate-send-recv": Rule(
        "Send one message, then read its answer",
        "line {line} sends the next message before the answer to the previous one was read.{hang} A pipe holds "
        "only a limited amount of data: when the parent sends everything first, the child's answers pile up "
        "unread, the child blocks in send() and stops reading, and both sides wait for each other forever "
        "(here after a few hundred of the 2000 rounds). Send i, recv() its answer, then send the next.",
        "pipes",
    ),
    "close-child-end": Rule(
        "Close the parent's copy of the child's end",
        "{detail} Once start() has returned, the child has its own copy of its end: close the parent's copy "
        "right after start(), before the exchange, so that if the child dies the parent's recv() raises "
        "EOFError instead of waiting forever.",
        "pipes",
    ),
    "close-parent-end-in-child": Rule(
        "EOF needs every copy of the parent's end closed",
        "the program hung: {blocked} The child waits for EOFError at line {line}, but a pipe end reports EOF "
        "only once every copy of the other end is closed, and the child itself still holds a copy of the "
        "parent's end: under fork a child inherits every connection the parent had open when it started, "
        "even one you did not pass it (under spawn, the ones you passed it). Pass the parent's end to the "
        "child too and close it there before reading, or stop the child on a sentinel.",
        "pipes", hang=True,
    ),
    "child-must-end": Rule(
        "Tell the child you are done",
        "the program hung: {blocked} The child waits at line {line} for a message that never comes. When the "
        "exchange is over, send a sentinel (for example None), or close the parent's end so that the child's "
        "recv() raises EOFError; then join() the child.",
        "pipes", hang=True,
    ),
    "child-ends-by-itself": Rule(
        "Let the child end by itself",
        "line {line} calls {call}. The child must finish by itself once the parent is done (on a sentinel, "
        "or on EOFError once the parent's end is closed), and then be joined.",
        "lifecycle",
    ),
    "zero-rounds": Rule(
        "rounds == 0 gives []",
        "{entry}(rounds=0) {got} It must return [] without exchanging any message, and the child must still "
        "end and be joined.",
        "pipes",
    ),
    "child-polls-with-timeout": Rule(
        "The child waits for the next message without a timeout",
        "the child waits with {call} at line {line}. A timeout is a second way for the child to stop: a parent "
        "slower than the timeout you picked (a busy machine, more work between two rounds) sees the child "
        "give up in the middle of the exchange, and after the last round the child always waits out the whole "
        "timeout. Block in recv() (or poll(None)) and end the child on the sentinel, or on the EOFError that "
        "recv() raises once the parent's end is closed.",
        "pipes",
    ),
    "child-ended-early": Rule(
        "The child must not end before the parent is done",
        "{entry} raised EOFError at line {parent_line}: the parent's recv() found the pipe closed, because the "
        "child had already ended{where}. The child's loop stopped (or the child crashed) while the parent "
        "still expected answers. End the loop only on the sentinel, compared explicitly (`if i is None:`; a "
        "truthiness test like `while i := conn.recv():` also stops on 0), or on EOFError.",
        "pipes",
    ),
    # exercise11 (deadline)
    "one-child-process": Rule(
        "Run the task in one child process",
        "run task(arg) in exactly one multiprocessing.Process that you start and wait for: {got}.",
        "process-api",
    ),
    "deadline-outcome": Rule(
        "Report what happened to the task",
        "{case}: {entry} returned {got}; expected {expected}.{advice}",
        "lifecycle",
    ),
    "read-before-join": Rule(
        "Read the result before joining",
        "the task finished at once with a 1 MB result, but {entry} returned {got}: the join at line {line} "
        "waited for the child to exit, and a child that is sending a large result cannot exit until the "
        "parent reads it, so the finished task looked like one still running. Wait for the result itself "
        "(conn.poll(timeout) or queue.get(timeout=...)), read it, then join().",
        "pipes",
    ),
    "return-by-deadline": Rule(
        "Give up at the deadline",
        "with timeout={timeout} and a task that runs longer, {entry} {returned}{where}. "
        "It must return within timeout + 1 s: never wait without a bound (join(), recv(), get()) before the "
        "result arrives or the child ends; wait with conn.poll(timeout), queue.get(timeout=...) or "
        "process.join(timeout), and at the deadline terminate() and join() the child.",
        "lifecycle",
    ),
    "terminate-at-deadline": Rule(
        "Stop the task at the deadline",
        "the task was still running after timeout={timeout}, but {entry} never called terminate() on the "
        "process started at line {line}: it goes on running (and using a CPU) after you gave up on it. At the "
        "deadline call process.terminate(), then process.join().",
        "lifecycle",
    ),
    "terminate-in-entry": Rule(
        "Stop the task from the function itself",
        "the task was still running after timeout={timeout}; line {line} (`{source}`) mentions {call}, but "
        "{entry} itself never called it: a terminate() run from another thread (a threading.Timer, say) "
        "cannot be told apart from the child ending by itself, and it races with the result arriving. Wait "
        "with conn.poll(timeout) or queue.get(timeout=...) in {entry}; when that says the deadline passed, "
        "call process.terminate() there, then process.join().",
        "lifecycle",
    ),
    "terminate-not-os-kill": Rule(
        "Stop the task with process.terminate()",
        "at the deadline {entry} stops the child with {call} at line {line} (`{source}`) instead of "
        "process.terminate(). os.kill() signals a bare pid behind the Process object's back: once the child "
        "has ended and been reaped (by join(), is_alive(), or multiprocessing itself), that pid may belong to "
        "another process. process.terminate() sends the same SIGTERM, but only to a child that has not ended "
        "yet. Call process.terminate(), then process.join().",
        "lifecycle",
    ),
    "crash-not-timeout": Rule(
        "A crash is not a timeout",
        "{case}: the child ended at once without a result, but {entry} returned {got}, as if the task were "
        "still running at the deadline. When the child has ended without sending a result, return "
        "(\"crashed\", process.exitcode). With a Pipe, close the parent's copy of the child's end after start(): "
        "poll() then reports the child's end as EOF instead of waiting out the timeout; with a Queue, check "
        "whether the process is still alive.",
        "lifecycle",
    ),
    "negative-exit-code": Rule(
        "A signal is a crash too",
        "the child was killed by SIGKILL, so its exitcode is -9, but {entry} returned {got}; expected "
        "(\"crashed\", -9). exitcode is -N when signal N ended the process: any end without a result is a "
        "crash, whatever the sign of the code (only None means it is still running).",
        "process-api",
    ),
    # exercise04 (producer_consumer)
    "empty-polling": Rule(
        "Block on get(), do not poll empty() or qsize()",
        "{who} calls {call} at line {line}. empty() and qsize() only say what the queue held at that instant: "
        "a producer that is a little slow has not put the next item yet, so a consumer that stops when the "
        "queue looks empty quits early and items are lost. Call a plain blocking get() and stop on the "
        "sentinel.",
        "queues",
    ),
    "get-timeout": Rule(
        "Stop on the sentinel, not on a timeout",
        "{who} reads the queue with {call} at line {line}. A timeout is a second way to stop, even when it is "
        "only meant as a safety net next to the sentinel: a writer slower than the timeout you picked makes "
        "the reader give up while items are still coming (and a reader that stops only on the timeout waits "
        "the whole timeout at the end of every run). The sentinel always comes, so a plain blocking get() "
        "always ends: call get() with no timeout and stop when the item is the sentinel.",
        "queues",
    ),
    "busy-polling": Rule(
        "Block on get(), do not poll the queue",
        "{who} reads the queue with {call} at line {line}. A non-blocking get only says the queue was empty "
        "at that instant: a consumer that stops on queue.Empty quits while a slow producer is still working, "
        "and one that sleeps and tries again burns CPU and answers late. A plain blocking get() waits exactly "
        "as long as needed, and the sentinel always comes: call get() and stop when the item is the sentinel.",
        "queues",
    ),
    "no-terminate": Rule(
        "Let consumers finish: no terminate()",
        "line {line} calls {call}. terminate() and kill() stop a process wherever it is, perhaps halfway "
        "through putting a result or while holding the queue's lock. Put one sentinel per consumer, let each "
        "consumer return when it gets its sentinel, and join() it.",
        "lifecycle",
    ),
    "sentinel-per-consumer": Rule(
        "One sentinel per consumer",
        "{what} Each consumer stops after taking ONE sentinel off the queue, so {consumers} consumers need "
        "{consumers} sentinels, put after every item (by the producer, or by the parent once the producer has "
        "been joined).",
        "queues",
    ),
    "sentinels-after-items": Rule(
        "Put the sentinels after the items",
        "line {line} puts a sentinel on the work queue before the producer has put every item.{hang} A queue "
        "hands things out in the order they were put: a consumer that takes that sentinel stops while items "
        "are still coming, and the items behind it are never processed. Put the sentinels after the producer "
        "has put every item: from the producer itself after its loop, or from the parent after joining the "
        "producer.",
        "queues",
    ),
    "sentinel-identity": Rule(
        "Recognise the sentinel after it went through the queue",
        "a consumer called task with the sentinel ({kind}) at line {line}: it did not recognise it, and "
        "crashed. {why}",
        "pickling",
    ),
    "producer-process": Rule(
        "A producer process puts the items",
        "{detail} Start one producer process that iterates over items, puts each on the work queue, then puts "
        "the sentinels; the parent only starts, reads results and joins.",
        "process-api",
    ),
    "producer-consumer-processes": Rule(
        "One producer and n_consumers consumers",
        "start exactly {expected} processes (one producer and {consumers} consumers) as "
        "multiprocessing.Process; {got}.",
        "process-api",
    ),
    "consumer-crashed": Rule(
        "Consumers must not crash",
        "a child process crashed at line {line}: {error}. Every consumer must run until its sentinel and "
        "return normally.",
        "lifecycle",
    ),
    # exercise05 (pool_manager_queue)
    "manager-queue": Rule(
        "Talk through a Manager queue",
        "{detail} A multiprocessing.Queue can only reach a process through inheritance; passing it to a Pool "
        "task raises RuntimeError: Queue objects should only be shared between processes through inheritance. "
        "Create the queue with a Manager (manager.Queue()): what you pass is a proxy, which can be pickled and "
        "sent to any worker.",
        "managers",
    ),
    "reader-task": Rule(
        "Read in a pool task, not in the parent",
        "{detail} The reader must be a task of the pool (pool.apply_async(reader, (queue, ...))) that gets the "
        "messages off the queue and returns them; the parent only collects that task's result.",
        "pool",
    ),
    "writer-task": Rule(
        "Write in a pool task, not in the parent",
        "{detail} The writer must be a task of the pool that puts the messages on the queue.",
        "pool",
    ),
    "reader-snapshot": Rule(
        "Stop on a sentinel or a count, not on a snapshot",
        "the reader uses {call} at line {line} to decide what to read. qsize() and empty() only say what the "
        "queue held at that instant, and a sleep guarantees nothing: the writer is a task that may not even "
        "have started. Read with a blocking get() until the sentinel the writer puts last, or exactly "
        "len(messages) times.",
        "managers",
    ),
    "falsy-sentinel": Rule(
        "Compare with the sentinel, not with truthiness",
        "the reader stopped at message {index}, the empty string \"\", and returned only {got} of {count} "
        "messages. `if not message:` (or `while message:`) treats \"\" like the sentinel; compare with it "
        "explicitly: `if message is None:`.",
        "queues",
    ),
    # exercise09 (pool_lock)
    "deposit-every-amount": Rule(
        "Call update once for every amount",
        "update(path, amount) ran {got}; expected once for each of the {expected} amounts.{detail}",
        "pool",
    ),
    "lock-through-inheritance": Rule(
        "Share a multiprocessing.Lock through inheritance",
        "{detail} A multiprocessing.Lock() cannot travel to a pool task as an argument: pickling it raises "
        "RuntimeError: Lock objects should only be shared between processes through inheritance, so those "
        "tasks never run (and you only hear about it if you call get()). Hand the lock to every worker when "
        "it starts, with Pool(processes, initializer=..., initargs=(lock,)), or use a Manager().Lock(), whose "
        "proxy can be passed as an argument.",
        "locks",
    ),
    "exact-balance": Rule(
        "Every deposit lands in the file",
        "afterwards the file holds {got}, but the opening balance plus every amount is {expected}: {lost} "
        "deposit(s) were lost. Two calls to update that overlap both read the same balance, and the second "
        "write wipes out the first.",
        "locks",
    ),
    "one-shared-lock": Rule(
        "Hold one shared lock around every update",
        "{detail} update() is a read-modify-write: every call must run while holding one multiprocessing lock "
        "that all workers share (a multiprocessing.Lock() handed over by the Pool initializer, or one "
        "Manager().Lock() passed to every task), so that calls never overlap.",
        "locks",
    ),
    "updates-in-pool-workers": Rule(
        "Let the pool's workers call update",
        "{detail} Create multiprocessing.Pool(processes) and have its workers call update(path, amount).",
        "pool",
    ),
    # exercise10 (callbacks)
    "error-callback": Rule(
        "Give every apply_async an error_callback",
        "apply_async at line {line} has no error_callback: when its task raises, the exception stays in the "
        "AsyncResult nobody reads and the failure is silently lost. Pass error_callback=... to collect it.",
        "pool",
    ),
    "result-callback": Rule(
        "Collect results with callback",
        "apply_async at line {line} has no callback: collect each result with callback=... (it runs in the "
        "parent as soon as the task finishes) instead of reading the AsyncResult.",
        "pool",
    ),
    "errors-not-caught-in-task": Rule(
        "Let failures reach error_callback",
        "{detail} Do not catch the task's exception inside the worker and return it as a result: let it "
        "propagate, so the pool hands it to error_callback in the parent.",
        "pool",
    ),
    "lists-after-join": Rule(
        "Read the lists only after join()",
        "{entry} returned {got} of the {expected} outcomes: the lists were read before every callback had "
        "run. Callbacks run in a thread of the pool while tasks finish; only after pool.close() and "
        "pool.join() have returned are they all done. Read (and sort) the lists after join().",
        "pool",
    ),
    "pool-terminated-before-join": Rule(
        "Let the tasks finish: no terminate() before join()",
        "pool.terminate() at line {line} stopped the workers with tasks still running, so {entry} returned "
        "{got} of the {expected} outcomes: a task stopped by terminate() never reaches callback or "
        "error_callback, however late the lists are read. Call pool.close(), then pool.join(), which waits "
        "for every task to finish and every callback to run, and read the lists after that.",
        "pool",
    ),
    "callback-results": Rule(
        "Sorted results and sorted failure messages",
        "for items {items} {entry} returned {got}; expected {expected} (sorted results, then the sorted "
        "str() of every exception).",
        "pool",
    ),
    # exercise12 (spawn_safe)
    "lengths-in-worker-processes": Rule(
        "Compute the lengths in worker processes",
        "{detail} Threads (multiprocessing.dummy, ThreadPoolExecutor) run inside your own process: use "
        "worker processes (multiprocessing.Pool, Process, or ProcessPoolExecutor).",
        "processes-threads",
    ),
    "at-most-processes": Rule(
        "Use at most `processes` worker processes",
        "{detail} The caller asked for at most {expected} worker process(es): pass `processes` on "
        "(Pool(processes), ProcessPoolExecutor(max_workers=processes)).",
        "process-api",
    ),
    "fork-only-global": Rule(
        "Hand data to workers, not through globals",
        "under {start_method} {entry} {outcome}. Line {line} sets the module global `{name}` in the parent, and "
        "the workers read it: that only works under fork, where a worker starts as a copy of the parent. Under "
        "spawn and forkserver a worker imports your module afresh and sees the global's initial value. Pass "
        "the data as task arguments (or through the Pool initializer).",
        "start-methods",
    ),
    "counter-exact": Rule(
        "The total is exact, every run",
        "with {n_workers} workers adding {increments} each, {entry} returned {got}; expected {expected}. {why}",
        "locks",
    ),
    "counter-in-processes": Rule(
        "Count in worker processes",
        "{detail} The workers must be {n_workers} processes (multiprocessing.Process, or Pool({n_workers}) with "
        "the Value handed over through the initializer), not threads and not the parent.",
        "processes-threads",
    ),
    "counter-shared-value": Rule(
        "Count in one multiprocessing.Value",
        "{detail} Every process has its own copy of ordinary variables (a global int included): the parent "
        "creates one multiprocessing.Value and hands the same Value to every worker.",
        "shared-memory",
    ),
    "counter-update-under-lock": Rule(
        "Hold the lock for the whole read-modify-write",
        "{detail} `counter.value += 1` is a read followed by a write: another worker can write in between, and "
        "its update is lost. Put the read and the write inside one `with counter.get_lock():` block (or one "
        "shared Lock).",
        "locks",
    ),
    "counter-one-lock": Rule(
        "One lock shared by every worker",
        "the workers took {count} different locks ({workers} workers; first at line {line}), so they never wait "
        "for each other. Create one lock in the parent (or use counter.get_lock()) and give that same lock to "
        "every worker.",
        "locks",
    ),
    "array-negated-in-place": Rule(
        "Negate the shared array in place",
        "{detail} The child must change the shared array itself, element by element (`arr[i] = -arr[i]`), and "
        "the parent then reads that same array.",
        "shared-memory",
    ),
    "array-read-after-join": Rule(
        "Read the array only after join()",
        "{detail} Start the child, join() it, and only then read the array: until join() returns, the child may "
        "still be writing.",
        "lifecycle",
    ),
    "array-child-gets-the-array": Rule(
        "Hand the array to the child",
        "under {start_method} the child process crashed ({crash}), so nothing was negated. A child started by "
        "spawn or forkserver imports your module afresh: a module global that negate_in_child sets is not set "
        "there. Pass the array to the child: Process(target=..., args=(array,)).",
        "start-methods",
    ),
    "array-of-doubles": Rule(
        "Keep the values in a shared Array of doubles",
        "{detail} Put the values in shared memory: multiprocessing.Array('d', values) (or RawArray('d', "
        "values)), created by the parent and passed to the child.",
        "shared-memory",
    ),
    "array-one-child": Rule(
        "One child process does the work",
        "start exactly one child process (multiprocessing.Process) to negate the values; got {got}.",
        "process-api",
    ),
    "array-not-sent-back": Rule(
        "Nothing travels back but the shared memory",
        "line {line} sends data from the child back to the parent. With shared memory nothing needs to travel: "
        "the child writes into the array, and the parent reads the same memory after join().",
        "shared-memory",
    ),
    "wordcount-exact": Rule(
        "Exact counts",
        "{entry} returned wrong counts: {detail}. Split each document with str.split() (any run of whitespace) "
        "and count every word exactly once.",
        "manager-locks",
    ),
    "wordcount-plain-dict": Rule(
        "Return a plain dict",
        "{entry} returned a {type}, not plain data. A DictProxy is a handle on a dict that lives in the "
        "Manager's server process, which is gone once the manager shuts down: return dict(proxy) (or a "
        "Counter), made before the manager shuts down.",
        "managers",
    ),
    "wordcount-in-workers": Rule(
        "Count in the worker processes",
        "{detail} The counting must happen in {processes} worker processes (a Pool({processes}) whose tasks "
        "count words, or {processes} Processes); the parent may only merge what they counted.",
        "process-api",
    ),
    "wordcount-locked-update": Rule(
        "Lock each read-modify-write of the Manager dict",
        "{detail} `d[w] = d.get(w, 0) + 1` on a Manager dict is two requests to the manager, a read then a "
        "write: another worker can write in between, and its count is lost. Hold one Manager().Lock(), shared "
        "by all workers, around both, or count locally and merge once per worker.",
        "manager-locks",
    ),
}


def describe(rule_id: str, **details: object) -> str:
    rule = RULES[rule_id]
    text = rule.message.format_map(_Missing(details))
    if rule.topic:
        text += f" (Learn it: prep quiz --topic {rule.topic})"
    return text


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return f"<{key}>"
