#!/usr/bin/env bash
# Sets up a fresh machine and runs every test (unit, end-to-end through tmux, headless browser).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --product katch
swift test
