#!/usr/bin/env bash
# Installs moto's standalone server (the AWS emulator the Athena adapter tests run against,
# test/harness/servers/moto.ts) into its own virtualenv in $QUERYFLUX_CACHE/moto, so it never
# touches the system Python's packages. Wheels are cached in $QUERYFLUX_CACHE/pip.
# Writes $QUERYFLUX_CACHE/moto/server.env with MOTO_SERVER (the moto_server executable).
# Idempotent: a second run only checks that the executable is there.
set -euo pipefail

VERSION="${QUERYFLUX_MOTO_VERSION:-5.2.5}"
CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}"
VENV="$CACHE/moto/venv-$VERSION"
ENV_FILE="$CACHE/moto/server.env"

if [ -f "$VENV/.complete" ] && [ -x "$VENV/bin/moto_server" ] && [ -s "$ENV_FILE" ] && grep -q "$VENV" "$ENV_FILE"; then
  exit 0
fi
mkdir -p "$CACHE/moto" "$CACHE/pip"
PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || { echo "moto: python3 is needed (apt-get install python3 python3-venv)" >&2; exit 1; }
if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
  echo "moto: python3 has no venv module (apt-get install python3-venv)" >&2
  exit 1
fi
# Built in place (a venv's scripts name their interpreter by absolute path); .complete marks a finished one.
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --cache-dir "$CACHE/pip" "moto[server]==$VERSION"
"$VENV/bin/python" -c 'import moto.server' >/dev/null
touch "$VENV/.complete"
printf 'MOTO_SERVER=%s\nMOTO_PYTHON=%s\nMOTO_VERSION=%s\n' "$VENV/bin/moto_server" "$VENV/bin/python" "$VERSION" > "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
