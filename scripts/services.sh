#!/usr/bin/env bash
# Installs and starts the services Cairn's full test suite talks to, and exports the variables
# that switch those tests on. Source it: `. scripts/services.sh`. Safe to run again.
#
#   CAIRN_TEST_POSTGRES  admin URL of a PostgreSQL server; the storage suite creates (and drops)
#                        a database of its own there.

cairn_services_main() {
    local need_apt=()
    command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
    if [ ${#need_apt[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "services: need root to install ${need_apt[*]}" >&2
            return 1
        fi
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    fi

    # PostgreSQL: start the first cluster if it is not answering.
    if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
        local version
        version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
        if [ -z "$version" ]; then
            echo "services: no PostgreSQL cluster found" >&2
            return 1
        fi
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 1 30); do
            pg_isready -h 127.0.0.1 -p 5432 -q && break
            sleep 1
        done
    fi
    export CAIRN_TEST_POSTGRES="${CAIRN_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
    echo "services: PostgreSQL ready ($CAIRN_TEST_POSTGRES)"
}

cairn_services_main
