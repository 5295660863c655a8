#!/usr/bin/env bash
# `make bench`: on its own database (BENCH_DB, default xtools_bench) with xtools_crm and — there only, never as a
# dependency — Odoo's crm and contacts: generate the data set (bench/generate.py), measure ours against Odoo's
# (bench/measure.py), run the load test on a multi-worker server (bench/load.sh), render the README's table.
#
#   BENCH_SCALE=small|medium|large (medium)   BENCH_SEED (1)   BENCH_ROUNDS (7)   BENCH_IMPORT_ROWS (10000)
#   BENCH_STEPS="generate measure load report" (all)   BENCH_ONLY=views,funnel,... (measure.py --only)
#   LOAD_USERS (20)  LOAD_TIME (30s; the issue's run is 2m)   BENCH_NEW=1 regenerates an existing database
#   BENCH_JIT=off|on (off), BENCH_RANDOM_PAGE_COST (1.1), BENCH_PARALLEL (0): PostgreSQL settings of the bench
#   database, as the README's deployment section recommends (JIT off; random_page_cost for SSD storage; no parallel
#   workers per query on a 2-core server; PostgreSQL's defaults: on, 4, 2)
source "$(dirname "$0")/../scripts/common.sh"
"$ROOT/scripts/setup.sh"
BENCH_DB=${BENCH_DB:-xtools_bench}
BENCH_SCALE=${BENCH_SCALE:-medium}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_ROUNDS=${BENCH_ROUNDS:-7}
BENCH_IMPORT_ROWS=${BENCH_IMPORT_ROWS:-10000}
BENCH_STEPS=${BENCH_STEPS:-generate measure load report}
export BENCH_DB

# The load test's Python packages, into the project's venv, with Odoo's pins as constraints.
stamp="$VENV/.bench-requirements.sha"
want=$(cat requirements.txt bench/requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing bench/requirements.txt (locust) into $VENV"
    "$PY" -m pip install -q -r bench/requirements.txt -c requirements.txt >"$LOCAL/pip-bench.log" 2>&1 \
        || { tail -20 "$LOCAL/pip-bench.log"; die "installing bench/requirements.txt failed"; }
    echo "$want" > "$stamp"
fi

bench_py() { (cd "$ROOT/bench" && "$PY" "$@" --db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER" \
    --db_password="$DB_PASSWORD" -d "$BENCH_DB"); }
generated_scale() {
    psql -d "$BENCH_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key = 'xtools_bench.scale'" 2>/dev/null || true
}

case " $BENCH_STEPS " in *" generate "*)
    if db_exists "$BENCH_DB" && [ -z "${BENCH_NEW:-}" ] && [ "$(generated_scale)" = "$BENCH_SCALE:$BENCH_SEED" ]; then
        say "$BENCH_DB already holds scale $BENCH_SCALE seed $BENCH_SEED (BENCH_NEW=1 regenerates it)"
    else
        dropdb --if-exists "$BENCH_DB"
        rm -rf "$LOCAL/data/filestore/$BENCH_DB"
        say "creating $BENCH_DB with xtools_crm, crm and contacts (log: $LOCAL/bench-install.log)"
        odoo_cmd -d "$BENCH_DB" -i xtools_crm,crm,contacts --without-demo=all --load-language=zh_CN \
            --stop-after-init --log-level=warn >"$LOCAL/bench-install.log" 2>&1 \
            || { tail -30 "$LOCAL/bench-install.log"; die "installing the bench database failed"; }
        say "generating scale $BENCH_SCALE (seed $BENCH_SEED)"
        bench_py generate.py --scale "$BENCH_SCALE" --seed "$BENCH_SEED"
    fi
;; esac
# The deployment's setting (README, Scaling out), for the measures and the load test's servers alike.
psql -d "$BENCH_DB" -qc "ALTER DATABASE \"$BENCH_DB\" SET jit = ${BENCH_JIT:-off}" \
    -c "ALTER DATABASE \"$BENCH_DB\" SET random_page_cost = ${BENCH_RANDOM_PAGE_COST:-1.1}" \
    -c "ALTER DATABASE \"$BENCH_DB\" SET max_parallel_workers_per_gather = ${BENCH_PARALLEL:-0}"
case " $BENCH_STEPS " in *" measure "*)
    say "measuring (ours vs Odoo's, interleaved)"
    bench_py measure.py --rounds "$BENCH_ROUNDS" --import-rows "$BENCH_IMPORT_ROWS" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
;; esac
case " $BENCH_STEPS " in *" load "*)
    bash "$ROOT/bench/load.sh"
;; esac
case " $BENCH_STEPS " in *" report "*)
    "$PY" "$ROOT/bench/report.py" >/dev/null && say "README.md: benchmark table updated"
;; esac
