"""Hostile and broken submissions, graded by the real `prep grade`: each gets a verdict with its reason.

Each file under tests/golden/<exercise>/ starts with `# expect: fail <rule> [words of the message]`;
optional lines: `# methods: fork` (grade under these start methods only, to keep slow cases short),
`# fails-only-under: spawn,forkserver`, `# requires: cgroup`.
"""

from __future__ import annotations

import json
import multiprocessing

import pytest

from grader.sandbox.cgroup import PidsCgroup

from conftest import ROOT, expectations

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
    only = fields.get("fails-only-under")
    if only:
        allowed = set(only.split(",")) & set(multiprocessing.get_all_start_methods())
        assert {c["start_method"] for c in broken} == allowed
        assert all(c["passed"] for c in report["checks"] if c["start_method"] not in allowed)
