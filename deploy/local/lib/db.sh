# shellcheck shell=bash
# Database helpers shared by deploy/local/platform.sh and deploy/local/test.sh. Source it; do not run it.
#
#   fa_db_ensure_server   make sure a MySQL-protocol server answers at FA_DB_HOST:FA_DB_PORT
#                         (installs and starts MariaDB from Debian when it is local, absent and we are root)
#   fa_db_provision       create, idempotently, the databases <svc> and <svc>_test and the users <svc> (the
#                         service runs with it: rows only, append-only audit trail) and <svc>_migrator (owns the
#                         schema, runs the migrations) of each service (accounts, performance, aggregation), each
#                         seeing only its own two databases; for service-support's tests, only support_test
#   fa_db_password USER   the password of a database user (FA_DB_PASSWORD_<USER>, default: the user's name;
#                         e.g. FA_DB_PASSWORD_ACCOUNTS, FA_DB_PASSWORD_ACCOUNTS_MIGRATOR)
#   fa_db_status          one status line for the database
#
# Settings (environment):
#   FA_DB_HOST (127.0.0.1)  FA_DB_PORT (3306)  FA_DB_ADMIN_USER (root)  FA_DB_ADMIN_PASSWORD (empty)
#   FA_DB_PASSWORD_ACCOUNTS / _PERFORMANCE / _AGGREGATION (default: accounts / performance / aggregation)
#   FA_DB_PASSWORD_ACCOUNTS_MIGRATOR / … (default: accounts_migrator / …): the migrations' users
#   FA_DB_USER_HOSTS ("localhost 127.0.0.1"): the hosts the service users are created for.

FA_DB_HOST="${FA_DB_HOST:-127.0.0.1}"
FA_DB_PORT="${FA_DB_PORT:-3306}"
FA_DB_ADMIN_USER="${FA_DB_ADMIN_USER:-root}"
FA_DB_ADMIN_PASSWORD="${FA_DB_ADMIN_PASSWORD:-}"
FA_DB_USER_HOSTS="${FA_DB_USER_HOSTS:-localhost 127.0.0.1}"
FA_DB_SERVICES="accounts performance aggregation"
# Modules whose tests need a database of their own but that run no service: only <name>_test and the user.
FA_DB_TEST_ONLY="support"

# How fa_db_admin_sql reaches the server: "tcp" (admin user over TCP) or "socket" (root over the unix socket).
_FA_DB_ADMIN_MODE=""

_fa_db_log() { printf '[db] %s\n' "$*" >&2; }
_fa_db_die() { printf '[db] ERROR: %s\n' "$*" >&2; exit 1; }

# True when something accepts TCP connections at host:port (no client needed).
fa_db_port_answers() {
  timeout 2 bash -c "exec 3<>/dev/tcp/${FA_DB_HOST}/${FA_DB_PORT}" 2>/dev/null
}

_fa_db_is_local_host() {
  case "$FA_DB_HOST" in 127.0.0.1 | localhost) return 0 ;; *) return 1 ;; esac
}

_fa_db_is_debian_root() {
  [[ -f /etc/debian_version && "$(id -u)" == 0 ]]
}

# The client binary: mariadb if present, else mysql.
fa_db_client() {
  if command -v mariadb >/dev/null 2>&1; then
    echo mariadb
  elif command -v mysql >/dev/null 2>&1; then
    echo mysql
  else
    return 1
  fi
}

_fa_db_need_client() {
  if fa_db_client >/dev/null; then
    return 0
  fi
  if _fa_db_is_debian_root; then
    _fa_db_apt_install mariadb-client
    fa_db_client >/dev/null && return 0
  fi
  _fa_db_die "no mariadb or mysql client found. Install one: apt-get install mariadb-client"
}

# apt-get install, running 'apt-get update' first only when the package lists are missing or the install fails.
_fa_db_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    _fa_db_log "apt-get update"
    apt-get update -q >&2
  fi
  _fa_db_log "apt-get install -y $*"
  if ! apt-get install -y -q "$@" >&2; then
    _fa_db_log "install failed; running apt-get update and trying again"
    apt-get update -q >&2
    apt-get install -y -q "$@" >&2
  fi
}

_fa_db_wait_answers() {
  local seconds="$1" i
  for ((i = 0; i < seconds; i++)); do
    fa_db_port_answers && return 0
    sleep 1
  done
  return 1
}

