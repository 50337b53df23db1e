"""`prep dev check`: proof that every exercise's content and hidden tests are right.

For every exercise and start method: the stub fails (with "not implemented"),
the reference solution passes, every other correct style passes, and every
known mistake fails with the rule it breaks. The variants live in a checkout
under `tests/exercise_variants/<exercise>/`, each headed by `# expect: pass`
or `# expect: fail <rule>`. It also checks the catalogue itself: prompts,
stubs, solutions and hidden tests exist, and topics are quiz topics.
"""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader.exercises.catalogue import Exercise, load_catalogue
from grader.grading.grade import HIDDEN_PACKAGE, GradeResult, grade, start_methods
from grader.grading.messages import RULES
from grader.paths import PACKAGE_DIR

VARIANTS_DIR = PACKAGE_DIR.parent / "tests" / "exercise_variants"


@dataclass(frozen=True)
class Expectation:
    kind: str  # "pass" or "fail"
    rule: str | None = None

    @property
    def label(self) -> str:
        return f"fail {self.rule}" if self.kind == "fail" and self.rule else self.kind


@dataclass
class Proof:
    """One graded file and whether it got the verdict it should."""

    exercise: str
    file: str
    expected: str  # "pass", "fail not-implemented", "fail <rule>"
    ok: bool
    got: str  # what happened, in a few words
    duration_s: float = 0.0


@dataclass
class DevReport:
    proofs: list[Proof] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # catalogue problems, not tied to a grading

    @property
    def ok(self) -> bool:
        return not self.problems and all(p.ok for p in self.proofs)

    def as_json(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "proofs": [asdict(p) for p in self.proofs]}


def read_header(path: Path) -> dict[str, str]:
    """The `# key: value` lines that head a variant (`expect`, and for golden situations `methods`...)."""
    fields = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("# ") or ":" not in line:
            break
        key, _, value = line[2:].partition(":")
        fields[key.strip()] = value.strip()
    return fields


def read_expectation(path: Path) -> Expectation | None:
    """The `# expect: pass` or `# expect: fail RULE` header of a variant, or None if it has none."""
    kind, *rule = read_header(path).get("expect", "").split() or [""]
    return Expectation(kind, rule[0] if rule else None) if kind in ("pass", "fail") else None


def read_variants(exercises: list[Exercise], variants: Path | None) -> dict[str, list[tuple[Path, Expectation | None]]]:
    """Each exercise's variant files with their expectations (None: the header is missing)."""
    if variants is None:
        return {}
    return {e.id: [(f, read_expectation(f)) for f in sorted((variants / e.id).glob("*.py"))] for e in exercises}


def check_catalogue(exercises: list[Exercise], variants: dict[str, list[tuple[Path, Expectation | None]]],
                    quiz_topics: set[str]) -> list[str]:
    problems = []
    seen_slugs: dict[str, str] = {}
    for exercise in exercises:
        where = exercise.folder.name
        for label, path in (("prompt", exercise.prompt), ("stub", exercise.stub), ("solution", exercise.solution)):
            if not path.is_file():
                problems.append(f"{where}: no {label} at {path}")
        if importlib.util.find_spec(f"{HIDDEN_PACKAGE}.test_{exercise.id}") is None:
            problems.append(f"{where}: no hidden tests ({HIDDEN_PACKAGE}.test_{exercise.id})")
        if exercise.slug in seen_slugs:
            problems.append(f"{where}: slug {exercise.slug!r} is also {seen_slugs[exercise.slug]}'s")
        seen_slugs[exercise.slug] = exercise.id
        problems += [f"{where}: topic {t!r} is not a quiz topic" for t in exercise.topics if t not in quiz_topics]
        if exercise.id not in variants:
            continue
        expectations = variants[exercise.id]
        problems += [f"{f}: no '# expect: pass' or '# expect: fail <rule>' header" for f, e in expectations if not e]
        problems += [f"{f}: unknown rule {e.rule!r}" for f, e in expectations
                     if e and e.kind == "fail" and e.rule not in RULES]
        kinds = [e.kind for _, e in expectations if e]
        if kinds.count("pass") < 2 or kinds.count("fail") < 5:
            problems.append(f"{where}: {kinds.count('pass')} passing and {kinds.count('fail')} failing variants; "
                            "at least 2 and 5 are needed")
    return problems


def judge(exercise: str, path: Path, expected: Expectation, result: GradeResult) -> Proof:
    failed = [c for c in result.checks if not c.passed]
    failed_rules = sorted({c.rule or c.id for c in failed})
    if expected.kind == "pass":
        ok = result.passed
        got = "passed" if ok else "failed: " + ", ".join(failed_rules)
    elif expected.rule == "not-implemented":
        ok = bool(result.checks) and result.score == 0 and all(c.rule == "not-implemented" for c in failed)
        got = "failed: " + ", ".join(failed_rules) if failed else "passed"
    else:
        ok = expected.rule in failed_rules
        got = "passed" if result.passed else "failed: " + ", ".join(failed_rules)
    return Proof(exercise, str(path), expected.label, ok, got, round(result.duration_s, 2))


def run_dev_check(names: list[str] | None = None, start_method: str | None = None,
                  variants: Path | None = None) -> DevReport:
    from grader.quiz.bank import load_bank

    catalogue = load_catalogue()
    chosen = [e for e in catalogue if not names or e.id in names or e.slug in names]
    variants = variants if variants is not None else (VARIANTS_DIR if VARIANTS_DIR.is_dir() else None)
    report = DevReport()
    topics = set(load_bank().topics)
    found = read_variants(chosen, variants)
    report.problems = check_catalogue(chosen, found, topics)
    methods = start_methods(start_method)
    jobs: list[tuple[Exercise, Path, Expectation]] = []
    for exercise in chosen:
        jobs.append((exercise, exercise.stub, Expectation("fail", "not-implemented")))
        jobs.append((exercise, exercise.solution, Expectation("pass")))
        jobs += [(exercise, path, expected) for path, expected in found.get(exercise.id, []) if expected]

    def one(job: tuple[Exercise, Path, Expectation]) -> Proof:
        exercise, path, expected = job
        if not path.is_file():
            return Proof(exercise.id, str(path), expected.label, False, "missing file")
        return judge(exercise.id, path, expected, grade(exercise, path, methods))

    # Gradings overlap; how many sandboxed children run at once is bounded inside `grade`.
    with ThreadPoolExecutor(max_workers=8) as pool:
        report.proofs = list(pool.map(one, jobs))
    return report


def print_dev_report(report: DevReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table("exercise", "stub fails", "solution passes", "variants right", "slowest s")
    for exercise in sorted({p.exercise for p in report.proofs}):
        mine = [p for p in report.proofs if p.exercise == exercise]
        stub = [p for p in mine if p.expected == "fail not-implemented"]
        solution = [p for p in mine if p.expected == "pass" and "/solutions/" in p.file]
        variants = [p for p in mine if p not in stub and p not in solution]
        table.add_row(exercise, _mark(stub), _mark(solution),
                      f"{sum(p.ok for p in variants)}/{len(variants)}", f"{max(p.duration_s for p in mine):.2f}")
    console.print(table)
    for problem in report.problems:
        console.print(f"[red]✗[/] {problem}")
    for proof in report.proofs:
        if not proof.ok:
            console.print(f"[red]✗[/] {proof.file}: expected {proof.expected}, {proof.got}")
    console.print("[green]All proven.[/]" if report.ok else "[red]Not proven:[/] see above.")


def _mark(proofs: list[Proof]) -> str:
    return "✓" if proofs and all(p.ok for p in proofs) else "✗"
