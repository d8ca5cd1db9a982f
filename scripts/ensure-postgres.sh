#!/usr/bin/env bash
# The PostgreSQL tests start their own cluster (server/testing/postgres.ts) from Debian's PostgreSQL 15 and PostGIS 3;
# install them when missing. The check looks at the files the tests use, not at the packages' names: the server
# binary in PANTAU_PG_BIN and PostGIS's extension control file in the matching share directory.
set -euo pipefail
BIN="${PANTAU_PG_BIN:-/usr/lib/postgresql/15/bin}"
SHARE="$("$BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)"
if [ -x "$BIN/postgres" ] && [ -x "$BIN/initdb" ] && [ -f "$SHARE/extension/postgis.control" ] && id postgres >/dev/null 2>&1; then exit 0; fi
echo "pretest: installing Debian PostgreSQL 15 and PostGIS 3 for the PostgreSQL tests"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
"$BIN/postgres" --version
