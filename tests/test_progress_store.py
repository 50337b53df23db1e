"""The progress database is never silently overwritten."""

from __future__ import annotations

import sqlite3

from conftest import SAMPLE_BANK


def quiz(prep):
    return prep.run("quiz", "--bank", str(SAMPLE_BANK), "--topic", "sample", "--count", "1", input="?\n")


def test_a_corrupt_database_is_reported_and_left_untouched(prep):
    prep.home.mkdir(parents=True)
    garbage = b"this is not sqlite " * 500
    prep.database.write_bytes(garbage)
    result = quiz(prep)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(prep.database) in result.stderr and "left untouched" in result.stderr
    assert prep.database.read_bytes() == garbage
    assert prep.run("stats").returncode == 2


def test_a_database_from_a_newer_prep_is_refused(prep):
    prep.home.mkdir(parents=True)
    with sqlite3.connect(prep.database) as conn:
        conn.execute("PRAGMA application_id = 1886545264")
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 99")
    before = prep.database.read_bytes()
    result = quiz(prep)
    assert result.returncode == 2
    assert "newer prep (schema 99" in result.stderr
    assert prep.database.read_bytes() == before


def test_someone_elses_sqlite_file_is_not_taken_over(prep):
    prep.home.mkdir(parents=True)
    with sqlite3.connect(prep.database) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    before = prep.database.read_bytes()
    result = quiz(prep)
    assert result.returncode == 2 and "not a prep progress database" in result.stderr
    assert prep.database.read_bytes() == before


def test_the_database_is_created_in_prep_home_in_wal_mode(prep):
    assert quiz(prep).returncode == 0
    with sqlite3.connect(prep.database) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 1


def test_an_unwritable_progress_folder_is_a_clear_error(prep, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = prep.run("quiz", "--bank", str(SAMPLE_BANK), "--topic", "sample", "--count", "1", input="?\n",
                      env=prep.env(PREP_HOME=str(blocker / "home")))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Set PREP_HOME" in result.stderr
