#!/usr/bin/env bash
# The full test command: installs what the tests need (npm packages, Debian packages, jars,
# wheels, a Trino server — cached outside the clone in $QUERYFLUX_CACHE), starts each real
# server once, runs every test suite, and stops the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export QUERYFLUX_CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}"
mkdir -p "$QUERYFLUX_CACHE"

step () { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "npm packages"
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
NODE="$PWD/node_modules/.bin/node"
export PATH="$PWD/node_modules/.bin:$PATH"

step "external dependencies (scripts/setup)"
for script in scripts/setup/*.sh; do
  [ -e "$script" ] || continue
  printf -- '-- %s\n' "$script"
  bash "$script"
done

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/queryflux-test.XXXXXX")"
ENV_FILE="$RUN_DIR/servers.env"
SERVERS_PID=""
cleanup () {
  if [ -n "$SERVERS_PID" ] && kill -0 "$SERVERS_PID" 2>/dev/null; then
    kill -TERM "$SERVERS_PID" 2>/dev/null || true
    wait "$SERVERS_PID" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT INT TERM

step "starting real servers once for the whole run"
"$NODE" test/harness/start-all.ts --dir "$RUN_DIR" --out-env "$ENV_FILE" > "$RUN_DIR/servers.log" 2>&1 &
SERVERS_PID=$!
for _ in $(seq 1 600); do
  [ -s "$ENV_FILE.ready" ] && break
  kill -0 "$SERVERS_PID" 2>/dev/null || { cat "$RUN_DIR/servers.log"; echo "test servers failed to start"; exit 1; }
  sleep 1
done
[ -s "$ENV_FILE.ready" ] || { cat "$RUN_DIR/servers.log"; echo "test servers did not start within 600 s"; exit 1; }
cat "$RUN_DIR/servers.log"
set -a; . "$ENV_FILE"; set +a

step "tests"
"$NODE" --test --test-concurrency="${QF_TEST_CONCURRENCY:-3}" --test-timeout=600000 \
  'src/**/*.test.ts' 'test/**/*.test.ts'
step "done"
