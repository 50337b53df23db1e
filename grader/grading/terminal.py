"""A grading result in the terminal: the first failure first, then the rest, then the learner's output."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from grader.grading.grade import GradeResult
from grader.grading.messages import RULES

OUTPUT_LINES = 20


def print_result(console: Console, result: GradeResult, learner_file: str) -> None:
    first = result.first_failure
    if result.passed:
        console.print(Text(f"✓ {result.exercise} passed: {result.score}/{result.max_score} checks "
                           f"under every start method.", style="bold green"))
    elif first is not None:
        title = RULES[first.rule].title if first.rule in RULES else first.title
        where = f"{learner_file}:{first.line}" if first.line else learner_file
        body = Text.assemble((f"{first.message}\n", ""), (f"at {where} · start method {first.start_method}", "dim"))
        console.print(Panel(body, title=f"✗ {title}", title_align="left", border_style="red"))
    by_check: dict[str, list] = {}
    for check in result.checks:
        by_check.setdefault(check.id, []).append(check)
    for checks in by_check.values():
        failed = [c.start_method for c in checks if not c.passed]
        mark, style = ("✓", "green") if not failed else ("✗", "red")
        methods = "" if not failed else f"  (fails under {', '.join(m for m in failed if m)})"
        console.print(Text.assemble((f" {mark} ", style), checks[0].title, (methods, "dim")))
    if result.output.strip():
        lines = result.output.rstrip().splitlines()
        shown = "\n".join(lines[:OUTPUT_LINES])
        if len(lines) > OUTPUT_LINES:
            shown += f"\n… {len(lines) - OUTPUT_LINES} more lines"
        console.print(Panel(Text(shown), title="your program's output", title_align="left", border_style="dim"))
    console.print(Text(f"{result.score}/{result.max_score} checks passed in {result.duration_s:.2f} s.",
                       style="dim"))
