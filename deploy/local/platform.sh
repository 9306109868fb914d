#!/usr/bin/env bash
# Runs the whole platform on this machine: a Kafka broker (KRaft, from the Maven Central jars), the identity
# provider (Keycloak, from the Maven Central zip, with the realm of deploy/local/keycloak), the database (an existing
# MySQL 8 / MariaDB, or MariaDB installed from Debian), the three services, and the demo data.
# See docs/running-locally.md and docs/security.md.
#
#   deploy/local/platform.sh up              start everything that is not running yet, load the demo data
#   deploy/local/platform.sh up --cluster    the same on three Kafka brokers, a three-node Galera cluster behind HAProxy
#                                            and two instances of each service (deploy/local/lib/cluster.sh,
#                                            docs/operations.md); down, status and logs then act on the cluster
#   deploy/local/platform.sh down            stop what `up` started (services, Kafka, Keycloak); never the database
#   deploy/local/platform.sh status          one line per component
#   deploy/local/platform.sh logs [name]     follow one log (kafka, keycloak, accounts-service, ...) or all of them
#   deploy/local/platform.sh token <user>    print an access token of a demo person (ylgs-filler, rsj-reviewer,
#                                            city-admin, reader, platform-operator), or of a client's service account: token service
#                                            (final-accounts-services, reader), token platform (final-accounts-platform)
#   deploy/local/platform.sh open-year [--dry-run] <folder>
#                                            open a 决算 year from a bureau's files (folder named for the year, e.g.
#                                            deploy/demo/years/2024): its dry run against the year before, then the
#                                            opening as platform-operator (docs/years.md)
# Every /api call needs a token, e.g.:
#   curl -H "Authorization: Bearer $(deploy/local/platform.sh token reader)" http://127.0.0.1:8083/api/v1/summaries/HH-RSJ/2023
#
# Single steps (what `up` does, in order), for debugging:
#   keycloak-up | keycloak-down | kafka-up | kafka-down | db | build | services-up | services-down | demo | urls
#   (with the cluster up: kafka-up and db start the brokers and database nodes that are missing; haproxy-up | haproxy-down)
# Kafka command-line tools with the broker's jars:
#   deploy/local/platform.sh kafka-tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUN_DIR="$SCRIPT_DIR/.run"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
KAFKA_HOME="$RUN_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONF="$KAFKA_HOME/config"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
# Each service runs from a copy of its target/quarkus-app, so that a build (./mvnw package/verify, test.sh)
# never replaces the jars under a running service.
APPS_DIR="$RUN_DIR/apps"
DEMO_DIR="$REPO_ROOT/deploy/demo"
# Keycloak: the zip (deploy/local/keycloak/pom.xml) is kept in .run/keycloak and unzipped once next to it; its data
# (H2, start-dev) lives in the unzipped copy's data/ and survives down/up.
KEYCLOAK_POM="$SCRIPT_DIR/keycloak/pom.xml"
KEYCLOAK_REALM_FILE="$SCRIPT_DIR/keycloak/final-accounts-realm.json"
KEYCLOAK_RUN="$RUN_DIR/keycloak"
KEYCLOAK_VERSION="$(sed -nE 's:.*<keycloak.version>([^<]+)</keycloak.version>.*:\1:p' "$KEYCLOAK_POM" | head -n1)"
KEYCLOAK_HOME="$KEYCLOAK_RUN/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_REALM=final-accounts

FA_KAFKA_PORT="${FA_KAFKA_PORT:-9092}"
FA_KAFKA_CONTROLLER_PORT="${FA_KAFKA_CONTROLLER_PORT:-9093}"
FA_KAFKA_HEAP_OPTS="${FA_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# JVM options: each service's own heap (FA_ACCOUNTS_JAVA_OPTS, FA_PERFORMANCE_JAVA_OPTS, FA_AGGREGATION_JAVA_OPTS),
# then FA_SERVICE_JAVA_OPTS for all three, which comes last on the command line and so wins (FA_SERVICE_JAVA_OPTS=-Xmx512m
# still sizes every heap). The serial collector, a 64 MiB code cache, 512 KiB thread stacks and two glibc malloc
# arenas (FA_SERVICE_MALLOC_ARENA_MAX; empty: glibc's default of 8 per core) keep the services' resident memory down
# at the same throughput; aggregation-service has 256 MiB of heap since a batch reads contributions' cells only for
# the versions it replaces (it needed 512 MiB before). glibc keeps what the JVM's native side freed (tens of MiB per
# service after a busy minute) until asked: TrimNativeHeapInterval (JDK 17.0.9 and later) gives it back every 2 s. A
# process that runs out of heap exits (health shows it gone; platform.sh up starts it again) rather than serve on
# half-working, as in Kubernetes. Measured in docs/benchmarks.md, "Memory of the services".
FA_SERVICE_JAVA_OPTS="${FA_SERVICE_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError}"
FA_ACCOUNTS_JAVA_OPTS="${FA_ACCOUNTS_JAVA_OPTS:--Xmx160m}"
FA_PERFORMANCE_JAVA_OPTS="${FA_PERFORMANCE_JAVA_OPTS:--Xmx128m}"
FA_AGGREGATION_JAVA_OPTS="${FA_AGGREGATION_JAVA_OPTS:--Xmx256m}"
FA_SERVICE_MALLOC_ARENA_MAX="${FA_SERVICE_MALLOC_ARENA_MAX:-2}"
FA_SKIP_BUILD="${FA_SKIP_BUILD:-0}"
FA_READY_TIMEOUT="${FA_READY_TIMEOUT:-90}"
# The services listen on loopback only, like the broker.
FA_HTTP_HOST="${FA_HTTP_HOST:-127.0.0.1}"
KAFKA_BOOTSTRAP="127.0.0.1:${FA_KAFKA_PORT}"
FA_KEYCLOAK_PORT="${FA_KEYCLOAK_PORT:-8180}"
FA_KEYCLOAK_HEAP_OPTS="${FA_KEYCLOAK_HEAP_OPTS:--Xms32m -Xmx256m}"
FA_KEYCLOAK_READY_TIMEOUT="${FA_KEYCLOAK_READY_TIMEOUT:-180}"
# The local admin of Keycloak's master realm (console http://127.0.0.1:8180); created on the first start only. Demo only.
FA_KEYCLOAK_ADMIN_USER="${FA_KEYCLOAK_ADMIN_USER:-admin}"
FA_KEYCLOAK_ADMIN_PASSWORD="${FA_KEYCLOAK_ADMIN_PASSWORD:-admin}"
# The password of the demo people of the realm file (demo only).
FA_TOKEN_PASSWORD="${FA_TOKEN_PASSWORD:-demo-password}"
KEYCLOAK_URL="http://127.0.0.1:${FA_KEYCLOAK_PORT}"
KEYCLOAK_ISSUER="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"

