#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/web).
# Playwright drives it with executable_path: its own browser download cannot work here.
# As root, a missing Chromium is installed with apt-get; otherwise this says what to install
# and fails, so CI never silently runs without the browser tests.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present)"
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "chromium: installing Debian's chromium package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
    "$CHROMIUM" --version
    exit 0
fi

echo "chromium: $CHROMIUM is missing; the browser tests need Debian's 'chromium' package" >&2
echo "          install it as root: apt-get update && apt-get install -y chromium" >&2
exit 1
