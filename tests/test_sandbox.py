"""The supervisor: whatever the child does, we learn what happened and nothing is left behind."""

from __future__ import annotations

import json
import os
import textwrap
import uuid
from pathlib import Path

import pytest

from grader.sandbox.cgroup import PidsCgroup
from grader.sandbox.limits import Limits
from grader.sandbox.processes import all_processes
from grader.sandbox.supervisor import RECORD_FD_ENV, SHM, child_command, run_supervised

from conftest import ROOT

QUICK = Limits(wall_s=3.0, exit_grace_s=1.0)


def supervise(tmp_path: Path, code: str, limits: Limits = QUICK, **kwargs):
    script = tmp_path / "learner.py"
    script.write_text(textwrap.dedent(code))
    return run_supervised(child_command(script), limits, cwd=tmp_path, **kwargs)


def alive_with(marker: str) -> list[int]:
    found = []
    for info in all_processes():
        try:
            cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline and info.state != "Z":
            found.append(info.pid)
    return found


def test_output_and_exit_code_are_captured_and_the_private_tmpdir_removed(tmp_path):
    run = supervise(tmp_path, """
        import os, sys
        print("hello from the learner")
        print(os.environ["TMPDIR"])
        sys.exit(4)
    """)
    assert run.returncode == 4 and not run.timed_out
    first, tmpdir = run.output.splitlines()
    assert first == "hello from the learner"
    assert not Path(tmpdir).exists()


def test_records_arrive_over_the_inherited_channel_and_the_end_record_starts_the_exit_grace(tmp_path):
    run = supervise(tmp_path, f"""
        import os
        fd = int(os.environ["{RECORD_FD_ENV}"])
        os.write(fd, b'{{"kind": "call"}}\\n')
        os.write(fd, b'{{"kind": "end"}}\\n')
    """, is_end_record=lambda line: b'"end"' in line)
    assert run.returncode == 0
    assert run.records == [b'{"kind": "call"}', b'{"kind": "end"}']


def test_a_hang_is_stopped_at_the_deadline_with_the_blocked_line(tmp_path):
    run = supervise(tmp_path, """
        import time

        def wait_forever():
            time.sleep(600)

        wait_forever()
    """, Limits(wall_s=1.0))
    assert run.timed_out and run.returncode is None
    assert run.duration_s < 10
    (dump,) = run.stack_dumps.values()
    assert 'learner.py", line 5 in wait_forever' in dump


def test_join_before_drain_hang_dumps_every_process_of_the_tree(tmp_path):
    run = supervise(tmp_path, """
        import multiprocessing as mp

        def produce(q):
            q.put(b"x" * 1_000_000)

        if __name__ == "__main__":
            q = mp.Queue()
            p = mp.Process(target=produce, args=(q,))
            p.start()
            p.join()
            print(len(q.get()))
    """, Limits(wall_s=2.0))
    assert run.timed_out
    assert len(run.stack_dumps) >= 2
    # The parent waits in p.join(); the child (forked at p.start(), line 10) cannot exit until
    # its queue feeder thread has written the megabyte nobody reads.
    (main,) = [d for d in run.stack_dumps.values() if 'learner.py", line 11 in <module>' in d]
    (child,) = [d for d in run.stack_dumps.values() if d is not main]
    assert "in _feed" in child and "_exit_function" in child


@pytest.mark.parametrize("escape", ["", "os.setsid()"])
def test_a_double_forked_orphan_is_found_and_killed(tmp_path, escape):
    marker = f"prep-orphan-{uuid.uuid4().hex}"
    run = supervise(tmp_path, f"""
        import os, sys
        if os.fork() == 0:
            {escape}
            if os.fork() == 0:
                os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(60)", "{marker}"])
            os._exit(0)
        os.wait()
        import time; time.sleep(0.3)
    """)
    assert run.returncode == 0
    assert [p for p in run.leftovers if marker in p.cmdline], "the orphan should be reported as left behind"
    assert alive_with(marker) == []


def test_an_output_flood_is_cut_short_and_capped(tmp_path):
    limits = Limits(wall_s=10.0, output_bytes=10_000)
    run = supervise(tmp_path, """
        while True:
            print("spam" * 100)
    """, limits)
    assert run.flooded and run.returncode is None
    assert run.output_truncated and len(run.output) == 10_000
    assert run.duration_s < 5


def test_a_memory_hog_hits_the_address_space_limit(tmp_path):
    run = supervise(tmp_path, """
        hog = bytearray(4 * 1024 ** 3)
    """, Limits(wall_s=5.0, address_space_mb=512))
    assert run.returncode == 1
    assert "MemoryError" in run.errors


def test_a_cpu_spin_gets_sigxcpu_from_the_cpu_limit(tmp_path):
    run = supervise(tmp_path, """
        while True:
            pass
    """, Limits(wall_s=10.0, cpu_s=1))
    assert run.returncode is not None and run.returncode < 0  # killed by SIGXCPU, not by the wall clock
    assert not run.timed_out