# name:port of each service; the database and user of a service are its name without "-service".
SERVICES=(accounts-service:8081 performance-service:8082 aggregation-service:8083)

# shellcheck source=deploy/local/lib/db.sh
source "$SCRIPT_DIR/lib/db.sh"
# shellcheck source=deploy/local/lib/cluster.sh
source "$SCRIPT_DIR/lib/cluster.sh"

log() { printf '[platform] %s\n' "$*"; }
warn() { printf '[platform] WARNING: %s\n' "$*" >&2; }
die() { printf '[platform] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# Processes: a component is "ours" when its pid file names a live process whose command line holds our marker.
# ---------------------------------------------------------------------------------------------------------

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# The marker a component's command line must contain (absolute paths, so another clone's processes never match).
marker_of() {
  cluster_marker_of "$1" && return 0
  case "$1" in
    kafka) printf '%s' "$KAFKA_CONF/server.properties" ;;
    # kc.sh resolves its own path (readlink -f) into java's -Dkc.home.dir=<home>/bin/..; it is started by that path.
    keycloak) printf '%s/bin/' "$(readlink -m "$KEYCLOAK_HOME")" ;;
    *) printf '%s' "$APPS_DIR/$1/quarkus-run.jar" ;;
  esac
}

is_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

is_ours() {
  local pid="$1" name="$2" cmd
  is_alive "$pid" || return 1
  cmd="$(cmdline_of "$pid")"
  [[ "$cmd" == *"$(marker_of "$name")"* ]] || return 1
  if [[ "$name" == kafka || "$name" == kafka-[0-9] ]]; then [[ "$cmd" == *kafka.Kafka* ]] || return 1; fi
  # kc.sh (sh, java as its child) or, after kc.sh re-execs, java itself.
  if [[ "$name" == keycloak ]]; then [[ "$cmd" == *kc.sh* || "$cmd" == *QuarkusEntryPoint* ]] || return 1; fi
  return 0
}

# Prints the pid of a running component that we started; fails when there is none.
running_pid() {
  local name="$1" f pid
  f="$(pid_file "$name")"
  [[ -f "$f" ]] || return 1
  pid="$(<"$f")"
  is_ours "$pid" "$name" || return 1
  printf '%s' "$pid"
}

port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Who listens on a port, for error messages.
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -E 's/.*users:\(\((.*)\)\).*/\1/' | head -n1
  fi
}

# Starts a command in the background, detached from this shell (own session, no stdin, no lock fd),
# output appended to a log; records its pid. Usage: launch NAME LOGFILE [env VAR=...] cmd args...
launch() {
  local name="$1" logfile="$2" pid
  shift 2
  printf '\n===== %s: started by platform.sh at %s =====\n' "$name" "$(date '+%F %T')" >>"$logfile"
  (cd "$RUN_DIR" && exec setsid nohup "$@" >>"$logfile" 2>&1 </dev/null 9>&-) &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  sleep 0.5
  if ! is_ours "$pid" "$name"; then
    tail -n 40 "$logfile" >&2 || true
    rm -f "$(pid_file "$name")"
    die "$name did not start (see $logfile)"
  fi
  log "$name started (pid $pid), log: ${logfile#"$REPO_ROOT"/}"
}

# SIGTERM, up to 20 s, then SIGKILL; only for a pid that is ours. Removes the pid file.
stop_component() {
  local name="$1" f pid i
  f="$(pid_file "$name")"
  if [[ ! -f "$f" ]]; then
    log "$name: not started by platform.sh (no pid file), nothing to stop"
    return 0
  fi
  pid="$(<"$f")"
  if ! is_alive "$pid"; then
    log "$name: not running (stale pid file removed)"
    rm -f "$f"
    return 0
  fi
  if ! is_ours "$pid" "$name"; then
    warn "$name: pid $pid is not a process platform.sh started ($(cmdline_of "$pid" | cut -c1-120)); leaving it alone"
    rm -f "$f"
    return 0
  fi
  log "$name: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    is_ours "$pid" "$name" || break
    sleep 0.5
  done
  if is_ours "$pid" "$name"; then
    warn "$name: still running after 20 s; SIGKILL"
    # launch made it a session (and process group) leader: kill the group, so a child (java under kc.sh) goes too.
    if [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then
      kill -KILL -- "-$pid" 2>/dev/null || true
    else
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  fi
  rm -f "$f"
  log "$name: stopped"
}

ensure_dirs() { mkdir -p "$LOG_DIR" "$PID_DIR" "$KAFKA_HOME" "$KAFKA_CONF"; }

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)"
  local v
  v="$(java -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')"
  [[ "$v" =~ ^[0-9]+$ && "$v" -ge 17 ]] || die "java 17 or later is needed (found: $(java -version 2>&1 | head -n1))"
}

# Serialises up/down of the same work tree. Children never inherit fd 9 (see launch).
take_lock() {
  ensure_dirs
  exec 9>"$RUN_DIR/lock"
  flock -w 600 9 || die "another platform.sh up/down is still running"
}

# ---------------------------------------------------------------------------------------------------------
# Kafka: a single KRaft node (broker + controller, node.id=1) from the Maven Central jars
# ---------------------------------------------------------------------------------------------------------

pom_sum() { sha256sum "$KAFKA_POM" | cut -d' ' -f1; }

