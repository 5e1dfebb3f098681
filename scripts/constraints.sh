#!/usr/bin/env bash
# Write constraints.txt: the exact version of every package in the virtual environment the tests
# passed on (factsheet itself left out), so a cron deployment installs the same set:
#   pip install -c constraints.txt .          (or ".[fast]" for orjson)
# Run it after changing a dependency in pyproject.toml and installing it (tests/test_packaging.py checks).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
{
  echo "# Exact versions factsheet's tests pass on; install with: pip install -c constraints.txt ."
  echo "# Written by scripts/constraints.sh from $VENV (pip freeze, the project itself left out)."
  "$VENV/bin/python" -m pip freeze --exclude-editable --all 2>/dev/null \
    | grep -v -i -E '^(factsheet|pip|setuptools|wheel)==' | LC_ALL=C sort -f
} > constraints.txt
echo "wrote constraints.txt ($(grep -c '==' constraints.txt) packages)"
