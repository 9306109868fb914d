#!/usr/bin/env bash
# The fault drill (故障演练), run by hand like the benchmark, against a platform started with
# `deploy/local/platform.sh up` from this work tree (docs/reliability.md), or with `--cluster` against the cluster of
# `platform.sh up --cluster` (faults: kill-leader-broker, pause-broker, kill-db-writer, kill-accounts-1,
# kill-performance-1, kill-aggregation-1, rebuild-kill-holder, rebuild-kill-leader-broker,
# rebuild-kill-db-writer; --broker-seconds 60 --db-node-seconds 30 --readers 2):
#   deploy/local/drill.sh [--units 300] [--clients 4] [--faults kill-accounts,kill-performance,kill-aggregation,broker,broker-replaced,db-connections,db-restart]
#                         [--converge-timeout 120] [--broker-seconds 60] [--db-kill-seconds 30] [--step-patience 45]
#                         [--restart-after-verdict true] [--db-port 3306] [--db-admin-user root] [--db-admin-password ""]
# For each fault, a fresh department's units are saved, submitted and approved while the fault is injected; the drill
# prints per fault the approvals accepted, the 5xx seen, the seconds until the department's 汇总 equals the approved
# versions recomputed from accounts-service, the cells still differing and whether a restart by hand was needed.
#
# The drill is cn.finalaccounts.bench.FaultDrill (benchmarks/); this script builds it when needed, runs it, and on any
# exit — also Ctrl-C, SIGTERM, or the drill dying — makes sure the broker and the services run again (the drill's own
# shutdown hook does the same and stops killing connections; this is the second line, for a JVM killed with -9).
#
# The drill acts as real people of the realm, with bearer tokens from the local Keycloak: drill-admin, drill-filler,
# drill-reviewer and drill-reader, made (or re-pointed at the drill's region) through Keycloak's admin REST API as
# platform.sh's local admin (FA_KEYCLOAK_ADMIN_USER / FA_KEYCLOAK_ADMIN_PASSWORD, admin / admin by default; demo only).
# --issuer, --keycloak-admin-user and --keycloak-admin-password override them.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
JAR="$REPO_ROOT/benchmarks/target/benchmarks.jar"
DRILL_PID=""

log() { printf '[drill] %s\n' "$*"; }

port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

restore() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$DRILL_PID" ]] && kill -0 "$DRILL_PID" 2>/dev/null; then
    kill -TERM "$DRILL_PID" 2>/dev/null || true
    # its shutdown hook restores what it took away; give it the time platform.sh needs, then stop it for good
    for ((i = 0; i < 300; i++)); do kill -0 "$DRILL_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$DRILL_PID" 2>/dev/null || true
  fi
  if ((CLUSTER)); then
    # platform.sh's steps start only what is missing, and act on the cluster while it runs.
    for step in db kafka-up services-up; do "$SCRIPT_DIR/platform.sh" "$step" >/dev/null 2>&1 || true; done
    exit "$rc"
  fi
  if ! port_answers "${FA_KAFKA_PORT:-9092}"; then
    log "the broker is not answering: deploy/local/platform.sh kafka-up"
    "$SCRIPT_DIR/platform.sh" kafka-up || true
  fi
  local s missing=0
  for s in 8081 8082 8083; do port_answers "$s" || missing=1; done
  if ((missing)); then
    log "a service is not answering: deploy/local/platform.sh services-up"
    "$SCRIPT_DIR/platform.sh" services-up || true
  fi
  exit "$rc"
}

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$REPO_ROOT/benchmarks/src" "$REPO_ROOT/fiscal-core/src" -newer "$JAR" -type f -print -quit)" ]]; then
  log "building benchmarks/target/benchmarks.jar"
  (cd "$REPO_ROOT" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
fi

ISSUER="http://127.0.0.1:${FA_KEYCLOAK_PORT:-8180}/realms/final-accounts"
if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$ISSUER/.well-known/openid-configuration" || true)" != 200 ]]; then
  log "Keycloak does not answer at $ISSUER: the services refuse every call without a token. Start the platform first: deploy/local/platform.sh up"
  exit 1
fi

CLUSTER=0
ARGS=()
for a in "$@"; do
  if [[ "$a" == --cluster ]]; then CLUSTER=1; ARGS+=(--cluster true); else ARGS+=("$a"); fi
done
set -- "${ARGS[@]}"

trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$REPO_ROOT"
# The options given on the command line come after these defaults and win.
java -Xmx512m -cp "$JAR" cn.finalaccounts.bench.FaultDrill --repo "$REPO_ROOT" --issuer "$ISSUER" \
  --keycloak-admin-user "${FA_KEYCLOAK_ADMIN_USER:-admin}" --keycloak-admin-password "${FA_KEYCLOAK_ADMIN_PASSWORD:-admin}" "$@" &
DRILL_PID=$!
wait "$DRILL_PID"
