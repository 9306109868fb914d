# shellcheck shell=bash
# The platform on more than one copy of everything, on this one machine (`platform.sh up --cluster`), sourced by
# platform.sh after its own functions (launch, stop_component, kafka_ensure_libs, the services' helpers):
#   - Kafka: three KRaft nodes (broker and controller each), replication factor 3, min.insync.replicas 2;
#   - MariaDB Galera Cluster: three mariadbd (Debian's mariadb-server and galera-4), their own ports, sockets and data
#     under .run/cluster, state transfer by rsync; the machine's own server (3306) is not touched;
#   - HAProxy (Debian's haproxy): one writer at a time on FA_CLUSTER_DB_PORT (the others are backups, and a failed-over
#     writer stays the writer: no fail-back while the old one rejoins), and the services' usual ports 8081–8083 in
#     front of two instances each, checked on /q/health/ready;
#   - two instances of each service (ports 1808x and 2808x), Keycloak as alone (one).
# docs/operations.md says how to run it and what to do when a part of it is lost.

CLUSTER_DIR="$RUN_DIR/cluster"
# Present while the cluster is the platform that runs (written by up --cluster, removed by down).
CLUSTER_MARK="$CLUSTER_DIR/up"
CLUSTER_NODES=(1 2 3)
FA_CLUSTER_KAFKA_PORTS=(${FA_CLUSTER_KAFKA_PORTS:-9094 9095 9096})
FA_CLUSTER_KAFKA_CONTROLLER_PORTS=(${FA_CLUSTER_KAFKA_CONTROLLER_PORTS:-9097 9098 9099})
FA_CLUSTER_KAFKA_HEAP_OPTS="${FA_CLUSTER_KAFKA_HEAP_OPTS:--Xms128m -Xmx384m}"
# Each Galera node: client port, group communication, incremental state transfer, snapshot (rsync) state transfer.
FA_CLUSTER_DB_PORTS=(${FA_CLUSTER_DB_PORTS:-3307 3308 3309})
FA_CLUSTER_GALERA_PORTS=(${FA_CLUSTER_GALERA_PORTS:-4567 4577 4587})
FA_CLUSTER_IST_PORTS=(${FA_CLUSTER_IST_PORTS:-4568 4578 4588})
FA_CLUSTER_SST_PORTS=(${FA_CLUSTER_SST_PORTS:-4444 4454 4464})
FA_CLUSTER_DB_BUFFER_POOL="${FA_CLUSTER_DB_BUFFER_POOL:-256M}"
# The database as the services see it: HAProxy's writer endpoint.
FA_CLUSTER_DB_PORT="${FA_CLUSTER_DB_PORT:-3310}"
FA_CLUSTER_HAPROXY_STATS_PORT="${FA_CLUSTER_HAPROXY_STATS_PORT:-8404}"
# Instance i of the service on port p listens on i followed by p: 18081 and 28081 behind 8081.
CLUSTER_INSTANCES=(1 2)
FA_CLUSTER_READY_TIMEOUT="${FA_CLUSTER_READY_TIMEOUT:-300}"
GALERA_PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"

cluster_kafka_bootstrap() {
  local n out=()
  for n in "${CLUSTER_NODES[@]}"; do out+=("127.0.0.1:${FA_CLUSTER_KAFKA_PORTS[n - 1]}"); done
  local IFS=,
  printf '%s' "${out[*]}"
}

cluster_is_up() { [[ -f "$CLUSTER_MARK" ]]; }

# The marker of a cluster component's command line (platform.sh's marker_of asks here first).
cluster_marker_of() {
  case "$1" in
    kafka-[0-9]) printf '%s' "$CLUSTER_DIR/$1/server.properties" ;;
    db-[0-9]) printf '%s' "--defaults-file=$CLUSTER_DIR/$1/my.cnf" ;;
    haproxy) printf '%s' "$CLUSTER_DIR/haproxy.cfg" ;;
    *-service-[0-9]) printf -- '-Dfa.instance.id=%s -jar %s/%s/quarkus-run.jar' "$1" "$APPS_DIR" "${1%-[0-9]}" ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------
