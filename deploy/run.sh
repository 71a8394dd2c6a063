#!/usr/bin/env bash
# Builds the platform, starts a private MariaDB under var/, migrates, makes TLS
# certificates, and runs cftd on 127.0.0.1:50051 until Ctrl-C or SIGTERM.
#   ./deploy/run.sh          serve
#   ./deploy/run.sh --demo   also seed a demo organisation and print its sign-ins
# Environment: CFT_LISTEN (default 127.0.0.1:50051), CFT_BUILD_CLIENTS (ON/OFF, default ON),
#   CFT_VAR_DIR (default var/), CFT_BUILD_DIR (default build/release).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source deploy/lib/common.sh

demo=0
for arg in "$@"; do
  case "$arg" in
    --demo) demo=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown option: $arg (try --help)" ;;
  esac
done

ensure_packages "${CFT_BUILD_PACKAGES[@]}"

build=${CFT_BUILD_DIR:-$root/build/release}
log "building (Release) in $build"
select_compiler_launcher
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCFT_BUILD_TESTS=OFF \
  -DCFT_BUILD_CLIENTS="${CFT_BUILD_CLIENTS:-ON}" "$CFT_CMAKE_LAUNCHER" >/dev/null
cmake --build "$build" -j2 >/dev/null
cftd="$build/services/server/cftd"
cftctl="$build/services/cli/cftctl"

var=${CFT_VAR_DIR:-$root/var}
mkdir -p "$var"
var=$(cd "$var" && pwd)
mkdir -p "$var/secrets"
chmod 700 "$var" "$var/secrets"
ensure_secret_file "$var/secrets/db-owner.password"
ensure_secret_file "$var/secrets/db-app.password"

db_dir="$var/mariadb"
sock="$db_dir/mysqld.sock"
log "starting MariaDB in $db_dir (Unix socket only)"
deploy/mariadb.sh start "$db_dir"

cftd_pid=""
stop_all() {
  trap - EXIT INT TERM
  if [ -n "$cftd_pid" ] && kill -0 "$cftd_pid" 2>/dev/null; then
    kill -TERM "$cftd_pid" 2>/dev/null || true
    wait "$cftd_pid" 2>/dev/null || true
  fi
  log "stopping MariaDB"
  deploy/mariadb.sh stop "$db_dir" || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Accounts are (re)asserted on every run: idempotent, and it repairs a
# password file that was replaced by hand.
owner_pw=$(cat "$var/secrets/db-owner.password")
app_pw=$(cat "$var/secrets/db-app.password")
deploy/mariadb.sh sql "$db_dir" <<SQL
CREATE DATABASE IF NOT EXISTS cft CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'cft_owner'@'localhost' IDENTIFIED BY '$owner_pw';
ALTER USER 'cft_owner'@'localhost' IDENTIFIED BY '$owner_pw';
GRANT ALL PRIVILEGES ON cft.* TO 'cft_owner'@'localhost' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'cft_app'@'localhost' IDENTIFIED BY '$app_pw';
ALTER USER 'cft_app'@'localhost' IDENTIFIED BY '$app_pw';
SQL

db_flags=(--db_socket="$sock" --db_name=cft)
log "applying migrations"
"$cftctl" migrate "${db_flags[@]}" --db_user=cft_owner \
  --db_password_file="$var/secrets/db-owner.password" --app_user=cft_app --app_host=localhost

deploy/tls.sh "$var/tls"

app_flags=("${db_flags[@]}" --db_user=cft_app --db_password_file="$var/secrets/db-app.password")
if [ "$demo" -eq 1 ]; then
  log "seeding the demo organisation"
  "$cftctl" seed-demo "${app_flags[@]}"
fi

listen=${CFT_LISTEN:-127.0.0.1:50051}
log "starting cftd on $listen (TLS; CA certificate: $var/tls/ca.pem). Ctrl-C stops it."
"$cftd" "${app_flags[@]}" --listen="$listen" \
  --tls_cert="$var/tls/server.pem" --tls_key="$var/tls/server.key" &
cftd_pid=$!
set +e
wait "$cftd_pid"
status=$?
set -e
cftd_pid=""
exit "$status"
