"""Golden tests: the real `prep grade` and `prep dev check` over every known situation of every exercise.

Each file under tests/exercise_variants/<exercise>/ starts with `# expect: pass` or `# expect: fail <rule>`:
another correct style must pass; a known mistake must fail, with its rule among the failed checks.
`prep dev check` grades them all (with each stub and reference solution) and says which got the wrong verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, Prep

VARIANTS = ROOT / "tests" / "exercise_variants"
# Every exercise with hidden tests is proven by its variants.
EXERCISES = tuple(sorted(p.stem.removeprefix("test_") for p in (ROOT / "grader" / "hidden").glob("test_exercise*.py")))


def grade_json(prep, exercise: str, path: Path) -> tuple[int, dict]:
    result = prep.run("grade", exercise, "--file", str(path), "--format", "json", timeout=180)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def dev_check(tmp_path_factory) -> dict:
    """One `prep dev check` over every exercise: the stub, the solution and every variant, graded for real."""
    result = Prep(tmp_path_factory.mktemp("home")).run("dev", "check", "--format", "json", timeout=900)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_dev_check_proves_every_exercise(dev_check):
    wrong = [f"{p['file']}: expected {p['expected']}, {p['got']}" for p in dev_check["proofs"] if not p["ok"]]
    assert dev_check["problems"] == [] and wrong == [], "\n".join(dev_check["problems"] + wrong)
    assert dev_check["ok"]


def test_dev_check_grades_the_stub_the_solution_and_every_variant_of_every_exercise(dev_check):
    for exercise in EXERCISES:
        graded = {Path(p["file"]).resolve(): p["expected"] for p in dev_check["proofs"] if p["exercise"] == exercise}
        stub = next((ROOT / "exercises").glob(f"{exercise}_*")) / f"{exercise}.py"
        assert graded[stub.resolve()] == "fail not-implemented"
        assert graded[(ROOT / "solutions" / f"{exercise}.py").resolve()] == "pass"
        variants = {p.resolve() for p in (VARIANTS / exercise).glob("*.py")}
        assert variants and variants <= set(graded), exercise


def test_dev_check_fails_on_a_mislabelled_variant_and_names_it(prep, tmp_path):
    folder = tmp_path / "exercise03"
    folder.mkdir()
    for source in sorted((VARIANTS / "exercise03").glob("*.py")):
        (folder / source.name).write_text(source.read_text())
    # The reference solution, claimed to break a rule: dev check must refuse the claim.
    (folder / "fail_mislabelled.py").write_text(
        "# expect: fail close-before-join\n" + (ROOT / "solutions" / "exercise03.py").read_text())
    result = prep.run("dev", "check", "exercise03", "--variants", str(tmp_path), "--start-method", "fork",
                      "--format", "json", timeout=300)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    wrong = [p for p in report["proofs"] if not p["ok"]]
    assert [Path(p["file"]).name for p in wrong] == ["fail_mislabelled.py"]
    assert wrong[0]["got"] == "passed"


def test_the_reference_solution_passes_under_every_start_method(prep):
    code, report = grade_json(prep, "exercise03", ROOT / "solutions" / "exercise03.py")
    assert code == 0 and report["passed"] and report["score"] == report["max_score"] > 0
    methods = {check["start_method"] for check in report["checks"]}
    import multiprocessing

    assert methods == set(multiprocessing.get_all_start_methods())


def test_a_failed_check_names_the_rule_the_line_and_the_quiz_topic(prep):
    _, report = grade_json(prep, "exercise03", VARIANTS / "exercise03" / "fail_get_in_submit_loop.py")
    (check, *_) = [c for c in report["checks"] if c["rule"] == "submit-all-before-get"]
    assert check["line"] and f"line {check['line']}" in check["message"]
    assert "prep quiz --topic pool" in check["message"]


def test_a_join_before_drain_hang_is_diagnosed_with_the_blocked_line(prep):
    path = VARIANTS / "exercise01" / "fail_join_before_drain.py"
    _, report = grade_json(prep, "exercise01", path)
    (check, *_) = [c for c in report["checks"] if c["rule"] == "drain-before-join"]
    join_line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if ".join()" in text)
    assert check["line"] == join_line
    assert f"the main process was stuck at line {join_line} (`" in check["message"]


def test_text_output_shows_the_first_failure_prominently(prep):
    result = prep.run("grade", "exercise03", "--file", str(VARIANTS / "exercise03" / "fail_join_without_close.py"),
                      "--start-method", "fork")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "close() before join()" in lines[0]  # the panel's title, before the list of the other checks
    assert lines.index(next(line for line in lines if line.lstrip().startswith("✗"))) > 0


def test_usage_errors_exit_2(prep, tmp_path):
    assert prep.run("grade", "exercise99").returncode == 2
    assert prep.run("grade", "exercise03", "--file", str(tmp_path / "missing.py")).returncode == 2
    assert prep.run("grade", "exercise03", "--start-method", "vfork").returncode == 2
