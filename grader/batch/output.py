"""A graded class, as a trainer reads it: a terminal table, grades.csv, JUnit XML."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from grader.batch.run import BatchResult

# What a cell shows in the terminal table.
MARKS = {"passed": "[green]✓[/]", "failed": "[red]✗[/]", "missing": "[dim]–[/]", "error": "[yellow]![/]"}


def print_summary(batch: BatchResult) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"{len(batch.rows)} learners · {len(batch.exercises)} exercises", title_justify="left")
    table.add_column("learner")
    for exercise in batch.exercises:
        table.add_column(exercise.id.removeprefix("exercise"), justify="center")
    table.add_column("passed", justify="right")
    quiz = any(row.quiz for row in batch.rows)
    if quiz:
        table.add_column("quiz", justify="right")
    for row in batch.rows:
        cells = [MARKS[row.cells[e.id].status] for e in batch.exercises]
        passed = sum(cell.status == "passed" for cell in row.cells.values())
        extra = [f"{row.quiz['score']}/{row.quiz['total']}" if row.quiz else ""] if quiz else []
        table.add_row(row.learner.name, *cells, f"{passed}/{len(batch.exercises)}", *extra)
    console.print(table)
    for rule in batch.common_rules()[:5]:
        topic = f" (prep quiz --topic {rule['topic']})" if rule["topic"] else ""
        console.print(COMMON.format(learners=rule["learners"], title=rule["title"],
                                    exercises=", ".join(rule["exercises"]), topic=topic))
    for skipped in batch.skipped:
        console.print(SKIPPED.format(folder=skipped.folder.name, reason=skipped.reason))
    for row in batch.rows:
        for note in row.learner.notes:
            console.print(NOTE.format(learner=row.learner.name, note=note))
    for row in batch.rows:
        for exercise, cell in row.cells.items():
            if cell.status == "error":
                console.print(ERROR.format(learner=row.learner.name, exercise=exercise, reason=cell.reason))
    cached = sum(cell.cached for row in batch.rows for cell in row.cells.values())
    console.print(DONE.format(seconds=batch.duration_s, cached=cached), style="dim")


def grades_csv(batch: BatchResult) -> str:
    """A row per learner: each exercise's percentage of checks passed (empty when missing), then totals."""
    out = io.StringIO()
    writer = csv.writer(out)
    quiz = any(row.quiz for row in batch.rows)
    writer.writerow(["learner", *[e.id for e in batch.exercises], "exercises_passed", "exercise_percent",
                     *(["quiz_percent"] if quiz else [])])
    for row in batch.rows:
        percents = []
        for exercise in batch.exercises:
            result = row.cells[exercise.id].result
            percents.append(round(100 * result.score / result.max_score) if result and result.max_score else None)
        mean = round(sum(p or 0 for p in percents) / len(percents)) if percents else 0
        passed = sum(cell.status == "passed" for cell in row.cells.values())
        quiz_cell = [round(100 * row.quiz["score"] / row.quiz["total"]) if row.quiz and row.quiz["total"] else ""]
        writer.writerow([row.learner.name, *["" if p is None else p for p in percents], passed, mean,
                         *(quiz_cell if quiz else [])])
    return out.getvalue()


def batch_junit(batch: BatchResult) -> str:
    """A test suite per learner, a test case per exercise (its first failing check as the failure)."""
    suites = ET.Element("testsuites", name=str(batch.submissions))
    for row in batch.rows:
        failures = sum(cell.status in ("failed", "missing") for cell in row.cells.values())
        errors = sum(cell.status == "error" for cell in row.cells.values())
        suite = ET.SubElement(suites, "testsuite", name=row.learner.name, tests=str(len(row.cells)),
                              failures=str(failures), errors=str(errors))
        for exercise, cell in row.cells.items():
            seconds = f"{cell.result.duration_s:.3f}" if cell.result else "0"
            case = ET.SubElement(suite, "testcase", classname=row.learner.name, name=exercise, time=seconds)
            first = cell.result.first_failure if cell.result else None
            if cell.status == "error":
                ET.SubElement(case, "error", message=(cell.reason or "")[:1000])
            elif cell.status == "missing":
                ET.SubElement(case, "failure", message=cell.reason or "missing", type="missing")
            elif first is not None:
                where = f"line {first.line}: " if first.line else ""
                failure = ET.SubElement(case, "failure", message=(first.message or "")[:1000], type=first.rule or "")
                failure.text = f"{where}{first.message} [{first.start_method}]"
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


COMMON = "[bold]{learners}[/] learner(s) broke [bold]{title}[/] in {exercises}{topic}"
SKIPPED = "[yellow]skipped[/] {folder}: {reason}"
NOTE = "[dim]{learner}:[/] {note}"
ERROR = "[yellow]grader error[/] for {learner} {exercise}: {reason}"
DONE = "Graded in {seconds:.1f} s; {cached} grading(s) reused from the cache (unchanged files)."
