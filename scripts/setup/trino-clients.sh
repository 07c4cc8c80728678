#!/usr/bin/env bash
# Installs the Trino clients the e2e tests of the Trino HTTP frontend drive
# (test/e2e/clients/trino-*.test.ts): the Trino CLI executable jar and the Trino JDBC driver
# from Maven Central (io.trino:trino-cli, io.trino:trino-jdbc, checked against Maven's .sha1)
# and the Trino Python client from PyPI. The npm client (trino-client) is a devDependency.
# Writes $QUERYFLUX_CACHE/trino-clients.env with TRINO_CLI_JAR, TRINO_JDBC_JAR and
# TRINO_CLI_JAVA for the tests. Idempotent and cached: a second run downloads nothing.
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

fetch_jar () { # maven-path file: download once into $CACHE/jars, verify against Maven's .sha1
  local url="https://repo1.maven.org/maven2/$1" dest="$CACHE/jars/$2"
  [ -s "$dest" ] && return 0
  curl -fsSL --retry 3 --connect-timeout 30 -o "$dest.part" "$url"
  local expected actual
  expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
  actual="$(sha1sum "$dest.part" | cut -c1-40)"
  if [ "$expected" != "$actual" ]; then
    rm -f "$dest.part"
    echo "trino-clients: checksum mismatch for $url (expected $expected, got $actual)" >&2
    return 1
  fi
  mv "$dest.part" "$dest"
}
fetch_jar "io/trino/trino-cli/$CLI_VERSION/trino-cli-$CLI_VERSION-executable.jar" "trino-cli-$CLI_VERSION-executable.jar"
fetch_jar "io/trino/trino-jdbc/$CLI_VERSION/trino-jdbc-$CLI_VERSION.jar" "trino-jdbc-$CLI_VERSION.jar"
JAR="$CACHE/jars/trino-cli-$CLI_VERSION-executable.jar"
JDBC_JAR="$CACHE/jars/trino-jdbc-$CLI_VERSION.jar"

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c "import trino, sys; sys.exit(0 if trino.__version__ == '$PY_TRINO_VERSION' else 1)" >/dev/null 2>&1; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --cache-dir "$CACHE/pip" "trino==$PY_TRINO_VERSION"
fi

printf 'TRINO_CLI_JAR=%s\nTRINO_JDBC_JAR=%s\nTRINO_CLI_JAVA=%s\nTRINO_CLI_VERSION=%s\n' "$JAR" "$JDBC_JAR" "$JAVA" "$CLI_VERSION" > "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
