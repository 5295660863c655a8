# Shared settings of the project's scripts; sourced, never run.
# Every value can be overridden from the environment.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ODOO_SRC=${ODOO_SRC:-${XDG_CACHE_HOME:-$HOME/.cache}/xtools_crm/odoo-18.0}
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
LOCAL=$ROOT/.local                      # git-ignored: private PostgreSQL cluster, filestore, logs
DB_NAME=${DB_NAME:-xtools}
DB_HOST=${DB_HOST:-localhost}
DB_USER=${DB_USER:-xtools}
DB_PASSWORD=${DB_PASSWORD:-xtools}
HTTP_PORT=${HTTP_PORT:-8069}

if [ "$(id -u)" = 0 ]; then
    DB_PORT=${DB_PORT:-5432}            # the machine's cluster, run by the postgres system user
else
    DB_PORT=${DB_PORT:-5433}            # a private cluster under .local/
fi
export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER PGPASSWORD=$DB_PASSWORD

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# The odoo-bin command line shared by run and test: config file plus the database connection.
odoo_cmd() {
    "$PY" "$ODOO_SRC/odoo-bin" -c "$ROOT/odoo.conf" --data-dir="$LOCAL/data" \
        --db_host="$DB_HOST" --db_port="$DB_PORT" -r "$DB_USER" -w "$DB_PASSWORD" "$@"
}

db_exists() {
    psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" 2>/dev/null | grep -q 1
}
