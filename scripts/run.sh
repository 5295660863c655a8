#!/usr/bin/env bash
# `make run`: set up, create (or upgrade) the database $DB_NAME with xtools_crm and its Chinese demo data,
# then serve Odoo on http://localhost:$HTTP_PORT until Ctrl-C. Odoo's own log goes to .local/odoo-$DB_NAME.log;
# `make run LOG=1` shows it in the terminal instead.
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"

mkdir -p "$LOCAL"
ODOO_LOG=$LOCAL/odoo-$DB_NAME.log
if [ -n "${LOG:-}" ] && [ "${LOG}" != 0 ]; then
    log_args=()
    log_where="this terminal"
    to_log() { cat; }
else
    log_args=(--logfile="$ODOO_LOG")
    log_where="$ODOO_LOG (make run LOG=1 shows it here)"
    : > "$ODOO_LOG"
    to_log() { cat >> "$ODOO_LOG"; }
fi

if db_exists "$DB_NAME"; then
    say "upgrading xtools_crm in the existing database $DB_NAME"
    odoo_cmd -d "$DB_NAME" -u xtools_crm --stop-after-init --log-level=warn 2>&1 | to_log \
        || { tail -30 "$ODOO_LOG"; die "upgrading xtools_crm failed (log: $ODOO_LOG)"; }
else
    say "creating the database $DB_NAME with xtools_crm and Chinese demo data (a few minutes)"
    # The HTTP port is given here too: it becomes the database's first web.base.url, from which wkhtmltopdf
    # fetches the printouts' styles.
    odoo_cmd -d "$DB_NAME" -i xtools_crm --load-language=zh_CN --stop-after-init --log-level=warn \
        --http-port="$HTTP_PORT" 2>&1 | to_log \
        || { tail -30 "$ODOO_LOG"; die "installing xtools_crm failed (log: $ODOO_LOG)"; }
fi
say "starting Odoo"

cat <<EOT

  XTools CRM (销售管理) is starting on  http://localhost:$HTTP_PORT   (database: $DB_NAME)

  Demo logins (login / password):
    admin   / admin     系统管理员 (老板)
    boss    / boss      赵志远  老板
    manager / manager   王建国  经理, leads 华东销售部
    sales1  / sales1    李明    销售, 华东销售部
    sales2  / sales2    张丽    销售, 华东销售部
    sales3  / sales3    刘强    销售, 华北销售部

  Odoo's log: $log_where
  This is a development server (demo data, master password "admin", database list open).
  For production see README.md → "Production" and deploy/odoo.production.conf.
  Stop with Ctrl-C.

EOT
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$ROOT/odoo.conf" --data-dir="$LOCAL/data" \
    --db_host="$DB_HOST" --db_port="$DB_PORT" -r "$DB_USER" -w "$DB_PASSWORD" \
    -d "$DB_NAME" --db-filter="^$DB_NAME\$" --http-port="$HTTP_PORT" "${log_args[@]}"
