#!/usr/bin/env bash
# Builds the autograder zip for Gradescope from this checkout: setup.sh, run_autograder, exercises.txt
# and prep's wheel, at the top of the zip, executable bits kept.
#   examples/gradescope/build.sh [OUTPUT.zip]        (default: examples/gradescope/autograder.zip)
# PYTHON picks the interpreter (default python3); PIP_WHEEL_OPTIONS adds options to `pip wheel`
# (e.g. --no-build-isolation when hatchling is installed and there is no network).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}
output=$(realpath -m "${1:-$here/autograder.zip}")

build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
# shellcheck disable=SC2086  # PIP_WHEEL_OPTIONS is a list of options
"$python" -m pip wheel --no-deps --quiet ${PIP_WHEEL_OPTIONS:-} --wheel-dir "$build" "$repo"
cp "$here/setup.sh" "$here/run_autograder" "$here/exercises.txt" "$build/"
mkdir -p "$(dirname "$output")"
rm -f "$output"
# Each file goes in under its own name, at the top of the zip, as Gradescope expects.
"$python" -m zipfile -c "$output" "$build"/setup.sh "$build"/run_autograder "$build"/exercises.txt "$build"/prep-*.whl
echo "Wrote $output: upload it as the assignment's autograder (Configure Autograder > Zip file upload)."
