"""Loading and validating quiz banks.

A bank file holds one topic and its items. Validation is strict and reports
every problem it finds with the file, the line and the field, so that a
trainer writing their own bank can fix it in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import ContentError, ContentProblem
from grader.paths import content_dir
from grader.quiz.model import (
    BLANK,
    DIFFICULTIES,
    CodeOutcome,
    Item,
    ItemType,
    LineNote,
    Option,
    Pair,
    Source,
    Variant,
    card_id_for,
)
from grader.quiz.target import KNOWN_MINORS, PLATFORMS, Target, VersionSpec
from grader.yamlfile import LocatedDict, LocatedList, load_yaml

BANK_SUFFIXES = (".yaml", ".yml")

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SOURCE_VERSION = re.compile(r"^3\.\d{1,2}(\+|-3\.\d{1,2})?$")
_EXCEPTION_TYPE = re.compile(r"^[A-Za-z_][\w.]*$")

_FILE_KEYS = {"topic", "items"}
_ITEM_KEYS = {
    "id", "type", "topics", "difficulty", "prompt", "options", "answer", "explanation",
    "source", "variants", "code", "tolerance", "shuffle", "misconception", "start_methods", "line_feedback",
    "quotes",
}
START_METHODS = ("fork", "spawn", "forkserver")
_OPTION_KEYS = {"text", "feedback", "misconception"}
_VARIANT_KEYS = {"when", "answer", "explanation"}
_WHEN_KEYS = {"python", "platform"}


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass
class Bank:
    """Every item from the banks that were loaded, in file order."""

    items: list[Item]
    topics: dict[str, Topic]
    files: list[str]

    def get(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def __post_init__(self) -> None:
        self._by_id = {item.id: item for item in self.items}


def shipped_bank_dir() -> Path:
    return content_dir("quizzes")


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the bank files inside them (sorted), keep files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in BANK_SUFFIXES))
        else:
            found.append(path)
    return found


def load_bank(extra: Sequence[Path] = (), include_shipped: bool = True) -> Bank:
    """Load the shipped banks plus `extra` files or folders; raise ContentError on any problem."""
    paths = ([shipped_bank_dir()] if include_shipped else []) + list(extra)
    problems: list[ContentProblem] = []
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.append(ContentProblem(str(path), None, "", "no such file or folder"))
        else:
            files.extend(bank_files([path]))
    # `prep check quizzes/pool.yaml` names a shipped file: read once, not reported as its own duplicate.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    files = list(unique.values())
    raw: list[tuple[str, Any]] = []
    for file in files:
        shown = _display_path(file)
        try:
            raw.append((shown, load_yaml(file, shown)))
        except ContentError as exc:
            problems.extend(exc.problems)
    validator = _Validator(problems)
    items = validator.validate_files(raw)
    if problems:
        raise ContentError(problems)
    return Bank(items=items, topics=validator.topics, files=[shown for shown, _ in raw])


def _display_path(path: Path) -> str:
    """Shipped files are shown relative to their content folder, others as given."""
    try:
        return str(Path("quizzes") / path.resolve().relative_to(shipped_bank_dir().resolve()))
    except ValueError:
        return str(path)


class _Validator:
    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        self.topics: dict[str, Topic] = {}
        self.seen_ids: dict[str, str] = {}
        self.seen_cards: dict[int, str] = {}
        self.path = ""

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(ContentProblem(self.path, line, field, message))

    # -- files -------------------------------------------------------------

    def validate_files(self, raw: list[tuple[str, Any]]) -> list[Item]:
        # Topics first: an item may be tagged with a topic another file defines.
        bodies = []
        for path, document in raw:
            self.path = path
            file_topic = self.file_topic(document)
            bodies.append((path, document, file_topic))
        items: list[Item] = []
        for path, document, file_topic in bodies:
            self.path = path
            if file_topic is None or not isinstance(document, LocatedDict):
                continue
            entries = document.get("items")
            if not isinstance(entries, LocatedList) or not entries:
                self.problem(document.line_of("items"), "items", "must be a non-empty list of items")
                continue
            for index, entry in enumerate(entries):
                item = self.item(entry, f"items[{index}]", entries.line_of(index), file_topic)
                if item is not None:
                    items.append(item)
        return items

    def file_topic(self, document: Any) -> str | None:
        if not isinstance(document, LocatedDict):
            self.problem(1, "", "a bank file must be a mapping with 'topic' and 'items'")
            return None
        for key in document:
            if key not in _FILE_KEYS:
                self.problem(document.line_of(key), str(key), _unknown_key(key, _FILE_KEYS))
        topic = document.get("topic")
        line = document.line_of("topic")
        if not isinstance(topic, LocatedDict):
            self.problem(line, "topic", "must be a mapping with 'id' and 'title'")
            return None
        topic_id, title = topic.get("id"), topic.get("title")
        if not isinstance(topic_id, str) or not _TAG.match(topic_id):
            self.problem(topic.line_of("id"), "topic.id", "must be a lowercase tag like 'pool'")
            return None
        if not isinstance(title, str) or not title.strip():
            self.problem(topic.line_of("title"), "topic.title", "must be a non-empty string")
            return None
        known = self.topics.get(topic_id)
        if known and known.title != title:
            self.problem(
                topic.line_of("title"), "topic.title",
                f"topic {topic_id!r} is already defined with the title {known.title!r}",
            )
        self.topics.setdefault(topic_id, Topic(topic_id, title.strip()))
        return topic_id

    # -- items -------------------------------------------------------------

    def item(self, entry: Any, where: str, line: int, file_topic: str) -> Item | None:
        if not isinstance(entry, LocatedDict):
            self.problem(line, where, "an item must be a mapping")
            return None
        before = len(self.problems)

        def field(key: str) -> tuple[Any, int, str]:
            return entry.get(key), entry.line_of(key), f"{where}.{key}"

        item_id, id_line, id_field = field("id")
        if not isinstance(item_id, str) or not _ID.match(item_id):
            self.problem(id_line, id_field, "missing or invalid id (lowercase letters, digits, '-', '.', '_')")
            item_id = None
        else:
            where = f"{where} ({item_id})"
            if item_id in self.seen_ids:
                self.problem(id_line, f"{where}.id", f"duplicate id: also defined at {self.seen_ids[item_id]}")
            else:
                self.seen_ids[item_id] = f"{self.path}:{id_line}"
        for key in entry:
            if key not in _ITEM_KEYS:
                self.problem(entry.line_of(key), f"{where}.{key}", _unknown_key(key, _ITEM_KEYS))

        type_name, type_line, _ = field("type")
        try:
            item_type = ItemType(type_name)
        except ValueError:
            choices = ", ".join(t.value for t in ItemType)
            self.problem(type_line, f"{where}.type", f"unknown type {type_name!r} (expected one of: {choices})")
            item_type = None

        topics = self.item_topics(entry, where, file_topic)
        difficulty = entry.get("difficulty")
        if difficulty not in DIFFICULTIES:
            self.problem(entry.line_of("difficulty"), f"{where}.difficulty",
                         f"must be one of {', '.join(DIFFICULTIES)} (got {difficulty!r})")
        prompt = self.text(entry, "prompt", where)
        explanation = self.text(entry, "explanation", where)
        source = self.source(entry, where)
        misconception = self.tag(entry, "misconception", where)
        shuffle = entry.get("shuffle", True)
        if not isinstance(shuffle, bool):
            self.problem(entry.line_of("shuffle"), f"{where}.shuffle", "must be true or false")

        if item_type is None:
            return None
        options = self.options(entry, where, item_type)
        code = self.code(entry, where, item_type)
        start_methods = self.start_methods(entry, where, item_type, code)
        tolerance = self.tolerance(entry, where, item_type)
        answer = None
        if "answer" in entry:
            answer = self.answer(entry["answer"], entry.line_of("answer"), f"{where}.answer",
                                 item_type, options, code)
        variants = self.variants(entry, where, item_type, options, code)
        line_notes = self.line_notes(entry, where, item_type, code)
        quotes = self.quotes(entry, where)
        if "answer" not in entry and "variants" not in entry:
            self.problem(entry.line, f"{where}.answer", "missing answer")
        elif "answer" not in entry and variants:
            self.check_coverage(variants, entry.line_of("variants"), where)

        if len(self.problems) > before or item_id is None:
            return None
        card = card_id_for(item_id)
        if card in self.seen_cards:
            self.problem(id_line, f"{where}.id", f"card id collides with {self.seen_cards[card]}; pick another id")
            return None
        self.seen_cards[card] = item_id
        return Item(
            id=item_id, type=item_type, topics=topics, difficulty=difficulty, prompt=prompt,
            explanation=explanation, source=source, answer=answer, options=options,
            variants=variants, code=code, tolerance=tolerance, shuffle=shuffle,
            misconception=misconception, start_methods=start_methods, line_notes=line_notes, quotes=quotes,
            path=self.path,
            line=entry.line,
        )

    def item_topics(self, entry: LocatedDict, where: str, file_topic: str) -> tuple[str, ...]:
        topics = entry.get("topics", [file_topic])
        line = entry.line_of("topics")
        if isinstance(topics, str):
            topics = [topics]
        if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
            self.problem(line, f"{where}.topics", "must be a non-empty list of topic tags")
            return (file_topic,)
        for topic in topics:
            if topic not in self.topics:
                self.problem(line, f"{where}.topics",
                             f"unknown topic {topic!r} (known: {', '.join(sorted(self.topics))})")
        return tuple(dict.fromkeys(topics))

    def text(self, entry: LocatedDict, key: str, where: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(entry.line_of(key), f"{where}.{key}", "missing or empty text")
            return ""
        return value.strip()

    def tag(self, mapping: LocatedDict, key: str, where: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _TAG.match(value):
            self.problem(mapping.line_of(key), f"{where}.{key}",
                         "must be a lowercase tag like 'gil-bytecode-count'")
            return None
        return value

    def source(self, entry: LocatedDict, where: str) -> Source:
        source = entry.get("source")
        line = entry.line_of("source")
        if not isinstance(source, LocatedDict):
            self.problem(line, f"{where}.source", "missing source (a mapping with 'url' and 'python')")
            return Source("", "")
        url, python = source.get("url"), source.get("python")
        if not isinstance(url, str) or not url.startswith("https://"):
            self.problem(source.line_of("url"), f"{where}.source.url", "must be an https:// URL")
        if not isinstance(python, str) or not _SOURCE_VERSION.match(python):
            self.problem(source.line_of("python"), f"{where}.source.python",
                         f"must be a quoted version like \"3.14\", \"3.8+\" or \"3.8-3.13\" (got {python!r})")
        for key in source:
            if key not in ("url", "python"):
                self.problem(source.line_of(key), f"{where}.source.{key}", _unknown_key(key, {"url", "python"}))
        return Source(str(url), str(python))

    def options(self, entry: LocatedDict, where: str, item_type: ItemType) -> tuple[Option, ...]:
        raw = entry.get("options")
        line = entry.line_of("options")
        if not item_type.has_options:
            if raw is not None:
                self.problem(line, f"{where}.options", f"a {item_type.value} item takes no options")
            return ()
        if not isinstance(raw, LocatedDict) or len(raw) < 2:
            self.problem(line, f"{where}.options", "must map at least two option keys to their text")
            return ()
        options = []
        for key, value in raw.items():
            field = f"{where}.options.{key}"
            key_line = raw.line_of(key)
            if not isinstance(key, str) or not _TAG.match(key):
                self.problem(key_line, field, "an option key must be a short lowercase tag")
                continue
            if isinstance(value, str) and value.strip():
                options.append(Option(key, value.strip()))
                continue
            if not isinstance(value, LocatedDict):
                self.problem(key_line, field, "must be the option's text or a mapping with 'text'")
                continue
            for extra in value:
                if extra not in _OPTION_KEYS:
                    self.problem(value.line_of(extra), f"{field}.{extra}", _unknown_key(extra, _OPTION_KEYS))
            text = self.text(value, "text", field)
            feedback = value.get("feedback")
            if feedback is not None and not isinstance(feedback, str):
                self.problem(value.line_of("feedback"), f"{field}.feedback", "must be text")
                feedback = None
            options.append(Option(key, text, feedback and feedback.strip(),
                                  self.tag(value, "misconception", field)))
        return tuple(options)

    def code(self, entry: LocatedDict, where: str, item_type: ItemType) -> str | None:
        code = entry.get("code")
        line, field = entry.line_of("code"), f"{where}.code"
        if not item_type.shows_code:
            if code is not None:
                self.problem(line, field, "only code_output, cloze and spot_the_line items take 'code' "
                                          "(put code in the prompt)")
            return None
        if not isinstance(code, str) or not code.strip():
            self.problem(line, field, f"a {item_type.value} item needs its code")
            return None
        if item_type is ItemType.CLOZE:
            if not BLANK.search(code):
                self.problem(line, field, "a cloze item's code needs at least one blank: ____")
            return code.rstrip() + "\n"
        try:
            compile(code, field, "exec")
        except SyntaxError as exc:
            self.problem(line, field, f"does not compile: {exc.msg} (line {exc.lineno})")
        return code.rstrip() + "\n"

    def start_methods(self, entry: LocatedDict, where: str, item_type: ItemType,
                      code: str | None) -> tuple[str, ...]:
        """The start methods `prep verify` runs the code under (the answer must hold for each)."""
        if "start_methods" not in entry:
            return ()
        line, field = entry.line_of("start_methods"), f"{where}.start_methods"
        methods = entry["start_methods"]
        if item_type is not ItemType.CODE_OUTPUT:
            self.problem(line, field, "only code_output items take start_methods")
            return ()
        if (not isinstance(methods, list) or not methods
                or not all(isinstance(m, str) and m in START_METHODS for m in methods)
                or len(set(methods)) != len(methods)):
            self.problem(line, field, f"must be a list of distinct start methods from {', '.join(START_METHODS)}")
            return ()
        if code and "set_start_method" in code:
            self.problem(line, field, "the code sets its own start method; drop one of the two")
            return ()
        return tuple(methods)

    def tolerance(self, entry: LocatedDict, where: str, item_type: ItemType) -> float:
        if "tolerance" not in entry:
            return 0.0
        value = entry["tolerance"]
        if item_type is not ItemType.NUMERIC:
            self.problem(entry.line_of("tolerance"), f"{where}.tolerance", "only numeric items take a tolerance")
            return 0.0
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.problem(entry.line_of("tolerance"), f"{where}.tolerance", "must be a number >= 0")
            return 0.0
        return float(value)

    # -- answers -----------------------------------------------------------

    def answer(self, value: Any, line: int, field: str, item_type: ItemType,
               options: tuple[Option, ...], code: str | None = None) -> Any:
        keys = [option.key for option in options]

        def bad(message: str) -> None:
            self.problem(line, field, message)

        def not_options(given: list) -> list:
            return [k for k in given if k not in keys]

        if item_type is ItemType.SINGLE_CHOICE:
            if not isinstance(value, str):
                return bad("must be one option key")
            if options and value not in keys:
                return bad(f"answer {value!r} is not among the options ({', '.join(keys)})")
            return value
        if item_type is ItemType.SELECT_ALL:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(isinstance(k, str) for k in value):
                return bad("must be a non-empty list of option keys")
            if len(set(value)) != len(value):
                return bad("lists an option twice")
            if options and not_options(value):
                return bad(f"{', '.join(map(repr, not_options(value)))} not among the options ({', '.join(keys)})")
            return tuple(sorted(value))
        if item_type is ItemType.ORDERING:
            if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                return bad("must list the option keys in the correct order")
            if options and sorted(value) != sorted(keys):
                return bad(f"must list every option exactly once (options: {', '.join(keys)})")
            return tuple(value)
        if item_type is ItemType.TRUE_FALSE:
            if not isinstance(value, bool):
                return bad("must be true or false")
            return value
        if item_type is ItemType.SHORT_ANSWER:
            accepted = [value] if isinstance(value, str) else value
            if not isinstance(accepted, list) or not accepted or not all(
                isinstance(a, str) and a.strip() for a in accepted
            ):
                return bad("must be the accepted answer or a list of accepted variants")
            return tuple(a.strip() for a in accepted)
        if item_type is ItemType.NUMERIC:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return bad("must be a number")
            return float(value)
        if item_type is ItemType.MATCHING:
            return self.pairs(value, line, field, keys)
        if item_type is ItemType.CLOZE:
            return self.blanks(value, line, field, code)
        if item_type is ItemType.SPOT_THE_LINE:
            lines = [value] if isinstance(value, int) and not isinstance(value, bool) else value
            count = len(code.splitlines()) if code else 0
            if not isinstance(lines, list) or not lines or not all(
                    isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= count for n in lines):
                return bad(f"must be a line number of the code (1-{count}) or a list of them")
            return tuple(sorted(set(lines)))
        return self.code_outcome(value, line, field)

    def pairs(self, value: Any, line: int, field: str, keys: list[str]) -> tuple[Pair, ...] | None:
        """A matching item's left-hand column: each row's text and the option (right-hand text) it matches."""
        if not isinstance(value, list) or len(value) < 2 or not all(
                isinstance(row, dict) and set(row) == {"left", "match"} for row in value):
            self.problem(line, field, "must list at least two rows like {left: TEXT, match: OPTION_KEY}")
            return None
        pairs = tuple(Pair(str(row["left"]).strip(), row["match"]) for row in value)
        unknown = [p.match for p in pairs if p.match not in keys]
        if unknown:
            self.problem(line, field, f"{', '.join(map(repr, unknown))} not among the options ({', '.join(keys)})")
            return None
        if len({p.match for p in pairs}) != len(pairs) or not all(p.left for p in pairs):
            self.problem(line, field, "each row needs its own text and its own option (options may be left over)")
            return None
        return pairs

    def blanks(self, value: Any, line: int, field: str, code: str | None) -> tuple[tuple[str, ...], ...] | None:
        """A cloze item's accepted fillings: one entry per blank, each a text or a list of variants."""
        count = len(BLANK.findall(code or ""))
        rows = value if isinstance(value, list) else [value]
        accepted = [[row] if isinstance(row, str) else row for row in rows]
        if len(accepted) != count or not all(
                isinstance(row, list) and row and all(isinstance(a, str) and a.strip() for a in row)
                for row in accepted):
            self.problem(line, field, f"must give the accepted text (or a list of variants) for each of the "
                                      f"{count} blank(s), in order")
            return None
        return tuple(tuple(a.strip() for a in row) for row in accepted)

    def quotes(self, entry: LocatedDict, where: str) -> tuple[str, ...]:
        raw = entry.get("quotes")
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw or not all(isinstance(q, str) and q.strip() for q in raw):
            self.problem(entry.line_of("quotes"), f"{where}.quotes",
                         "must list the texts the item quotes verbatim from the standard library")
            return ()
        return tuple(q.strip() for q in raw)

    def line_notes(self, entry: LocatedDict, where: str, item_type: ItemType,
                   code: str | None) -> tuple[LineNote, ...]:
        raw = entry.get("line_feedback")
        if raw is None:
            return ()
        line, field = entry.line_of("line_feedback"), f"{where}.line_feedback"
        if item_type is not ItemType.SPOT_THE_LINE:
            self.problem(line, field, "only spot_the_line items take line_feedback")
            return ()
        count = len(code.splitlines()) if code else 0
        if not isinstance(raw, LocatedDict):
            self.problem(line, field, "must map line numbers to feedback")
            return ()
        notes = []
        for number, body in raw.items():
            at = f"{field}.{number}"
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= count:
                self.problem(raw.line_of(number), at, f"must be a line number of the code (1-{count})")
                continue
            if isinstance(body, str) and body.strip():
                notes.append(LineNote(number, body.strip()))
                continue
            if not isinstance(body, LocatedDict) or set(body) - _OPTION_KEYS:
                self.problem(raw.line_of(number), at, "must be feedback text or a mapping with "
                                                      "'feedback' and 'misconception'")
                continue
            feedback = body.get("feedback")
            notes.append(LineNote(number, feedback.strip() if isinstance(feedback, str) else None,
                                  self.tag(body, "misconception", at)))
        return tuple(notes)

    def code_outcome(self, value: Any, line: int, field: str) -> CodeOutcome | None:
        shapes = "one of {stdout: ...}, {exception: {type: ..., message: ...}} or {hangs: true}"
        if not isinstance(value, LocatedDict) or len(value) != 1:
            self.problem(line, field, f"must be {shapes}")
            return None
        (kind, body), = value.items()
        if kind == "stdout":
            outputs = [body] if isinstance(body, str) else body
            if not isinstance(outputs, list) or not outputs or not all(isinstance(o, str) for o in outputs):
                self.problem(line, f"{field}.stdout", "must be the expected output or a list of acceptable outputs")
                return None
            return CodeOutcome(stdout=tuple(o.rstrip("\n") for o in outputs))
        if kind == "exception":
            if not isinstance(body, LocatedDict) or not isinstance(body.get("type"), str) \
                    or not _EXCEPTION_TYPE.match(body["type"]):
                self.problem(line, f"{field}.exception", "must be a mapping with 'type' (and optional 'message')")
                return None
            message = body.get("message")
            if message is not None and not isinstance(message, str):
                self.problem(body.line_of("message"), f"{field}.exception.message", "must be text")
                return None
            return CodeOutcome(exception_type=body["type"], exception_message=message)
        if kind == "hangs":
            if body is not True:
                self.problem(line, f"{field}.hangs", "must be true")
                return None
            return CodeOutcome(hangs=True)
        self.problem(line, field, f"unknown outcome {kind!r}: must be {shapes}")
        return None

    # -- variants ----------------------------------------------------------

    def variants(self, entry: LocatedDict, where: str, item_type: ItemType,
                 options: tuple[Option, ...], code: str | None = None) -> tuple[Variant, ...]:
        raw = entry.get("variants")
        if raw is None:
            return ()
        line = entry.line_of("variants")
        if not isinstance(raw, LocatedList) or not raw:
            self.problem(line, f"{where}.variants", "must be a non-empty list of variants")
            return ()
        variants = []
        for index, body in enumerate(raw):
            field = f"{where}.variants[{index}]"
            body_line = raw.line_of(index)
            if not isinstance(body, LocatedDict):
                self.problem(body_line, field, "a variant must be a mapping with 'when' and 'answer'")
                continue
            for key in body:
                if key not in _VARIANT_KEYS:
                    self.problem(body.line_of(key), f"{field}.{key}", _unknown_key(key, _VARIANT_KEYS))
            when = body.get("when")
            if not isinstance(when, LocatedDict) or not when:
                self.problem(body.line_of("when"), f"{field}.when",
                             "must say which 'python' versions and/or 'platform's the variant is for")
                continue
            for key in when:
                if key not in _WHEN_KEYS:
                    self.problem(when.line_of(key), f"{field}.when.{key}", _unknown_key(key, _WHEN_KEYS))
            try:
                versions = VersionSpec.parse(when["python"]) if "python" in when else VersionSpec()
            except ValueError as exc:
                self.problem(when.line_of("python"), f"{field}.when.python", str(exc))
                continue
            platforms = when.get("platform", list(PLATFORMS))
            if isinstance(platforms, str):
                platforms = [platforms]
            if not isinstance(platforms, list) or not platforms or any(p not in PLATFORMS for p in platforms):
                self.problem(when.line_of("platform"), f"{field}.when.platform",
                             f"must be one or more of {', '.join(PLATFORMS)}")
                continue
            if "answer" not in body:
                self.problem(body.line, f"{field}.answer", "missing answer")
                continue
            answer = self.answer(body["answer"], body.line_of("answer"), f"{field}.answer", item_type, options,
                                 code)
            explanation = body.get("explanation")
            if explanation is not None and not (isinstance(explanation, str) and explanation.strip()):
                self.problem(body.line_of("explanation"), f"{field}.explanation", "must be text")
                explanation = None
            variants.append(Variant(versions, tuple(platforms), answer,
                                    explanation and explanation.strip(), body_line))
        self.check_overlap(variants, where)
        return tuple(variants)

    def check_overlap(self, variants: list[Variant], where: str) -> None:
        for target in _all_targets():
            matching = [v for v in variants if v.applies_to(target)]
            if len(matching) > 1:
                first, second = matching[0], matching[1]
                self.problem(second.line, f"{where}.variants",
                             f"variants at lines {first.line} and {second.line} both apply to {target}")
                return

    def check_coverage(self, variants: tuple[Variant, ...], line: int, where: str) -> None:
        for target in _all_targets():
            if not any(v.applies_to(target) for v in variants):
                self.problem(line, f"{where}.variants",
                             f"no variant answers for {target} and the item has no default answer")
                return


def _all_targets() -> Iterable[Target]:
    for version in KNOWN_MINORS:
        for platform in PLATFORMS:
            yield Target(version, platform)


def _unknown_key(key: Any, allowed: set[str]) -> str:
    return f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})"
