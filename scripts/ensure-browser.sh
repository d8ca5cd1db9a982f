#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium; install it (and fonts for Indonesian text) when missing, and
# ffmpeg, which cuts the camera simulator's live video (HLS) the first time it is asked for.
set -euo pipefail
# grep reads all of fc-list: with -q it stops at the first match, fc-list dies of SIGPIPE and pipefail took that
# for "no fonts", so every run reinstalled (an apt-get update each time).
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/ffmpeg ] && fc-list 2>/dev/null | grep -ci "noto" >/dev/null; then exit 0; fi
echo "pretest: installing Debian chromium, fonts and ffmpeg for the end-to-end tests"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-noto-core fonts-liberation ffmpeg >/dev/null
/usr/bin/chromium --version 2>/dev/null | head -n 1 || true
