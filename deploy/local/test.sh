#!/usr/bin/env bash
# The project's test command (also what CI runs, through .ci/run):
#   deploy/local/test.sh [extra Maven arguments, e.g. -pl accounts-service -am]
# Makes sure the database server answers and that the *_test databases and the service users exist
# (see deploy/local/lib/db.sh; installs MariaDB from Debian when needed), then runs `./mvnw -B verify`.
# No Kafka broker is needed: the tests start their own in-JVM broker.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# shellcheck source=deploy/local/lib/db.sh
source "$SCRIPT_DIR/lib/db.sh"

fa_db_ensure_server
fa_db_provision

cd "$REPO_ROOT"
exec ./mvnw -B verify "$@"
