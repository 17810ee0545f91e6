#!/usr/bin/env bash
# Make the PostgreSQL server binaries (initdb, pg_ctl) available to the ledger tests.
#
# The tests (tests/ledger/conftest.py) start their own throwaway server on 127.0.0.1 and
# find the binaries on PATH or in Debian's /usr/lib/postgresql/*/bin; as root they run it
# as the unprivileged `postgres` user, which the Debian package creates. This script only
# installs Debian's `postgresql` package with apt-get when the binaries are missing; it
# starts no service. Needs root (or sudo). With CI=true, missing binaries fail the tests.
set -euo pipefail

have_binaries() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        return 0
    fi
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if have_binaries; then
    echo "postgres.sh: PostgreSQL server binaries are installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "postgres.sh: initdb is missing; as root run: apt-get install postgresql" >&2
        exit 1
    fi
fi

echo "postgres.sh: installing Debian's postgresql package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql

if ! have_binaries; then
    echo "postgres.sh: postgresql was installed but initdb is still not found" >&2
    exit 1
fi
if ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: warning: no 'postgres' user; tests run as root cannot start the server" >&2
fi
echo "postgres.sh: done"
