#!/usr/bin/env bash
# The project's test command (also what CI runs, through .ci/run):
#   deploy/local/test.sh [extra Maven arguments, e.g. -pl accounts-service -am]
# Makes sure the database server answers and that the *_test databases and the service users exist
# (see deploy/local/lib/db.sh; installs MariaDB from Debian when needed), then runs `./mvnw -B verify`.
# No Kafka broker is needed: the tests start their own in-JVM broker.
#
# The identity provider: the end-to-end tests (module end-to-end-tests) run the packaged services, which verify
# real OIDC tokens, so they need the local Keycloak with the realm of deploy/local/keycloak on 127.0.0.1:8180
# (FA_KEYCLOAK_PORT). An in-JVM mock (test-support's MockIdentityProvider) serves the services' own @QuarkusTest
# tests, but the point of the end-to-end tests is the real path: Keycloak's tokens, its keys, the realm's roles and
# org_node attribute. So before Maven, when the run includes that module, this script starts Keycloak through
# `deploy/local/platform.sh keycloak-up` (idempotent: nothing happens when it runs; on a fresh clone it fetches the
# Keycloak zip, about 152 MiB, through Maven and unpacks it under deploy/local/.run). A Keycloak that already
# answers for the realm, whoever started it (another work tree's platform.sh up), is used as it is. It is left
# running afterwards, like the database: the next run starts in seconds instead of half a minute or more.
#   FA_TEST_KEYCLOAK=auto (default) | always | never   whether to make sure Keycloak runs before Maven
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# shellcheck source=deploy/local/lib/db.sh
source "$SCRIPT_DIR/lib/db.sh"

FA_TEST_KEYCLOAK="${FA_TEST_KEYCLOAK:-auto}"
FA_KEYCLOAK_PORT="${FA_KEYCLOAK_PORT:-8180}"
# A first start on a busy machine (Keycloak's build step, then its schema and the realm import) can take minutes.
export FA_KEYCLOAK_READY_TIMEOUT="${FA_KEYCLOAK_READY_TIMEOUT:-600}"

# Whether the Maven arguments select the end-to-end tests: yes unless -pl/--projects leaves the module out, or the
# tests are skipped.
runs_end_to_end_tests() {
  local arg projects="" next=0
  for arg in "$@"; do
    if ((next)); then
      projects="$arg"
      next=0
      continue
    fi
    case "$arg" in
      -DskipTests | -DskipTests=true | -Dmaven.test.skip | -Dmaven.test.skip=true) return 1 ;;
      -pl | --projects) next=1 ;;
      --projects=*) projects="${arg#--projects=}" ;;
      -pl?*) projects="${arg#-pl}" ;;
    esac
  done
  [[ -z "$projects" ]] && return 0
  local p
  IFS=',' read -r -a selected <<<"$projects"
  for p in "${selected[@]}"; do
    case "$p" in
      end-to-end-tests | :end-to-end-tests | */end-to-end-tests | cn.finalaccounts:end-to-end-tests) return 0 ;;
    esac
  done
  return 1
}

# The realm's discovery document answers: someone's Keycloak with our realm is up.
keycloak_answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 \
    "http://127.0.0.1:${FA_KEYCLOAK_PORT}/realms/final-accounts/.well-known/openid-configuration" 2>/dev/null || true)"
  [[ "$code" == 200 ]]
}

ensure_keycloak() {
  case "$FA_TEST_KEYCLOAK" in
    never) return 0 ;;
    always) ;;
    auto) runs_end_to_end_tests "$@" || return 0 ;;
    *) printf '[test] ERROR: FA_TEST_KEYCLOAK must be auto, always or never (is %s)\n' "$FA_TEST_KEYCLOAK" >&2; exit 2 ;;
  esac
  # platform.sh checks Keycloak with curl and reads the realm file with python3.
  local tool
  for tool in curl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      if [[ -f /etc/debian_version && "$(id -u)" == 0 ]]; then
        _fa_db_apt_install "$tool"
      else
        printf '[test] ERROR: %s is needed to start Keycloak for the end-to-end tests (apt-get install %s)\n' \
          "$tool" "$tool" >&2
        exit 1
      fi
    fi
  done
  if keycloak_answers; then
    printf '[test] Keycloak answers on 127.0.0.1:%s (realm final-accounts): the end-to-end tests use it\n' \
      "$FA_KEYCLOAK_PORT" >&2
    return 0
  fi
  printf '[test] the end-to-end tests need Keycloak: deploy/local/platform.sh keycloak-up\n' >&2
  "$SCRIPT_DIR/platform.sh" keycloak-up
}

# The dashboard's browser test (end-to-end-tests' DashboardBrowserTest) drives Debian's chromium through
# chromium-driver; installed here as root on Debian when the run includes that module, as MariaDB is, with a Chinese
# font (fonts-wqy-zenhei) so that its screenshot is readable. Elsewhere the test is skipped and says why.
ensure_chromium() {
  runs_end_to_end_tests "$@" || return 0
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && [[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]]; then
    return 0
  fi
  if [[ -f /etc/debian_version && "$(id -u)" == 0 ]]; then
    printf '[test] installing chromium and chromium-driver for the dashboard browser test\n' >&2
    _fa_db_apt_install chromium chromium-driver fonts-wqy-zenhei
  else
    printf '[test] no chromium/chromedriver and not root on Debian: the dashboard browser test will be skipped\n' >&2
  fi
}

fa_db_ensure_server
fa_db_provision
ensure_keycloak "$@"
ensure_chromium "$@"

cd "$REPO_ROOT"
exec ./mvnw -B verify "$@"
