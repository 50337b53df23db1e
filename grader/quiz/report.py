"""`prep check` and `prep stats`: reports over the banks and the progress store."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from grader import clock
from grader.errors import ContentError
from grader.progress.stats import compute_stats
from grader.progress.store import ProgressStore
from grader.quiz.bank import load_bank


def print_check(paths: list[Path], json_output: bool, sources: bool = False) -> bool:
    """Validate shipped and extra banks; raise ContentError (exit 2) on any problem.

    With `sources`, also find every quoted message in the standard library; False if one is missing.
    """
    try:
        bank = load_bank(paths)
    except ContentError as exc:
        if json_output:
            problems = [
                {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in exc.problems
            ]
            sys.stdout.write(json.dumps({"valid": False, "problems": problems}) + "\n")
        raise
    by_type = Counter(item.type.value for item in bank.items)
    by_topic = Counter(topic for item in bank.items for topic in item.topics)
    by_misconception = Counter(tag for item in bank.items for tag in item.misconceptions)
    source_report = _source_report(bank.items) if sources else None
    if json_output:
        sys.stdout.write(json.dumps({
            "valid": True, "items": len(bank.items), "files": bank.files,
            "by_type": dict(sorted(by_type.items())), "by_topic": dict(sorted(by_topic.items())),
            "by_misconception": dict(sorted(by_misconception.items())),
            **({"sources": source_report} if source_report is not None else {}),
        }) + "\n")
        return not (source_report and source_report["problems"])
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(CHECK_OK.format(items=len(bank.items), files=len(bank.files)))
    table = Table("Topic", "Items", "", "Type", "Items")
    types = sorted(by_type.items())
    topics = sorted(by_topic.items())
    for index in range(max(len(types), len(topics))):
        topic = topics[index] if index < len(topics) else ("", "")
        kind = types[index] if index < len(types) else ("", "")
        table.add_row(topic[0], str(topic[1]), "", kind[0], str(kind[1]))
    console.print(table)
    if source_report is None:
        return True
    for problem in source_report["problems"]:
        console.print(f"[red]✗[/] {problem['path']}:{problem['line']}: {problem['item']}: {problem['problem']}")
    console.print(SOURCES_OK.format(**source_report) if not source_report["problems"] else SOURCES_BAD.format(
        count=len(source_report["problems"])))
    return not source_report["problems"]


def _source_report(items: list) -> dict:
    from grader.quiz.sources import check_sources

    problems, checked, skipped = check_sources(items)
    return {"checked": checked, "skipped": skipped, "problems": [
        {"item": p.item.id, "path": p.item.path, "line": p.item.line, "problem": p.message} for p in problems]}


def print_stats(json_output: bool) -> None:
    with ProgressStore.open_default() as store:
        stats = compute_stats(store, clock.now())
    if json_output:
        sys.stdout.write(json.dumps(stats.as_json()) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not stats.reviews:
        console.print(NO_REVIEWS)
        return
    console.print(REVIEWS.format(reviews=stats.reviews, correct=stats.correct, seen=stats.items_seen,
                                 percent=100 * stats.correct // stats.reviews))
    topics = Table("Topic", "Answered", "Right", "Accuracy", title="By topic", title_justify="left")
    for topic, entry in stats.topics.items():
        topics.add_row(topic, str(entry.answered), str(entry.correct), f"{entry.accuracy:.0%}")
    console.print(topics)
    due = Table("When", "Reviews due", title="Reviews due", title_justify="left")
    due.add_row("now", str(stats.due_now))
    for day, count in stats.due_by_day.items():
        due.add_row(day.isoformat(), str(count))
    console.print(due)
    per_day = Table("Day", "Reviews", title="Reviews per day", title_justify="left")
    for day, count in stats.reviews_by_day.items():
        if count:
            per_day.add_row(day.isoformat(), str(count))
    console.print(per_day)
    if stats.weakest_topics:
        console.print(WEAKEST.format(topics=", ".join(stats.weakest_topics)))
    if stats.misconceptions:
        wrong = Table("Misconception", "Times", title="Your misconceptions", title_justify="left")
        for tag, count in stats.misconceptions[:10]:
            wrong.add_row(tag, str(count))
        console.print(wrong)


def print_verify(paths: list[Path], item_ids: list[str], json_output: bool) -> bool:
    """Run every code-output item and compare with its recorded answer; True when all agree."""
    from grader.errors import PrepError
    from grader.quiz.verify import verify_items

    bank = load_bank(paths)
    items = bank.items
    if item_ids:
        unknown = [i for i in item_ids if bank.get(i) is None]
        if unknown:
            raise PrepError(UNKNOWN_ITEM.format(ids=", ".join(unknown)))
        items = [item for item in items if item.id in item_ids]
    verdicts = verify_items(items)
    wrong = [v for v in verdicts if v.problem]
    if json_output:
        sys.stdout.write(json.dumps({
            "ok": not wrong, "verified": sum(v.skipped is None for v in verdicts),
            "problems": [{"item": v.item.id, "path": v.item.path, "line": v.item.line, "problem": v.problem}
                         for v in wrong],
            "skipped": [{"item": v.item.id, "reason": v.skipped} for v in verdicts if v.skipped],
        }) + "\n")
        return not wrong
    from rich.console import Console

    console = Console(highlight=False)
    for verdict in wrong:
        console.print(f"[red]✗[/] {verdict.item.path}:{verdict.item.line}: {verdict.item.id}: {verdict.problem}")
    ran = sum(v.skipped is None for v in verdicts)
    skipped = len(verdicts) - ran
    note = f" ({skipped} skipped: no answer for this interpreter)" if skipped else ""
    console.print(VERIFY_OK.format(count=ran, note=note) if not wrong else VERIFY_FAILED.format(
        wrong=len(wrong), count=ran, note=note))
    return not wrong


def export_bank(anki: Path | None, output_format: str | None, output: Path | None, topics: list[str],
                paths: list[Path], python: str | None, platform: str | None) -> None:
    from grader.errors import PrepError
    from grader.quiz.export import to_gift, write_anki
    from grader.quiz.selection import Criteria, matching_items
    from grader.quiz.target import make_target

    if (anki is None) == (output_format is None):
        raise PrepError(EXPORT_WHAT)
    if output_format not in (None, "gift"):
        raise PrepError(EXPORT_FORMAT.format(given=output_format))
    try:
        target = make_target(python, platform)
    except ValueError as exc:
        raise PrepError(str(exc)) from None
    items = matching_items(load_bank(paths), Criteria(tuple(topics)), target)
    if anki is not None:
        count = write_anki(items, target, anki)
        print(EXPORTED.format(count=count, path=anki, target=target), file=sys.stderr)
        return
    text = to_gift(items, target)
    if output is None:
        sys.stdout.write(text)
        return
    from grader.files import write_atomically

    try:
        write_atomically(output, text)
    except OSError as exc:
        raise PrepError(CANNOT_WRITE.format(path=output, error=exc.strerror or exc)) from None
    print(EXPORTED.format(count=len(items), path=output, target=target), file=sys.stderr)


CHECK_OK = "All banks are valid: {items} items in {files} files."
NO_REVIEWS = "No answers recorded yet: start with `prep quiz`."
REVIEWS = "{reviews} answers ({percent}% right) on {seen} questions."
WEAKEST = "Weakest topics: {topics} (drill one with `prep quiz --topic TOPIC`)."

SOURCES_OK = ("[green]✓[/] {checked} quoted messages found in this interpreter's standard library; "
              "{skipped} items for other versions cite those versions' docs.")
SOURCES_BAD = "[red]{count} source problem(s).[/]"
UNKNOWN_ITEM = "No item with id {ids}."
VERIFY_OK = "[green]✓[/] every recorded answer is what the code does: {count} code-output items run{note}."
VERIFY_FAILED = "[red]{wrong} of {count} code-output items disagree with their recorded answer{note}.[/]"

EXPORT_WHAT = "Say what to export: --anki FILE.apkg, or --format gift [--output FILE]."
EXPORT_FORMAT = "Unknown export format {given!r}: use --format gift, or --anki FILE.apkg."
CANNOT_WRITE = "Cannot write {path}: {error}."
EXPORTED = "Exported {count} questions to {path} (answers for {target})."
