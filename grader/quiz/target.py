"""Which Python version and platform an answer is asked for.

Some answers depend on them (the default start method, `Queue.qsize()` on
macOS). Items model that as variants keyed by a version spec and platforms;
the quiz asks for the running interpreter's unless told otherwise.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

PLATFORMS = ("linux", "macos", "windows")
PLATFORM_TITLES = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}

# The versions a variant set must cover when an item has no default answer.
KNOWN_MINORS = tuple((3, minor) for minor in range(8, 21))

_VERSION = re.compile(r"^3\.(\d{1,2})$")
_CLAUSE = re.compile(r"^(>=|<=|==|>|<)?\s*3\.(\d{1,2})$")


@dataclass(frozen=True)
class Target:
    """A Python minor version on a platform."""

    python: tuple[int, int]
    platform: str

    def __str__(self) -> str:
        return f"Python {self.python[0]}.{self.python[1]} on {PLATFORM_TITLES[self.platform]}"


def current_platform() -> str:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    return "linux"


def parse_version(text: str) -> tuple[int, int]:
    """'3.14' -> (3, 14); raises ValueError with a readable reason."""
    match = _VERSION.match(str(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not a Python 3 version like 3.14")
    return (3, int(match.group(1)))


def make_target(python: str | None = None, platform: str | None = None) -> Target:
    """The target for `--python`/`--platform`, defaulting to this interpreter."""
    version = parse_version(python) if python else sys.version_info[:2]
    chosen = (platform or current_platform()).lower()
    if chosen not in PLATFORMS:
        raise ValueError(f"{platform!r} is not one of {', '.join(PLATFORMS)}")
    return Target(python=(version[0], version[1]), platform=chosen)


@dataclass(frozen=True)
class VersionSpec:
    """A conjunction like '>=3.8,<3.14'; the empty spec matches every version."""

    clauses: tuple[tuple[str, tuple[int, int]], ...] = ()

    @classmethod
    def parse(cls, text: str) -> VersionSpec:
        clauses = []
        for raw in str(text).split(","):
            part = raw.strip()
            match = _CLAUSE.match(part)
            if not match:
                raise ValueError(
                    f"{part!r} is not a version clause like '>=3.14', '<3.14' or '3.13'"
                )
            clauses.append((match.group(1) or "==", (3, int(match.group(2)))))
        return cls(tuple(clauses))

    def matches(self, version: tuple[int, int]) -> bool:
        checks = {
            ">=": lambda v, b: v >= b,
            "<=": lambda v, b: v <= b,
            ">": lambda v, b: v > b,
            "<": lambda v, b: v < b,
            "==": lambda v, b: v == b,
        }
        return all(checks[op](version, bound) for op, bound in self.clauses)
