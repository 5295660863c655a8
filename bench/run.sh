#!/usr/bin/env bash
# Run the benchmarks against a database `xtools_bench` (created with the module and demo data if missing).
source "$(dirname "$0")/../scripts/common.sh"
"$ROOT/scripts/setup.sh"
BENCH_DB=${BENCH_DB:-xtools_bench}
db_exists "$BENCH_DB" || odoo_cmd -d "$BENCH_DB" -i xtools_crm --load-language=zh_CN --stop-after-init --log-level=warn
odoo_cmd -d "$BENCH_DB" -u xtools_crm --stop-after-init --log-level=warn
# BENCH picks the benchmarks (bench/bench_<name>.py): import, workbench.
for name in ${BENCH:-import workbench}; do
    "$PY" "$ODOO_SRC/odoo-bin" shell -c "$ROOT/odoo.conf" --data-dir="$LOCAL/data" --db_host="$DB_HOST" \
        --db_port="$DB_PORT" -r "$DB_USER" -w "$DB_PASSWORD" -d "$BENCH_DB" --log-level=warn \
        < "$ROOT/bench/bench_$name.py" 2>&1 | grep -E "^[0-9]{4}-|^\["
done
