#!/usr/bin/env bash
# Runs before `npm test`: the browser test drives Debian's Chromium through playwright-core, which
# downloads no browser of its own. Installs it where we can (root with apt), else says how, once.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "pretest: installing Debian's chromium for the browser test (one time)…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "pretest: $CHROMIUM is missing; install Debian's chromium package (sudo apt-get install -y chromium)" >&2
exit 1
