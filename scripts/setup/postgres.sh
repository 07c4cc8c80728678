#!/usr/bin/env bash
# Installs PostgreSQL 15 from Debian for the PostgreSQL-wire engine tests
# (test/harness/servers/postgres.ts). The system service is never used: the harness runs
# initdb + postgres directly, as the `postgres` user, on its own data dir and port.
# Idempotent: does nothing when the server binaries are already there.
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
if [ -x "$BIN/postgres" ] && [ -x "$BIN/initdb" ] && id postgres >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL 15 is not installed and this is not root: run 'apt-get install postgresql-15' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy postgresql-15 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -qq
fi
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY" && chmod +x "$POLICY" && CREATED_POLICY=1
fi
trap '[ "$CREATED_POLICY" = 1 ] && rm -f "$POLICY"' EXIT
apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 >/dev/null
[ -x "$BIN/postgres" ]
