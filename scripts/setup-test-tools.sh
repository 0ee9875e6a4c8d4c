#!/usr/bin/env bash
# Installs, from Debian's packages, the tools the test suite drives as real processes when they
# are missing: sqlite3 (the documented user commands), iproute2 + util-linux (unshare/nsenter for
# the offline bootstrap test), curl (health checks inside that namespace), chromium and
# chromium-driver (the browser tests of the chat page), python3-aiohttp + python3-websockets (the
# reference hub, Tentyl 2.0, that the differential compat test runs beside Parley, and its client).
set -euo pipefail

missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v ip >/dev/null || missing+=(iproute2)
command -v unshare >/dev/null || missing+=(util-linux)
command -v nsenter >/dev/null || missing+=(util-linux)
command -v curl >/dev/null || missing+=(curl)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
/usr/bin/python3 -c 'import aiohttp' 2>/dev/null || missing+=(python3-aiohttp)
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
# Emoji in the chat's screenshots (reactions) instead of empty boxes; tests do not depend on it.
[ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto 2>/dev/null | grep -qi emoji \
    || missing+=(fonts-noto-color-emoji)

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
