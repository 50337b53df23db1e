"""Shared helpers: run the real `prep` command with its own progress folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_BANK = FIXTURES / "banks" / "sample.yaml"


def prep_command() -> list[str]:
    script = Path(sys.executable).parent / "prep"
    return [str(script)] if script.exists() else [sys.executable, "-m", "grader"]


def expectations(path: Path) -> dict[str, str]:
    """The `# key: value` lines heading a learner file of tests/exercise_variants or tests/golden."""
    from grader.grading.devcheck import read_header

    fields = read_header(path)
    assert "expect" in fields, f"{path} must start with '# expect: pass' or '# expect: fail RULE'"
    return fields


class Prep:
    """Runs `prep` in a subprocess with PREP_HOME in a temporary folder."""

    def __init__(self, home: Path):
        self.home = home

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PREP_NOW", "COLUMNS")}
        env.update({"PREP_HOME": str(self.home), "COLUMNS": "100", **extra})
        return env

    def run(self, *args: str, input: str = "", env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prep_command(), *args], input=input, capture_output=True, text=True,
            env=env or self.env(), timeout=timeout,
        )

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*prep_command(), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=env or self.env(),
        )

    @property
    def database(self) -> Path:
        return self.home / "progress.sqlite3"


@pytest.fixture
def prep(tmp_path: Path) -> Prep:
    return Prep(tmp_path / "home")


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """A folder holding a copy of the sample bank, for tests that add files beside it."""
    folder = tmp_path / "banks"
    folder.mkdir()
    shutil.copy(SAMPLE_BANK, folder / "sample.yaml")
    return folder


# Every process this suite starts inherits this variable (prep subprocesses, sandboxed children and their
# orphans too), so the end-of-suite check finds them wherever they were re-parented.
TEST_RUN = f"PREP_TEST_RUN={uuid.uuid4().hex}"
os.environ["PREP_TEST_RUN"] = TEST_RUN.split("=", 1)[1]


def alive_with_env(entry: str) -> list[int]:
    """Live processes (not zombies) whose environment holds `entry` (`NAME=value`), this one aside."""
    from grader.sandbox.processes import all_processes

    found = []
    for info in all_processes():
        if info.pid == os.getpid() or info.state == "Z":
            continue
        try:
            if entry.encode() in Path(f"/proc/{info.pid}/environ").read_bytes().split(b"\0"):
                found.append(info.pid)
        except OSError:
            continue  # gone, or not ours to read
    return found


@pytest.fixture(scope="session", autouse=True)
def nothing_left_behind():
    """After the whole suite: no process it started is alive, no /dev/shm entry or cgroup it made remains."""
    from grader.sandbox.supervisor import SHM, SHM_PATTERNS, _shm_inodes_in_use

    def shm_entries() -> set[str]:
        return {n for n in os.listdir(SHM) if n.startswith(SHM_PATTERNS)} if SHM.is_dir() else set()

    def cgroups() -> set[Path]:
        return set(Path("/sys/fs/cgroup/pids").glob("prep-*"))

    before, cgroups_before = shm_entries(), cgroups()
    yield
    from grader.sandbox.zygote import shutdown

    shutdown()  # the zygote that forks this process's sandboxed children is meant to outlive each test
    deadline = time.monotonic() + 5  # processes killed a moment ago may still be exiting
    while (alive := alive_with_env(TEST_RUN)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive == [], f"processes left running: {alive}"
    # Names cannot tell this run's entries from those of a prep running beside it (a trainer grading on the
    # same machine): an entry left behind is one that no process uses any more and that is still there once
    # such a run has had time to end.
    def abandoned() -> set[str]:
        new = shm_entries() - before
        in_use = _shm_inodes_in_use() if new else set()
        return {n for n in new if _inode(SHM / n) not in in_use}

    deadline = time.monotonic() + 20
    while (abandoned() or cgroups() - cgroups_before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert abandoned() == set(), "shared memory left in /dev/shm"
    assert cgroups() - cgroups_before == set(), "cgroups left behind"


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None
