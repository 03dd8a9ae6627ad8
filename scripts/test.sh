#!/usr/bin/env bash
# Runs every test of the suite: makes sure NATS, PostgreSQL and Redis run on localhost and that
# Prometheus is installed (the system test starts its own), installing what is missing, then builds
# all modules and runs their unit, packaged-application and system tests.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl sandbox-router -am
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/local-services.sh
# shellcheck source=scripts/packages.sh
. scripts/packages.sh
require_binary prometheus prometheus >/dev/null
exec ./mvnw -B verify "$@"
