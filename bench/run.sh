#!/usr/bin/env bash
# The benchmark: builds Release in build/bench, starts its own MariaDB, cftd
# and the bare echo server (TLS, same certificate and thread limit), makes the
# measured data through cftctl and the RPCs, measures every workload against
# its ceiling, then the reads against a second database holding 5,000 cohorts
# (its own cftd) in alternating rounds, prints the table and writes it to
# build/bench/last-run.txt. Always stops what it started.
#   ./bench/run.sh [--duration=SECONDS] [--warmup=SECONDS] [--callers=N] [--channels=N]
#                  [--only=WORKLOAD,...] [--no-scale] [--perf]
# --perf records a system-wide perf profile of each cftd workload's window into
#   build/bench/perf/ (the profiler slows the run, so its table goes there too,
#   not to last-run.txt). Read one with: perf report -i FILE --no-children --sort dso,sym
# Environment: CFT_BENCH_BUILD_DIR (default build/bench), CFT_BENCH_MAX_THREADS (cftd's and
#   the echo server's --max_threads, default 64), CFT_BENCH_POOL (cftd's --db_pool_size, default 32),
#   CFT_BENCH_MEASURE_PARTICIPANTS (SubmitResponse's participants, 12 calls each; default 896),
#   CFT_BENCH_LOCK (if this file exists, the whole run holds it, so that no build shares the
#   cores with a measurement; default /work/dev/build.lock, the development machines' build lock;
#   empty: no lock).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source deploy/lib/common.sh

duration=8
warmup=2
callers=32
channels=8
only=""
scale_cohorts=5000
perf=0
for arg in "$@"; do
  case "$arg" in
    --duration=*) duration=${arg#*=} ;;
    --warmup=*) warmup=${arg#*=} ;;
    --callers=*) callers=${arg#*=} ;;
    --channels=*) channels=${arg#*=} ;;
    --only=*) only=${arg#*=} ;;
    --no-scale) scale_cohorts=0 ;;
    --perf) perf=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) die "unknown option: $arg (try --help)" ;;
  esac
done

# What deploy/run.sh needs, less the Qt clients the benchmark does not build.
bench_packages=()
for pkg in "${CFT_BUILD_PACKAGES[@]}"; do
  case "$pkg" in qt6-*|libqt6*|fonts-*) ;; *) bench_packages+=("$pkg") ;; esac
done
[ "$perf" -eq 1 ] && bench_packages+=(linux-perf)
ensure_packages "${bench_packages[@]}"

# Held until this script exits. The servers are started with it closed
# ({lock_fd}>&-), so one that outlived us could not keep it.
lock=${CFT_BENCH_LOCK-/work/dev/build.lock}
if [ -n "$lock" ] && [ -e "$lock" ] && command -v flock >/dev/null; then
  exec {lock_fd}>>"$lock"
  log "waiting for $lock: builds and measurements take turns on the cores"
  flock "$lock_fd"
else
  exec {lock_fd}</dev/null
fi

build=${CFT_BENCH_BUILD_DIR:-$root/build/bench}
mkdir -p "$build"
build=$(cd "$build" && pwd)
log "building (Release) in $build"
select_compiler_launcher
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCFT_BUILD_TESTS=OFF -DCFT_BUILD_CLIENTS=OFF \
  -DCFT_BUILD_BENCH=ON "$CFT_CMAKE_LAUNCHER" >/dev/null
cmake --build "$build" -j2 --target cftd cftctl cft_bench cft_bench_echo >/dev/null
cftd="$build/services/server/cftd"
cftctl="$build/services/cli/cftctl"
bench="$build/bench/cft_bench"
echo_server="$build/bench/cft_bench_echo"

# A fresh database on every run, so every run measures the same data.
var="$build/var"
db_dir="$var/mariadb"
deploy/mariadb.sh stop "$db_dir" >/dev/null 2>&1 || true
rm -rf "$var"
mkdir -p "$var/secrets"
chmod 700 "$var" "$var/secrets"
ensure_secret_file "$var/secrets/db-owner.password"
ensure_secret_file "$var/secrets/db-app.password"
ensure_secret_file "$var/secrets/clinician.password"

