"""In a real terminal the quiz re-asks after a malformed answer instead of counting it wrong."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import time

from conftest import SAMPLE_BANK, prep_command
from quizplan import plan, right


class Terminal:
    """`prep` on a pseudo-terminal, read until an expected text appears."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {text!r}; screen so far:\n{self.seen[-2000:]}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536).decode(errors="replace")
                except OSError:
                    chunk = ""
                assert chunk, f"prep closed the terminal before {text!r}:\n{self.seen[-2000:]}"
                self.seen += chunk
        before, _, self.seen = self.seen.partition(text)
        return before

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


def test_a_malformed_answer_is_asked_again_in_a_terminal(prep):
    presented = plan(seed=2, count=3)
    env = prep.env(NO_COLOR="1", TERM="xterm")
    term = Terminal([*prep_command(), "quiz", "--bank", str(SAMPLE_BANK), "--topic", "sample", "--seed", "2",
                     "--count", "3"], env)
    term.expect("Question 1/3")
    term.expect("> ")
    term.send("zzz!")
    term.expect("Answer with")  # the hint for the malformed answer
    term.expect("> ")  # asked again, not counted
    term.send(right(presented[0]))
    term.expect("Right")
    term.expect("Question 2/3")
    term.expect("> ")
    term.send(right(presented[1]))
    term.expect("Question 3/3")
    term.expect("> ")
    term.send(right(presented[2]))
    term.expect("3 of 3 right.")
    assert term.close() == 0
    with sqlite3.connect(prep.database) as conn:
        assert conn.execute("SELECT count(*), sum(correct) FROM answers").fetchone() == (3, 3)


def test_ctrl_c_at_the_prompt_keeps_answers_and_prints_the_summary(prep):
    presented = plan(seed=2, count=3)
    term = Terminal([*prep_command(), "quiz", "--bank", str(SAMPLE_BANK), "--topic", "sample", "--seed", "2",
                     "--count", "3", "--format", "json"], prep.env(NO_COLOR="1", TERM="xterm"))
    term.expect("> ")
    term.send(right(presented[0]))
    term.expect("Question 2/3")
    term.expect("> ")
    os.killpg(term.proc.pid, signal.SIGINT)
    term.expect("Stopped early (interrupted) after 1 of 3 questions")
    rest = term.expect("}\r\n") + "}"
    assert term.close() == 130
    report = json.loads(rest[rest.index('{"answered"'):])
    assert report["answered"] == 1 and report["correct"] == 1


def test_grading_a_class_in_a_terminal_shows_progress_with_the_time_left(prep, tmp_path):
    import shutil

    from conftest import ROOT

    folder = tmp_path / "class"
    for name in ("ann", "ben"):
        (folder / name).mkdir(parents=True)
        shutil.copyfile(ROOT / "solutions" / "exercise03.py", folder / name / "exercise03.py")
    terminal = Terminal([*prep_command(), "grade", "--submissions", str(folder), "exercise03", "--start-method",
                         "fork"], prep.env(COLUMNS="120"))
    terminal.expect("grading")  # the bar: done/total and the time left, while the gradings run
    terminal.expect("0/2")  # the total is known from the start
    terminal.expect("2/2")
    terminal.expect("0:00:0")  # the time left, once there is something to estimate it from
    terminal.expect("ann")  # then the summary table
    assert terminal.close() == 0
