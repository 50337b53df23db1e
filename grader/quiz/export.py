"""Taking the bank elsewhere: Moodle GIFT text, and an Anki deck (.apkg).

Both export each item as it would be asked of one target (a Python version
and platform), so version-dependent answers come out right for that target.
Anki notes keep a stable identity derived from the item id: importing a newer
export updates the learner's existing cards instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from pathlib import Path

from grader.errors import PrepError
from grader.quiz.answers import Presented
from grader.quiz.model import CodeOutcome, Item, ItemType
from grader.quiz.selection import present
from grader.quiz.target import Target

# GIFT gives these characters a meaning; in text they are escaped with a backslash.
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")
_FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.S)


def gift_escape(text: str) -> str:
    """Text safe inside a GIFT question or answer: specials escaped, line breaks as \\n."""
    return _GIFT_SPECIAL.sub(r"\\\1", text).replace("\r\n", "\n").replace("\n", "\\n")


def to_gift(items: list[Item], target: Target) -> str:
    """Every item as a GIFT question (Moodle's text import format), separated by blank lines."""
    blocks = [f"// prep question bank, answers for {target}", f"$CATEGORY: prep/{_category(items)}"]
    for item in items:
        shown = present(item, target, seed=0)
        if shown.answer is None:
            continue
        prompt = item.prompt if item.code is None else f"{item.prompt}\n\n```python\n{_numbered(item)}```"
        general = f"####{gift_escape(_explained(shown))}"
        blocks.append(f"::{gift_escape(item.id)}::[markdown]{gift_escape(prompt.strip())}{{{_gift_answers(shown)}"
                      f"\n{general}\n}}")
    return "\n\n".join(blocks) + "\n"


def _numbered(item: Item) -> str:
    """Code as the question shows it; spot-the-line code carries its line numbers."""
    if item.type is not ItemType.SPOT_THE_LINE:
        return item.shown_code
    return "".join(f"{n:>2}  {line}\n" for n, line in enumerate((item.code or "").splitlines(), 1))


def _category(items: list[Item]) -> str:
    topics = sorted({topic for item in items for topic in item.topics})
    return topics[0] if len(topics) == 1 else "all"


def _explained(shown: Presented) -> str:
    return f"{shown.explanation.strip()}\n\nSource: {shown.item.source.url} (Python {shown.item.source.python})"


def _gift_answers(shown: Presented) -> str:
    item, answer = shown.item, shown.answer
    kind = item.type
    if kind is ItemType.SINGLE_CHOICE:
        return "".join(f"\n{'=' if o.key == answer else '~'}{gift_escape(o.text)}{_gift_feedback(o.feedback)}"
                       for o in shown.options)
    if kind is ItemType.SELECT_ALL:
        right, wrong = len(answer), len(shown.options) - len(answer)
        lines = []
        for option in shown.options:
            # Moodle's multiple-answer form: the right options share 100 %, each wrong one takes it all away.
            weight = _percent(100 / right) if option.key in answer else "-100" if wrong else "0"
            lines.append(f"\n~%{weight}%{gift_escape(option.text)}{_gift_feedback(option.feedback)}")
        return "".join(lines)
    if kind is ItemType.TRUE_FALSE:
        return "TRUE" if answer else "FALSE"
    if kind is ItemType.ORDERING:
        # GIFT has no ordering question; a matching question pairs each step with its position.
        return "".join(f"\n={gift_escape(item.option(key).text)} -> {position}"
                       for position, key in enumerate(answer, 1))
    if kind is ItemType.NUMERIC:
        return f"#{answer:g}:{item.tolerance:g}"
    if kind is ItemType.SPOT_THE_LINE:
        return "#" + " ".join(f"={line}:0" for line in answer)
    if kind is ItemType.MATCHING:
        return "".join(f"\n={gift_escape(pair.left)} -> {gift_escape(item.option(pair.match).text)}"
                       for pair in answer)
    if kind is ItemType.CLOZE:
        return "".join(f"\n={gift_escape('; '.join(filling))}" for filling in _cloze_answers(answer))
    accepted = answer if kind is ItemType.SHORT_ANSWER else _code_answers(answer)
    return "".join(f"\n={gift_escape(text)}" for text in accepted)


def _cloze_answers(blanks: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """Every accepted way to fill all the blanks (a short-answer question in GIFT), at most a dozen."""
    return list(itertools.islice(itertools.product(*blanks), 12))


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _gift_feedback(feedback: str | None) -> str:
    return f"#{gift_escape(feedback)}" if feedback else ""


def _code_answers(outcome: CodeOutcome) -> list[str]:
    """What a learner may type for a code-output item: the output on one line, the exception, or 'hangs'."""
    if outcome.hangs:
        return ["hangs"]
    if outcome.exception_type:
        return [outcome.exception_type]
    assert outcome.stdout is not None
    return [" ".join(text.split("\n")) for text in outcome.stdout]


# Anki: a model and a deck with ids that never change, so re-imports update cards in place.
ANKI_MODEL_ID = 1_607_392_319
ANKI_DECK_NAME = "prep: Python multiprocessing"


def write_anki(items: list[Item], target: Target, path: Path) -> int:
    """An Anki deck of every item: the question (with lettered options) on the front, the answer and
    explanation on the back. Returns how many notes were written."""
    try:
        import genanki
    except ImportError:
        raise PrepError(NO_GENANKI) from None
    model = genanki.Model(
        ANKI_MODEL_ID, "prep question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Item"}],
        templates=[{"name": "Card", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}],
        css=".card { font-family: sans-serif; text-align: left; } pre { background: #f4f4f4; padding: .5em; }",
    )
    deck = genanki.Deck(_stable_id(ANKI_DECK_NAME), ANKI_DECK_NAME)
    written = 0
    for item in items:
        shown = present(item, target, seed=0)
        if shown.answer is None:
            continue
        note = genanki.Note(model=model, fields=[_anki_front(shown), _anki_back(shown), item.id],
                            guid=genanki.guid_for("prep", item.id), tags=[t.replace(" ", "-") for t in item.topics])
        deck.add_note(note)
        written += 1
    genanki.Package(deck).write_to_file(str(path))
    return written