# Copies the broker's jars (deploy/local/kafka/pom.xml) into .run/kafka/libs when missing or when the POM changed.
kafka_ensure_libs() {
  if [[ -d "$KAFKA_LIBS" && -f "$KAFKA_LIBS/.pom.sha256" && "$(<"$KAFKA_LIBS/.pom.sha256")" == "$(pom_sum)" ]]; then
    return 0
  fi
  log "fetching the Kafka jars from Maven Central (deploy/local/kafka/pom.xml) into ${KAFKA_LIBS#"$REPO_ROOT"/}"
  rm -rf "$KAFKA_LIBS.tmp"
  (cd "$REPO_ROOT" && ./mvnw -B -q -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS.tmp") || die "could not fetch the Kafka jars (is Maven Central reachable?)"
  compgen -G "$KAFKA_LIBS.tmp/kafka_2.13-*.jar" >/dev/null || die "kafka_2.13 jar missing after the copy"
  pom_sum >"$KAFKA_LIBS.tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  cat >"$KAFKA_CONF/server.properties" <<EOF
# Written by deploy/local/platform.sh on each start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${FA_KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${FA_KAFKA_PORT},CONTROLLER://127.0.0.1:${FA_KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${FA_KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${KAFKA_DATA}
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  # The broker logs to stdout (redirected to .run/logs/kafka.log).
  cat >"$KAFKA_CONF/log4j2.properties" <<'EOF'
status = warn
# Keep logging until the broker's own shutdown hook has finished.
shutdownHook = disable
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.changes.name = state.change.logger
logger.changes.level = warn
EOF
  # For the command-line tools: warnings only, to stderr, so stdout carries just the tool's output.
  cat >"$KAFKA_CONF/tools-log4j2.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
EOF
  # Short timeouts for the readiness check.
  cat >"$KAFKA_CONF/check-client.properties" <<'EOF'
request.timeout.ms=4000
default.api.timeout.ms=5000
EOF
}

# Runs a Kafka command-line class with the broker's jars: kafka_tool CLASS args...
kafka_tool() {
  local cls="$1"
  shift
  java -Xmx256m -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.properties" -cp "$KAFKA_LIBS/*" "$cls" "$@"
}

# Formats the storage once (the data directory persists across down/up).
kafka_format_storage() {
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 | tr -d '[:space:]')"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka.tools.StorageTool random-uuid gave no cluster id ('$cluster_id')"
  log "formatting the Kafka storage ${KAFKA_DATA#"$REPO_ROOT"/} (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format --config "$KAFKA_CONF/server.properties" \
    --cluster-id "$cluster_id" --ignore-formatted >>"$LOG_DIR/kafka.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/kafka.log" >&2; die "formatting the Kafka storage failed"; }
}

# Ready: the port answers and a metadata request (list topics) succeeds.
kafka_ready() {
  port_answers "$FA_KAFKA_PORT" || return 1
  [[ -d "$KAFKA_LIBS" ]] || return 0
  timeout 20 java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.properties" \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --command-config "$KAFKA_CONF/check-client.properties" --list >/dev/null 2>&1
}

kafka_wait_ready() {
  local pid="$1" deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    if ! is_ours "$pid" kafka; then
      tail -n 40 "$LOG_DIR/kafka.log" >&2 || true
      rm -f "$(pid_file kafka)"
      die "Kafka exited during start-up (log: $LOG_DIR/kafka.log)"
    fi
    if kafka_ready; then
      log "kafka ready on $KAFKA_BOOTSTRAP (pid $pid)"
      return 0
    fi
    sleep 1
  done
  tail -n 40 "$LOG_DIR/kafka.log" >&2 || true
  die "Kafka is not ready on $KAFKA_BOOTSTRAP after 60 s (log: $LOG_DIR/kafka.log)"
}

kafka_up() {
  ensure_dirs
  require_java
  local pid owner
  if pid="$(running_pid kafka)"; then
    if kafka_ready; then
      log "kafka already running (pid $pid) on $KAFKA_BOOTSTRAP"
      return 0
    fi
    log "kafka (pid $pid) is running but not ready yet; waiting"
    kafka_wait_ready "$pid"
    return 0
  fi
  rm -f "$(pid_file kafka)"
  for p in "$FA_KAFKA_PORT" "$FA_KAFKA_CONTROLLER_PORT"; do
    if port_answers "$p"; then
      owner="$(port_owner "$p")"
      die "port $p is already in use by a process platform.sh did not start${owner:+ ($owner)}.
  Stop it, or choose other ports: FA_KAFKA_PORT=... FA_KAFKA_CONTROLLER_PORT=... deploy/local/platform.sh up"
    fi
  done
  kafka_ensure_libs
  kafka_write_config
  kafka_format_storage
  # shellcheck disable=SC2086 # FA_KAFKA_HEAP_OPTS holds several JVM options
  launch kafka "$LOG_DIR/kafka.log" java $FA_KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_CONF/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.Kafka "$KAFKA_CONF/server.properties"
  kafka_wait_ready "$(<"$(pid_file kafka)")"
}

kafka_down() { stop_component kafka; }

# ---------------------------------------------------------------------------------------------------------
# Keycloak: the identity provider (start-dev, H2 data of its own), realm deploy/local/keycloak/final-accounts-realm.json
# The services refuse every /api call without a token of this realm (docs/security.md) and read its keys at start:
# `up` waits until the realm answers before it starts them, and the demo is loaded with the demo people's tokens.
# ---------------------------------------------------------------------------------------------------------

# Fetches the zip (deploy/local/keycloak/pom.xml) into .run/keycloak once, and unzips it once.
keycloak_ensure_dist() {
  [[ -n "$KEYCLOAK_VERSION" ]] || die "no <keycloak.version> in ${KEYCLOAK_POM#"$REPO_ROOT"/}"
  if [[ -x "$KEYCLOAK_HOME/bin/kc.sh" && -f "$KEYCLOAK_HOME/.unzipped" ]]; then
    return 0
  fi
  local zip="$KEYCLOAK_RUN/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  mkdir -p "$KEYCLOAK_RUN"
  if [[ ! -s "$zip" ]]; then
    log "fetching Keycloak $KEYCLOAK_VERSION from Maven Central (deploy/local/keycloak/pom.xml, about 152 MiB) into ${KEYCLOAK_RUN#"$REPO_ROOT"/}"
    rm -rf "$KEYCLOAK_RUN/zip.tmp"
    (cd "$REPO_ROOT" && ./mvnw -B -q -f deploy/local/keycloak/pom.xml dependency:copy \
      -DoutputDirectory="$KEYCLOAK_RUN/zip.tmp") || die "could not fetch the Keycloak zip (is Maven Central reachable?)"
    [[ -s "$KEYCLOAK_RUN/zip.tmp/${zip##*/}" ]] || die "${zip##*/} missing after the copy"
    mv "$KEYCLOAK_RUN/zip.tmp/${zip##*/}" "$zip"
    rm -rf "$KEYCLOAK_RUN/zip.tmp"
  fi
  log "unzipping ${zip#"$REPO_ROOT"/}"
  rm -rf "$KEYCLOAK_RUN/unzip.tmp" "$KEYCLOAK_HOME"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$KEYCLOAK_RUN/unzip.tmp" || die "could not unzip $zip (remove it to fetch it again)"
  else
    # A machine without unzip: python3 (which the demo loader needs anyway) unpacks it; it drops the exec bits.
    python3 -m zipfile -e "$zip" "$KEYCLOAK_RUN/unzip.tmp" || die "could not unzip $zip (remove it to fetch it again)"
    chmod +x "$KEYCLOAK_RUN/unzip.tmp/keycloak-$KEYCLOAK_VERSION/bin/"*.sh
  fi
  [[ -x "$KEYCLOAK_RUN/unzip.tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]] || die "no keycloak-$KEYCLOAK_VERSION/bin/kc.sh in $zip"
  mv "$KEYCLOAK_RUN/unzip.tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$KEYCLOAK_RUN/unzip.tmp"
  touch "$KEYCLOAK_HOME/.unzipped"
}

realm_sum() { sha256sum "$KEYCLOAK_REALM_FILE" | cut -d' ' -f1; }

# Called once a Keycloak that keycloak_start launched answers: its data now holds this realm file's import.
KEYCLOAK_LAUNCHED_AT=""
keycloak_mark_imported() {
  if [[ -n "$KEYCLOAK_LAUNCHED_AT" ]]; then
    realm_sum >"$KEYCLOAK_HOME/data/.realm.sha256"
  fi
}

# Puts the realm file into data/import. --import-realm skips a realm that exists, so when the realm file changed
# since the data was made, the data (H2: the realm and the master realm's local admin) is removed and imported again.
keycloak_prepare_data() {
  local data="$KEYCLOAK_HOME/data" stamp="$KEYCLOAK_HOME/data/.realm.sha256"
  [[ -f "$KEYCLOAK_REALM_FILE" ]] || die "${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/} is missing"
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$KEYCLOAK_REALM_FILE" ||
    die "${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/} is not valid JSON"
  # Keycloak's own tables hold a client's name and description in 255 characters; a longer one fails the whole
  # import (and the start) with an SQL error deep in its log.
  python3 - "$KEYCLOAK_REALM_FILE" <<'PY' || die "${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/}: a text is longer than Keycloak keeps"
import json, sys
realm = json.load(open(sys.argv[1], encoding="utf-8"))
long = ["client %s: %s has %d characters" % (c.get("clientId"), k, len(c[k]))
        for c in realm.get("clients", []) for k in ("name", "description") if len(c.get(k) or "") > 255]
for line in long:
    print("[platform] " + line + " (at most 255)", file=sys.stderr)
sys.exit(1 if long else 0)
PY
  if [[ -d "$data/h2" && "$(cat "$stamp" 2>/dev/null || true)" != "$(realm_sum)" ]]; then
    log "keycloak: ${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/} changed since its data was made: removing ${data#"$REPO_ROOT"/}/h2, the realm is imported again"
    rm -rf "$data/h2"
  fi
  mkdir -p "$data/import"
  rm -f "$data/import/"*.json
  cp "$KEYCLOAK_REALM_FILE" "$data/import/$KEYCLOAK_REALM-realm.json"
}

# Ready: the realm's discovery document answers 200.
keycloak_ready() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$KEYCLOAK_ISSUER/.well-known/openid-configuration" 2>/dev/null || true)"
  [[ "$code" == 200 ]]
}

keycloak_wait_ready() {
  local pid="$1" started=$SECONDS deadline=$((SECONDS + FA_KEYCLOAK_READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! is_ours "$pid" keycloak; then
      tail -n 40 "$LOG_DIR/keycloak.log" >&2 || true
      rm -f "$(pid_file keycloak)"
      die "Keycloak exited during start-up (log: $LOG_DIR/keycloak.log)"
    fi
    if keycloak_ready; then
      keycloak_mark_imported
      log "keycloak ready: $KEYCLOAK_ISSUER (pid $pid, waited $((SECONDS - started)) s)"
      return 0
    fi
    sleep 1
  done
  tail -n 40 "$LOG_DIR/keycloak.log" >&2 || true
  die "Keycloak is not ready after ${FA_KEYCLOAK_READY_TIMEOUT} s: $KEYCLOAK_ISSUER/.well-known/openid-configuration is not 200 (log: $LOG_DIR/keycloak.log)"
}

# Starts Keycloak unless it runs; does not wait (keycloak_wait does). `up` starts it first and waits for it before
# the services, so its start-up overlaps Kafka's and the build.
# A Keycloak that another checkout's platform.sh started (or anyone's) and whose realm answers on the port is used
# as it is: the services only need the issuer; `down` leaves it alone.
KEYCLOAK_FOREIGN=""
keycloak_start() {
  ensure_dirs
  require_java
  local pid owner
  if pid="$(running_pid keycloak)"; then
    return 0
  fi
  rm -f "$(pid_file keycloak)"
  if port_answers "$FA_KEYCLOAK_PORT" && keycloak_ready; then
    owner="$(port_owner "$FA_KEYCLOAK_PORT")"
    KEYCLOAK_FOREIGN=1
    log "keycloak: the realm already answers at $KEYCLOAK_ISSUER from a process this checkout did not start${owner:+ ($owner)}; using it (down leaves it running)"
    return 0
  fi
  if port_answers "$FA_KEYCLOAK_PORT"; then
    owner="$(port_owner "$FA_KEYCLOAK_PORT")"
    die "port $FA_KEYCLOAK_PORT is already in use by a process platform.sh did not start${owner:+ ($owner)}.
  Stop it, or choose another port: FA_KEYCLOAK_PORT=... deploy/local/platform.sh up"
  fi
  keycloak_ensure_dist
  keycloak_prepare_data
  # JAVA: the same java as the services (kc.sh would otherwise prefer JAVA_HOME).
  launch keycloak "$LOG_DIR/keycloak.log" env \
    JAVA="$(command -v java)" JAVA_OPTS_KC_HEAP="$FA_KEYCLOAK_HEAP_OPTS" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$FA_KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$FA_KEYCLOAK_ADMIN_PASSWORD" \
    "$(readlink -m "$KEYCLOAK_HOME")/bin/kc.sh" start-dev --http-port "$FA_KEYCLOAK_PORT" --http-host 127.0.0.1 --import-realm
  KEYCLOAK_LAUNCHED_AT=$SECONDS
}

keycloak_wait() {
  local pid
  if [[ -n "$KEYCLOAK_FOREIGN" ]]; then
    keycloak_ready || die "the Keycloak on port $FA_KEYCLOAK_PORT (not started by this checkout) stopped answering $KEYCLOAK_ISSUER"
    return 0
  fi
  pid="$(running_pid keycloak)" || die "keycloak is not running (deploy/local/platform.sh keycloak-up)"
  if keycloak_ready; then
    if [[ -n "$KEYCLOAK_LAUNCHED_AT" ]]; then
      keycloak_mark_imported
      log "keycloak ready: $KEYCLOAK_ISSUER (pid $pid, $((SECONDS - KEYCLOAK_LAUNCHED_AT)) s after its start)"
    else
      log "keycloak already running (pid $pid): $KEYCLOAK_ISSUER"
      if [[ "$(cat "$KEYCLOAK_HOME/data/.realm.sha256" 2>/dev/null || true)" != "$(realm_sum)" ]]; then
        warn "the running Keycloak may hold an older import of ${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/} (the file changed since, or the import was not recorded); to import it again: deploy/local/platform.sh keycloak-down && deploy/local/platform.sh keycloak-up"
      fi
    fi
    return 0
  fi
  log "waiting for keycloak (pid $pid) to answer $KEYCLOAK_ISSUER/.well-known/openid-configuration"
  keycloak_wait_ready "$pid"
}

keycloak_up() {
  keycloak_start
  keycloak_wait
}

keycloak_down() { stop_component keycloak; }

# Prints an access token (stdout: the token only): token USER (password grant on the public client
# final-accounts-cli, password FA_TOKEN_PASSWORD), token service (client credentials of final-accounts-services: a
# reader at 431200, as another government system) or token platform (client credentials of final-accounts-platform:
# admin at 431200, what the services use for their own calls); the secrets are read from the realm file.
# Demo only: the password grant and secrets in the repository are for this machine.
token() {
  local who="${1:-}" out code client=""
  [[ -n "$who" ]] || die "usage: platform.sh token <user>|service|platform (demo people: ylgs-filler, rsj-reviewer, city-admin, reader, platform-operator)"
  command -v curl >/dev/null 2>&1 || die "curl is needed (apt-get install curl)"
  keycloak_ready || die "Keycloak does not answer on $KEYCLOAK_URL: deploy/local/platform.sh keycloak-up (or up)"
  case "$who" in
    service) client=final-accounts-services ;;
    platform) client=final-accounts-platform ;;
  esac
  out="$(mktemp)"
  if [[ -n "$client" ]]; then
    local secret
    secret="$(python3 - "$KEYCLOAK_REALM_FILE" "$client" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    realm = json.load(f)
print(next(c["secret"] for c in realm["clients"] if c["clientId"] == sys.argv[2]))
PY
)" || { rm -f "$out"; die "no secret of $client in ${KEYCLOAK_REALM_FILE#"$REPO_ROOT"/}"; }
    code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 10 -u "$client:$secret" \
      -d grant_type=client_credentials "$KEYCLOAK_ISSUER/protocol/openid-connect/token")" || code=000
  else
    code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 10 -d grant_type=password -d client_id=final-accounts-cli \
      --data-urlencode "username=$who" --data-urlencode "password=$FA_TOKEN_PASSWORD" \
      "$KEYCLOAK_ISSUER/protocol/openid-connect/token")" || code=000
  fi
  if [[ "$code" != 200 ]]; then
    cat "$out" >&2 || true
    echo >&2
    rm -f "$out"
    die "no token for '$who': $KEYCLOAK_ISSUER answered $code"
  fi
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["access_token"])' "$out" ||
    { rm -f "$out"; die "no access_token in Keycloak's answer"; }
  rm -f "$out"
}

