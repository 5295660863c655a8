# Sourced by bench/load.sh and bench/scaleout.sh: stopping the Odoo servers they start.

# Odoo's prefork master stops gracefully on a first SIGINT and at once on a second one.
stop_odoo() {
    local pid=$1
    kill -INT "$pid" 2>/dev/null || return 0
    for _i in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -INT "$pid" 2>/dev/null
    for _i in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
}
