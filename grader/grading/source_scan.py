"""Reading the learner's source (never running it) for code that reaches into the grader.

The call trace and the result channel live in the learner's own processes, so a
determined learner could forge them; the verdict's hard facts (values computed
on unseen inputs, how processes ended, what was left behind) cannot be. This
scan names the tools that forging would need, so a reviewer sees the attempt
and the learner sees why the grading refused to trust the run.
"""

from __future__ import annotations

import ast
from pathlib import Path

# Modules no exercise needs, each a way into the interpreter the grader shares with the learner.
FORBIDDEN_MODULES = {
    "gc": "gc finds the grader's objects",
    "grader": "the grader's own package",
    "_pytest": "pytest's internals",
    "pytest": "the test framework",
    "faulthandler": "the grader's stack dumps",
}
# ctypes is fine for its C types (`Array(ctypes.c_double, n)`); these reach raw memory and the C API.
CTYPES_MEMORY = {"pythonapi", "memmove", "memset", "cast", "string_at", "wstring_at", "addressof", "pointer",
                 "POINTER", "py_object", "CDLL", "PyDLL", "cdll", "pydll", "CFUNCTYPE", "PYFUNCTYPE",
                 "from_address", "from_buffer"}
CTYPES_PROBLEM = "ctypes.{name} reaches raw memory or the C API"
# Attributes that reach into frames, globals or raw file descriptors.
FORBIDDEN_ATTRIBUTES = {
    "_getframe": "sys._getframe() reads the grader's frames",
    "f_back": "frame.f_back walks up into the grader's frames",
    "f_globals": "frame.f_globals reads the grader's globals",
    "f_locals": "frame.f_locals reads the grader's locals",
    "__globals__": "__globals__ reaches the grader's module globals",
    "_exit": "os._exit() ends the process without a verdict",
    "dup2": "os.dup2() rewires the grader's file descriptors",
}


def reaches_into_grader(path: Path) -> list[tuple[int, str]]:
    """(line, what) for every construct in the file that reaches into the grader; [] if it does not parse."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"), filename=str(path))
    except (SyntaxError, ValueError):
        return []  # the import itself fails and is reported as such
    found = []
    for node in ast.walk(tree):
        for problem in _problems(node):
            found.append((node.lineno, problem))
    return sorted(set(found))


def _problems(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [FORBIDDEN_MODULES[root] for alias in node.names
                if (root := alias.name.split(".")[0]) in FORBIDDEN_MODULES]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        root = node.module.split(".")[0]
        if root in FORBIDDEN_MODULES:
            return [FORBIDDEN_MODULES[root]]
        if root in ("os", "sys", "ctypes"):
            return [p for alias in node.names if (p := _attribute_problem(root, alias.name))]
        return []
    if isinstance(node, ast.Attribute):
        owner = node.value.id if isinstance(node.value, ast.Name) else None
        problem = _attribute_problem(owner, node.attr)
        return [problem] if problem else []
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
        return ["__import__() hides what is imported"]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("/proc"):
        return ["/proc reads the grader's processes"]
    return []


def _attribute_problem(owner: str | None, attribute: str) -> str | None:
    if attribute in CTYPES_MEMORY and (owner == "ctypes" or attribute.startswith("from_")):
        return CTYPES_PROBLEM.format(name=attribute)
    if attribute == "write":
        return "os.write() writes to raw file descriptors, the grader's included" if owner == "os" else None
    return FORBIDDEN_ATTRIBUTES.get(attribute)