# Installs (when needed) and starts the local MariaDB server of Debian. Never stops anything.
_fa_db_start_local_mariadb() {
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    _fa_db_apt_install mariadb-server mariadb-client
  fi
  # The package's post-install script may have started it already (where services can be started).
  if _fa_db_wait_answers 3; then
    _fa_db_mark_ours
    return 0
  fi
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    _fa_db_log "initialising the data directory /var/lib/mysql"
    mkdir -p /var/lib/mysql
    chown mysql:mysql /var/lib/mysql
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >&2
  fi
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld
  _fa_db_log "starting /usr/sbin/mariadbd"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >&2 ||
    service mariadb start >&2 || true
  if ! _fa_db_wait_answers 60; then
    _fa_db_die "MariaDB was started but does not answer on ${FA_DB_HOST}:${FA_DB_PORT} after 60 s; see /var/log/mysql/error.log"
  fi
  _fa_db_mark_ours
}

# Records that these scripts installed or started the local server, so that the fault drill (deploy/local/drill.sh)
# knows it may restart it; a server someone else runs (and may run tests on) has no mark and is never restarted.
_fa_db_mark_ours() {
  local run_dir
  run_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.run"
  mkdir -p "$run_dir"
  printf 'MariaDB on %s:%s started by deploy/local/lib/db.sh at %s\n' "$FA_DB_HOST" "$FA_DB_PORT" "$(date '+%F %T')" \
    >"$run_dir/db-server.ours"
}

# Makes sure a MySQL-protocol server answers at FA_DB_HOST:FA_DB_PORT.
fa_db_ensure_server() {
  if fa_db_port_answers; then
    _fa_db_need_client
    return 0
  fi
  # Only Debian's default local server (port 3306) is installed/started by us.
  if _fa_db_is_local_host && [[ "$FA_DB_PORT" == 3306 ]] && _fa_db_is_debian_root; then
    _fa_db_log "nothing answers on ${FA_DB_HOST}:${FA_DB_PORT}; installing/starting MariaDB from Debian"
    _fa_db_start_local_mariadb
    _fa_db_need_client
    _fa_db_log "MariaDB answers on ${FA_DB_HOST}:${FA_DB_PORT}"
    return 0
  fi
  _fa_db_die "no database server answers on ${FA_DB_HOST}:${FA_DB_PORT}.
  Either install MariaDB locally (as root on Debian/Ubuntu): apt-get install mariadb-server mariadb-client
  and start it, or point to an existing MySQL 8 / MariaDB 10.6+ server by setting
  FA_DB_HOST, FA_DB_PORT, FA_DB_ADMIN_USER and FA_DB_ADMIN_PASSWORD (an account allowed to create databases and users)."
}

# Runs the client as the admin: fa_db_admin_client [client options...] (reads SQL from stdin when none is given).
_fa_db_admin_client() {
  local client
  client="$(fa_db_client)"
  if [[ "$_FA_DB_ADMIN_MODE" == socket ]]; then
    "$client" -uroot --batch --skip-column-names "$@"
  else
    MYSQL_PWD="$FA_DB_ADMIN_PASSWORD" "$client" -h "$FA_DB_HOST" -P "$FA_DB_PORT" --protocol=TCP \
      -u "$FA_DB_ADMIN_USER" --batch --skip-column-names "$@"
  fi
}

# Chooses how to log in as admin: TCP first; the unix socket as root when TCP fails and the server is ours. The
# default socket belongs to whichever server the client's defaults name, so it is used only when that server is the
# one on FA_DB_PORT (a second server on another port must not have the first one provisioned in its stead).
_fa_db_choose_admin_mode() {
  [[ -n "$_FA_DB_ADMIN_MODE" ]] && return 0
  local err port
  _FA_DB_ADMIN_MODE=tcp
  if err="$(_fa_db_admin_client -e 'SELECT 1' 2>&1 >/dev/null)"; then
    return 0
  fi
  if _fa_db_is_local_host && [[ "$(id -u)" == 0 ]]; then
    _FA_DB_ADMIN_MODE=socket
    port="$(_fa_db_admin_client -e 'SELECT @@port' 2>/dev/null || true)"
    if [[ "$port" == "$FA_DB_PORT" ]]; then
      _fa_db_log "TCP login as ${FA_DB_ADMIN_USER} failed; using root over the unix socket"
      return 0
    fi
  fi
  _FA_DB_ADMIN_MODE=""
  _fa_db_die "cannot log in to ${FA_DB_HOST}:${FA_DB_PORT} as ${FA_DB_ADMIN_USER}: ${err}
  Set FA_DB_ADMIN_USER and FA_DB_ADMIN_PASSWORD to an account allowed to create databases and users."
}

