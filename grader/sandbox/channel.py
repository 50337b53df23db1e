"""Records from the child: one authenticated JSON line each, small enough to be written atomically.

A line is `<hmac> <json>`: the HMAC-SHA256 (first 16 bytes, hex) of the JSON
under a per-run key. The key reaches the child over a one-shot pipe that the
bootstrap reads and closes before learner code runs, so stray or forged
writes to the inherited record fd are recognised and rejected.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import select

TYPE_CHECKING = False  # not `from typing import`: importing typing costs each spawned worker 3 ms

if TYPE_CHECKING:  # every spawned worker imports this module: keep its imports few
    from typing import Any

KEY_FD_ENV = "PREP_KEY_FD"
RECORD_FD_ENV = "PREP_RECORD_FD"
MAX_LINE = 4096  # PIPE_BUF on Linux: writes up to this size never interleave
KEY_BYTES = 32
_TAG_HEX = 32


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def hand_over_key(key: bytes) -> int:
    """A readable fd holding `key` and then EOF, to pass to the child."""
    read_end, write_end = os.pipe()
    os.write(write_end, key)
    os.close(write_end)
    return read_end


def receive_key() -> bytes | None:
    """In the child: read the key from its one-shot pipe, close it, forget where it was."""
    fd = os.environ.pop(KEY_FD_ENV, None)
    if fd is None:
        return None
    number = int(fd)
    key = b""
    # Read exactly the key's length: waiting for EOF would hang whenever a process forked
    # meanwhile by another thread inherited the pipe's write end.
    while len(key) < KEY_BYTES:
        if not select.select([number], [], [], 5.0)[0]:
            break
        chunk = os.read(number, KEY_BYTES - len(key))
        if not chunk:
            break
        key += chunk
    os.close(number)
    return key if len(key) == KEY_BYTES else None


def sign(key: bytes, record: dict[str, Any]) -> bytes:
    body = json.dumps(record, separators=(",", ":"), sort_keys=True, default=repr).encode()
    line = _tag(key, body) + b" " + body + b"\n"
    if len(line) > MAX_LINE:
        raise ValueError(f"record of {len(line)} bytes is over the {MAX_LINE}-byte atomic write limit")
    return line


class VerifiedRecords:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.rejected: list[bytes] = []  # lines that were not ours: stray or forged writes

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("kind") == kind]


def verify(key: bytes, lines: list[bytes]) -> VerifiedRecords:
    result = VerifiedRecords()
    for line in lines:
        record = _verified(key, line)
        if record is None:
            result.rejected.append(line[:200])
        else:
            result.records.append(record)
    return result


def _verified(key: bytes, line: bytes) -> dict[str, Any] | None:
    tag, _, body = line.partition(b" ")
    if len(tag) != _TAG_HEX or not body:
        return None
    if not hmac.compare_digest(tag, _tag(key, body)):
        return None
    try:
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _tag(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest()[:_TAG_HEX].encode()


def is_end_line(line: bytes) -> bool:
    """A cheap pre-check the supervisor uses to start the exit grace; verify() decides."""
    return b'"kind":"end"' in line


class Sender:
    """The child's side: signs records and writes each with one write()."""

    def __init__(self, key: bytes, fd: int):
        self.key = key
        self.fd = fd

    @classmethod
    def from_environment(cls, key: bytes) -> Sender | None:
        fd = os.environ.get(RECORD_FD_ENV)
        return cls(key, int(fd)) if fd else None

    def send(self, record: dict[str, Any]) -> None:
        os.write(self.fd, sign(self.key, record))
