#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on $DB_HOST:$DB_PORT with a role $DB_USER allowed to create databases.
# As root: the machine's cluster, started through the postgres system user. Otherwise: a private cluster
# under .local/pgdata owned by the current user.
source "$(dirname "$0")/common.sh"

pg_bin() {
    local d
    for d in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
        [ -x "$d/$1" ] && { echo "$d/$1"; return; }
    done
    command -v "$1" || die "PostgreSQL's $1 not found: install the PostgreSQL server (e.g. apt-get install postgresql)"
}
answers() { pg_isready -q -h "$DB_HOST" -p "$DB_PORT"; }

if [ "$(id -u)" = 0 ]; then
    if ! answers; then
        say "starting PostgreSQL on port $DB_PORT"
        if command -v pg_ctlcluster >/dev/null; then
            cluster=$(pg_lsclusters -h | awk -v p="$DB_PORT" '$3 == p {print $1" "$2; exit}')
            [ -n "$cluster" ] || die "no PostgreSQL cluster on port $DB_PORT (pg_lsclusters)"
            pg_ctlcluster $cluster start
        else
            die "PostgreSQL does not answer on $DB_HOST:$DB_PORT; start it, or set DB_HOST/DB_PORT"
        fi
        for _ in $(seq 30); do answers && break; sleep 1; done
    fi
    as_postgres() { runuser -u postgres -- env -u PGHOST -u PGUSER -u PGPASSWORD psql -p "$DB_PORT" "$@"; }
    if ! as_postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'" | grep -q 1; then
        say "creating PostgreSQL role $DB_USER"
        as_postgres -q -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
    fi
else
    if ! answers; then
        data=$LOCAL/pgdata
        if [ ! -f "$data/PG_VERSION" ]; then
            say "creating a private PostgreSQL cluster in $data"
            mkdir -p "$LOCAL"
            pwfile=$(mktemp); echo "$DB_PASSWORD" > "$pwfile"
            "$(pg_bin initdb)" -D "$data" -U "$DB_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 >/dev/null
            rm -f "$pwfile"
        fi
        say "starting the private PostgreSQL cluster on port $DB_PORT"
        mkdir -p "$LOCAL/pgsocket"
        "$(pg_bin pg_ctl)" -D "$data" -l "$LOCAL/postgres.log" -w \
            -o "-p $DB_PORT -k $LOCAL/pgsocket -c listen_addresses=localhost" start >/dev/null
    fi
fi
psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
    || die "PostgreSQL answers on $DB_HOST:$DB_PORT but role $DB_USER cannot log in with its password"
