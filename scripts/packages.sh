# Sourced, not run: finds the programs a script needs and installs the Debian packages that bring
# them when they are missing (scripts/local-services.sh and the benchmarks under bench/).
#
#   require_binary BINARY PACKAGE   prints BINARY's path, installing PACKAGE first if needed
#   install_package PACKAGE         installs PACKAGE (apt-get update once per shell)
#   find_binary BINARY              prints BINARY's path from PATH or Debian's sbin directories
#   as_root COMMAND...              runs COMMAND as root, through sudo when not root already
#
# apt-get's output goes to $PACKAGES_LOG (default: a file in the temporary directory). A script may
# define its own fail() before sourcing this file; otherwise failures print the script's name.

declare -F fail >/dev/null || fail() {
  echo "${0##*/}: $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "need root to run '$*'; run this script as root or install sudo"
  fi
}

apt_updated=false
install_package() { # package
  command -v apt-get >/dev/null ||
    fail "$1 is missing and there is no apt-get to install it; install $1 yourself"
  local log="${PACKAGES_LOG:-${TMPDIR:-/tmp}/agentic-platform-apt.log}"
  mkdir -p "$(dirname "$log")"
  if [ "$apt_updated" = false ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 ||
      fail "apt-get update failed; cannot install $1 (see $log)"
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" \
    >>"$log" 2>&1 || fail "apt-get install $1 failed (see $log)"
}

find_binary() { # name -> path on PATH or in the sbin directories Debian uses
  command -v "$1" 2>/dev/null && return 0
  for dir in /usr/sbin /usr/bin /usr/local/sbin; do
    [ -x "$dir/$1" ] && echo "$dir/$1" && return 0
  done
  return 1
}

require_binary() { # binary package -> path, installing the package when the binary is missing
  find_binary "$1" && return 0
  install_package "$2"
  find_binary "$1" || fail "$2 was installed but $1 cannot be found"
}
