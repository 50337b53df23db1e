"""The `prep` command line: a thin layer over the library.

Only typer is imported at start-up; each command imports what it needs, so
that `prep --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from grader.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_INTERRUPTED, ContentError, PrepError
from grader.paths import GRADESCOPE_RESULTS, GRADESCOPE_SUBMISSION

app = typer.Typer(
    name="prep",
    help="Train for Python multiprocessing interviews: quizzes with spaced review, graded exercises.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
BankOption = Annotated[
    list[Path] | None, typer.Option("--bank", help="An extra bank file or folder (repeatable).")
]


@app.command()
def quiz(
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Only this topic (repeatable).")] = None,
    count: Annotated[int, typer.Option("--count", min=1, help="How many questions.")] = 10,
    difficulty: Annotated[
        list[str] | None, typer.Option("--difficulty", help="easy, medium or hard (repeatable).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Same seed: same questions and option order everywhere.")
    ] = None,
    due: Annotated[bool, typer.Option("--due", help="Questions due for review first, then new ones.")] = False,
    misconception: Annotated[
        list[str] | None, typer.Option("--misconception", help="Drill one wrong belief (a tag from prep stats).")
    ] = None,
    bank: BankOption = None,
    python: Annotated[str | None, typer.Option("--python", help="Answer for this Python, e.g. 3.14.")] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", help="Answer for linux, macos or windows.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name, for a team session's export.")] = None,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write your result here, for `prep report --quiz`.")
    ] = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Take a quiz: each answer is graded at once, explained, and scheduled for review."""
    from grader.quiz.runner import QuizRequest, take_quiz

    request = QuizRequest(
        topics=tuple(topic or ()), difficulties=tuple(difficulty or ()), misconceptions=tuple(misconception or ()),
        count=count, seed=seed, due=due,
        banks=tuple(bank or ()), python=python, platform=platform, json_output=output is OutputFormat.json,
        name=name, export=export,
    )
    outcome = take_quiz(request)
    if outcome.stopped == "interrupted":
        raise typer.Exit(EXIT_INTERRUPTED)


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Extra bank files or folders to check.")] = None,
    sources: Annotated[
        bool, typer.Option("--sources", help="Find every quoted message in the standard library; docs anchors.")
    ] = False,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Validate the shipped quiz banks and any extra bank files."""
    from grader.quiz.report import print_check

    if not print_check(list(paths or ()), json_output=output is OutputFormat.json, sources=sources):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def verify(
    item: Annotated[list[str] | None, typer.Option("--item", help="Only this item id (repeatable).")] = None,
    bank: BankOption = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Run every code-output question in the sandbox and check its recorded answer."""
    from grader.quiz.report import print_verify

    if not print_verify(list(bank or ()), list(item or ()), json_output=output is OutputFormat.json):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def export(
    anki: Annotated[Path | None, typer.Option("--anki", help="Write an Anki deck (.apkg) to this file.")] = None,
    output_format: Annotated[str | None, typer.Option("--format", help="gift: Moodle's GIFT text.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the text here, not to stdout.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Only this topic (repeatable).")] = None,
    bank: BankOption = None,
    python: Annotated[str | None, typer.Option("--python", help="Answers for this Python, e.g. 3.14.")] = None,
    platform: Annotated[str | None, typer.Option("--platform", help="Answers for linux, macos or windows.")] = None,
) -> None:
    """Take the question bank elsewhere: an Anki deck, or GIFT text for Moodle."""
    from grader.quiz.report import export_bank

    export_bank(anki, output_format, output, list(topic or ()), list(bank or ()), python, platform)


