#!/usr/bin/env bash
# Runs every test of the suite: makes sure NATS, PostgreSQL and Redis run on localhost (installing
# them when missing), then builds all modules and runs their unit and packaged-application tests.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl sandbox-router
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/local-services.sh
exec ./mvnw -B verify "$@"