# Kafka: three KRaft nodes
# ---------------------------------------------------------------------------------------------------------

cluster_kafka_write_config() {
  local n="$1" dir="$CLUSTER_DIR/kafka-$1" voters=() m
  for m in "${CLUSTER_NODES[@]}"; do voters+=("$m@127.0.0.1:${FA_CLUSTER_KAFKA_CONTROLLER_PORTS[m - 1]}"); done
  mkdir -p "$dir/data"
  local IFS=,
  cat >"$dir/server.properties" <<EOF
# Written by deploy/local/platform.sh up --cluster on each start; edit deploy/local/lib/cluster.sh, not this file.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=${voters[*]}
listeners=PLAINTEXT://127.0.0.1:${FA_CLUSTER_KAFKA_PORTS[n - 1]},CONTROLLER://127.0.0.1:${FA_CLUSTER_KAFKA_CONTROLLER_PORTS[n - 1]}
advertised.listeners=PLAINTEXT://127.0.0.1:${FA_CLUSTER_KAFKA_PORTS[n - 1]}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
# Every partition on all three brokers; a write is acknowledged (acks=all) once two hold it, so one broker may be
# lost without losing a write or stopping the writers.
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
# A replica that has not fetched for this long leaves the in-sync set (a stopped broker: the writes go on with two).
replica.lag.time.max.ms=10000
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
}

