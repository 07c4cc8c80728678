#!/usr/bin/env bash
# Installs the Trino clients the e2e tests of the Trino HTTP frontend drive
# (test/e2e/clients/trino-*.test.ts): the Trino CLI executable jar from Maven Central
# (io.trino:trino-cli, checked against Maven's .sha1) and the Trino Python client from PyPI.
# The npm client (trino-client) is a devDependency. Writes $QUERYFLUX_CACHE/trino-clients.env
# with TRINO_CLI_JAR and TRINO_CLI_JAVA for the tests. Idempotent and cached: a second run
# downloads nothing.
set -euo pipefail

CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}"
CLI_VERSION="${QUERYFLUX_TRINO_CLI_VERSION:-476}"
PY_TRINO_VERSION="${QUERYFLUX_PY_TRINO_VERSION:-0.340.0}"
ENV_FILE="$CACHE/trino-clients.env"
mkdir -p "$CACHE/jars"

# The CLI needs Java 11+; prefer a newer JDK when the machine has one.
find_java () {
  local candidate
  for candidate in "${QUERYFLUX_TRINO_CLI_JAVA:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}
JAVA="$(find_java || true)"
if [ -z "$JAVA" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "trino-clients: no java found and this is not root: install a JDK (apt-get install openjdk-17-jre-headless)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy openjdk-17-jre-headless 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  JAVA="$(command -v java)"
fi

JAR="$CACHE/jars/trino-cli-$CLI_VERSION-executable.jar"
if [ ! -s "$JAR" ]; then
  URL="https://repo1.maven.org/maven2/io/trino/trino-cli/$CLI_VERSION/trino-cli-$CLI_VERSION-executable.jar"
  curl -fsSL --retry 3 --connect-timeout 30 -o "$JAR.part" "$URL"
  expected="$(curl -fsSL --retry 3 "$URL.sha1" | cut -c1-40)"
  actual="$(sha1sum "$JAR.part" | cut -c1-40)"
  if [ "$expected" != "$actual" ]; then
    rm -f "$JAR.part"
    echo "trino-clients: checksum mismatch for $URL (expected $expected, got $actual)" >&2
    exit 1
  fi
  mv "$JAR.part" "$JAR"
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c "import trino, sys; sys.exit(0 if trino.__version__ == '$PY_TRINO_VERSION' else 1)" >/dev/null 2>&1; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --cache-dir "$CACHE/pip" "trino==$PY_TRINO_VERSION"
fi

printf 'TRINO_CLI_JAR=%s\nTRINO_CLI_JAVA=%s\nTRINO_CLI_VERSION=%s\n' "$JAR" "$JAVA" "$CLI_VERSION" > "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
