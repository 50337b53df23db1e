"""Hostile and broken submissions, graded by the real `prep grade`: each gets a verdict with its reason.

Each file under tests/golden/<exercise>/ starts with `# expect: fail <rule> [words of the message]`;
optional lines: `# methods: fork` (grade under these start methods only, to keep slow cases short),
`# fails-only-under: spawn,forkserver`, `# requires: cgroup`, `# not-blamed: rule,rule` (rules no failed check
may name: the situation is not that mistake as well).
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path

import pytest

from grader.sandbox.cgroup import PidsCgroup

from conftest import ROOT, alive_with_env, expectations, prep_command

GOLDEN = ROOT / "tests" / "golden"


SITUATIONS = sorted(GOLDEN.glob("*/*.py"))


@pytest.mark.parametrize("path", SITUATIONS, ids=[f"{p.parent.name}/{p.stem}" for p in SITUATIONS])
def test_a_situation_gets_its_verdict_and_reason(prep, path):
    fields = expectations(path)
    if fields.get("requires") == "cgroup" and not PidsCgroup.available():
        pytest.skip("needs pids cgroups (root)")
    kind, rule, *words = fields["expect"].split()
    assert kind == "fail"
    args = ["grade", path.parent.name, "--file", str(path), "--format", "json"]
    for method in fields.get("methods", "").split(","):
        if method:
            args += ["--start-method", method]
    result = prep.run(*args, timeout=240)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    broken = [c for c in report["checks"] if not c["passed"] and c["rule"] == rule]
    assert broken, sorted({c["rule"] for c in report["checks"] if not c["passed"]})
    fragment = " ".join(words)
    assert any(fragment in c["message"] for c in broken), [c["message"] for c in broken]
    for innocent in filter(None, fields.get("not-blamed", "").split(",")):
        assert not [c["message"] for c in report["checks"] if not c["passed"] and c["rule"] == innocent], innocent
    only = fields.get("fails-only-under")
    if only:
        allowed = set(only.split(",")) & set(multiprocessing.get_all_start_methods())
        assert {c["start_method"] for c in broken} == allowed
        assert all(c["passed"] for c in report["checks"] if c["start_method"] not in allowed)


def test_a_fork_bomb_is_stopped_and_cleaned_up_without_root(prep):
    """Without root there is no pids cgroup: RLIMIT_NPROC stops the bomb, the tree kill cleans up.

    Run as root, this test drops to the unprivileged user `nobody` (skipped where that user cannot run
    this interpreter, e.g. a Python installed under a private home folder)."""
    import os
    import shutil
    import subprocess
    import tempfile


    bomb = GOLDEN / "exercise03" / "fork_bomb.py"
    command = [*prep_command(), "grade", "exercise03", "--file", str(bomb), "--start-method", "fork", "--format",
               "json"]
    # A folder the unprivileged user may enter (pytest's own tmp_path is private to root).
    workdir = Path(tempfile.mkdtemp(prefix="prep-unprivileged-"))
    home = workdir / "home"
    home.mkdir()
    env = {**prep.env(), "PREP_HOME": str(home), "HOME": str(home)}
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        # As that user, can the interpreter start a child of itself, as the grader does?
        probe = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                 "import subprocess, sys; subprocess.run([sys.executable, '-c', 'pass'], check=True)"]
        if not setpriv or subprocess.run(probe, capture_output=True, cwd=workdir).returncode != 0:
            shutil.rmtree(workdir)
            pytest.skip("the unprivileged user cannot run this interpreter here")
        os.chmod(workdir, 0o777)
        os.chmod(home, 0o777)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=workdir, timeout=240)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    assert result.returncode == 1, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert not report["passed"]
    survivors = alive_with_env(f"PREP_HOME={home}")
    assert survivors == [], "processes of the graded run are still alive"