cluster_kafka_format() {
  local n="$1" dir="$CLUSTER_DIR/kafka-$1" id_file="$CLUSTER_DIR/kafka-cluster-id" cluster_id
  [[ -f "$dir/data/meta.properties" ]] && return 0
  if [[ ! -f "$id_file" ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 | tr -d '[:space:]' >"$id_file"
  fi
  cluster_id="$(<"$id_file")"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "no Kafka cluster id in ${id_file#"$REPO_ROOT"/} ('$cluster_id')"
  log "formatting the storage of kafka-$n (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format --config "$dir/server.properties" --cluster-id "$cluster_id" \
    --ignore-formatted >>"$LOG_DIR/kafka-$n.log" 2>&1 || { tail -n 20 "$LOG_DIR/kafka-$n.log" >&2; die "formatting kafka-$n failed"; }
}

cluster_kafka_ready() {
  timeout 20 java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.properties" \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$(cluster_kafka_bootstrap)" \
    --command-config "$KAFKA_CONF/check-client.properties" 2>/dev/null | grep -c '^127.0.0.1:' || true
}

cluster_kafka_up() {
  local n port
  kafka_ensure_libs
  kafka_write_config # the tools' logging and the readiness client's timeouts
  for n in "${CLUSTER_NODES[@]}"; do
    running_pid "kafka-$n" >/dev/null && continue
    rm -f "$(pid_file "kafka-$n")"
    for port in "${FA_CLUSTER_KAFKA_PORTS[n - 1]}" "${FA_CLUSTER_KAFKA_CONTROLLER_PORTS[n - 1]}"; do
      port_answers "$port" && die "port $port (kafka-$n) is in use by a process platform.sh did not start$(port_owner "$port" | sed 's/^/ (/; s/$/)/')"
    done
    cluster_kafka_write_config "$n"
    cluster_kafka_format "$n"
    # shellcheck disable=SC2086 # the heap options are several
    launch "kafka-$n" "$LOG_DIR/kafka-$n.log" java $FA_CLUSTER_KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_CONF/log4j2.properties" -cp "$KAFKA_LIBS/*" \
      kafka.Kafka "$CLUSTER_DIR/kafka-$n/server.properties"
  done
  local deadline=$((SECONDS + 120)) brokers
  while ((SECONDS < deadline)); do
    brokers="$(cluster_kafka_ready)"
    if [[ "$brokers" == "${#CLUSTER_NODES[@]}" ]]; then
      log "kafka: ${#CLUSTER_NODES[@]} brokers ready on $(cluster_kafka_bootstrap)"
      return 0
    fi
    for n in "${CLUSTER_NODES[@]}"; do
      running_pid "kafka-$n" >/dev/null || { tail -n 30 "$LOG_DIR/kafka-$n.log" >&2; die "kafka-$n exited during start-up"; }
    done
    sleep 2
  done
  die "the Kafka cluster is not ready after 120 s (${brokers:-0} brokers answer; logs: $LOG_DIR/kafka-*.log)"
}

# ---------------------------------------------------------------------------------------------------------
# MariaDB Galera Cluster: three nodes
# ---------------------------------------------------------------------------------------------------------

galera_dir() { printf '%s' "$CLUSTER_DIR/db-$1"; }
galera_socket() { printf '%s' "$CLUSTER_DIR/db-$1/mysqld.sock"; }
# Runs SQL on a node over its socket, as root (the node's own, unreachable over TCP from elsewhere).
galera_sql() {
  local n="$1"
  shift
  mariadb -S "$(galera_socket "$n")" -uroot --batch --skip-column-names "$@"
}
galera_state() { galera_sql "$1" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2; }

galera_write_config() {
  local n="$1" dir addresses=() m
  dir="$(galera_dir "$n")"
  for m in "${CLUSTER_NODES[@]}"; do addresses+=("127.0.0.1:${FA_CLUSTER_GALERA_PORTS[m - 1]}"); done
  mkdir -p "$dir/data" "$dir/tmp"
  # The nodes run as Debian's mysql user: the rsync daemon that receives a state transfer drops root's rights, and
  # could not write into directories root owns.
  chown -R mysql:mysql "$dir"
  local IFS=,
  cat >"$dir/my.cnf" <<EOF
# Written by deploy/local/platform.sh up --cluster on each start; edit deploy/local/lib/cluster.sh, not this file.
[mysqld]
user=mysql
datadir=$dir/data
tmpdir=$dir/tmp
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
port=${FA_CLUSTER_DB_PORTS[n - 1]}
bind-address=127.0.0.1
character-set-server=utf8mb4
collation-server=utf8mb4_bin
max_connections=600
innodb_buffer_pool_size=$FA_CLUSTER_DB_BUFFER_POOL
# Galera: row-based write-sets, interleaved auto-increment locks; a commit is durable once the write-set is certified
# on the other nodes, so the redo log is flushed once a second rather than at each commit (the usual Galera setting).
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=2
# The migrations create triggers as the services' migrator users.
log_bin_trust_function_creators=1
wsrep_on=ON
wsrep_provider=$GALERA_PROVIDER
wsrep_cluster_name=final-accounts
wsrep_cluster_address=gcomm://${addresses[*]}
wsrep_node_name=db-$n
wsrep_node_address=127.0.0.1:${FA_CLUSTER_GALERA_PORTS[n - 1]}
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${FA_CLUSTER_GALERA_PORTS[n - 1]};ist.recv_addr=127.0.0.1:${FA_CLUSTER_IST_PORTS[n - 1]};gcache.size=256M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${FA_CLUSTER_SST_PORTS[n - 1]}
# A read waits until the node has applied every write-set committed before it: a failed-over writer never answers
# from before the old writer's last commits.
wsrep_sync_wait=1
EOF
}

# The node the cluster starts from when none runs: the one Galera marked safe to bootstrap (the last to stop),
# else the one with the highest committed sequence number, else node 1 (a fresh cluster).
galera_bootstrap_node() {
  local n best=1 best_seq=-2 seq f
  for n in "${CLUSTER_NODES[@]}"; do
    f="$(galera_dir "$n")/data/grastate.dat"
    [[ -f "$f" ]] || continue
    if grep -q '^safe_to_bootstrap: *1' "$f"; then
      printf '%s' "$n"
      return 0
    fi
    seq="$(sed -nE 's/^seqno: *(-?[0-9]+)/\1/p' "$f")"
    if [[ -n "$seq" ]] && ((seq > best_seq)); then best=$n best_seq=$seq; fi
  done
  f="$(galera_dir "$best")/data/grastate.dat"
  if [[ -f "$f" ]]; then
    warn "no Galera node was marked safe to bootstrap (the cluster stopped all at once): starting from db-$best (seqno $best_seq)"
    sed -i 's/^safe_to_bootstrap: *0/safe_to_bootstrap: 1/' "$f"
  fi
  printf '%s' "$best"
}

galera_start_node() {
  local n="$1" bootstrap="${2:-}" dir position=""
  dir="$(galera_dir "$n")"
  galera_write_config "$n"
  if [[ ! -d "$dir/data/mysql" && -n "$bootstrap" ]]; then
    log "db-$n: creating the data directory (mariadb-install-db)"
    mariadb-install-db --defaults-file="$dir/my.cnf" --user=mysql --auth-root-authentication-method=socket --skip-test-db \
      >>"$LOG_DIR/db-$n.log" 2>&1 || { tail -n 20 "$LOG_DIR/db-$n.log" >&2; die "mariadb-install-db failed for db-$n"; }
  fi
  [[ -z "$bootstrap" ]] && position="$(galera_recovered_position "$n")"
  [[ -n "$position" ]] && log "db-$n: stopped uncleanly; recovered its position $position (it catches up by IST)"
  launch "db-$n" "$LOG_DIR/db-$n.log" mariadbd "--defaults-file=$dir/my.cnf" ${bootstrap:+--wsrep-new-cluster} \
    ${position:+--wsrep_start_position=$position}
}

# A node killed (-9, a lost machine) leaves seqno -1 in its grastate.dat: not knowing how far it got, it would ask
# for a full state transfer, and an rsync transfer holds FLUSH TABLES WITH READ LOCK on the donor while it copies —
# the writer, as likely as not, taking no writes for as long (the cluster drill saw 32 s). As systemd's
# galera_recovery does, the position is first read back from InnoDB (--wsrep-recover) and given as
# --wsrep_start_position: the node then catches up by IST from a donor's write-set cache, which blocks nobody.
galera_recovered_position() {
  local n="$1" dir out
  dir="$(galera_dir "$n")"
  [[ -f "$dir/data/grastate.dat" ]] && grep -qE '^seqno: *-1' "$dir/data/grastate.dat" || return 0
  out="$(mktemp)"
  mariadbd "--defaults-file=$dir/my.cnf" --wsrep-recover --disable-log-error >/dev/null 2>"$out" || true
  sed -nE 's/.*WSREP: Recovered position: *([0-9a-f-]+:-?[0-9]+).*/\1/p' "$out" | tail -n 1
  rm -f "$out"
}

galera_wait_synced() {
  local n="$1" deadline=$((SECONDS + 180)) state=""
  while ((SECONDS < deadline)); do
    state="$(galera_state "$n" || true)"
    [[ "$state" == Synced ]] && { log "db-$n: Synced"; return 0; }
    running_pid "db-$n" >/dev/null || { tail -n 30 "$LOG_DIR/db-$n.log" >&2; die "db-$n exited during start-up"; }
    sleep 1
  done
  die "db-$n is not Synced after 180 s (state '${state}'; log: $LOG_DIR/db-$n.log)"
}

galera_up() {
  local n running=() first port
  command -v mariadbd >/dev/null && [[ -f "$GALERA_PROVIDER" ]] && command -v rsync >/dev/null \
    || cluster_install_packages
  for n in "${CLUSTER_NODES[@]}"; do
    if running_pid "db-$n" >/dev/null; then running+=("$n"); continue; fi
    port="${FA_CLUSTER_DB_PORTS[n - 1]}"
    port_answers "$port" && die "port $port (db-$n) is in use by a process platform.sh did not start$(port_owner "$port" | sed 's/^/ (/; s/$/)/')"
    rm -f "$(pid_file "db-$n")"
  done
  if ((${#running[@]} == 0)); then
    first="$(galera_bootstrap_node)"
    log "db-$first: starting a new Galera cluster from it (--wsrep-new-cluster)"
    galera_start_node "$first" bootstrap
    galera_wait_synced "$first"
    running+=("$first")
  fi
  for n in "${CLUSTER_NODES[@]}"; do
    running_pid "db-$n" >/dev/null && continue
    log "db-$n: joining the cluster (IST from a donor's write-set cache, else a full state transfer by rsync)"
    galera_start_node "$n"
    galera_wait_synced "$n"
  done
  galera_provision "${running[0]}"
}

# The services' databases and users (lib/db.sh's provisioning, through one node: Galera replicates them), and the
# user HAProxy's check logs in as.
galera_provision() {
  local n="$1"
  galera_sql "$n" -e "CREATE USER IF NOT EXISTS 'haproxy_check'@'127.0.0.1'" || die "could not create the HAProxy check user"
  (
    FA_DB_HOST=127.0.0.1
    FA_DB_PORT="${FA_CLUSTER_DB_PORTS[n - 1]}"
    _FA_DB_ADMIN_MODE=galera
    fa_db_admin_sql() { if (($# > 0)); then galera_sql "$n" -e "$*"; else galera_sql "$n"; fi; }
    _fa_db_choose_admin_mode() { :; }
    fa_db_provision
  )
}

galera_down() {
  local i
  # The last node to stop is marked safe to bootstrap: the next up starts the cluster from it.
  for ((i = ${#CLUSTER_NODES[@]} - 1; i >= 0; i--)); do stop_component "db-${CLUSTER_NODES[i]}"; done
}

cluster_install_packages() {
  [[ -f /etc/debian_version && "$(id -u)" == 0 ]] || die "the cluster needs mariadb-server, galera-4, rsync and haproxy (Debian packages; run as root to have them installed)"
  log "installing mariadb-server galera-4 rsync haproxy (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server galera-4 rsync haproxy >/dev/null \
    || die "could not install mariadb-server galera-4 rsync haproxy"
}

# ---------------------------------------------------------------------------------------------------------
# HAProxy: the database's writer endpoint and the services' ports
# ---------------------------------------------------------------------------------------------------------

haproxy_write_config() {
  local s name port i n
  {
    cat <<EOF
# Written by deploy/local/platform.sh up --cluster on each start; edit deploy/local/lib/cluster.sh, not this file.
global
    maxconn 4000
    log stdout format raw local0 notice

defaults
    log global
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout check 2s

listen stats
    bind 127.0.0.1:$FA_CLUSTER_HAPROXY_STATS_PORT
    mode http
    stats enable
    stats uri /
    stats refresh 5s

# One writer at a time: the services' locks (the relay's turn, the 汇总's head, SELECT … FOR UPDATE) are row locks
# of the node they run on, which Galera does not hold across nodes. db-2 and db-3 are backups; the stick table keeps
# the writer a failover chose, so the old writer, back and catching up, does not take the writes again by itself.
listen galera
    bind 127.0.0.1:$FA_CLUSTER_DB_PORT
    mode tcp
    timeout client 8h
    timeout server 8h
    option mysql-check user haproxy_check post-41
    stick-table type ip size 1
    stick on dst
    default-server inter 1s fall 2 rise 3 on-marked-down shutdown-sessions
EOF
    for n in "${CLUSTER_NODES[@]}"; do
      printf '    server db-%s 127.0.0.1:%s check%s\n' "$n" "${FA_CLUSTER_DB_PORTS[n - 1]}" "$( ((n > 1)) && printf ' backup')"
    done
    for s in "${SERVICES[@]}"; do
      name="$(svc_name "$s")"
      port="$(svc_port "$s")"
      cat <<EOF

# $name: two instances; one that is not ready (/q/health/ready) takes no requests. A request whose connection
# failed is sent to the other instance. When neither is ready (a dependency both share is away for a moment, the
# database failing over), the requests go to them all the same, unchecked (the backups): an instance answers from
# what it holds, or says 503 itself, with Retry-After, rather than HAProxy refusing every read.
listen $name
    bind 127.0.0.1:$port
    mode http
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    retries 2
    retry-on conn-failure empty-response
    option redispatch
    option allbackups
    default-server inter 1s fall 2 rise 2
    http-error status 503 content-type application/problem+json hdr Retry-After 5 string '{"type":"urn:final-accounts:problem:service-unavailable","title":"The service is temporarily unavailable","status":503,"detail":"every instance of $name is away; ask again shortly"}'
EOF
      for i in "${CLUSTER_INSTANCES[@]}"; do
        printf '    server %s-%s 127.0.0.1:%s%s check\n' "$name" "$i" "$i" "$port"
      done
      for i in "${CLUSTER_INSTANCES[@]}"; do
        printf '    server %s-%s-unchecked 127.0.0.1:%s%s backup\n' "$name" "$i" "$i" "$port"
      done
    done
  } >"$CLUSTER_DIR/haproxy.cfg"
}

haproxy_up() {
  local port
  running_pid haproxy >/dev/null && return 0
  for port in "$FA_CLUSTER_DB_PORT" "$FA_CLUSTER_HAPROXY_STATS_PORT"; do
    port_answers "$port" && die "port $port (haproxy) is in use by a process platform.sh did not start$(port_owner "$port" | sed 's/^/ (/; s/$/)/')"
  done
  command -v haproxy >/dev/null || cluster_install_packages
  haproxy_write_config
  haproxy -c -q -f "$CLUSTER_DIR/haproxy.cfg" || die "haproxy rejects ${CLUSTER_DIR#"$REPO_ROOT"/}/haproxy.cfg"
  launch haproxy "$LOG_DIR/haproxy.log" haproxy -db -f "$CLUSTER_DIR/haproxy.cfg"
  local deadline=$((SECONDS + 30))
  until galera_through_haproxy; do
    ((SECONDS < deadline)) || die "the database does not answer through HAProxy on 127.0.0.1:$FA_CLUSTER_DB_PORT"
    sleep 1
  done
  log "haproxy: the database's writer on 127.0.0.1:$FA_CLUSTER_DB_PORT, the services on 8081–8083, stats on http://127.0.0.1:$FA_CLUSTER_HAPROXY_STATS_PORT/"
}

galera_through_haproxy() {
  MYSQL_PWD="$(fa_db_password accounts)" mariadb -h 127.0.0.1 -P "$FA_CLUSTER_DB_PORT" --protocol=TCP -u accounts \
    --batch --skip-column-names -e 'SELECT @@wsrep_node_name' 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------------
# Two instances of each service
# ---------------------------------------------------------------------------------------------------------

# Both instances of every service at once, as Kubernetes starts a Deployment's replicas: each waits its turn to
# migrate its schema (MigrationTurn, a row lock: Flyway takes no named lock on Galera, and two instances migrating one
# schema at once both wrote the same row of its history), so the second finds nothing left to do.
cluster_services_up() {
  local s i name started=()
  for s in "${SERVICES[@]}"; do
    svc_snapshot_unless_running "$s" "${CLUSTER_INSTANCES[@]/#/$(svc_name "$s")-}"
  done
  for i in "${CLUSTER_INSTANCES[@]}"; do
    for s in "${SERVICES[@]}"; do
      name="$(svc_name "$s")-$i"
      svc_start "$s" "$name" "$i$(svc_port "$s")" 127.0.0.1 "$FA_CLUSTER_DB_PORT" "$(cluster_kafka_bootstrap)" \
        FA_KAFKA_REPLICATION_FACTOR=3
      started+=("$name:$i$(svc_port "$s")")
    done
  done
  svc_await_ready "$FA_CLUSTER_READY_TIMEOUT" "${started[@]}"
  for s in "${SERVICES[@]}"; do
    svc_await_ready "$FA_CLUSTER_READY_TIMEOUT" "$(svc_name "$s") (haproxy):$(svc_port "$s")"
  done
}

cluster_services_down() {
  local i j
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    for j in "${CLUSTER_INSTANCES[@]}"; do stop_component "$(svc_name "${SERVICES[i]}")-$j"; done
  done
}

# ---------------------------------------------------------------------------------------------------------
# up, down, status, logs
# ---------------------------------------------------------------------------------------------------------

cluster_up() {
  local s
  for s in kafka "${SERVICES[@]}"; do
    running_pid "$(svc_name "$s")" >/dev/null && die "the single-machine platform runs ($(svc_name "$s")): deploy/local/platform.sh down first"
  done
  mkdir -p "$CLUSTER_DIR"
  : >"$CLUSTER_MARK"
  # What print_urls and the demo's loaders show and use.
  KAFKA_BOOTSTRAP="$(cluster_kafka_bootstrap)"
  FA_DB_PORT="$FA_CLUSTER_DB_PORT"
  keycloak_start
  cluster_kafka_up
  galera_up
  haproxy_up
  build
  keycloak_wait
  cluster_services_up
  demo_load
  print_urls
  cluster_status
}

cluster_kafka_down() {
  local n
  for n in "${CLUSTER_NODES[@]}"; do stop_component "kafka-$n"; done
}

cluster_down() {
  cluster_services_down
  stop_component haproxy
  cluster_kafka_down
  galera_down
  keycloak_down
  rm -f "$CLUSTER_MARK"
}

cluster_status() {
  local n s i
  echo "cluster (deploy/local/platform.sh up --cluster):"
  local brokers
  brokers="$(cluster_kafka_ready)"
  for n in "${CLUSTER_NODES[@]}"; do
    printf '%-20s %-8s pid %-8s port %-16s %s\n' "kafka-$n" "$(running_pid "kafka-$n" >/dev/null && echo running || echo stopped)" \
      "$(running_pid "kafka-$n" || echo -)" "127.0.0.1:${FA_CLUSTER_KAFKA_PORTS[n - 1]}" \
      "$(port_answers "${FA_CLUSTER_KAFKA_PORTS[n - 1]}" && echo "answers (${brokers:-0} of ${#CLUSTER_NODES[@]} brokers in the cluster)" || echo "not answering")"
  done
  for n in "${CLUSTER_NODES[@]}"; do
    local state
    state="$(galera_state "$n" 2>/dev/null || true)"
    printf '%-20s %-8s pid %-8s port %-16s %s\n' "db-$n" "$(running_pid "db-$n" >/dev/null && echo running || echo stopped)" \
      "$(running_pid "db-$n" || echo -)" "127.0.0.1:${FA_CLUSTER_DB_PORTS[n - 1]}" "${state:-not answering}"
  done
  printf '%-20s %-8s pid %-8s port %-16s %s\n' haproxy "$(running_pid haproxy >/dev/null && echo running || echo stopped)" \
    "$(running_pid haproxy || echo -)" "127.0.0.1:$FA_CLUSTER_DB_PORT" "writer: $(galera_through_haproxy || echo none)"
  status_line keycloak "$FA_KEYCLOAK_PORT"
  for s in "${SERVICES[@]}"; do
    for i in "${CLUSTER_INSTANCES[@]}"; do
      status_line "$(svc_name "$s")-$i" "$i$(svc_port "$s")"
    done
  done
}

cluster_log_files() {
  local n s i
  for n in "${CLUSTER_NODES[@]}"; do printf '%s\n' "$LOG_DIR/kafka-$n.log" "$LOG_DIR/db-$n.log"; done
  printf '%s\n' "$LOG_DIR/haproxy.log" "$LOG_DIR/keycloak.log"
  for s in "${SERVICES[@]}"; do
    for i in "${CLUSTER_INSTANCES[@]}"; do printf '%s\n' "$LOG_DIR/$(svc_name "$s")-$i.log"; done
  done
}
