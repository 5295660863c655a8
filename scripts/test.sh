#!/usr/bin/env bash
# `make test`: on a throw-away database, install and upgrade xtools_crm, then run every Python test and
# browser tour with pytest-odoo. Fails on any failure, error or skipped test (Odoo's HttpCase skips a tour
# silently when Chromium or websocket-client is missing: that must never pass). Extra arguments go to pytest,
# e.g. `make test T="-k access"` (a run narrowed by T skips `make lint`).
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"

command -v chromium >/dev/null || command -v google-chrome >/dev/null \
    || die "Chromium is needed for the browser tours: apt-get install chromium"
command -v wkhtmltopdf >/dev/null && command -v pdftotext >/dev/null \
    || die "wkhtmltopdf and pdftotext are needed for the PDF tests: apt-get install wkhtmltopdf poppler-utils"
"$PY" -c 'import websocket' 2>/dev/null || die "the websocket-client package is missing from $VENV"
# A full run (no T) lints first, as CI does: a lint problem fails `make test` like a failing test.
[ -n "${T:-}" ] || bash "$ROOT/scripts/lint.sh" || exit 1

TEST_DB=${TEST_DB:-xtools_test_$$}
LOG=$LOCAL/test-$TEST_DB.log
mkdir -p "$LOCAL"
cleanup() {
    dropdb --if-exists "$TEST_DB" 2>/dev/null || true
    rm -rf "$LOCAL/data/filestore/$TEST_DB"
}
trap cleanup EXIT

say "installing xtools_crm with demo data into $TEST_DB (log: $LOG)"
odoo_cmd -d "$TEST_DB" -i xtools_crm --load-language=zh_CN --stop-after-init --log-level=warn >"$LOG" 2>&1 \
    || { tail -50 "$LOG"; die "installing xtools_crm failed"; }
say "upgrading xtools_crm in $TEST_DB"
odoo_cmd -d "$TEST_DB" -u xtools_crm --stop-after-init --log-level=warn >>"$LOG" 2>&1 \
    || { tail -50 "$LOG"; die "upgrading xtools_crm failed"; }
if grep -E " (ERROR|CRITICAL) |demo data failed to install" "$LOG"; then
    grep -A12 "demo data failed to install" "$LOG" | grep -v "^  " | tail -5
    die "install/upgrade logged errors (see $LOG)"
fi

say "running the tests"
conf=$(mktemp)
sed -e "s|^addons_path *=.*|addons_path = $ROOT/addons|" -e "s|^http_port *=.*|http_port = $HTTP_PORT|" odoo.conf > "$conf"
cat >> "$conf" <<EOT
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
data_dir = $LOCAL/data
EOT
set +e
# Test files or folders given in T replace the whole suite; other arguments (-k ...) narrow it.
targets=addons/xtools_crm/tests
case " ${T:-}" in *" addons/"*) targets= ;; esac
"$VENV/bin/pytest" $targets \
    --odoo-config="$conf" --odoo-database="$TEST_DB" --odoo-http --odoo-log-level=warn \
    -p no:cacheprovider -W "ignore:'werkzeug.urls.:DeprecationWarning" -rfEs ${T:-} 2>&1 | tee "$LOCAL/pytest.out"
rc=${PIPESTATUS[0]}
set -e
rm -f "$conf"
summary=$(grep -E '^=+ .*(passed|failed|error|skipped|no tests ran).* =+$' "$LOCAL/pytest.out" | tail -1)
[ "$rc" = 0 ] || die "tests failed (pytest exit code $rc): $summary"
if echo "$summary" | grep -q skipped; then
    die "some tests were skipped; a skipped test or tour never counts as passed: $summary"
fi
say "all tests passed: $summary"
