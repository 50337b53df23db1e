"""The quiz in a terminal: rich rendering, and line-per-answer input for scripts."""

from __future__ import annotations

import sys
from typing import IO

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from grader.quiz.answers import Graded, Presented
from grader.quiz.model import ItemType
from grader.quiz.session import QuizResult

_HOW_TO_ANSWER = {
    ItemType.SINGLE_CHOICE: "one letter",
    ItemType.SELECT_ALL: "every letter that applies, e.g. ac",
    ItemType.TRUE_FALSE: "t or f",
    ItemType.ORDERING: "the letters in order, e.g. c,a,b",
    ItemType.SHORT_ANSWER: "a word or short phrase",
    ItemType.NUMERIC: "a number",
    ItemType.CODE_OUTPUT: "what it prints (line breaks as spaces), the exception type, or 'hangs'",
    ItemType.MATCHING: "a letter for each numbered row, in order, e.g. bca",
    ItemType.CLOZE: "the code for the blank (several blanks: separated by ';')",
    ItemType.SPOT_THE_LINE: "the line number",
}


class TerminalQuizUI:
    def __init__(self, console: Console, stdin: IO[str] | None = None):
        self.console = console
        self.stdin = stdin or sys.stdin
        self.interactive = self.stdin.isatty()
        self.retry_invalid = self.interactive

    def show_item(self, number: int, total: int, presented: Presented) -> None:
        item = presented.item
        console = self.console
        console.print()
        console.print(Rule(f"Question {number}/{total} · {', '.join(item.topics)} · {item.difficulty}",
                           align="left", style="cyan"))
        if item.version_dependent:
            console.print(Text(f"Answer for {presented.target}.", style="yellow"))
        console.print(Markdown(item.prompt))
        if item.code:
            console.print(Syntax(item.shown_code.rstrip("\n"), "python", line_numbers=True,
                                 theme="ansi_dark", background_color="default"))
        if item.type is ItemType.MATCHING:
            rows = Table.grid(padding=(0, 1))
            rows.add_column(style="bold")
            rows.add_column()
            for number, pair in enumerate(presented.answer, 1):
                rows.add_row(f"{number}.", Markdown(pair.left))
            console.print(rows)
            console.print(Text("matches one of:", style="dim"))
        if presented.options:
            table = Table.grid(padding=(0, 1))
            table.add_column(style="bold")
            table.add_column()
            for option in presented.options:
                table.add_row(f"{presented.letter(option.key)})", Markdown(option.text))
            console.print(table)
        console.print(Text(f"Answer with {_HOW_TO_ANSWER[item.type]}; ? if you don't know.", style="dim"))

    def ask(self, presented: Presented) -> str:
        if self.interactive:
            return self.console.input("[bold]> [/]")
        line = self.stdin.readline()
        if not line:
            raise EOFError
        self.console.print(f"> {line.rstrip()}", highlight=False)
        return line

    def show_invalid(self, message: str) -> None:
        note = message if self.retry_invalid else f"{message} Counted as wrong."
        self.console.print(Text(note, style="yellow"))

    def show_verdict(self, presented: Presented, graded: Graded) -> None:
        console = self.console
        printed = _printed_outputs(presented)
        if graded.correct:
            console.print(Text("✓ Right", style="bold green"))
        elif printed:
            console.print(Text.assemble(("✗ Wrong. ", "bold red"), ("It prints:", "bold")))
        else:
            console.print(Text.assemble(("✗ Wrong. ", "bold red"), ("Answer: ", "bold"), presented.expected()))
        if printed and not graded.correct:
            blocks = [Panel(Text(output), expand=False, border_style="dim") for output in printed]
            console.print(Group(*_interleave(blocks, Text("or", style="dim"))))
        for note in graded.feedback:
            console.print(Markdown(note), style="italic")
        console.print(Panel(Markdown(presented.explanation), border_style="green" if graded.correct else "red"))
        source = presented.item.source
        # Not wrapped, so that terminals still recognise the URL.
        console.print(Text(f"Source: {source.url} (Python {source.python})", style="dim"), soft_wrap=True)


def _printed_outputs(presented: Presented) -> tuple[str, ...]:
    """The recorded stdout(s) of a code-output item, shown as blocks rather than in a line."""
    outcome = presented.answer
    if presented.item.type is ItemType.CODE_OUTPUT and outcome.stdout is not None:
        return outcome.stdout
    return ()


def _interleave(blocks: list, separator: Text) -> list:
    joined: list = []
    for block in blocks:
        if joined:
            joined.append(separator)
        joined.append(block)
    return joined


def print_summary(console: Console, result: QuizResult, topic_titles: dict[str, str]) -> None:
    console.print()
    if not result.answered:
        console.print(NOTHING_ANSWERED)
        return
    table = Table(title="Summary by topic", title_justify="left")
    table.add_column("Topic")
    table.add_column("Answered", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Score", justify="right")
    for topic, (answered, correct) in sorted(result.by_topic().items(), key=lambda kv: kv[1][1] / kv[1][0]):
        style = "green" if correct == answered else ("red" if correct * 2 < answered else "yellow")
        table.add_row(topic_titles.get(topic, topic), str(answered), str(correct),
                      Text(f"{100 * correct // answered}%", style=style))
    console.print(table)
    console.print(Text(TOTAL.format(correct=result.correct, answered=len(result.answered)), style="bold"))
    if result.stopped:
        console.print(STOPPED_EARLY.format(how=result.stopped, answered=len(result.answered), total=result.total))


NOTHING_ANSWERED = "No question was answered."
TOTAL = "{correct} of {answered} right."
STOPPED_EARLY = "Stopped early ({how}) after {answered} of {total} questions; every answer given is saved."