def test_an_exit_hang_after_the_end_record_is_reported_as_such(tmp_path):
    run = supervise(tmp_path, f"""
        import multiprocessing as mp, os, time

        if __name__ == "__main__":
            mp.Process(target=time.sleep, args=(600,)).start()
            os.write(int(os.environ["{RECORD_FD_ENV}"]), b'{{"kind": "end"}}\\n')
    """, Limits(wall_s=10.0, exit_grace_s=1.0), is_end_record=lambda line: b'"end"' in line)
    assert run.exit_hung and not run.timed_out
    assert run.duration_s < 6
    assert any("_exit_function" in dump or "join" in dump for dump in run.stack_dumps.values())


def test_shared_memory_left_in_dev_shm_is_removed(tmp_path):
    name = f"psm_prep_test_{uuid.uuid4().hex[:8]}"
    run = supervise(tmp_path, f"""
        open("/dev/shm/{name}", "wb").write(b"left behind")
    """)
    assert run.returncode == 0
    assert not (SHM / name).exists()


needs_cgroup = pytest.mark.skipif(not PidsCgroup.available(), reason="pids cgroups need root and a writable cgroup fs")


@needs_cgroup
def test_a_fork_bomb_is_stopped_at_the_process_limit_and_cleaned_up(tmp_path):
    marker = f"prep-bomb-{uuid.uuid4().hex}"
    run = supervise(tmp_path, f"""
        import os, sys, time
        for _ in range(500):
            try:
                if os.fork() == 0:
                    os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(60)", "{marker}"])
            except OSError:
                print("fork refused")
                break
        time.sleep(0.2)
    """, Limits(wall_s=10.0, max_processes=20))
    assert run.isolated_by_cgroup and run.process_limit_hit
    assert "fork refused" in run.output
    assert alive_with(marker) == []


def test_concurrent_runs_do_not_touch_each_others_processes(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    def one(index: int):
        folder = tmp_path / str(index)
        folder.mkdir()
        return supervise(folder, f"""
            import multiprocessing as mp, time
            if __name__ == "__main__":
                p = mp.Process(target=time.sleep, args=(0.5,))
                p.start()
                p.join()
                print("finished", {index})
        """)

    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(one, range(4)))
    assert [(r.returncode, r.output.strip()) for r in runs] == [(0, f"finished {i}") for i in range(4)]
    assert all(not r.leftovers for r in runs)


def test_a_child_forked_by_the_zygote_starts_like_a_fresh_one(tmp_path):
    """Our child, in its own session, in its folder, with its environment and no descriptor of ours."""
    from grader.sandbox.zygote import shared_zygote

    run = supervise(tmp_path, """
        import json, os, sys

        def links():
            found = []
            for fd in os.listdir("/proc/self/fd"):
                try:
                    found.append(os.readlink(f"/proc/self/fd/{fd}") if int(fd) > 2 else None)
                except OSError:
                    pass  # the descriptor listdir itself used, closed by now
            return [link for link in found if link]

        print(json.dumps({"ppid": os.getppid(), "session_leader": os.getsid(0) == os.getpid(),
                          "cwd": os.getcwd(), "marker": os.environ.get("PREP_TEST_MARKER"),
                          "fds": links(),
                          "stdin": os.readlink("/proc/self/fd/0"), "path0": sys.path[0]}))
    """, env={**os.environ, "PREP_TEST_MARKER": "m-42"})
    assert run.returncode == 0, run.errors
    seen = json.loads(run.output)
    assert shared_zygote().pid is not None, "the zygote should be running on Linux"
    assert seen["ppid"] == os.getpid() and seen["session_leader"]
    assert seen["cwd"] == str(tmp_path) and seen["marker"] == "m-42" and seen["stdin"] == "/dev/null"
    assert seen["path0"] == str(tmp_path)
    # Beyond stdin, stdout and stderr: the record pipe and the stack-dump file, nothing of the zygote's.
    pipe, dumps = sorted(seen["fds"], key=lambda link: not link.startswith("pipe:"))
    assert pipe.startswith("pipe:") and "/dumps/" in dumps and dumps.endswith(".txt"), seen["fds"]


def test_grading_works_without_the_zygote(prep):
    result = prep.run("grade", "exercise03", "--file", str(ROOT / "solutions" / "exercise03.py"),
                      "--start-method", "spawn", "--format", "json", env=prep.env(PREP_NO_ZYGOTE="1"), timeout=120)
    assert result.returncode == 0, result.stdout[-1500:]


@pytest.mark.skipif(not PidsCgroup.available(), reason="needs pids cgroups (root)")
def test_a_killed_graders_cgroup_and_its_processes_are_swept_by_the_next_run():
    """A grader killed with SIGKILL leaves its learner's processes in their cgroup: the next run ends them."""
    import subprocess
    import sys

    import grader.sandbox.cgroup as cgroup_module

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_owner = int(gone.stdout)
    root = Path("/sys/fs/cgroup/pids")
    abandoned = root / f"prep-{dead_owner}-{uuid.uuid4().hex[:12]}"
    abandoned.mkdir()
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    (abandoned / "cgroup.procs").write_text(str(orphan.pid))
    cgroup_module._swept.discard(root)
    fresh = PidsCgroup.create(8)
    try:
        assert orphan.wait(timeout=10) == -9
        assert not abandoned.exists()
    finally:
        if fresh:
            fresh.remove()
        if orphan.poll() is None:
            orphan.kill()
