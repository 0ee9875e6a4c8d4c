#!/usr/bin/env bash
# Builds the template and starts a hub from it the way a user of the file does:
# copy the template, extract Bootstrap.java with sqlite3, run it. Arguments go to the bootstrap
# (e.g. `scripts/run.sh -- --port 9800`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || scripts/setup-test-tools.sh
mvn -B -q -DskipTests package
mkdir -p target/run
cp target/parley-template.db target/run/parley.db
cd target/run
sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java
exec java Bootstrap.java "$@"
