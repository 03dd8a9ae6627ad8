#!/usr/bin/env sh
# Rewrites kubernetes/install.yaml from the chart with default values (what the build checks).
set -eu
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -f helm/pom.xml verify -Dhelm.regenerate=true "$@"
