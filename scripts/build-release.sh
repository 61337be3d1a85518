#!/usr/bin/env bash
# Builds the katch binary to use and to measure: optimised, with the Swift runtime and Foundation
# linked in (a dynamically linked Foundation costs every katch process ~9 ms of start-up).
#   scripts/build-release.sh [SCRATCH]   → SCRATCH/release/katch (default .build-release)
# It then needs only Debian's libcmark0.30.2, libsqlite3-0 and libmimalloc2.0 at run time (and
# libpq5 for a PostgreSQL store, loaded only then).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scratch="${1:-.build-release}"
swift build -c release --product katch --static-swift-stdlib --scratch-path "$scratch"
echo "$scratch/release/katch"