@app.command()
def report(
    quiz: Annotated[list[Path] | None, typer.Option("--quiz", help="Participants' quiz exports (repeatable).")] = None,
    exports: Annotated[list[Path] | None, typer.Argument(help="More quiz exports (e.g. *.json).")] = None,
    html_file: Annotated[Path | None, typer.Option("--html", help="Write a self-contained report here.")] = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """A team quiz session's report: scores, topics and misconceptions per participant, most missed items."""
    import json

    from grader.quiz.team import print_team_report, team_report

    summary = team_report([*(quiz or ()), *(exports or ())])
    if html_file:
        from grader.files import write_atomically
        from grader.reports.html import render_quiz_report

        write_atomically(html_file, render_quiz_report(summary))
    if output is OutputFormat.json:
        print(json.dumps(summary))
    else:
        print_team_report(summary)


@app.command()
def stats(output: FormatOption = OutputFormat.text) -> None:
    """Your progress: accuracy by topic, reviews due, weakest topics and misconceptions."""
    from grader.quiz.report import print_stats

    print_stats(json_output=output is OutputFormat.json)


@app.command()
def grade(
    exercise: Annotated[list[str] | None, typer.Argument(help="Exercise id (exercise03) or slug.")] = None,
    all_exercises: Annotated[bool, typer.Option("--all", help="Grade every exercise.")] = False,
    file: Annotated[Path | None, typer.Option("--file", help="Grade this file instead of your copy.")] = None,
    output: Annotated[str, typer.Option("--format", help="text, json, junit, gradescope or classroom.")] = "text",
    start_method: Annotated[
        str | None, typer.Option("--start-method", help="Only this start method (fork, spawn, forkserver).")
    ] = None,
    submissions: Annotated[
        Path | None, typer.Option("--submissions", help="Grade a class: a folder with a folder per learner.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="With --submissions: cores to use (default: all).")
    ] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="With --submissions: write grades here.")] = None,
    html_file: Annotated[Path | None, typer.Option("--html", help="With --submissions: write a report here.")] = None,
) -> None:
    """Grade an exercise: run it in a sandbox under every start method and check how it got its results."""
    from grader.grading.commands import FORMATS, grade_exercises, grade_submissions

    if submissions is not None:
        if all_exercises or file:
            raise PrepError("--submissions grades every learner's files: drop --all and --file.")
        code = grade_submissions(submissions, list(exercise or ()), output, start_method, jobs, csv_file, html_file)
        if code:
            raise typer.Exit(code)
        return
    if jobs is not None or csv_file or html_file:
        raise PrepError("-j, --csv and --html go with --submissions DIR.")
    if output not in FORMATS:
        raise PrepError(f"--format must be one of {', '.join(FORMATS)}.")
    results = grade_exercises(list(exercise or ()), all_exercises, file, output, start_method)
    if not all(result.passed for result in results):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def autograder(
    exercise: Annotated[list[str] | None, typer.Argument(help="Exercises (default: every file found).")] = None,
    submission: Annotated[Path, typer.Option("--submission", help="The learner's upload.")] = GRADESCOPE_SUBMISSION,
    results: Annotated[Path, typer.Option("--results", help="Where Gradescope reads them.")] = GRADESCOPE_RESULTS,
    start_method: Annotated[str | None, typer.Option("--start-method", help="Only this start method.")] = None,
) -> None:
    """Grade a Gradescope submission and write its results.json (exit 0 whenever the file was written)."""
    from grader.grading.autograder import run_autograder

    code = run_autograder(submission, results, list(exercise or ()) or None, start_method=start_method)
    if code:
        raise typer.Exit(code)


@app.command()
def exercises(output: FormatOption = OutputFormat.text) -> None:
    """List the exercises with your status: not started, failing, passed."""
    from grader.grading.commands import list_exercises

    list_exercises(json_output=output is OutputFormat.json)


@app.command()
def show(exercise: Annotated[str, typer.Argument(help="Exercise id or slug.")]) -> None:
    """Print an exercise's prompt."""
    from grader.grading.commands import show_exercise

    show_exercise(exercise)


@app.command()
def hint(exercise: Annotated[str, typer.Argument(help="Exercise id or slug.")]) -> None:
    """Reveal the next of an exercise's tiered hints."""
    from grader.grading.commands import next_hint

    next_hint(exercise)


@app.command()
def solution(
    exercise: Annotated[str, typer.Argument(help="Exercise id or slug.")],
    force: Annotated[bool, typer.Option("--force", help="Show it before you passed.")] = False,
) -> None:
    """Show the reference solution (after you passed the exercise)."""
    from grader.grading.commands import show_solution

    show_solution(exercise, force)


@app.command()
def reset(
    exercise: Annotated[str, typer.Argument(help="Exercise id or slug.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Restore an exercise's stub (your version is kept as a backup)."""
    from grader.grading.commands import reset_exercise

    reset_exercise(exercise, confirm=(lambda question: True) if yes else typer.confirm)


@app.command()
def watch(
    exercise: Annotated[str, typer.Argument(help="Exercise id or slug.")],
    file: Annotated[Path | None, typer.Option("--file", help="Watch this file instead of your copy.")] = None,
    start_method: Annotated[str | None, typer.Option("--start-method", help="Only this start method.")] = None,
) -> None:
    """Grade again every time you save the exercise."""
    from grader.grading.commands import watch_exercise

    watch_exercise(exercise, file, start_method)


@app.command()
def init(folder: Annotated[Path, typer.Argument(help="Folder for your workspace.")]) -> None:
    """Create a workspace with fresh copies of every exercise (for an installed prep)."""
    from grader.grading.commands import create_workspace

    create_workspace(folder)


dev = typer.Typer(help="Commands for the people who write prep's content.", no_args_is_help=True)
app.add_typer(dev, name="dev")


@dev.command("check")
def dev_check(
    exercise: Annotated[list[str] | None, typer.Argument(help="Only these exercises (id or slug).")] = None,
    start_method: Annotated[str | None, typer.Option("--start-method", help="Only this start method.")] = None,
    variants: Annotated[
        Path | None, typer.Option("--variants", help="Folder of variants (default: tests/exercise_variants).")
    ] = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Prove the exercises: stubs fail, solutions and other correct styles pass, known mistakes fail by rule."""
    import json

    from grader.grading.devcheck import print_dev_report, run_dev_check

    report = run_dev_check(list(exercise or ()), start_method, variants)
    if output is OutputFormat.json:
        print(json.dumps(report.as_json()))
    else:
        print_dev_report(report)
    if not report.ok:
        raise typer.Exit(EXIT_FAILED)


def main() -> None:
    try:
        app()
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except PrepError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception:
        import traceback

        traceback.print_exc()
        print(INTERNAL_ERROR, file=sys.stderr)
        sys.exit(EXIT_INTERNAL)


INTERNAL_ERROR = "error: this is a bug in prep, not a problem with your input; please report it with the trace above."