def _stable_id(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") >> 1


def _anki_front(shown: Presented) -> str:
    item = shown.item
    parts = [_markdown_html(item.prompt)]
    if item.code:
        parts.append(f"<pre><code>{html.escape(_numbered(item))}</code></pre>")
    if item.type is ItemType.MATCHING:
        parts.append("<ol>" + "".join(f"<li>{_markdown_html(pair.left)}</li>" for pair in shown.answer) + "</ol>")
    if shown.options:
        parts.append("<ol type=a>" + "".join(f"<li>{_markdown_html(o.text)}</li>" for o in shown.options) + "</ol>")
    return "".join(parts)


def _anki_back(shown: Presented) -> str:
    source = shown.item.source
    return (f"<p><b>{html.escape(shown.expected())}</b></p>{_markdown_html(shown.explanation)}"
            f"<p><a href=\"{html.escape(source.url)}\">{html.escape(source.url)}</a> (Python {source.python})</p>")


def _markdown_html(text: str) -> str:
    """Enough Markdown for the bank: fenced code, inline code, paragraphs; everything else escaped."""
    pieces, last = [], 0
    for fence in _FENCE.finditer(text):
        pieces.append(_inline_html(text[last:fence.start()]))
        pieces.append(f"<pre><code>{html.escape(fence.group(1))}</code></pre>")
        last = fence.end()
    pieces.append(_inline_html(text[last:]))
    return "".join(pieces)


def _inline_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    out = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph)
        escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
        out.append(f"<p>{escaped}</p>")
    return "".join(out)


NO_GENANKI = "Anki export needs genanki: pip install 'prep[anki]' (or pip install genanki)."
