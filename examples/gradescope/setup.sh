#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image; the autograder zip is
# unpacked in /autograder/source. It installs Python (3.10 or newer) and prep in a virtual environment,
# then grades a reference solution so that a broken image fails here, not on the learners' submissions.
set -euo pipefail

SOURCE=${PREP_SOURCE_DIR:-/autograder/source}
VENV=${PREP_VENV:-/autograder/prep-venv}

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3 python3-venv python3-pip ca-certificates

PYTHON=python3
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    # Ubuntu 20.04 and older ship Python 3.8: prep needs 3.10 or newer.
    apt-get install -y -q --no-install-recommends software-properties-common gpg-agent
    add-apt-repository -y ppa:deadsnakes/ppa
    apt-get update -q
    apt-get install -y -q --no-install-recommends python3.11 python3.11-venv
    PYTHON=python3.11
fi

"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip

# prep itself: a wheel put in the zip (preferred: the grader is pinned with the assignment), else a
# checkout of the repository in the zip (folder prep/), else PREP_PACKAGE (any pip requirement).
shopt -s nullglob
wheels=("$SOURCE"/prep-*.whl)
if [ ${#wheels[@]} -gt 0 ]; then
    "$VENV/bin/python" -m pip install -q "${wheels[@]}"
elif [ -f "$SOURCE/prep/pyproject.toml" ]; then
    "$VENV/bin/python" -m pip install -q "$SOURCE/prep"
elif [ -n "${PREP_PACKAGE:-}" ]; then
    "$VENV/bin/python" -m pip install -q "$PREP_PACKAGE"
else
    echo "setup.sh: put prep's wheel (prep-*.whl) or its repository (prep/) in the autograder zip" >&2
    exit 1
fi

# Self-test: the reference solution of exercise01 must pass in this image, under every start method.
if [ "${PREP_SELF_TEST:-1}" != 0 ]; then
    check=$(mktemp -d)
    mkdir "$check/submission"
    "$VENV/bin/python" - "$check/submission" <<'PY'
import shutil
import sys

from grader.exercises.catalogue import find_exercise

exercise = find_exercise("exercise01")
shutil.copy(exercise.solution, f"{sys.argv[1]}/{exercise.file}")
PY
    "$VENV/bin/prep" autograder --submission "$check/submission" --results "$check/results.json" exercise01
    "$VENV/bin/python" - "$check/results.json" <<'PY'
import json
import sys

results = json.load(open(sys.argv[1]))
failed = [t["name"] for t in results["tests"] if t["status"] != "passed"]
if not results["tests"] or failed:
    sys.exit(f"setup.sh: the reference solution does not pass in this image:\n{results['output']}")
print(f"setup.sh: prep works here ({len(results['tests'])} checks passed on the reference solution).")
PY
    rm -rf "$check"
fi