# ---------------------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------------------

db_up() {
  fa_db_ensure_server
  fa_db_provision
}

# ---------------------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------------------

svc_name() { printf '%s' "${1%%:*}"; }
svc_port() { printf '%s' "${1##*:}"; }
svc_db() { local n="${1%%:*}"; printf '%s' "${n%-service}"; }
svc_jar() { printf '%s' "$REPO_ROOT/$(svc_name "$1")/target/quarkus-app/quarkus-run.jar"; }

# The keys the services sign their events with and verify each other's with (docs/security.md, "Signed events"):
# FA_EVENTS_KEYS_ACCOUNTS / _PERFORMANCE / _AGGREGATION from the environment, else generated once and kept in
# .run/event-keys.env (mode 600), so records already on the topics stay verifiable across restarts.
EVENT_KEYS_FILE="$RUN_DIR/event-keys.env"
load_event_keys() {
  local producer var
  if [[ ! -f "$EVENT_KEYS_FILE" ]]; then
    mkdir -p "$RUN_DIR"
    (umask 077 && : >"$EVENT_KEYS_FILE")
    for producer in ACCOUNTS PERFORMANCE AGGREGATION; do
      printf 'FA_EVENTS_KEYS_%s=%s\n' "$producer" "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$EVENT_KEYS_FILE"
    done
    log "generated the event signing keys in ${EVENT_KEYS_FILE#"$REPO_ROOT"/}"
  fi
  chmod 600 "$EVENT_KEYS_FILE"
  for producer in ACCOUNTS PERFORMANCE AGGREGATION; do
    var="FA_EVENTS_KEYS_$producer"
    if [[ -z "${!var:-}" ]]; then
      printf -v "$var" '%s' "$(sed -n "s/^$var=//p" "$EVENT_KEYS_FILE")"
    fi
    [[ -n "${!var}" ]] || die "$var is neither set nor in ${EVENT_KEYS_FILE#"$REPO_ROOT"/}"
  done
}

