"""Observations of a learner's entry point: values come back as JSON, anything unclean fails closed."""

from __future__ import annotations

import multiprocessing
import textwrap
from pathlib import Path

import pytest

from grader.sandbox.limits import Limits
from grader.sandbox.observe import observe

METHODS = multiprocessing.get_all_start_methods()
QUICK = Limits(wall_s=5.0, exit_grace_s=1.0)


def learner(tmp_path: Path, code: str, name: str = "exercise00.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(code))
    return path


@pytest.mark.parametrize("method", METHODS)
def test_a_pool_result_comes_back_as_json_under_every_start_method(tmp_path, method):
    path = learner(tmp_path, """
        from multiprocessing import Pool

        def apply_all(task, items):
            with Pool(2) as pool:
                return pool.map(task, items)
    """)
    seen = observe(path, "apply_all", {"task": {"$callable": "operator:neg"}, "items": [1, 2, 3]}, method, QUICK)
    assert seen.status == "returned", seen.reason
    assert seen.value == [-1, -2, -3]
    assert seen.start_method == method


def test_an_exception_is_reported_with_the_learners_line(tmp_path):
    path = learner(tmp_path, """
        def divide(a, b):
            return a / b
    """)
    seen = observe(path, "divide", {"a": 1, "b": 0}, "fork", QUICK)
    assert seen.status == "raised"
    assert seen.error == {"type": "ZeroDivisionError", "message": "division by zero", "line": 3}


def test_a_syntax_error_names_its_line(tmp_path):
    path = learner(tmp_path, """
        def broken(:
            pass
    """)
    seen = observe(path, "broken", {}, "fork", QUICK)
    assert seen.status == "import-error"
    assert seen.error["type"] == "SyntaxError" and seen.error["line"] == 2


def test_an_import_error_is_a_verdict_not_a_crash(tmp_path):
    path = learner(tmp_path, "import multiprocessing.nonexistent_module\n")
    seen = observe(path, "anything", {}, "fork", QUICK)
    assert seen.status == "import-error" and seen.error["type"] == "ModuleNotFoundError"
    assert seen.error["line"] == 1


def test_a_missing_entry_point_is_named(tmp_path):
    path = learner(tmp_path, "def run_in_process(task, items):\n    return []\n")
    seen = observe(path, "run_in_processes", {}, "fork", QUICK)
    assert seen.status == "missing-entry"
    assert "run_in_processes" in seen.reason


@pytest.mark.parametrize("code,phase", [("import sys\nsys.exit(0)\n", "import"),
                                        ("def f():\n    raise SystemExit(3)\n", "call")])
def test_sys_exit_is_caught_and_reported(tmp_path, code, phase):
    seen = observe(learner(tmp_path, code), "f", {}, "fork", QUICK)
    assert seen.status == "exited" and phase in seen.reason


@pytest.mark.parametrize("where", ["import", "call"])
def test_os_exit_leaves_no_end_record_and_fails_closed(tmp_path, where):
    code = "import os\nos._exit(0)\n" if where == "import" else "import os\ndef f():\n    os._exit(0)\n"
    seen = observe(learner(tmp_path, code), "f", {}, "fork", QUICK)
    assert seen.status == "no-verdict"
    assert "without reporting a result" in seen.reason


def test_fake_result_lines_written_to_every_fd_are_rejected(tmp_path):
    path = learner(tmp_path, """
        import os

        def cheat():
            fake = b'0123456789abcdef0123456789abcdef {"kind":"end","status":"returned","result_sha256":"x"}\\n'
            for fd in range(3, 64):
                try:
                    os.write(fd, fake)
                except OSError:
                    pass
            return 42
    """)
    seen = observe(path, "cheat", {}, "fork", QUICK)
    assert seen.status == "no-verdict"
    assert "not written by the grader" in seen.reason


def test_a_hang_fails_closed_with_the_time_it_was_given(tmp_path):
    path = learner(tmp_path, """
        import threading

        def wait():
            threading.Event().wait()
    """)
    seen = observe(path, "wait", {}, "fork", Limits(wall_s=1.0))
    assert seen.status == "no-verdict" and "did not finish" in seen.reason
    assert any('exercise00.py", line 5 in wait' in dump for dump in seen.run.stack_dumps.values())


def test_a_value_that_is_not_plain_data_is_reported(tmp_path):
    path = learner(tmp_path, "def f():\n    return object()\n")
    seen = observe(path, "f", {}, "fork", QUICK)
    assert seen.status == "unserialisable" and "object" in seen.reason


def test_returning_with_a_process_left_running_is_an_exit_hang(tmp_path):
    path = learner(tmp_path, """
        import multiprocessing, time

        def leave_running():
            multiprocessing.Process(target=time.sleep, args=(600,)).start()
            return "done"
    """)
    seen = observe(path, "leave_running", {}, "fork", QUICK)
    assert seen.status == "returned" and seen.value == "done"
    assert "could not exit" in seen.reason
    assert seen.run.exit_hung


def test_a_sandbox_that_fails_before_learner_code_runs_is_a_grader_error(tmp_path, monkeypatch):
    from grader.errors import GraderError

    path = learner(tmp_path, "def f():\n    return 1\n")
    monkeypatch.setattr(Limits, "to_env", lambda self: "{not json")
    with pytest.raises(GraderError, match="before running the learner's code"):
        observe(path, "f", {}, "fork", QUICK)


def test_a_process_that_misses_the_stack_dump_is_placed_by_its_last_traced_call(tmp_path):
    """On a loaded machine a dump can come too late: where the process was still comes from the trace."""
    from grader.grading.evidence import blocked_lines, main_pid

    path = learner(tmp_path, """
        import multiprocessing

        def wait_forever(queue):
            queue.get()

        def run(items):
            queue = multiprocessing.Queue()
            child = multiprocessing.Process(target=wait_forever, args=(queue,))
            child.start()
            child.join()
    """)
    seen = observe(path, "run", {"items": []}, "fork", Limits(wall_s=1.5, exit_grace_s=1.0))
    assert seen.status == "no-verdict" and seen.run.timed_out
    seen.run.stack_dumps = {pid: "" for pid in seen.run.stack_dumps}  # none answered in time
    where = {pid: (line, inner) for pid, line, inner in blocked_lines(seen)}
    assert where[main_pid(seen)] == (11, "join")
    assert (5, "get") in where.values()


@pytest.mark.parametrize("method", METHODS)
def test_processes_nobody_waited_for_are_listed_as_the_entry_returns(tmp_path, method):
    """One child still running after a join(timeout) that timed out, one ended and never joined, one joined,
    and a pool's workers (multiprocessing's own, joined by close/join): only the first two are listed."""
    path = learner(tmp_path, """
        import multiprocessing
        import time

        def run(items):
            with multiprocessing.Pool(2) as pool:
                pool.map(abs, items)
            slow = multiprocessing.Process(target=time.sleep, args=(1.5,))
            quick = multiprocessing.Process(target=time.sleep, args=(0,), name="quick")
            joined = multiprocessing.Process(target=time.sleep, args=(0,), name="joined")
            for p in (slow, quick, joined):
                p.start()  # (start() reaps the children that have ended so far: multiprocessing's own clean-up)
            joined.join()
            slow.join(timeout=0.05)
            time.sleep(0.5)  # quick has ended by now; nothing has reaped it
            return [slow.name, quick.name]
    """)
    seen = observe(path, "run", {"items": [1, -2]}, method, QUICK)
    assert seen.status == "returned", seen.reason
    (end,) = seen.records.of_kind("end")
    listed = {u["name"]: u["state"] for u in end["unjoined"]}
    slow, quick = seen.value
    assert listed == {slow: "running", quick: "ended"}
    started = {c["obj"] for c in seen.calls if c["what"] == "Process.start"}
    assert {u["obj"] for u in end["unjoined"]} <= started
