#!/usr/bin/env bash
# Installs ClickHouse from Debian (18.16) for the ClickHouse engine tests
# (test/harness/servers/clickhouse.ts). The system service is never used: the harness runs
# clickhouse-server directly with a config copied into its own folder.
# Idempotent: does nothing when the binaries are already there.
set -euo pipefail

if command -v clickhouse-server >/dev/null 2>&1 && [ -f /etc/clickhouse-server/config.xml ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "clickhouse-server is not installed and this is not root: run 'apt-get install clickhouse-server clickhouse-client' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy clickhouse-server 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -qq
fi
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY" && chmod +x "$POLICY" && CREATED_POLICY=1
fi
trap '[ "$CREATED_POLICY" = 1 ] && rm -f "$POLICY"' EXIT
apt-get install -y -qq --no-install-recommends clickhouse-server clickhouse-client >/dev/null
command -v clickhouse-server >/dev/null