# The event keys a service needs, as env assignments: its own (it signs) and its sources' (it verifies).
svc_event_keys() {
  case "$(svc_db "$1")" in
    accounts) printf '%s\n' "FA_EVENTS_KEYS_ACCOUNTS=$FA_EVENTS_KEYS_ACCOUNTS" ;;
    performance) printf '%s\n' "FA_EVENTS_KEYS_PERFORMANCE=$FA_EVENTS_KEYS_PERFORMANCE" \
      "FA_EVENTS_KEYS_ACCOUNTS=$FA_EVENTS_KEYS_ACCOUNTS" ;;
    aggregation) printf '%s\n' "FA_EVENTS_KEYS_AGGREGATION=$FA_EVENTS_KEYS_AGGREGATION" \
      "FA_EVENTS_KEYS_ACCOUNTS=$FA_EVENTS_KEYS_ACCOUNTS" "FA_EVENTS_KEYS_PERFORMANCE=$FA_EVENTS_KEYS_PERFORMANCE" ;;
  esac
}

# Copies <svc>/target/quarkus-app to .run/apps/<svc> (the service must not be running) and prints the copy's jar.
svc_snapshot() {
  local name src dst
  name="$(svc_name "$1")"
  src="$REPO_ROOT/$name/target/quarkus-app"
  dst="$APPS_DIR/$name"
  mkdir -p "$APPS_DIR"
  rm -rf "$dst.tmp"
  cp -a "$src" "$dst.tmp"
  [[ -f "$dst.tmp/quarkus-run.jar" && -d "$dst.tmp/lib" ]] || die "incomplete copy of ${src#"$REPO_ROOT"/} (a build running?)"
  rm -rf "$dst"
  mv "$dst.tmp" "$dst"
  printf '%s' "$dst/quarkus-run.jar"
}

