# Shared by run.sh and test.sh: package installation and small helpers.
# Sourced, not executed.

CFT_BUILD_PACKAGES=(
  cmake g++ make pkg-config
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev libabsl-dev
  libmysqlcppconn-dev libsodium-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite
  mariadb-server mariadb-client
  openssl tzdata ca-certificates fonts-dejavu-core
)
CFT_TEST_PACKAGES=(
  libgtest-dev libgmock-dev
  python3 python3-grpcio python3-protobuf python3-icalendar
  # The export tests: pandas reads the CSV back; Node runs the FHIR validators.
  python3-pandas nodejs
  # The GUI suites; the tray suite runs under Xvfb with trayer as its tray
  # (tests/support/with_system_tray.sh).
  xvfb xauth trayer
  poppler-utils
)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs whichever of the given Debian packages are missing (as root), or
# says exactly what to install (as anyone else).
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing packages: ${missing[*]} -- run as root, or: sudo apt-get install -y ${missing[*]}"
  fi
  log "installing ${#missing[@]} missing package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Sets CFT_CMAKE_LAUNCHER to the cmake flag that puts ccache in front of the
# compiler where the machine has it (and clears it where it has not, so a tree
# configured elsewhere still builds). A second build of the same sources (the
# next CI run, another checkout, run.sh after test.sh) then reuses the
# compilations instead of paying two cores for every file again. Paths are
# hashed relative to the checkout, so a clone in another folder finds the same
# entries. Call it in the script itself, not in $(...): the exports must reach
# the build.
select_compiler_launcher() {
  if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
    export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
    CFT_CMAKE_LAUNCHER="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  else
    CFT_CMAKE_LAUNCHER="-DCMAKE_CXX_COMPILER_LAUNCHER="
  fi
}

# A random password of URL-safe characters.
random_secret() { openssl rand -base64 33 | tr '+/' '-_' | tr -d '\n='; }

# A TCP port nobody listens on right now.
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Writes a secret file readable by its owner only, once.
ensure_secret_file() {
  local file=$1
  if [ ! -s "$file" ]; then
    (umask 077; random_secret > "$file")
  fi
  chmod 600 "$file"
}
