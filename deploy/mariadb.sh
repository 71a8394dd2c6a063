#!/usr/bin/env bash
# A private MariaDB server under a directory of our own: no system service, no
# /etc changes. --no-defaults comes first so /etc/mysql is never read.
#
#   deploy/mariadb.sh start DIR [PORT]   initialise on first use, start, wait until it answers
#                                        (no PORT: Unix socket only, no TCP listener)
#   deploy/mariadb.sh stop DIR           clean shutdown
#   deploy/mariadb.sh sql DIR            run the mariadb client as the database admin over the socket
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|sql DIR [PORT]" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/mysqld.sock"

# The OS user that the socket authentication maps to the database admin.
admin_user=$(id -un)
user_args=()
[ "$(id -u)" -eq 0 ] && user_args=(--user=root)

mariadbd_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
install_db_bin=$(command -v mariadb-install-db || echo /usr/bin/mariadb-install-db)

client() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$sock" -u"$admin_user" "$@"; }
ping_db() { mariadb-admin --no-defaults --socket="$sock" -u"$admin_user" ping >/dev/null 2>&1; }

case "$cmd" in
  start)
    port=${3:-}
    if ping_db; then exit 0; fi
    if [ ! -d "$dir/data/mysql" ]; then
      "$install_db_bin" --no-defaults "${user_args[@]}" --datadir="$dir/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 ||
        { cat "$dir/install.log" >&2; exit 1; }
    fi
    net_args=(--skip-networking)
    [ -n "$port" ] && net_args=(--port="$port" --bind-address=127.0.0.1)
    # setsid: its own session, so a Ctrl-C meant for cftd does not reach it.
    setsid "$mariadbd_bin" --no-defaults "${user_args[@]}" --datadir="$dir/data" --socket="$sock" \
      "${net_args[@]}" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
      --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-flush-log-at-trx-commit=1 --sync-binlog=1 --max-connections=500 \
      </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 300); do
      if ping_db; then exit 0; fi
      sleep 0.1
    done
    echo "MariaDB did not start; see $dir/error.log" >&2
    tail -n 20 "$dir/error.log" >&2 || true
    exit 1
    ;;
  stop)
    if ping_db; then
      mariadb-admin --no-defaults --socket="$sock" -u"$admin_user" shutdown
    fi
    # shutdown returns once the server has finished; make sure the pid is gone.
    if [ -f "$dir/mysqld.pid" ]; then
      pid=$(cat "$dir/mysqld.pid" 2>/dev/null || true)
      for _ in $(seq 1 100); do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
    fi
    ;;
  sql)
    shift 2
    client "$@"
    ;;
  *)
    echo "unknown command: $cmd" >&2
    exit 2
    ;;
esac
