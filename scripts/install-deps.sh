#!/usr/bin/env bash
# Installs the Debian packages katch needs, only those that are missing.
#   scripts/install-deps.sh            build dependencies (libcmark, SQLite, libpq, mimalloc, pkg-config)
#   scripts/install-deps.sh --test     also what the end-to-end tests drive (tmux, headless Chromium, fonts)
#                                      and the PostgreSQL server the results tests start a throw-away cluster of
set -euo pipefail
packages=(libcmark-dev libsqlite3-dev libpq-dev libmimalloc-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  packages+=(tmux chromium fonts-dejavu-core poppler-utils postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
