#!/usr/bin/env sh
# Rewrites kubernetes/install.yaml from the chart with default values (what the build checks) except
# networkPolicy.apiServer.cidrs: 0.0.0.0/0 on the API server's ports, since a manifest for every
# cluster cannot look the address up (SyncTest.INSTALL_VALUES).
set -eu
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -f helm/pom.xml verify -Dhelm.regenerate=true "$@"
