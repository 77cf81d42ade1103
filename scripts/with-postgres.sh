#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on loopback, then removes it.
#   scripts/with-postgres.sh cargo test -p poll-server
# The command sees DATABASE_URL_PG=postgres://postgres@127.0.0.1:PORT/postgres,
# and WITH_POSTGRES_CTL, a script that stops and starts this cluster
# (`$WITH_POSTGRES_CTL stop` / `$WITH_POSTGRES_CTL start`), for outage tests.
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql);
# PG_BIN overrides where they are.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: no PostgreSQL server binaries found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run it as an unprivileged user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres
  id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
  as_pg=(runuser -u "$pg_user" --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")
chmod 755 "$dir"
[ ${#as_pg[@]} -gt 0 ] && chown "$pg_user" "$dir"

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# A free loopback port: let the kernel pick one.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# stop: immediate, as a crash would (no checkpoint); start: the same cluster again.
cat >"$dir/ctl" <<CTL
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  stop) exec ${as_pg[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop ;;
  start) exec ${as_pg[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \\
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod 755 "$dir/ctl"
"$dir/ctl" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export DATABASE_URL_PG="postgres://postgres@127.0.0.1:$port/postgres"
export WITH_POSTGRES_CTL="$dir/ctl"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
exit $status