# Prints the reason a service needs a build, if it does.
svc_build_reason() {
  local s="$1" jar newer
  jar="$(svc_jar "$s")"
  if [[ ! -f "$jar" ]]; then
    printf '%s is missing' "${jar#"$REPO_ROOT"/}"
    return 0
  fi
  local paths=() p
  for p in "$(svc_name "$s")/src" fiscal-core/src service-support/src \
    pom.xml "$(svc_name "$s")/pom.xml" fiscal-core/pom.xml service-support/pom.xml; do
    if [[ -e "$REPO_ROOT/$p" ]]; then paths+=("$REPO_ROOT/$p"); fi
  done
  newer="$(find "${paths[@]}" -type f -newer "$jar" -print -quit 2>/dev/null || true)"
  if [[ -n "$newer" ]]; then
    printf '%s is newer than %s' "${newer#"$REPO_ROOT"/}" "${jar#"$REPO_ROOT"/}"
  fi
}

build() {
  if [[ "$FA_SKIP_BUILD" == 1 ]]; then
    log "FA_SKIP_BUILD=1: not building"
    return 0
  fi
  local s reason="" r running=()
  for s in "${SERVICES[@]}"; do
    r="$(svc_build_reason "$s")"
    if [[ -n "$r" && -z "$reason" ]]; then reason="$r"; fi
    if running_pid "$(svc_name "$s")" >/dev/null; then running+=("$(svc_name "$s")"); fi
  done
  if [[ -z "$reason" ]]; then
    log "services are up to date (no build needed)"
    return 0
  fi
  if ((${#running[@]} > 0)); then
    # Leaves what runs alone (`up` twice changes nothing).
    warn "$reason, but ${running[*]} running: not rebuilding. To run the new code: deploy/local/platform.sh down && deploy/local/platform.sh up"
    return 0
  fi
  # package, not install: the services run from their target/quarkus-app, and installing would replace the
  # snapshots in ~/.m2 that other checkouts on this machine build against.
  log "building ($reason): ./mvnw -B -q -DskipTests package"
  (cd "$REPO_ROOT" && ./mvnw -B -q -DskipTests package) || die "the build failed"
}

svc_ready() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || true)"
  [[ "$code" == 200 ]]
}

# Starts one instance of a service unless it runs: svc_start <name:port> <instance name> <port> <db host> <db port>
# <kafka bootstrap> [VAR=value ...]. The instance's name is its pid file's and log's, and its fa.instance.id.
svc_start() {
  local s="$1" name="$2" port="$3" db_host="$4" db_port="$5" bootstrap="$6" pid owner db pw own_opts arenas event_keys jar
  shift 6
  if pid="$(running_pid "$name")"; then
    if port_answers "$port"; then
      log "$name already running (pid $pid) on port $port"
    else
      log "$name (pid $pid) is starting"
    fi
    if [[ -f "$(svc_jar "$s")" && "$(svc_jar "$s")" -nt "$APPS_DIR/$(svc_name "$s")/quarkus-run.jar" ]]; then
      warn "$name runs an older build than $(svc_name "$s")/target; to switch: deploy/local/platform.sh down && deploy/local/platform.sh up"
    fi
    return 0
  fi
  rm -f "$(pid_file "$name")"
  if port_answers "$port"; then
    owner="$(port_owner "$port")"
    die "port $port ($name) is already in use by a process platform.sh did not start${owner:+ ($owner)}"
  fi
  jar="$APPS_DIR/$(svc_name "$s")/quarkus-run.jar"
  db="$(svc_db "$s")"
  pw="$(fa_db_password "$db")"
  own_opts="FA_${db^^}_JAVA_OPTS"
  arenas=()
  if [[ -n "$FA_SERVICE_MALLOC_ARENA_MAX" ]]; then arenas=(MALLOC_ARENA_MAX="$FA_SERVICE_MALLOC_ARENA_MAX"); fi
  load_event_keys
  mapfile -t event_keys < <(svc_event_keys "$s")
  log "$name: java ${!own_opts} $FA_SERVICE_JAVA_OPTS${arenas[*]:+ (${arenas[*]})}"
  # shellcheck disable=SC2086 # the *_JAVA_OPTS hold several JVM options each
  launch "$name" "$LOG_DIR/$name.log" env "${arenas[@]}" "${event_keys[@]}" \
    FA_DB_HOST="$db_host" FA_DB_PORT="$db_port" FA_DB_NAME="$db" FA_DB_USER="$db" FA_DB_PASSWORD="$pw" \
    FA_DB_MIGRATOR_USER="${db}_migrator" FA_DB_MIGRATOR_PASSWORD="$(fa_db_password "${db}_migrator")" \
    FA_DB_RUNTIME_HOSTS="${FA_DB_USER_HOSTS// /,}" \
    FA_KAFKA_BOOTSTRAP="$bootstrap" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST="$FA_HTTP_HOST" \
    FA_OIDC_ISSUER="$KEYCLOAK_ISSUER" "$@" \
    java ${!own_opts} $FA_SERVICE_JAVA_OPTS "-Dfa.instance.id=$name" -jar "$jar"
}

# Copies the service's build to .run/apps unless one of the named instances runs from the copy there now.
svc_snapshot_unless_running() {
  local s="$1" name
  shift
  for name in "$@"; do
    running_pid "$name" >/dev/null && return 0
  done
  local jar
  jar="$(svc_jar "$s")"
  [[ -f "$jar" ]] || die "${jar#"$REPO_ROOT"/} is missing: build first (deploy/local/platform.sh build, or unset FA_SKIP_BUILD)"
  svc_snapshot "$s" >/dev/null
}

# Waits until each name:port answers /q/health/ready with 200: svc_await_ready <timeout s> <name:port>...
svc_await_ready() {
  local timeout="$1" entry name port pid deadline
  shift
  deadline=$((SECONDS + timeout))
  for entry in "$@"; do
    name="${entry%:*}"
    port="${entry##*:}"
    until svc_ready "$port"; do
      if [[ "$name" != *" (haproxy)" ]] && ! pid="$(running_pid "$name")"; then
        tail -n 40 "$LOG_DIR/$name.log" >&2 || true
        rm -f "$(pid_file "$name")"
        die "$name exited during start-up (log: $LOG_DIR/$name.log)"
      fi
      if ((SECONDS >= deadline)); then
        [[ -f "$LOG_DIR/$name.log" ]] && { tail -n 40 "$LOG_DIR/$name.log" >&2 || true; }
        die "$name is not ready after ${timeout} s: GET http://127.0.0.1:$port/q/health/ready is not 200 (log: $LOG_DIR/$name.log)"
      fi
      sleep 1
    done
    log "$name ready: http://127.0.0.1:$port/q/health/ready"
  done
}

services_up() {
  ensure_dirs
  require_java
  local s started=()
  # `up` has waited for the realm already; `services-up` alone (the drill, by hand) says what a missing one means.
  if ! keycloak_ready; then
    warn "Keycloak does not answer at $KEYCLOAK_ISSUER: the services will refuse every /api call (401) until it does (deploy/local/platform.sh keycloak-up)"
  fi
  if cluster_is_up; then
    cluster_services_up
    return 0
  fi
  for s in "${SERVICES[@]}"; do
    svc_snapshot_unless_running "$s" "$(svc_name "$s")"
    svc_start "$s" "$(svc_name "$s")" "$(svc_port "$s")" "$FA_DB_HOST" "$FA_DB_PORT" "$KAFKA_BOOTSTRAP"
    started+=("$s")
  done
  # They start in parallel; wait for each to be ready.
  svc_await_ready "$FA_READY_TIMEOUT" "${started[@]}"
}

services_down() {
  local i
  if cluster_is_up; then
    cluster_services_down
    return 0
  fi
  # Reverse order: aggregation, performance, accounts.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    stop_component "$(svc_name "${SERVICES[$i]}")"
  done
}

# ---------------------------------------------------------------------------------------------------------
# Demo data (deploy/demo): one loader per kind of file; add new kinds to demo_load.
# ---------------------------------------------------------------------------------------------------------

ACCOUNTS_URL="http://127.0.0.1:8081/api/v1"

# The loader (lib/demo.py) acts as the demo people of the realm, with their tokens (password grant, demo only).
demo_py() {
  FA_KEYCLOAK_ISSUER="$KEYCLOAK_ISSUER" FA_TOKEN_PASSWORD="$FA_TOKEN_PASSWORD" python3 "$SCRIPT_DIR/lib/demo.py" "$@"
}

# deploy/demo/org-tree.json: [{"code","name","kind","parent"?,"unitType"?,"fromYear"?}, ...], parents first; PUT by
# city-admin, the root (no parent) by platform-operator; then each year's changes, deploy/demo/years/<year>/tree.json
# (nodes out of the tree from a year, "removedFrom"; the units a unit was formed from, "predecessors").
demo_load_org_tree() {
  local file="$DEMO_DIR/org-tree.json"
  [[ -f "$file" ]] || return 0
  log "demo: org tree (${file#"$REPO_ROOT"/}) as platform-operator (the root) and city-admin"
  demo_py tree "$DEMO_DIR" "$ACCOUNTS_URL" || die "demo data: loading the org tree failed"
}

# deploy/demo/reports/<year>/<unit>.json: each unit's 部门决算 report of a year, saved while it is editable;
# deploy/demo/workflow/<year>/<unit>.json: then submitted (with its waivers) and approved, step by step from the
# state the report is in, so a second run changes nothing.
demo_load_reports() {
  compgen -G "$DEMO_DIR/reports/*/*.json" >/dev/null || return 0
  log "demo: reports (deploy/demo/reports/<year>/<unit>.json, workflow/<year>/<unit>.json): each unit's filler saves and submits (ylgs-filler; the 2022 demonstration's sbzx-filler, gszx-filler), rsj-reviewer approves"
  demo_py reports "$DEMO_DIR" "$ACCOUNTS_URL" || die "demo data: loading the reports failed"
}

# deploy/demo/projects/<year>/<unit>.json: a unit's project funds with their spending;
# deploy/demo/funds/<year>/<region>.json: a region's social-insurance fund statistics, level by level.
# performance-service learns the tree from accounts-service's events, so this waits until it knows the codes.
# Spending is recorded only for a project that has none yet, so a second run changes nothing.
demo_load_performance() {
  compgen -G "$DEMO_DIR/projects/*/*.json" >/dev/null || compgen -G "$DEMO_DIR/funds/*/*.json" >/dev/null || return 0
  log "demo: project funds (deploy/demo/projects) as ylgs-filler, fund statistics (deploy/demo/funds) as city-admin"
  demo_py performance "$DEMO_DIR" "http://127.0.0.1:8082/api/v1" \
    || die "demo data: loading projects and funds failed"
}

# deploy/demo/years/<year>/: the files a year is opened from (docs/years.md), opened in order through the operation
# a bureau uses, after its dry run; a year open already with the same files is left as it is.
demo_load_years() {
  local dir
  compgen -G "$DEMO_DIR/years/*/" >/dev/null || return 0
  for dir in "$DEMO_DIR"/years/*/; do
    log "demo: year ${dir#"$REPO_ROOT"/} opened as platform-operator (a demonstration; see its README.md)"
    demo_py year "$dir" "$ACCOUNTS_URL" || die "demo data: opening the year of $dir failed"
  done
}

# platform.sh open-year [--dry-run] <folder named for the year>: the dry run against the year before, then the
# opening (as platform-operator, the demo's operator; docs/years.md).
open_year() {
  local flags=() dir=""
  while (($#)); do
    case "$1" in
      --dry-run) flags+=(--dry-run) ;;
      *) dir="$1" ;;
    esac
    shift
  done
  [[ -n "$dir" && -d "$dir" ]] || die "usage: platform.sh open-year [--dry-run] <folder named for the year, e.g. deploy/demo/years/2024>"
  keycloak_ready || die "Keycloak does not answer at $KEYCLOAK_ISSUER (deploy/local/platform.sh keycloak-up)"
  demo_py year "$dir" "$ACCOUNTS_URL" "${flags[@]}"
}

demo_load() {
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to load the demo data (apt-get install python3)"
  keycloak_ready || die "Keycloak does not answer at $KEYCLOAK_ISSUER: the demo is loaded as the demo people, with their tokens (deploy/local/platform.sh keycloak-up)"
  demo_load_years
  demo_load_org_tree
  demo_load_reports
  demo_load_performance
}

print_urls() {
  local s name port
  echo
  echo "Platform is up."
  echo "  Dashboard (部门决算看板; sign in as reader / $FA_TOKEN_PASSWORD, or any demo person):"
  echo "    http://127.0.0.1:8083/dashboard/   (or http://127.0.0.1:8083/dashboard/#node=HH-RSJ&year=2023 for the department)"
  for s in "${SERVICES[@]}"; do
    name="$(svc_name "$s")"
    port="$(svc_port "$s")"
    printf '  %-20s Swagger UI http://127.0.0.1:%s/q/swagger-ui   health http://127.0.0.1:%s/q/health/ready (and /q/health/live)\n' \
      "$name" "$port" "$port"
  done
  echo "  Kafka                bootstrap $KAFKA_BOOTSTRAP"
  echo "  Keycloak             $KEYCLOAK_ISSUER (admin console $KEYCLOAK_URL, local admin $FA_KEYCLOAK_ADMIN_USER)"
  echo "                       demo people (password $FA_TOKEN_PASSWORD): ylgs-filler (填报, HH-RSJ-YLGS), rsj-reviewer (审核, HH-RSJ),"
  echo "                       city-admin (管理, 431200), reader (只读, 431200), platform-operator (运维, no node);"
  echo "                       sbzx-filler, gszx-filler (填报, the generated 2022's predecessor units);"
  echo "                       a token: deploy/local/platform.sh token reader"
  echo "  Database             ${FA_DB_HOST}:${FA_DB_PORT} (databases accounts, performance, aggregation)"
  echo "  Demo 汇总 (summaries; every /api call needs a bearer token):"
  echo "    http://127.0.0.1:8083/api/v1/summaries/HH-RSJ/2023   (department 怀化市人力资源和社会保障局)"
  echo "    http://127.0.0.1:8083/api/v1/summaries/431200/2023   (region 怀化市)"
  echo "  For example:"
  echo "    curl -H \"Authorization: Bearer \$(deploy/local/platform.sh token reader)\" http://127.0.0.1:8083/api/v1/summaries/HH-RSJ/2023"
  echo "  Excel downloads (the nine 公开 tables as printed, with the findings on a last sheet):"
  echo "    curl -H \"Authorization: Bearer \$(deploy/local/platform.sh token reader)\" -o HH-RSJ-YLGS-2023.xlsx 'http://127.0.0.1:8081/api/v1/units/HH-RSJ-YLGS/reports/2023?format=xlsx'"
  echo "    curl -H \"Authorization: Bearer \$(deploy/local/platform.sh token reader)\" -o HH-RSJ-2023-汇总.xlsx 'http://127.0.0.1:8083/api/v1/summaries/HH-RSJ/2023?format=xlsx'"
  echo "  Logs: deploy/local/platform.sh logs [name]   Stop: deploy/local/platform.sh down"
}

# ---------------------------------------------------------------------------------------------------------
# status, logs
# ---------------------------------------------------------------------------------------------------------

status_line() {
  local name="$1" port="$2" f pid="-" state=stopped ready="-"
  f="$(pid_file "$name")"
  if pid="$(running_pid "$name")"; then
    state=running
  else
    pid="-"
    if port_answers "$port"; then
      state=foreign
      ready="port $port is used by a process platform.sh did not start"
      if [[ "$name" == keycloak ]] && keycloak_ready; then
        ready="$ready; its realm $KEYCLOAK_REALM answers, up uses it"
      fi
    fi
  fi
  if [[ "$state" == running ]]; then
    if [[ "$name" == kafka ]]; then
      if kafka_ready; then ready="ready (metadata request ok)"; else ready="not ready"; fi
    elif [[ "$name" == keycloak ]]; then
      if keycloak_ready; then ready="ready (realm $KEYCLOAK_REALM answers)"; else ready="not ready"; fi
    else
      if svc_ready "$port"; then ready="ready (/q/health/ready 200)"; else ready="not ready"; fi
    fi
  elif [[ -f "$f" && "$state" == stopped ]]; then
    ready="stale pid file"
  fi
  printf '%-20s %-8s pid %-8s port %-16s %s\n' "$name" "$state" "$pid" "127.0.0.1:$port" "$ready"
}

status() {
  local s
  if cluster_is_up; then
    cluster_status
    return 0
  fi
  status_line kafka "$FA_KAFKA_PORT"
  status_line keycloak "$FA_KEYCLOAK_PORT"
  for s in "${SERVICES[@]}"; do
    status_line "$(svc_name "$s")" "$(svc_port "$s")"
  done
  fa_db_status
}

logs() {
  ensure_dirs
  local files=() s
  if (($# == 0)) && cluster_is_up; then
    mapfile -t files < <(cluster_log_files)
  elif (($# == 0)); then
    files+=("$LOG_DIR/kafka.log" "$LOG_DIR/keycloak.log")
    for s in "${SERVICES[@]}"; do files+=("$LOG_DIR/$(svc_name "$s").log"); done
  else
    case "$1" in
      kafka) files+=("$LOG_DIR/kafka.log") ;;
      keycloak) files+=("$LOG_DIR/keycloak.log") ;;
      accounts | accounts-service) files+=("$LOG_DIR/accounts-service.log") ;;
      performance | performance-service) files+=("$LOG_DIR/performance-service.log") ;;
      aggregation | aggregation-service) files+=("$LOG_DIR/aggregation-service.log") ;;
      kafka-[0-9] | db-[0-9] | haproxy | *-service-[0-9]) files+=("$LOG_DIR/$1.log") ;;
      *) die "unknown log '$1' (kafka, keycloak, accounts-service, performance-service, aggregation-service)" ;;
    esac
  fi
  exec tail -n 100 -F "${files[@]}"
}

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

main() {
  local cmd="${1:-}"
  if (($# > 0)); then shift; fi
  case "$cmd" in
    up)
      take_lock
      if [[ "${1:-}" == --cluster ]]; then
        cluster_up
        return 0
      fi
      [[ -z "${1:-}" ]] || die "unknown option '$1' (up, or up --cluster)"
      cluster_is_up && die "the cluster runs (up --cluster): deploy/local/platform.sh down first"
      keycloak_start
      kafka_up
      db_up
      build
      keycloak_wait
      services_up
      demo_load
      print_urls
      ;;
    down)
      take_lock
      if cluster_is_up; then
        cluster_down
        log "the cluster is stopped; its data stays in ${CLUSTER_DIR#"$REPO_ROOT"/} (the machine's own database server is left running)"
        return 0
      fi
      services_down
      kafka_down
      # stop_component stops only a Keycloak this checkout started (its pid file and command line)
      keycloak_down
      log "the database server is left running (platform.sh never stops it)"
      ;;
    status) status ;;
    logs) logs "$@" ;;
    kafka-up) take_lock && if cluster_is_up; then cluster_kafka_up; else kafka_up; fi ;;
    kafka-down) take_lock && if cluster_is_up; then cluster_kafka_down; else kafka_down; fi ;;
    keycloak-up) take_lock && keycloak_up ;;
    keycloak-down) take_lock && keycloak_down ;;
    token) token "$@" ;;
    db) if cluster_is_up; then take_lock && galera_up; else db_up; fi ;;
    haproxy-up) take_lock && haproxy_up ;;
    haproxy-down) take_lock && stop_component haproxy ;;
    build) take_lock && build ;;
    services-up) take_lock && services_up ;;
    services-down) take_lock && services_down ;;
    demo) demo_load ;;
    open-year) open_year "$@" ;;
    urls) print_urls ;;
    kafka-tool)
      (($# > 0)) || die "usage: platform.sh kafka-tool CLASS [args...], e.g. org.apache.kafka.tools.TopicCommand --bootstrap-server $KAFKA_BOOTSTRAP --list"
      [[ -d "$KAFKA_LIBS" ]] || die "no Kafka jars yet: run deploy/local/platform.sh kafka-up first"
      ensure_dirs
      kafka_write_config
      kafka_tool "$@"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
