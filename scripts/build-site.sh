#!/usr/bin/env bash
# Sets up a fresh machine and builds the course site into _site/trainer and _site/participant.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product katch
.build/debug/katch build --out "${1:-_site}"
