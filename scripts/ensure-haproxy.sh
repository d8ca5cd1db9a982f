#!/usr/bin/env bash
# The cluster (npm run demo:cluster, e2e/cluster.e2e.ts) puts its hubs behind Debian's HAProxy; install it when missing.
set -euo pipefail
BIN="${PANTAU_HAPROXY:-/usr/sbin/haproxy}"
if [ -x "$BIN" ]; then exit 0; fi
echo "installing Debian's haproxy for the cluster"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq haproxy >/dev/null
"$BIN" -v | head -1
