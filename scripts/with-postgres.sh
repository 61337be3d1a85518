#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster: initdb + pg_ctl in a temporary folder,
# listening on 127.0.0.1 on a free port, password authentication, stopped and removed on exit.
# The command gets KATCH_TEST_POSTGRES=postgres://katch:PASSWORD@127.0.0.1:PORT/postgres (a
# superuser the tests create their own databases and roles with).
#   scripts/with-postgres.sh swift test
set -euo pipefail
bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
if [ -z "$bin" ]; then
  initdb_path=$(command -v initdb || true)
  [ -n "$initdb_path" ] && bin=$(dirname "$initdb_path")
fi
if [ -z "$bin" ]; then
  echo "with-postgres: no initdb found (install Debian's postgresql package: scripts/install-deps.sh --test)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/katch-pg.XXXXXX)
# initdb refuses to run as root: the cluster belongs to the postgres user then.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap "exit 143" TERM INT HUP
# A throw-away cluster need not survive a crash (faster tests); KATCH_PG_DURABLE=1 keeps the
# defaults (for benchmarks).
settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${KATCH_PG_DURABLE:-}" = "1" ] && settings=""
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$password" > "$dir/pw"
chmod 600 "$dir/pw"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir/pw"
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U katch --pwfile="$dir/pw" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 $settings" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export KATCH_TEST_POSTGRES="postgres://katch:$password@127.0.0.1:$port/postgres"
export KATCH_TEST_POSTGRES_BIN="$bin"
export KATCH_TEST_POSTGRES_DATA="$dir/data"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
set +e
"$@"
status=$?
exit $status
