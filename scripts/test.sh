#!/usr/bin/env bash
# Sets up a fresh machine and runs every test (unit, end-to-end through tmux, headless browser), the
# results tests on both stores: SQLite, and PostgreSQL on a throw-away cluster (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --product katch
# A ceiling, so a hung child can never hold CI for long: the whole run takes about 30 s here.
timeout --kill-after=30 1500 scripts/with-postgres.sh swift test "$@"
