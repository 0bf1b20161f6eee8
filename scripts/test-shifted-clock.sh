#!/usr/bin/env bash
# Runs the time-sensitive part of the suite under a shifted system clock (libfaketime), to prove
# that no test depends on the day it runs: far in the future, and in the past. Child processes
# (the `nunchi` CLI the tests start) inherit the shifted clock through LD_PRELOAD.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:shifted-clock needs libfaketime: apt-get install -y faketime" >&2
  exit 1
fi

for offset in '+400d' '-30d'; do
  echo "== the suite's clock-sensitive tests with the clock shifted by ${offset}"
  faketime -f "${offset}" npx vitest run tests/cli tests/integration tests/unit
done
