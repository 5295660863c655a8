#!/usr/bin/env bash
# Scale-out on the platform's own mechanisms: a PostgreSQL streaming replica of the benchmark database's cluster
# on this machine (pg_basebackup into .local/replica, its own port), two Odoo servers on the primary that send
# read-only RPCs to the replica (--db_replica_host / --db_replica_port), the proof that the workbench's RPC
# (@api.readonly) reads on the replica while writes go to the primary, and the load test across both servers.
#
#   bash bench/scaleout.sh             start everything, prove the routing, run the load test, stop everything
#   bash bench/scaleout.sh --dry-run   print the configuration and the commands, start nothing
#
# As root the replica runs as the `postgres` system user (like the machine's cluster), replicating over the local
# socket with peer authentication; as a normal user it runs as that user against the private cluster.
source "$(dirname "$0")/../scripts/common.sh"
DRY_RUN=
[ "${1:-}" = "--dry-run" ] && DRY_RUN=1

BENCH_DB=${BENCH_DB:-xtools_bench}
REPLICA_PORT=${REPLICA_PORT:-5442}
REPLICA_DIR=${REPLICA_DIR:-$LOCAL/replica}
SCALEOUT_PORTS=${SCALEOUT_PORTS:-"8144 8146"}   # HTTP ports of the two servers (websocket/gevent port: + 1)
SCALEOUT_WORKERS=${SCALEOUT_WORKERS:-2}          # per server
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_SOCKET=${PG_SOCKET:-/var/run/postgresql}
if [ "$(id -u)" = 0 ]; then AS_PG="su postgres -s /bin/sh -c"; PG_SUPER=postgres; else AS_PG="sh -c"; PG_SUPER=$(id -un); fi

# The replica's own configuration: hot standby on its port, the primary's limits (a standby needs at least them).
replica_conf() {
    cat <<EOT
port = $REPLICA_PORT
listen_addresses = 'localhost'
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
max_connections = ${PRIMARY_MAX_CONNECTIONS:-100}
max_worker_processes = ${PRIMARY_MAX_WORKERS:-8}
max_wal_senders = 10
logging_collector = off
log_statement = 'all'
log_line_prefix = '%m [%p] %d %a '
EOT
}
replica_hba() {
    cat <<EOT
local all $PG_SUPER peer
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
EOT
}
server_cmd() {   # server_cmd PORT CRON_THREADS
    echo "$PY $ODOO_SRC/odoo-bin -c $ROOT/odoo.conf --data-dir=$LOCAL/data --db_host=$DB_HOST --db_port=$DB_PORT" \
         "-r $DB_USER -w \$DB_PASSWORD -d $BENCH_DB --db-filter=^$BENCH_DB\$ --db_replica_host=localhost" \
         "--db_replica_port=$REPLICA_PORT --workers=$SCALEOUT_WORKERS --max-cron-threads=$2 --http-port=$1" \
         "--gevent-port=$(($1 + 1)) --logfile=$LOCAL/scaleout-odoo-$1.log --log-level=warn"
}

hosts=
cron=1
for port in $SCALEOUT_PORTS; do hosts=${hosts:+$hosts,}http://127.0.0.1:$port; done

print_plan() {
    echo "# scale-out of $BENCH_DB"
    echo "primary:  $DB_HOST:$DB_PORT (database $BENCH_DB)"
    echo "replica:  localhost:$REPLICA_PORT  data directory $REPLICA_DIR (streaming, hot standby)"
    echo "servers:  $hosts  ($SCALEOUT_WORKERS workers each; cron threads: 1 on the first, 0 on the others)"
    echo "shared:   filestore and sessions in $LOCAL/data (one data_dir for every server)"
    echo
    echo "# 1. base backup of the primary, written as a standby (-R: standby.signal + primary_conninfo)"
    echo "$AS_PG \"$PG_BIN/pg_basebackup -h $PG_SOCKET -p $DB_PORT -U $PG_SUPER -D $REPLICA_DIR -R -X stream -c fast\""
    echo "# 2. the replica's postgresql.conf"
    replica_conf | sed 's/^/    /'
    echo "#    and pg_hba.conf"
    replica_hba | sed 's/^/    /'
    echo "$AS_PG \"$PG_BIN/pg_ctl -D $REPLICA_DIR -l $REPLICA_DIR/postgres.log -w start\""
    echo "# 3. two Odoo servers on the primary, read-only RPCs on the replica"
    local c=1
    for port in $SCALEOUT_PORTS; do
        server_cmd "$port" "$c"
        c=0
    done
    echo "# 4. routing proof: the workbench RPC (@api.readonly) on each server; the replica's log_statement shows"
    echo "#    its SELECTs, the primary gets the writes (an action logged through the same servers)"
    echo "# 5. the load test across both servers"
    echo "LOAD_HOSTS=$hosts LOAD_NAME=load-scaleout LOAD_WORKERS=$SCALEOUT_WORKERS bash $ROOT/bench/load.sh"
    echo "# 6. stop the servers and the replica, remove $REPLICA_DIR"
}

