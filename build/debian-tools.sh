#!/usr/bin/env bash
# Installs, from Debian's packages, each command named that is not on the PATH: `build/debian-tools.sh
# sqlite3 unzip` (the command and its Debian package have the same name for every tool CI needs).
# Used by .ci/run, so that a test that runs a tool finds it on a bare machine instead of failing there
# (tests never skip a tool that is missing: they fail and say what to install). Needs root to install.
set -euo pipefail
missing=()
for tool in "$@"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [[ "$(id -u)" != "0" ]]; then
  echo "debian-tools: missing ${missing[*]}, and this is not root: install them, e.g. 'sudo apt-get install -y ${missing[*]}'" >&2
  exit 1
fi
echo "debian-tools: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${missing[@]}" >&2
