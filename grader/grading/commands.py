"""`prep grade`, `prep exercises`, `prep show`, `prep hint`, `prep init` as library calls."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from grader import clock
from grader.errors import EXIT_INTERNAL, EXIT_OK, PrepError
from grader.exercises.catalogue import Exercise, find_exercise, load_catalogue
from grader.exercises.workspace import init_workspace, learner_file
from grader.files import write_atomically

if TYPE_CHECKING:  # grading pulls in the sandbox: only the commands that grade import it
    from grader.grading.grade import GradeResult

FORMATS = ("text", "json", "junit", "gradescope", "classroom")
BATCH_FORMATS = ("text", "json", "junit")


def grade_exercises(names: list[str], all_exercises: bool, file: Path | None, output_format: str,
                    start_method: str | None) -> list[GradeResult]:
    from grader.grading.grade import grade, start_methods

    catalogue = load_catalogue()
    if all_exercises:
        if names or file:
            raise PrepError(ALL_WITH_NAMES)
        chosen = catalogue
    elif len(names) == 1:
        chosen = [find_exercise(names[0], catalogue)]
    else:
        raise PrepError(ONE_EXERCISE)
    methods = start_methods(start_method)
    paths = [file or learner_file(exercise) for exercise in chosen]
    # Exercises overlap too: while one runs its hidden tests (in this process), another's children run.
    # How many children run at once is bounded inside `grade`, across all of them.
    with ThreadPoolExecutor(max_workers=len(chosen)) as pool:
        results = list(pool.map(lambda pair: grade(*pair, methods), zip(chosen, paths, strict=True)))
    for exercise, path, result in zip(chosen, paths, results, strict=True):
        _remember(exercise, result)
        if output_format == "text":
            from rich.console import Console

            from grader.grading.terminal import print_result

            print_result(Console(highlight=False), result, str(path))
    _write_machine_output(results, output_format, {e.id: path for e, path in zip(chosen, paths, strict=True)})
    return results


def grade_submissions(submissions: Path, names: list[str], output_format: str, start_method: str | None,
                      jobs: int | None, csv_path: Path | None, html_path: Path | None) -> int:
    """Grade a class; returns the exit code: 0, or 3 when the grader failed on some submission."""
    from grader.batch.output import batch_junit, grades_csv, print_summary
    from grader.batch.run import grade_class
    from grader.grading.grade import start_methods

    if output_format not in BATCH_FORMATS:
        raise PrepError(BATCH_FORMAT.format(formats=", ".join(BATCH_FORMATS)))
    if jobs is not None and jobs < 1:
        raise PrepError(BAD_JOBS)
    methods = start_methods(start_method)
    with _progress_bar() as progress:
        batch = grade_class(submissions, names, methods, jobs, progress)
    if csv_path:
        write_atomically(csv_path, grades_csv(batch))
    if html_path:
        from grader.reports.html import render_class_report

        write_atomically(html_path, render_class_report(batch.as_json()))
    if output_format == "json":
        sys.stdout.write(json.dumps(batch.as_json()) + "\n")
    elif output_format == "junit":
        sys.stdout.write(batch_junit(batch))
    else:
        print_summary(batch)
    return EXIT_INTERNAL if batch.errors else EXIT_OK


@contextlib.contextmanager
def _progress_bar():
    """A progress bar with the time left, on stderr when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        yield update


def _write_machine_output(results: list[GradeResult], output_format: str, files: dict[str, Path]) -> None:
    if output_format == "json":
        body = results[0].as_json() if len(results) == 1 else [r.as_json() for r in results]
        sys.stdout.write(json.dumps(body) + "\n")
        return
    from grader.grading.formats import classroom_json, gradescope_json, junit_xml

    if output_format == "junit":
        sys.stdout.write(junit_xml(results))
    elif output_format == "gradescope":
        sys.stdout.write(gradescope_json(results))
    elif output_format == "classroom":
        sys.stdout.write(classroom_json(results, {exercise: os.path.relpath(path) for exercise, path in files.items()}))


def _remember(exercise: Exercise, result: GradeResult) -> None:
    from grader.progress.store import ProgressStore

    with ProgressStore.open_default() as store:
        store.record_grading(exercise.id, clock.now(), result.graded_sha256, result.passed, result.score,
                             result.max_score, int(result.duration_s * 1000))


