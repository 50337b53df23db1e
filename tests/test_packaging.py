"""prep installs as a wheel that works anywhere, and the README's commands are what CI runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from grader.quiz.bank import load_bank

from conftest import ROOT


def test_an_installed_wheel_finds_its_quizzes_from_any_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("prep-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    # The dependencies come from this environment; a bare path line in a .pth file does not
    # run the editable-install hook that lives there, so `grader` can only come from the wheel.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PREP_HOME": str(tmp_path / "home")}
    located = subprocess.run([str(python), "-c", "import grader; print(grader.__file__)"], cwd=elsewhere,
                             check=True, capture_output=True, text=True, env=env).stdout
    assert located.startswith(str(venv))
    prep = venv / "bin" / "prep"
    check = subprocess.run([str(prep), "check", "--format", "json"], cwd=elsewhere, capture_output=True,
                           text=True, env=env)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["items"] == len(load_bank().items) > 0
    quiz = subprocess.run([str(prep), "quiz", "--count", "2", "--format", "json"], input="?\n?\n",
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert quiz.returncode == 0, quiz.stderr
    assert json.loads(quiz.stdout)["answered"] == 2
    module = subprocess.run([str(python), "-m", "grader", "--help"], cwd=elsewhere, capture_output=True, text=True,
                            env=env)
    assert module.returncode == 0 and "quiz" in module.stdout


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_opens_with_the_run_and_test_commands():
    head = (ROOT / "README.md").read_text().splitlines()[:8]
    run, test = readme_commands()[:2]
    assert run in head and test in head
    assert run.startswith("python3 -m venv .venv &&") and run.endswith("prep quiz")
    assert test.startswith("python3 -m venv .venv &&") and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command():
    test = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci


def test_the_code_is_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
