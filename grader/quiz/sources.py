"""`prep check --sources`: the bank's quoted messages and defaults, found in the standard library itself.

An item lists what it quotes verbatim (`quotes: ["Pool is still running"]`).
For items whose source holds for the running interpreter, every quote must
appear in that interpreter's standard library source (whitespace aside), so a
message that changed or never existed is caught. Items for other versions
are skipped: they cite that version's docs. Every item's source must also be
a docs.python.org page with an anchor.
"""

from __future__ import annotations

import ast
import re
import sys
import sysconfig
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grader.quiz.model import Item

DOCS_WITH_ANCHOR = re.compile(r"^https://docs\.python\.org/3(\.\d+)?/[\w/.-]+\.html#\S+$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SourceProblem:
    item: Item
    message: str


# Where the bank's quotes come from: the modules about processes, threads and what they share.
QUOTED_MODULES = ("multiprocessing", "concurrent", "asyncio", "threading.py", "queue.py", "pickle.py",
                  "copyreg.py", "subprocess.py", "signal.py", "os.py", "selectors.py", "socket.py")
_PLACEHOLDER = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdrifx]|\{[^{}]*\}")


@lru_cache(maxsize=1)
def stdlib_strings() -> tuple[str, ...]:
    """Every string literal of those modules, adjacent literals joined as Python joins them."""
    root = Path(sysconfig.get_paths()["stdlib"])
    files = []
    for name in QUOTED_MODULES:
        path = root / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.is_file() else []
    strings = []
    for path in files:
        strings += _literals(path)
    return tuple(strings)


def _literals(path: Path) -> list[str]:
    found, pending = [], []
    try:
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type == tokenize.STRING:
                    pending.append(_value(token.string))
                elif token.type not in (tokenize.NL, tokenize.COMMENT) and pending:
                    found.append(_SPACE.sub(" ", "".join(pending)))
                    pending = []
    except (OSError, SyntaxError, tokenize.TokenError):
        pass
    return found


def _value(literal: str) -> str:
    try:
        value = ast.literal_eval(literal)
        return value if isinstance(value, str) else ""
    except (ValueError, SyntaxError):  # an f-string: its text, with {fields} kept as placeholders
        body = literal.lstrip("rRbBuUfF")
        quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
        return body[len(quote):-len(quote)]


def found_in_stdlib(quote: str) -> bool:
    """The quote is (part of) a string in the library, where %s and {field} may stand for any text."""
    wanted = _SPACE.sub(" ", quote.strip())
    for literal in stdlib_strings():
        if wanted in literal:
            return True
        if _PLACEHOLDER.search(literal) and _as_pattern(literal).search(wanted):
            return True
    return False


@lru_cache(maxsize=4096)
def _as_pattern(literal: str) -> re.Pattern[str]:
    pieces = _PLACEHOLDER.split(literal)
    # At least some real words around the placeholders, so that "%s: %s" does not match everything.
    if sum(len(p.strip()) for p in pieces) < 12:
        return re.compile(r"(?!)")
    return re.compile(".+?".join(re.escape(p) for p in pieces))


def check_sources(items: list[Item]) -> tuple[list[SourceProblem], int, int]:
    """Problems, quotes checked, items skipped (their source is another Python version)."""
    problems, checked, skipped = [], 0, 0
    for item in items:
        if not DOCS_WITH_ANCHOR.match(item.source.url):
            problems.append(SourceProblem(item, NO_ANCHOR.format(url=item.source.url)))
        if not item.quotes:
            continue
        if not item.source.holds_for(sys.version_info[:2]):
            skipped += 1
            continue
        for quote in item.quotes:
            checked += 1
            if not found_in_stdlib(quote):
                problems.append(SourceProblem(item, NOT_FOUND.format(quote=quote, python=sys.version.split()[0])))
    return problems, checked, skipped


NO_ANCHOR = "source {url} must be a docs.python.org page with an #anchor"
NOT_FOUND = "quote {quote!r} is not in the standard library source of Python {python}"
