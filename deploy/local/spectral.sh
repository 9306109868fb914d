#!/usr/bin/env bash
# Runs Stoplight Spectral, the OpenAPI linter CI applies to the three services' contracts, with the repository's
# ruleset (.spectral.yaml). The CLI is installed on first use from the npm registry, at the version and with the
# dependency tree pinned in deploy/local/spectral/package-lock.json, into deploy/local/.run/spectral.
#   deploy/local/spectral.sh lint accounts-service/src/main/resources/META-INF/openapi.yaml
# Needs Node.js and npm; as root on a Debian machine without them it installs Debian's nodejs and npm.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
INSTALL_DIR="$SCRIPT_DIR/.run/spectral"
BIN="$INSTALL_DIR/node_modules/.bin/spectral"

say() { echo "[spectral] $*" >&2; }

if ! command -v npm >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's nodejs and npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2
  else
    say "needs Node.js and npm (Debian: apt-get install nodejs npm)"
    exit 2
  fi
fi

# Installed again when the pinned lock file changes.
if ! cmp -s "$SCRIPT_DIR/spectral/package-lock.json" "$INSTALL_DIR/package-lock.json" || [[ ! -x $BIN ]]; then
  say "installing @stoplight/spectral-cli into $INSTALL_DIR"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  cp "$SCRIPT_DIR/spectral/package.json" "$SCRIPT_DIR/spectral/package-lock.json" "$INSTALL_DIR/"
  (cd "$INSTALL_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

if [[ ${1:-} == lint ]]; then
  shift
  exec "$BIN" lint --ruleset "$REPO_ROOT/.spectral.yaml" "$@"
fi
exec "$BIN" "$@"
