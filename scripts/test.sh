#!/usr/bin/env bash
# The test command: installs what the real-tier tests need (as root, from Debian's packages), starts
# MariaDB on loopback in a temp directory unless BILLFORU_TEST_MYSQL points at a server, runs every
# test project, stops what it started, and prints one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_packages+=(mariadb-server)
# The dashboard's browser test drives Debian's Chromium headless (Playwright's own browser download does not work here).
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
# The cluster drills (test/Cluster.Tests) start their own redis-server on a free loopback port.
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need_packages+=(redis-server)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: ${need_packages[*]} missing and not root: install them with apt-get first." >&2
    exit 1
  fi
  echo "== installing ${need_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"

work=$(mktemp -d -t billforu-test-XXXXXX)
mariadb_pid=""
cleanup() {
  if [ -n "$mariadb_pid" ] && kill -0 "$mariadb_pid" 2>/dev/null; then
    kill "$mariadb_pid" && wait "$mariadb_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${BILLFORU_TEST_MYSQL:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  user_arg=""; [ "$(id -u)" = 0 ] && user_arg="--user=root"
  mariadb-install-db --no-defaults --datadir="$work/mysql" $user_arg --auth-root-authentication-method=normal --skip-test-db >"$work/install.log" 2>&1
  mariadbd --no-defaults --datadir="$work/mysql" --socket="$work/mysqld.sock" --pid-file="$work/mysqld.pid" \
    --port="$port" --bind-address=127.0.0.1 $user_arg --local-infile=1 --innodb-buffer-pool-size=2G \
    --innodb-log-file-size=512M --innodb-flush-log-at-trx-commit=2 --skip-name-resolve \
    --log-error="$work/mysqld.err" >/dev/null 2>&1 &
  mariadb_pid=$!
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot ping >/dev/null
  export BILLFORU_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=root;AllowLoadLocalInfile=true"
  echo "== MariaDB on 127.0.0.1:$port (pid $mariadb_pid)"
fi

status=0
dotnet test BillForU.sln -c Release "$@" 2>&1 | tee "$work/test.log" || status=$?

awk '
  /(Passed|Failed)!  - Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i+1);
      if ($i == "Passed:") passed += $(i+1);
      if ($i == "Skipped:") skipped += $(i+1);
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$work/test.log"
exit $status
