#!/usr/bin/env bash
# The one command that runs every test: installs missing test tools, then the Maven build
# (compile, all tests, pack the template).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-test-tools.sh
exec mvn -B verify "$@"