if [ -n "$DRY_RUN" ]; then
    print_plan
    exit 0
fi

db_exists "$BENCH_DB" || die "no database $BENCH_DB: run make bench first"
[ -x "$PG_BIN/pg_basebackup" ] || die "pg_basebackup not found (PG_BIN=$PG_BIN)"
PRIMARY_MAX_CONNECTIONS=$(psql -d "$BENCH_DB" -tAc "SHOW max_connections")
PRIMARY_MAX_WORKERS=$(psql -d "$BENCH_DB" -tAc "SHOW max_worker_processes")
pids=()
source "$(dirname "$0")/odoo_server.sh"
cleanup() {
    for pid in "${pids[@]}"; do stop_odoo "$pid"; done
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        $AS_PG "$PG_BIN/pg_ctl -D $REPLICA_DIR -m fast -w stop" >/dev/null 2>&1 || true
    fi
    [ -n "${KEEP_REPLICA:-}" ] || rm -rf "$REPLICA_DIR"
}
trap cleanup EXIT

say "replica: base backup of the primary into $REPLICA_DIR"
rm -rf "$REPLICA_DIR"
mkdir -p "$REPLICA_DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
chmod 700 "$REPLICA_DIR"
$AS_PG "$PG_BIN/pg_basebackup -h $PG_SOCKET -p $DB_PORT -U $PG_SUPER -D $REPLICA_DIR -R -X stream -c fast" \
    || die "pg_basebackup failed"
$AS_PG "cat > $REPLICA_DIR/postgresql.conf" < <(replica_conf)
$AS_PG "cat > $REPLICA_DIR/pg_hba.conf" < <(replica_hba)
$AS_PG "$PG_BIN/pg_ctl -D $REPLICA_DIR -l $REPLICA_DIR/postgres.log -w start" >/dev/null || {
    tail -20 "$REPLICA_DIR/postgres.log"; die "the replica did not start"; }
in_recovery=$(PGPORT=$REPLICA_PORT psql -d "$BENCH_DB" -tAc "SELECT pg_is_in_recovery()")
[ "$in_recovery" = t ] || die "the replica is not a standby"
say "replica up on port $REPLICA_PORT (in recovery: $in_recovery)"

for port in $SCALEOUT_PORTS; do
    ! curl -s -o /dev/null "http://127.0.0.1:$port/web/login" || die "port $port is already in use"
done
for port in $SCALEOUT_PORTS; do
    say "Odoo server on port $port (cron threads: $cron)"
    # shellcheck disable=SC2046
    (DB_PASSWORD=$DB_PASSWORD eval "exec $(server_cmd "$port" "$cron")") &   # $! is Odoo's master itself
    pids+=($!)
    cron=0
done
for port in $SCALEOUT_PORTS; do
    for _i in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" && break; sleep 1; done
done

say "routing: the workbench RPC on each server, then a write"
mark=$(wc -l < "$REPLICA_DIR/postgres.log")
"$PY" "$ROOT/bench/scaleout_check.py" --hosts "$hosts" --db "$BENCH_DB" --login bench_sales_001 \
    --replica-log "$REPLICA_DIR/postgres.log" --replica-log-from "$mark" \
    --output "$ROOT/bench/results/scaleout.json" || die "read-only RPCs were not served by the replica"

LOAD_HOSTS=$hosts LOAD_NAME=load-scaleout LOAD_WORKERS=$SCALEOUT_WORKERS BENCH_DB=$BENCH_DB bash "$ROOT/bench/load.sh"
