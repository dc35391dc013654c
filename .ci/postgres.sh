#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#
#   bash .ci/postgres.sh cargo test -p corroborate-store
#
# Installs Debian's postgresql when it is missing, creates a cluster in a
# temporary folder (owned by an unprivileged user when run as root, since
# PostgreSQL refuses to run as root), starts it on a free port of 127.0.0.1,
# exports CORROBORATE_TEST_POSTGRES=postgres://... naming an empty database
# and CORROBORATE_TEST_PG_RESTART, a shell command that restarts the server
# (same port, same data; every open connection is cut), runs the command, then
# stops the server and removes the folder. The cluster
# trades durability for speed (fsync off): it holds nothing worth keeping.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

bindir() {
    ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1
}
if [ -z "$(bindir)" ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi
bin=$(bindir)

# The server's owner: the caller, or an unprivileged account when root.
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    owner=corroborate-ci
    id -u "$owner" > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
fi
as_owner() {
    if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

work=$(mktemp -d)
chmod 755 "$work"
chown "$owner" "$work"
started=
cleanup() {
    if [ -n "$started" ]; then as_owner "$bin/pg_ctl" -D "$work/data" -m immediate stop > /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

as_owner "$bin/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$work/initdb.log"

# A free port: one nothing answers on; retried if another process takes it first.
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then continue; fi
    if as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 30 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        > /dev/null; then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    cat "$work/server.log" >&2 || true
    echo "PostgreSQL did not start" >&2
    exit 1
fi

"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres corroborate_test
export CORROBORATE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/corroborate_test"
# pg_ctl restart reuses the options of the last start (postmaster.opts).
restart="$bin/pg_ctl -D $work/data -l $work/server.log -w -t 60 -m fast restart"
if [ "$owner" != "$(id -un)" ]; then restart="runuser -u $owner -- $restart"; fi
export CORROBORATE_TEST_PG_RESTART="$restart"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