cftd_pid=""
cftd_scale_pid=""
echo_pid=""
bench_pid=""
stop_process() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
stop_all() {
  trap - EXIT INT TERM
  stop_process "$bench_pid"
  stop_process "$cftd_pid"
  stop_process "$cftd_scale_pid"
  stop_process "$echo_pid"
  deploy/mariadb.sh stop "$db_dir" >/dev/null 2>&1 || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting MariaDB in $db_dir (Unix socket only, durable commits)"
deploy/mariadb.sh start "$db_dir" {lock_fd}>&-
sock="$db_dir/mysqld.sock"
owner_pw=$(cat "$var/secrets/db-owner.password")
app_pw=$(cat "$var/secrets/db-app.password")
# The accounts deploy/run.sh makes (an owner for migrations, cftd's own), for
# two databases: cft holds the ten measured cohorts, cft_scale the same ten
# plus the bulk rows. Each gets its own cftd, so the reads can be measured
# against both in alternating rounds.
databases=(cft)
[ "$scale_cohorts" -gt 0 ] && databases+=(cft_scale)
{
  echo "CREATE USER 'cft_owner'@'localhost' IDENTIFIED BY '$owner_pw';"
  echo "CREATE USER 'cft_app'@'localhost' IDENTIFIED BY '$app_pw';"
  for db in "${databases[@]}"; do
    echo "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "GRANT ALL PRIVILEGES ON $db.* TO 'cft_owner'@'localhost' WITH GRANT OPTION;"
  done
} | deploy/mariadb.sh sql "$db_dir"
deploy/tls.sh "$var/tls"
app_flags=(--db_socket="$sock" --db_user=cft_app --db_password_file="$var/secrets/db-app.password")

clinicians=()
for i in $(seq -w 1 10); do clinicians+=("clinician$i@bench.cft.example"); done
for db in "${databases[@]}"; do
  "$cftctl" migrate --db_socket="$sock" --db_name="$db" --db_user=cft_owner \
    --db_password_file="$var/secrets/db-owner.password" --app_user=cft_app --app_host=localhost >/dev/null
  # The people the load client signs in as are real accounts, made by cftctl.
  log "$db: the organisation and ${#clinicians[@]} clinicians, made with cftctl"
  org=$("$cftctl" create-org "${app_flags[@]}" --db_name="$db" --name="Bench Clinic")
  for email in "${clinicians[@]}"; do
    "$cftctl" create-user "${app_flags[@]}" --db_name="$db" --org="$org" --role=clinician --email="$email" \
      --name="Bench Clinician ${email:9:2}" --password_stdin <"$var/secrets/clinician.password" >/dev/null
  done
done

threads=${CFT_BENCH_MAX_THREADS:-64}
"$echo_server" --listen=127.0.0.1:0 --port_file="$var/echo.port" --tls_cert="$var/tls/server.pem" \
  --tls_key="$var/tls/server.key" --max_threads="$threads" >"$var/echo.log" 2>&1 {lock_fd}>&- &
echo_pid=$!
start_cftd() {  # DATABASE; sets started_pid
  "$cftd" "${app_flags[@]}" --db_name="$1" --listen=127.0.0.1:0 --port_file="$var/$1.port" \
    --tls_cert="$var/tls/server.pem" --tls_key="$var/tls/server.key" --max_threads="$threads" \
    --db_pool_size="${CFT_BENCH_POOL:-32}" >"$var/cftd-$1.log" 2>&1 {lock_fd}>&- &
  started_pid=$!
}
start_cftd cft
cftd_pid=$started_pid
if [ "$scale_cohorts" -gt 0 ]; then
  start_cftd cft_scale
  cftd_scale_pid=$started_pid
fi
wait_for_port() {  # PORT_FILE PID LOG NAME
  for _ in $(seq 1 300); do
    [ -s "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 20 "$3" >&2; die "$4 did not start"; }
    sleep 0.1
  done
  die "$4 did not report its port"
}
wait_for_port "$var/echo.port" "$echo_pid" "$var/echo.log" "the echo server"
wait_for_port "$var/cft.port" "$cftd_pid" "$var/cftd-cft.log" "cftd (cft)"
scale_flags=(--scale_cohorts="$scale_cohorts")
if [ "$scale_cohorts" -gt 0 ]; then
  wait_for_port "$var/cft_scale.port" "$cftd_scale_pid" "$var/cftd-cft_scale.log" "cftd (cft_scale)"
  scale_flags+=(--cftd_scale="127.0.0.1:$(cat "$var/cft_scale.port")" --cftd_scale_pid="$cftd_scale_pid"
    --db_scale_name=cft_scale)
fi
log "serving: cftd pid $cftd_pid (cft)${cftd_scale_pid:+, cftd pid $cftd_scale_pid (cft_scale)}, echo pid $echo_pid"

header=$(
  printf 'CFT benchmark, %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'commit %s%s; Release build; %s cores (%s); %s\n' \
    "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$([ -n "$(git status --porcelain 2>/dev/null)" ] && echo ' (uncommitted changes)')" \
    "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(mariadbd --version 2>/dev/null | sed 's/.*Ver \([^ ]*\).*/MariaDB \1/')"
  printf 'cftd --max_threads=%s --db_pool_size=%s; load client, cftd and MariaDB share the machine\n' \
    "$threads" "${CFT_BENCH_POOL:-32}"
)
printf '%s\n\n' "$header"

report="$build/last-run.txt"
measure_flags=()
[ -n "${CFT_BENCH_MEASURE_PARTICIPANTS:-}" ] && measure_flags=(--measure_participants="$CFT_BENCH_MEASURE_PARTICIPANTS")
perf_flags=()
if [ "$perf" -eq 1 ]; then
  rm -rf "$build/perf"
  mkdir -p "$build/perf"
  perf_flags=(--perf_dir="$build/perf")
  report="$build/perf/report.txt"
  header="$header
PROFILED RUN: perf records every cftd window, so these rates are below an unprofiled run's"
fi

set +e
"$bench" --cftd="127.0.0.1:$(cat "$var/cft.port")" --echo="127.0.0.1:$(cat "$var/echo.port")" \
  --ca_cert="$var/tls/ca.pem" --cftd_pid="$cftd_pid" --echo_pid="$echo_pid" \
  --db_pid="$(cat "$db_dir/mysqld.pid")" "${app_flags[@]}" --db_name=cft "${scale_flags[@]}" \
  --clinicians="$(IFS=,; echo "${clinicians[*]}")" --password_file="$var/secrets/clinician.password" \
  --callers="$callers" --channels="$channels" --warmup="${warmup}s" --duration="${duration}s" \
  --only="$only" --out="$var/report.txt" "${measure_flags[@]}" "${perf_flags[@]}" {lock_fd}>&- &
# In the background, so a signal to this script is handled at once, not after the run.
bench_pid=$!
wait "$bench_pid"
status=$?
bench_pid=""
set -e
if [ -s "$var/report.txt" ]; then
  { printf '%s\n\n' "$header"; cat "$var/report.txt"; } >"$report"
  log "written to $report (cftd's logs: $var/cftd-*.log)"
fi
case "$status" in
  0) ;;
  3) log "some calls failed: see the errors column and $var/cftd-*.log" ;;
  *) die "the load client failed (status $status); cftd's logs: $var/cftd-*.log" ;;
esac
exit "$status"
