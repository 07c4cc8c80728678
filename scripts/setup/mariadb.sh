#!/usr/bin/env bash
# Installs MariaDB from Debian for the MySQL-wire engine tests (test/harness/servers/mariadb.ts).
# The system service is never used: the harness runs mariadbd directly on its own datadir/port.
# Idempotent: does nothing when the binaries are already there.
set -euo pipefail

if command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "mariadb-server is not installed and this is not root: run 'apt-get install mariadb-server mariadb-client' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy mariadb-server 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -qq
fi
# Keep the package from starting its system service while it installs (policy-rc.d exit 101 =
# "action forbidden"); only when no policy-rc.d exists already, and removed afterwards.
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY" && chmod +x "$POLICY" && CREATED_POLICY=1
fi
trap '[ "$CREATED_POLICY" = 1 ] && rm -f "$POLICY"' EXIT
apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null
command -v mariadbd >/dev/null
