"""`prep autograder`: grade a Gradescope submission folder and write its results.json.

Gradescope unpacks the learner's upload (files, a zip, or a whole GitHub repository) into
`/autograder/submission` and reads `/autograder/results/results.json`. A missing or malformed file shows
the learner only "The autograder failed to execute correctly", so the whole object is built in memory and
written once, atomically; even when the grader itself fails there is a results.json saying so. The exit
code is 0 whenever a results file was written: the verdict is in the file, not in the exit code.
"""

from __future__ import annotations

import json
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from grader.errors import EXIT_OK, GraderError, PrepError
from grader.exercises.catalogue import Exercise, find_exercise, load_catalogue
from grader.exercises.locate import Found, find_submission_files, is_untouched_stub
from grader.files import write_atomically
from grader.grading.formats import (
    gradescope_body,
    gradescope_failed_test,
    gradescope_tests,
    result_line,
)
from grader.grading.grade import GradeResult, grade, start_methods


def run_autograder(submission: Path, results: Path, exercises: list[str] | None,
                   *, start_method: str | None = None) -> int:
    """Grade the exercises found in `submission` (or the ones named: a named exercise without a file is a
    failed test) and write Gradescope's results.json to `results`. Returns 0 once the file is written;
    raises GraderError only when it cannot be written at all."""
    started = time.monotonic()
    try:
        body = _grade_submission(submission, exercises, start_methods(start_method), started)
    except GraderError as exc:
        body = _failure(AUTOGRADER_FAILED.format(error=exc), started)
    except PrepError as exc:  # an unknown exercise or start method: the autograder's setup is wrong
        body = _failure(AUTOGRADER_MISCONFIGURED.format(error=exc), started)
    except Exception as exc:  # a bug in prep: still a results.json, with the traceback for the trainer
        traceback.print_exc()
        body = _failure(AUTOGRADER_FAILED.format(error=f"{type(exc).__name__}: {exc}"), started)
    _write_atomically(results, json.dumps(body, indent=2) + "\n")
    print(body["output"])
    print(WROTE.format(path=results, score=_number(body["score"]),
                       max_score=_number(sum(t["max_score"] for t in body["tests"]))))
    return EXIT_OK


def _grade_submission(submission: Path, names: list[str] | None, methods: list[str] | None,
                      started: float) -> dict[str, Any]:
    catalogue = load_catalogue()
    named = _named(names, catalogue)
    found = find_submission_files(submission, catalogue)
    chosen = named if named is not None else [e for e in catalogue if e.id in found.files]
    to_grade = [e for e in chosen if e.id in found.files]
    missing = [e for e in chosen if e.id not in found.files]
    unchanged = [e for e in to_grade if named is None and is_untouched_stub(found.files[e.id], e)]
    to_grade = [e for e in to_grade if e not in unchanged]

    graded: dict[str, GradeResult | str] = {}
    if to_grade:
        with ThreadPoolExecutor(max_workers=len(to_grade)) as pool:
            futures = {e.id: pool.submit(grade, e, found.files[e.id], methods) for e in to_grade}
            for exercise_id, future in futures.items():
                try:
                    graded[exercise_id] = future.result()
                except GraderError:
                    raise
                except PrepError as exc:  # the file vanished, an unusable start method: this exercise fails
                    graded[exercise_id] = str(exc)

    tests: list[dict[str, Any]] = []
    lines = [_found_line(submission, found, catalogue, named is not None, chosen, missing, unchanged),
             *found.notes]
    for exercise in chosen:  # curriculum order: the learner reads the first failure first
        outcome = graded.get(exercise.id)
        if isinstance(outcome, GradeResult):
            tests += gradescope_tests(outcome)
            lines.append(result_line(outcome))
        elif isinstance(outcome, str):
            tests.append(gradescope_failed_test(exercise.id, f"{exercise.title}: could not be graded", outcome))
            lines.append(f"{exercise.id}: could not be graded: {outcome}")
        elif exercise in missing:
            message = MISSING_TEST.format(exercise=exercise.id, file=exercise.file, folder=exercise.folder.name)
            tests.append(gradescope_failed_test(exercise.id, f"{exercise.title}: file not found", message))
            lines.append(f"{exercise.id}: missing ({exercise.file} not found)")
    if not chosen:
        lines.append(NOTHING_FOUND.format(path=submission, names=", ".join(e.file for e in catalogue[:3])))
    extra = {"layout": found.layout,
             "files": {k: str(v.relative_to(submission)) for k, v in found.files.items()},
             "graded": [e.id for e in to_grade], "missing": [e.id for e in missing],
             "unchanged": [e.id for e in unchanged]}
    return gradescope_body([r for r in graded.values() if isinstance(r, GradeResult)], tests=tests,
                           output="\n".join(lines), execution_time=time.monotonic() - started, extra_data=extra)


def _named(names: list[str] | None, catalogue: list[Exercise]) -> list[Exercise] | None:
    if not names:
        return None
    wanted = {find_exercise(name, catalogue).id for name in names}
    # Curriculum order, whatever the order named: the test numbers ("3.1") then ascend down the page.
    return [e for e in catalogue if e.id in wanted]


def _found_line(submission: Path, found: Found, catalogue: list[Exercise], named: bool, chosen: list[Exercise],
                missing: list[Exercise], unchanged: list[Exercise]) -> str:
    shown = [f"{e.id} ({found.files[e.id].relative_to(submission)})" for e in chosen if e.id in found.files
             and e not in unchanged]
    text = f"Found: {', '.join(shown) if shown else 'no exercise files'}."
    if missing:
        text += f" Missing: {', '.join(e.id for e in missing)}."
    if unchanged:
        text += f" Not graded, still the starting stub: {', '.join(e.id for e in unchanged)}."
    if not named and shown:
        others = [e.id for e in catalogue if e.id not in found.files]
        if others:
            text += f" Not in this submission: {', '.join(others)}."
    return text


def _failure(message: str, started: float) -> dict[str, Any]:
    """results.json for a grading that could not happen: score 0 and a message saying why."""
    return gradescope_body([], tests=[], output=message, execution_time=time.monotonic() - started)


def _write_atomically(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise GraderError(CANNOT_WRITE.format(path=path, error=exc)) from None


def _number(value: float) -> str:
    return f"{value:g}"


AUTOGRADER_FAILED = (
    "The autograder itself failed, not your code: {error}\n"
    "Your score is 0 for now; tell your trainer, who can re-run the autograder once it is fixed."
)
AUTOGRADER_MISCONFIGURED = (
    "The autograder is not set up correctly, not your code: {error}\n"
    "Your score is 0 for now; tell your trainer."
)
MISSING_TEST = (
    "No file for {exercise} in your submission: upload {file} (at the top, in any folder, or in a prep workspace "
    "as exercises/{folder}/{file})."
)
NOTHING_FOUND = (
    "No exercise files found in {path}: name each file by its exercise ({names}, ...), or upload your prep workspace."
)
CANNOT_WRITE = "cannot write the results file {path}: {error}"
WROTE = "Wrote {path}: score {score}/{max_score}."
