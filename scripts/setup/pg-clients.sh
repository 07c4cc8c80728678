#!/usr/bin/env bash
# Installs the PostgreSQL clients the e2e tests of the PostgreSQL frontend drive
# (test/e2e/clients/{psql,pgjdbc,psycopg}.test.ts): psql from Debian's postgresql-client,
# the pgjdbc jar from Maven Central, and psycopg 3 (with its binary libpq) from PyPI.
# Idempotent and cached: a second run downloads nothing.
set -euo pipefail

CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}"
PGJDBC_VERSION="${PGJDBC_VERSION:-42.7.14}"
mkdir -p "$CACHE/jars"

# psql
if ! command -v psql >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "psql is missing and this is not root: run 'apt-get install postgresql-client' as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy postgresql-client 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null
fi

# pgjdbc (org.postgresql:postgresql)
JAR="$CACHE/jars/postgresql-$PGJDBC_VERSION.jar"
if [ ! -s "$JAR" ]; then
  URL="https://repo1.maven.org/maven2/org/postgresql/postgresql/$PGJDBC_VERSION/postgresql-$PGJDBC_VERSION.jar"
  curl -fsSL --retry 3 -o "$JAR.part" "$URL"
  curl -fsSL --retry 3 -o "$JAR.sha1" "$URL.sha1"
  echo "$(tr -d ' \n' < "$JAR.sha1")  $JAR.part" | sha1sum -c --quiet -
  mv "$JAR.part" "$JAR"
  rm -f "$JAR.sha1"
fi

# psycopg 3
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import psycopg, psycopg_binary' >/dev/null 2>&1; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --cache-dir "$CACHE/pip" "psycopg[binary]>=3.1,<4"
fi
"$PYTHON" -c 'import psycopg; assert psycopg.pq.__impl__ in ("binary", "c", "python")'
