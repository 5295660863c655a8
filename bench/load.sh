#!/usr/bin/env bash
# Load test: Odoo started in multi-worker mode on the benchmark database (cron in a worker of its own), then
# LOAD_USERS simulated salespeople (bench/locustfile.py) for LOAD_TIME; p50/p95 per request and the failures go to
# bench/results/load.json. With LOAD_HOSTS (comma-separated URLs) it uses those servers instead of starting one
# (bench/scaleout.sh does), and LOAD_NAME names the result file.
source "$(dirname "$0")/../scripts/common.sh"
BENCH_DB=${BENCH_DB:-xtools_bench}
LOAD_USERS=${LOAD_USERS:-20}
LOAD_TIME=${LOAD_TIME:-30s}          # the issue's run: LOAD_TIME=2m
LOAD_PORT=${LOAD_PORT:-8142}         # HTTP port of the server started here; gevent (websocket) port + 1
LOAD_WORKERS=${LOAD_WORKERS:-4}      # 2 × cores; a cron process apart (--max-cron-threads=1)
LOAD_NAME=${LOAD_NAME:-load}
LOAD_HOSTS=${LOAD_HOSTS:-}
mkdir -p "$LOCAL"
server_pid=
source "$(dirname "$0")/odoo_server.sh"
stop_server() { [ -n "$server_pid" ] && stop_odoo "$server_pid"; true; }
trap stop_server EXIT

wait_http() {   # wait_http URL LOG
    for _i in $(seq 120); do
        curl -sf -o /dev/null "$1/web/login" && return 0
        sleep 1
    done
    tail -20 "$2"; die "no Odoo answering on $1"
}

if [ -z "$LOAD_HOSTS" ]; then
    log=$LOCAL/bench-odoo-$LOAD_PORT.log
    say "starting Odoo on $BENCH_DB: --workers=$LOAD_WORKERS --max-cron-threads=1, port $LOAD_PORT (log: $log)"
    "$PY" "$ODOO_SRC/odoo-bin" -c "$ROOT/odoo.conf" --data-dir="$LOCAL/data" --db_host="$DB_HOST" \
        --db_port="$DB_PORT" -r "$DB_USER" -w "$DB_PASSWORD" \
        -d "$BENCH_DB" --db-filter="^$BENCH_DB\$" --workers="$LOAD_WORKERS" --max-cron-threads=1 \
        --http-port="$LOAD_PORT" --gevent-port=$((LOAD_PORT + 1)) --limit-time-real=600 --logfile="$log" \
        --log-level=warn &
    server_pid=$!
    wait_http "http://127.0.0.1:$LOAD_PORT" "$log"
    LOAD_HOSTS=http://127.0.0.1:$LOAD_PORT
fi
say "locust: $LOAD_USERS salespeople for $LOAD_TIME on $LOAD_HOSTS"
csv=$LOCAL/locust-$LOAD_NAME
BENCH_DB=$BENCH_DB BENCH_HOSTS=$LOAD_HOSTS "$VENV/bin/locust" -f "$ROOT/bench/locustfile.py" --headless \
    -u "$LOAD_USERS" -r 5 -t "$LOAD_TIME" --host "${LOAD_HOSTS%%,*}" --csv "$csv" --only-summary \
    --stop-timeout 10 --exit-code-on-error 0 >"$csv.out" 2>&1 || { tail -30 "$csv.out"; die "locust failed"; }
"$PY" "$ROOT/bench/load_results.py" "$csv" "$ROOT/bench/results/$LOAD_NAME.json" \
    --users "$LOAD_USERS" --time "$LOAD_TIME" --hosts "$LOAD_HOSTS" --workers "$LOAD_WORKERS" --database "$BENCH_DB"
