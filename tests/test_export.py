"""Taking the bank elsewhere: GIFT text that Moodle can parse, and an Anki deck with stable notes."""

from __future__ import annotations

import re
import sqlite3
import zipfile

from grader.quiz.bank import load_bank
from grader.quiz.export import gift_escape

from conftest import SAMPLE_BANK

_UNESCAPED = r"(?<!\\)(?:\\\\)*"


def gift_blocks(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block.strip() and not block.startswith(("//", "$CATEGORY"))]


def test_gift_escapes_every_special_character_and_line_break():
    assert gift_escape("a=b {c} ~d #e :f \\g\nh") == "a\\=b \\{c\\} \\~d \\#e \\:f \\\\g\\nh"


def test_gift_export_gives_one_well_formed_question_per_item(prep, tmp_path):
    out = tmp_path / "bank.gift"
    result = prep.run("export", "--format", "gift", "--output", str(out), "--bank", str(SAMPLE_BANK),
                      "--topic", "sample")
    assert result.returncode == 0, result.stderr
    blocks = gift_blocks(out.read_text())
    items = [i for i in load_bank([SAMPLE_BANK]).items if "sample" in i.topics]
    assert len(blocks) == len(items)
    for block in blocks:
        # ::title::text{answers}: exactly one unescaped answer block, at the end, and no blank line inside.
        assert re.match(r"^::[^\n]+?::\[markdown\]", block), block
        opening = re.findall(_UNESCAPED + r"\{", block)
        closing = re.findall(_UNESCAPED + r"\}", block)
        assert len(opening) == len(closing) == 1 and block.rstrip().endswith("}"), block
    single = next(b for b in blocks if b.startswith("::s-single::"))
    assert single.count("\n=") == 1 and single.count("\n~") >= 2
    assert "####" in single and "Source\\: https\\://docs.python.org" in single


def test_gift_answers_follow_the_chosen_python_version(prep):
    new = prep.run("export", "--format", "gift", "--bank", str(SAMPLE_BANK), "--topic", "sample",
                   "--python", "3.14", "--platform", "linux")
    old = prep.run("export", "--format", "gift", "--bank", str(SAMPLE_BANK), "--topic", "sample",
                   "--python", "3.12", "--platform", "linux")
    assert new.returncode == old.returncode == 0

    def default_start_method(gift: str) -> str:
        (block,) = [b for b in gift_blocks(gift) if b.startswith("::s-default::")]
        return next(line[1:] for line in block.splitlines() if line.startswith("="))

    assert default_start_method(new.stdout) == "forkserver" and default_start_method(old.stdout) == "fork"


def notes(path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as package:
        database = path.parent / f"{path.stem}.anki2"
        database.write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(database) as conn:
        return sorted(conn.execute("SELECT guid, flds FROM notes").fetchall())


def test_anki_export_writes_a_note_per_item_with_ids_that_survive_a_re_export(prep, tmp_path):
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    for path in (first, second):
        result = prep.run("export", "--anki", str(path), "--bank", str(SAMPLE_BANK), "--topic", "sample")
        assert result.returncode == 0, result.stderr
    written = notes(first)
    items = [i for i in load_bank([SAMPLE_BANK]).items if "sample" in i.topics]
    assert len(written) == len(items)
    assert [guid for guid, _ in written] == [guid for guid, _ in notes(second)]
    fields = "".join(flds for _, flds in written)
    assert all(item.id in fields for item in items) and "<ol type=a>" in fields


def test_export_without_a_target_is_a_usage_error(prep):
    result = prep.run("export")
    assert result.returncode == 2 and "--anki FILE.apkg, or --format gift" in result.stderr
    result = prep.run("export", "--format", "qti")
    assert result.returncode == 2 and "Unknown export format 'qti'" in result.stderr