# Runs SQL (from the arguments, or stdin) as the admin.
# shellcheck disable=SC2120 # arguments are optional
fa_db_admin_sql() {
  _fa_db_choose_admin_mode
  if (($# > 0)); then
    _fa_db_admin_client -e "$*"
  else
    _fa_db_admin_client
  fi
}

# SQL string literal body: doubles quotes and backslashes.
_fa_db_quote() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\'/\'\'}"
  printf '%s' "$s"
}

# The password of a database user: FA_DB_PASSWORD_<USER>, defaulting to the user's name.
fa_db_password() {
  local svc="$1" var
  var="FA_DB_PASSWORD_$(printf '%s' "$svc" | tr '[:lower:]' '[:upper:]')"
  printf '%s' "${!var:-$svc}"
}

# Idempotent: databases <svc> and <svc>_test (utf8mb4, binary collation) and two users of each service for each
# host of FA_DB_USER_HOSTS:
#   <svc>_migrator  owns both databases (ALL PRIVILEGES WITH GRANT OPTION): the migrations (Flyway at the service's
#                   start, quarkus.flyway.username) and the tests' clean-at-start run as it;
#   <svc>           the user the service runs with: nothing at the database level. After each migration the
#                   migrator grants it SELECT, INSERT, UPDATE, DELETE table by table, and only SELECT, INSERT on the
#                   audit trail (service-support's RuntimeGrants), so it can never TRUNCATE, DROP, ALTER or drop a
#                   trigger. A database provisioned by an older db.sh (the service user with ALL PRIVILEGES) is
#                   brought in line: the database-level rights are revoked (granted first, so REVOKE always has a
#                   grant to take away) and the next start of the service grants the tables.
fa_db_provision() {
  _fa_db_need_client
  _fa_db_choose_admin_mode
  local svc host pw mpw db dbs sql=""
  for svc in $FA_DB_SERVICES $FA_DB_TEST_ONLY; do
    pw="$(_fa_db_quote "$(fa_db_password "$svc")")"
    mpw="$(_fa_db_quote "$(fa_db_password "${svc}_migrator")")"
    dbs="${svc}_test"
    if [[ " $FA_DB_TEST_ONLY " != *" $svc "* ]]; then
      dbs="${svc} ${dbs}"
    fi
    for db in $dbs; do
      sql+="CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"$'\n'
    done
    for host in $FA_DB_USER_HOSTS; do
      sql+="CREATE USER IF NOT EXISTS '${svc}'@'${host}' IDENTIFIED BY '${pw}';"$'\n'
      # Keeps the password in line with FA_DB_PASSWORD_<SVC> when the user already existed.
      sql+="ALTER USER '${svc}'@'${host}' IDENTIFIED BY '${pw}';"$'\n'
      sql+="CREATE USER IF NOT EXISTS '${svc}_migrator'@'${host}' IDENTIFIED BY '${mpw}';"$'\n'
      sql+="ALTER USER '${svc}_migrator'@'${host}' IDENTIFIED BY '${mpw}';"$'\n'
      for db in $dbs; do
        sql+="GRANT ALL PRIVILEGES ON \`${db}\`.* TO '${svc}_migrator'@'${host}' WITH GRANT OPTION;"$'\n'
        sql+="GRANT SELECT ON \`${db}\`.* TO '${svc}'@'${host}';"$'\n'
        sql+="REVOKE ALL PRIVILEGES ON \`${db}\`.* FROM '${svc}'@'${host}';"$'\n'
      done
    done
  done
  # shellcheck disable=SC2119 # SQL comes from stdin
  printf '%s' "$sql" | fa_db_admin_sql
  _fa_db_log "provisioned on ${FA_DB_HOST}:${FA_DB_PORT}: databases and users for ${FA_DB_SERVICES} (and *_test)"
}

# One status line: database  running|stopped  pid  port  readiness.
fa_db_status() {
  local pid="-" state=stopped ready="not ready"
  if _fa_db_is_local_host && [[ -r /run/mysqld/mysqld.pid ]]; then
    pid="$(cat /run/mysqld/mysqld.pid 2>/dev/null || echo -)"
    [[ -d "/proc/${pid}" ]] || pid="-"
  fi
  if fa_db_port_answers; then
    state=running
    ready="answers (login not checked)"
    if fa_db_client >/dev/null && (_fa_db_choose_admin_mode && _fa_db_admin_client -e 'SELECT 1') >/dev/null 2>&1; then
      ready="ready (admin login ok)"
    fi
  fi
  printf '%-20s %-8s pid %-8s port %-16s %s\n' database "$state" "$pid" "${FA_DB_HOST}:${FA_DB_PORT}" "$ready"
}
