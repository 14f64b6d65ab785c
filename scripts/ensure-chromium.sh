#!/usr/bin/env bash
# Makes sure the headless browser the report test renders with is there: Debian's chromium and the
# Noto CJK fonts (without them Chinese renders as empty boxes). Safe to run again: it installs only
# what is missing. Needs root (or sudo) the first time.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed'; then
  missing+=(fonts-noto-cjk)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "chromium and fonts-noto-cjk are installed: $(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi

run() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "installing ${missing[*]} needs root; run this script as root" >&2
    exit 1
  fi
}

echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
run apt-get update -qq
run apt-get install -y -qq --no-install-recommends "${missing[@]}"
chromium --version