def list_exercises(json_output: bool) -> None:
    from grader.progress.store import ProgressStore

    catalogue = load_catalogue()
    with ProgressStore.open_default() as store:
        status = store.exercise_status()
    rows = [{"id": e.id, "slug": e.slug, "title": e.title, "difficulty": e.difficulty, "topics": list(e.topics),
             "status": status.get(e.id, "not started")} for e in catalogue]
    if json_output:
        sys.stdout.write(json.dumps(rows) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("Exercise", "Slug", "Title", "Difficulty", "Status")
    styles = {"passed": "green", "failing": "red", "not started": "dim"}
    for row in rows:
        table.add_row(row["id"], row["slug"], row["title"], row["difficulty"],
                      f"[{styles[row['status']]}]{row['status']}[/]")
    Console().print(table)


def show_exercise(name: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    exercise = find_exercise(name)
    Console().print(Markdown(exercise.prompt.read_text(encoding="utf-8")))


def next_hint(name: str) -> None:
    """Reveal the next tier of hints: each call shows one more."""
    from grader.paths import data_dir

    exercise = find_exercise(name)
    seen_file = data_dir() / "hints.json"
    seen = json.loads(seen_file.read_text()) if seen_file.exists() else {}
    shown = min(seen.get(exercise.id, 0) + 1, len(exercise.hints))
    seen[exercise.id] = shown
    write_atomically(seen_file, json.dumps(seen))
    for tier, hint in enumerate(exercise.hints[:shown], start=1):
        print(f"Hint {tier}/{len(exercise.hints)}: {hint}")
    if shown == len(exercise.hints):
        print(LAST_HINT)


def show_solution(name: str, force: bool) -> None:
    """The reference solution, once the learner has passed (or with --force, and a warning)."""
    from grader.progress.store import ProgressStore

    exercise = find_exercise(name)
    with ProgressStore.open_default() as store:
        passed = store.exercise_status().get(exercise.id) == "passed"
    if not passed and not force:
        raise PrepError(SOLUTION_LOCKED.format(exercise=exercise.id))
    if not passed:
        print(SOLUTION_FORCED, file=sys.stderr)
    sys.stdout.write(exercise.solution.read_text(encoding="utf-8"))


def reset_exercise(name: str, confirm) -> Path | None:
    """Restore the stub in the learner's file, keeping a backup; `confirm(question)` decides."""
    import shutil
    import subprocess

    exercise = find_exercise(name)
    target = learner_file(exercise)
    if target.resolve() != exercise.stub.resolve():
        pristine = exercise.stub.read_text(encoding="utf-8")
    else:
        # In a clone the learner edits the shipped file itself: the original is in git.
        root = exercise.folder.parent.parent
        shown = subprocess.run(["git", "show", f"HEAD:{target.resolve().relative_to(root.resolve())}"], cwd=root,
                               capture_output=True, text=True)
        if shown.returncode != 0:
            raise PrepError(NO_ORIGINAL.format(path=target))
        pristine = shown.stdout
    if target.exists() and target.read_text(encoding="utf-8") == pristine:
        print(ALREADY_STUB.format(path=target))
        return None
    if not confirm(RESET_QUESTION.format(path=target)):
        print(RESET_CANCELLED)
        return None
    backup = None
    if target.exists():
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        backup = target.with_name(f"{target.name}.{stamp}.bak")
        shutil.copy2(target, backup)
    write_atomically(target, pristine)
    print(RESET_DONE.format(path=target, backup=backup))
    return backup


def watch_exercise(name: str, file: Path | None, start_method: str | None) -> None:
    from rich.console import Console
    from rich.rule import Rule

    from grader.grading.grade import grade, start_methods
    from grader.grading.terminal import print_result
    from grader.grading.watch import watch

    exercise = find_exercise(name)
    path = file or learner_file(exercise)
    methods = start_methods(start_method)
    console = Console(highlight=False)

    def grade_once() -> None:
        console.print(Rule(WATCH_GRADING.format(path=path, time=clock.now().strftime("%H:%M:%S")), align="left"))
        try:
            result = grade(exercise, path, methods)
        except PrepError as exc:  # a missing file mid-save, a grader error: keep watching
            console.print(f"error: {exc}")
            return
        _remember(exercise, result)
        print_result(console, result, str(path))
        console.print(WATCH_WAITING, style="dim")

    try:
        watch(path, grade_once)
    except KeyboardInterrupt:
        console.print(WATCH_STOPPED)


def create_workspace(target: Path) -> None:
    folder = init_workspace(target)
    print(WORKSPACE_MADE.format(path=folder))


ALL_WITH_NAMES = "--all grades every exercise: give no exercise name or --file with it."
ONE_EXERCISE = "Name one exercise (e.g. exercise03 or pool_ordering), or use --all."
SOLUTION_LOCKED = (
    "The reference solution opens once `prep grade {exercise}` passes. Try `prep hint {exercise}` first, "
    "or use --force to look now."
)
SOLUTION_FORCED = "warning: showing the solution before you passed; you learn more by solving it first."
NO_ORIGINAL = "Cannot find the original stub of {path} (not in git here)."
ALREADY_STUB = "{path} is already the original stub."
RESET_QUESTION = "Replace {path} with the original stub? Your version is kept as a backup."
RESET_CANCELLED = "Nothing changed."
RESET_DONE = "Restored the stub in {path}; your version is in {backup}."
WATCH_GRADING = "grading {path} ({time})"
WATCH_WAITING = "Watching for changes; Ctrl-C stops."
WATCH_STOPPED = "Stopped watching."
LAST_HINT = "That was the last hint."
WORKSPACE_MADE = "Workspace ready in {path}: edit the files under exercises/, then run `prep grade EXERCISE` there."
BATCH_FORMAT = "With --submissions, --format must be one of {formats}."
BAD_JOBS = "-j must be at least 1."
