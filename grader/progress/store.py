"""The progress database: one SQLite file, every answer committed as it is given.

WAL mode and a busy timeout let two `prep` processes write at once; each
answer and its card update are one IMMEDIATE transaction, so the card's
read-review-write cannot interleave with another process. A file that is
not a prep database, is damaged, or was written by a newer prep is reported
and never touched.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grader.errors import ProgressStoreError
from grader.paths import data_dir
from grader.progress import schedule

DATABASE_NAME = "progress.sqlite3"
APPLICATION_ID = 0x70726570  # "prep": marks the file as ours

# Each entry upgrades the schema from its index to the next version.
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        seed INTEGER,
        target TEXT,
        settings TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id),
        item_id TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        response TEXT NOT NULL,
        correct INTEGER NOT NULL,
        rating INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        topics TEXT NOT NULL,
        misconceptions TEXT NOT NULL
    );
    CREATE INDEX answers_item ON answers(item_id);
    CREATE INDEX answers_time ON answers(answered_at);
    CREATE TABLE cards (
        item_id TEXT PRIMARY KEY,
        card_id INTEGER NOT NULL,
        due TEXT NOT NULL,
        state INTEGER NOT NULL,
        card TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cards_due ON cards(due);
    """,
    """
    CREATE TABLE gradings (
        id INTEGER PRIMARY KEY,
        exercise TEXT NOT NULL,
        graded_at TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        passed INTEGER NOT NULL,
        score INTEGER NOT NULL,
        max_score INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL
    );
    CREATE INDEX gradings_exercise ON gradings(exercise, id);
    """,
]
SCHEMA_VERSION = len(_MIGRATIONS)


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so that text order is time order in SQL."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AnswerRecord:
    item_id: str
    card_id: int
    answered_at: datetime
    response: str
    correct: bool
    duration_ms: int
    topics: tuple[str, ...]
    misconceptions: tuple[str, ...]


@dataclass(frozen=True)
class StoredAnswer:
    item_id: str
    answered_at: datetime
    correct: bool
    rating: int
    duration_ms: int
    topics: tuple[str, ...]
    misconceptions: tuple[str, ...]


@dataclass(frozen=True)
class CardState:
    item_id: str
    due: datetime
    state: int


class ProgressStore:
    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            existed = path.exists() and path.stat().st_size > 0
            self._db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        except (OSError, sqlite3.OperationalError) as exc:
            raise ProgressStoreError(UNWRITABLE.format(path=path, reason=exc)) from None
        try:
            self._prepare(existed)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise ProgressStoreError(DAMAGED.format(path=path, reason=exc)) from None
        except ProgressStoreError:
            self._db.close()
            raise

    @classmethod
    def open_default(cls) -> ProgressStore:
        return cls(data_dir() / DATABASE_NAME)

    def _prepare(self, existed: bool) -> None:
        db = self._db
        if existed:
            # Reads the header: "file is not a database" surfaces here, before any write.
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
            if application_id != APPLICATION_ID and has_tables:
                raise ProgressStoreError(FOREIGN.format(path=self.path))
            if version > SCHEMA_VERSION:
                raise ProgressStoreError(NEWER.format(path=self.path, found=version, known=SCHEMA_VERSION))
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ProgressStoreError(DAMAGED.format(path=self.path, reason=check))
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _migrate(self) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------

    def start_session(self, kind: str, started_at: datetime, seed: int | None = None,
                      target: str | None = None, settings: dict | None = None) -> int:
        cursor = self._db.execute(
            "INSERT INTO sessions (started_at, kind, seed, target, settings) VALUES (?, ?, ?, ?, ?)",
            (utc_text(started_at), kind, seed, target, json.dumps(settings or {}, sort_keys=True)),
        )
        return int(cursor.lastrowid)

    def record_answer(self, session_id: int | None, record: AnswerRecord) -> schedule.Review:
        """Store one answer and reschedule its item, atomically and durably."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT card FROM cards WHERE item_id = ?", (record.item_id,)).fetchone()
            review = schedule.review(row[0] if row else None, record.card_id, record.correct,
                                     record.answered_at, record.duration_ms)
            db.execute(
                "INSERT INTO answers (session_id, item_id, answered_at, response, correct, rating,"
                " duration_ms, topics, misconceptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, record.item_id, utc_text(record.answered_at), record.response,
                 int(record.correct), review.rating, record.duration_ms,
                 json.dumps(list(record.topics)), json.dumps(list(record.misconceptions))),
            )
            db.execute(
                "INSERT INTO cards (item_id, card_id, due, state, card, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(item_id) DO UPDATE SET due = excluded.due, state = excluded.state,"
                " card = excluded.card, updated_at = excluded.updated_at",
                (record.item_id, record.card_id, utc_text(review.due), review.state, review.card_json,
                 utc_text(record.answered_at)),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return review

    # -- reading -----------------------------------------------------------

    def cards(self) -> dict[str, CardState]:
        rows = self._db.execute("SELECT item_id, due, state FROM cards")
        return {item: CardState(item, datetime.fromisoformat(due), state) for item, due, state in rows}

    def due_item_ids(self, now: datetime) -> list[str]:
        """Items whose review is due at `now`, most overdue first."""
        rows = self._db.execute(
            "SELECT item_id FROM cards WHERE due <= ? ORDER BY due, item_id", (utc_text(now),)
        )
        return [item for (item,) in rows]

    def answers(self) -> Iterator[StoredAnswer]:
        rows = self._db.execute(
            "SELECT item_id, answered_at, correct, rating, duration_ms, topics, misconceptions"
            " FROM answers ORDER BY id"
        )
        for item, at, correct, rating, duration, topics, misconceptions in rows:
            yield StoredAnswer(item, datetime.fromisoformat(at), bool(correct), rating, duration,
                               tuple(json.loads(topics)), tuple(json.loads(misconceptions)))

    def record_grading(self, exercise: str, graded_at: datetime, file_sha256: str, passed: bool, score: int,
                       max_score: int, duration_ms: int) -> None:
        self._db.execute(
            "INSERT INTO gradings (exercise, graded_at, file_sha256, passed, score, max_score, duration_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (exercise, utc_text(graded_at), file_sha256, int(passed), score, max_score, duration_ms),
        )

    def exercise_status(self) -> dict[str, str]:
        """exercise id -> "passed" (ever passed) or "failing" (graded, never passed)."""
        rows = self._db.execute("SELECT exercise, max(passed) FROM gradings GROUP BY exercise")
        return {exercise: "passed" if passed else "failing" for exercise, passed in rows}


UNWRITABLE = "Cannot open the progress database {path} ({reason}). Set PREP_HOME to a folder you can write to."
DAMAGED = (
    "The progress database {path} cannot be read ({reason}). It was left untouched: "
    "move it aside to start afresh, or set PREP_HOME to use another folder."
)
FOREIGN = (
    "{path} is not a prep progress database. It was left untouched: "
    "move it aside, or set PREP_HOME to use another folder."
)
NEWER = (
    "The progress database {path} was written by a newer prep (schema {found}; this prep knows up to "
    "{known}). It was left untouched: upgrade prep to use it."
)
