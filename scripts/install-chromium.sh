#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (test/browser drives it with playwright-core;
# Playwright's own browser download is never used). Idempotent: does nothing when the binary is
# already there. Usage: bash scripts/install-chromium.sh   (root, or sudo, needed for apt-get)
set -euo pipefail
CHROMIUM="${MINFO_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM is present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))."
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium with your package manager and set MINFO_CHROMIUM to its binary." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "install-chromium: $CHROMIUM is missing and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium' (or this script as root)." >&2
    exit 1
  fi
fi
echo "install-chromium: installing Debian's chromium with apt-get ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")."
