#!/usr/bin/env bash
# Vendors the sqlglot wheel (pure Python, py3-none-any) that src/translate/sqlglot/ loads into
# Pyodide, into $QUERYFLUX_CACHE/wheels/. Used by the sqlglot translator's test and by
# bench/transpiler-comparison.ts; nothing fetches it at runtime. The version and its sha256 are
# pinned here and in src/translate/sqlglot/sqlglot-wheel.ts (a test checks they agree).
# Idempotent: a second run only checks the file's hash.
set -euo pipefail

VERSION="30.30.0"
SHA256="06c4c212a7868c7dcff0fd0fda348dd3c5cbad40137b3083a70ecdfe22921cf9"
CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}"
DIR="$CACHE/wheels"
WHEEL="$DIR/sqlglot-$VERSION-py3-none-any.whl"

matches () { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA256" ]; }

if matches "$WHEEL"; then
  exit 0
fi
PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || { echo "sqlglot: python3 with pip is needed to download the wheel (apt-get install python3-pip)" >&2; exit 1; }
mkdir -p "$DIR" "$CACHE/pip"
TMP="$(mktemp -d "$DIR/.download.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
"$PYTHON" -m pip download --quiet --disable-pip-version-check --cache-dir "$CACHE/pip" \
  --no-deps --only-binary=:all: --python-version 3.12 --implementation py --dest "$TMP" "sqlglot==$VERSION"
matches "$TMP/$(basename "$WHEEL")" || { echo "sqlglot: the downloaded wheel is not sqlglot $VERSION with sha256 $SHA256" >&2; exit 1; }
mv "$TMP/$(basename "$WHEEL")" "$WHEEL"
