#!/usr/bin/env bash
# Builds with AddressSanitizer and UBSan, starts a private MariaDB on a free
# port in a temporary directory, runs every test suite with ctest, always stops
# the database, and exits with ctest's status.
# Environment: CFT_TEST_JOBS (ctest parallelism, default 2), CTEST_ARGS (extra ctest arguments).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source deploy/lib/common.sh

ensure_packages "${CFT_BUILD_PACKAGES[@]}" "${CFT_TEST_PACKAGES[@]}"

build="$root/build/test"
log "building (Debug, ASan+UBSan) in build/test"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCFT_SANITIZE=ON -DCFT_BUILD_TESTS=ON \
  -DCFT_BUILD_CLIENTS=ON -DCFT_WERROR=ON >/dev/null
cmake --build "$build" -j2

tmp=$(mktemp -d /tmp/cft-test.XXXXXX)
db_dir="$tmp/mariadb"
cleanup() {
  deploy/mariadb.sh stop "$db_dir" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

port=$(free_port)
log "starting a private MariaDB on 127.0.0.1:$port"
deploy/mariadb.sh start "$db_dir" "$port"
test_pw=$(random_secret)
deploy/mariadb.sh sql "$db_dir" <<SQL
CREATE USER 'cft_test'@'%' IDENTIFIED BY '$test_pw';
GRANT ALL PRIVILEGES ON *.* TO 'cft_test'@'%' WITH GRANT OPTION;
SQL

export CFT_TEST_DB_HOST=127.0.0.1
export CFT_TEST_DB_PORT=$port
export CFT_TEST_DB_USER=cft_test
export CFT_TEST_DB_PASSWORD=$test_pw
export CFT_TEST_TMPDIR=$tmp
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0
export LSAN_OPTIONS=suppressions=$root/tests/support/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

set +e
# shellcheck disable=SC2086
ctest --test-dir "$build" --output-on-failure -j"${CFT_TEST_JOBS:-2}" ${CTEST_ARGS:-}
status=$?
set -e
exit "$status"
